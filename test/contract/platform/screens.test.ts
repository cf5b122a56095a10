// Conformance of the sandbox's screens with Jira Cloud's documented REST API
// (docs/platform-contract.md, "Screens, custom fields and provisioning").
// Everything goes over HTTP to the served sandbox, with Basic auth, as Jira is called.
import { basicAuthJiraTransport } from '../../../src/adapters/jira/basic-auth-transport';
import { jiraProvisioning } from '../../../src/adapters/jira/jira-api';
import { writeTicket } from '../../../src/adapters/jira/ticket-write';
import { JiraHttpError, type JiraTransport } from '../../../src/ports/jira-transport';
import { loadTemplates } from '../../../src/config/templates/load-templates';
import { applySite, driftSite } from '../../../src/usecases/provision';
import { emptyRecord, type ProvisioningRecord } from '../../../src/domain/provisioning/record';
import { createSandbox, REPO_ROOT, type Sandbox } from '../../../src/sandbox/sandbox';
import { startServer, type RunningServer } from '../../../src/sandbox/server';
import { quietHandlerLogs } from '../../setup/handler-logs';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const NOT_ON_SCREEN = (id: string) => `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

let sb: Sandbox;
let server: RunningServer;

beforeEach(async () => {
  quietHandlerLogs();
  sb = createSandbox({ dataDir: ':memory:' });
  server = await startServer(sb, 0);
});
afterEach(async () => {
  await server.close();
  await sb.close();
});

async function call(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${who}@example.com:sandbox-token`).toString('base64')}`,
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function newTextField(name: string): Promise<string> {
  const res = await call('admin', 'POST', '/rest/api/3/field', {
    name,
    type: `${CF}textfield`,
    searcherKey: `${CF}textsearcher`,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function raise(): Promise<string> {
  const res = await call('alice', 'POST', '/rest/servicedeskapi/request', {
    serviceDeskId: '1',
    requestTypeId: '1',
    requestFieldValues: { summary: 'screens' },
  });
  expect(res.status).toBe(201);
  return res.body.issueKey as string;
}

/** The edit screen of Service Request issues in AIC, found the way provisioning finds it. */
async function serviceRequestEditScreen(): Promise<{ screenId: number; tabId: number }> {
  const itss = (await call('admin', 'GET', '/rest/api/3/issuetypescreenscheme/project?projectId=10000')).body.values[0]
    .issueTypeScreenScheme.id;
  const mappings = (
    await call('admin', 'GET', `/rest/api/3/issuetypescreenscheme/mapping?issueTypeScreenSchemeId=${itss}`)
  ).body.values as Array<{ issueTypeId: string; screenSchemeId: string }>;
  const schemeId = (mappings.find((m) => m.issueTypeId === '10010') ??
    mappings.find((m) => m.issueTypeId === 'default'))!.screenSchemeId;
  const scheme = (await call('admin', 'GET', `/rest/api/3/screenscheme?id=${schemeId}`)).body.values[0];
  const screenId = (scheme.screens.edit ?? scheme.screens.default) as number;
  const tabId = (await call('admin', 'GET', `/rest/api/3/screens/${screenId}/tabs`)).body[0].id as number;
  return { screenId, tabId };
}

/** A text field on Service Request's edit screen, a new request and a transition available on it. */
async function fieldOnEditScreenAndRequest(): Promise<{ field: string; key: string; transitionId: string }> {
  const field = await newTextField('Grant status');
  const { screenId, tabId } = await serviceRequestEditScreen();
  await call('admin', 'POST', `/rest/api/3/screens/${screenId}/tabs/${tabId}/fields`, { fieldId: field });
  const key = await raise();
  const transitionId = (await call('agent', 'GET', `/rest/api/3/issue/${key}/transitions`)).body.transitions[0]
    .id as string;
  return { field, key, transitionId };
}

describe('PROV-1: an edit sets only fields on the issue’s edit screen', () => {
  it('refuses a new custom field (on no screen) with errors[fieldId], and accepts it once it is on the edit screen', async () => {
    const field = await newTextField('Grant status');
    const key = await raise();
    const refused = await call('agent', 'PUT', `/rest/api/3/issue/${key}`, { fields: { [field]: 'active' } });
    expect(refused).toEqual({ status: 400, body: { errorMessages: [], errors: { [field]: NOT_ON_SCREEN(field) } } });

    const { screenId, tabId } = await serviceRequestEditScreen();
    expect(
      await call('admin', 'POST', `/rest/api/3/screens/${screenId}/tabs/${tabId}/fields`, { fieldId: field }),
    ).toEqual({ status: 200, body: { id: field, name: 'Grant status' } });
    expect((await call('agent', 'PUT', `/rest/api/3/issue/${key}`, { fields: { [field]: 'active' } })).status).toBe(
      204,
    );
    expect((await call('agent', 'GET', `/rest/api/3/issue/${key}?fields=${field}`)).body.fields[field]).toBe('active');
  });

  it('looks at the edit screen, not the create or view screen', async () => {
    const field = await newTextField('Risk level');
    const key = await raise();
    // Service Request's default screen serves create and view; edit has a screen of its own.
    const scheme = (await call('admin', 'GET', '/rest/api/3/screenscheme')).body.values.find(
      (s: { screens: { edit?: number } }) => s.screens.edit !== undefined,
    );
    const viewTab = (await call('admin', 'GET', `/rest/api/3/screens/${scheme.screens.default}/tabs`)).body[0].id;
    await call('admin', 'POST', `/rest/api/3/screens/${scheme.screens.default}/tabs/${viewTab}/fields`, {
      fieldId: field,
    });
    expect((await call('agent', 'PUT', `/rest/api/3/issue/${key}`, { fields: { [field]: 'high' } })).status).toBe(400);
  });
});

describe('PROV-2: a transition sets only fields on its transition screen', () => {
  it('a transition without a screen refuses any field, still moves with a comment, and says hasScreen false', async () => {
    const key = await raise();
    const transitions = (await call('agent', 'GET', `/rest/api/3/issue/${key}/transitions`)).body.transitions as Array<{
      id: string;
      hasScreen: boolean;
    }>;
    expect(transitions.length).toBeGreaterThan(0);
    expect(transitions.every((t) => t.hasScreen === false)).toBe(true);
    const before = (await call('agent', 'GET', `/rest/api/3/issue/${key}?fields=status`)).body.fields.status.name;
    const refused = await call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: transitions[0].id },
      fields: { labels: ['x'] },
    });
    expect(refused).toEqual({ status: 400, body: { errorMessages: [], errors: { labels: NOT_ON_SCREEN('labels') } } });
    expect((await call('agent', 'GET', `/rest/api/3/issue/${key}?fields=status`)).body.fields.status.name).toBe(before);
    const comment = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'moving' }] }],
    };
    expect(
      (
        await call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, {
          transition: { id: transitions[0].id },
          update: { comment: [{ add: { body: comment } }] },
        })
      ).status,
    ).toBe(204);
  });

  it('the app’s ticket write moves the ticket with a bare transition, then sets fields and the property in one edit (src/adapters/jira/ticket-write.ts)', async () => {
    const { field, key, transitionId } = await fieldOnEditScreenAndRequest();
    const inner = basicAuthJiraTransport({ siteUrl: server.url, email: 'agent@example.com', token: 'sandbox-token' });
    const sent: Array<{ method: string; path: string; body: unknown }> = [];
    const jira: JiraTransport = {
      request: (req) => (sent.push({ method: req.method, path: req.path, body: req.body }), inner.request(req)),
    };
    const r = await writeTicket(jira, key, {
      transitionId,
      fields: { [field]: 'pending_approval' },
      comments: [],
      properties: [{ key: 'aiClearance', value: { status: 'pending_approval' } }],
    });
    // No call that Jira refuses: the transition carries nothing but itself; the property (the stamp) comes last.
    expect(r).toEqual({ calls: 2, transitioned: true, droppedFields: [] });
    expect(sent.map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST /rest/api/3/issue/${key}/transitions`,
      `PUT /rest/api/3/issue/${key}`,
    ]);
    expect(sent[0].body).toEqual({ transition: { id: transitionId }, fields: {}, properties: [] });
    expect(sent[1].body).toMatchObject({
      fields: { [field]: 'pending_approval' },
      properties: [{ key: 'aiClearance' }],
    });
    const issue = (await call('agent', 'GET', `/rest/api/3/issue/${key}?fields=${field}&properties=aiClearance`)).body;
    expect(issue.fields[field]).toBe('pending_approval');
    expect(issue.properties).toEqual({ aiClearance: { status: 'pending_approval' } });
  });
});

describe('PROV-3: (unverified) whether a screenless transition takes update.comment', () => {
  it('the sandbox takes it; a Jira that refuses it gets the comments in the edit instead (the app survives either answer)', async () => {
    const { field, key, transitionId } = await fieldOnEditScreenAndRequest();
    const inner = basicAuthJiraTransport({ siteUrl: server.url, email: 'agent@example.com', token: 'sandbox-token' });
    const strict: JiraTransport = {
      request: (req) => {
        const body = req.body as { update?: { comment?: unknown[] } } | undefined;
        if (req.method === 'POST' && req.path.endsWith('/transitions') && body?.update?.comment?.length) {
          return Promise.reject(
            new JiraHttpError(400, req.method, req.path, [], {
              comment: "Field 'comment' cannot be set. It is not on the appropriate screen, or unknown.",
            }),
          );
        }
        return inner.request(req);
      },
    };
    const adf = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'noted' }] }],
    };
    const r = await writeTicket(strict, key, {
      transitionId,
      fields: { [field]: 'x' },
      comments: [{ adf, internal: true }],
      properties: [],
    });
    expect(r).toMatchObject({ transitioned: true, droppedFields: [] });
    const issue = (await call('agent', 'GET', `/rest/api/3/issue/${key}?fields=comment,${field}`)).body.fields;
    expect(issue[field]).toBe('x');
    expect(issue.comment.comments.map((c: { body: unknown }) => c.body)).toContainEqual(adf);
  });
});

describe('PROV-4: the screens REST API has Jira’s paths and shapes', () => {
  it('issue type screen scheme of a project → mapping → screen scheme → screen → tabs → tab fields', async () => {
    const projects = (await call('admin', 'GET', '/rest/api/3/issuetypescreenscheme/project?projectId=10000')).body;
    expect(projects).toMatchObject({
      isLast: true,
      values: [{ issueTypeScreenScheme: { id: expect.any(String), name: expect.any(String) }, projectIds: ['10000'] }],
    });
    const mapping = (
      await call(
        'admin',
        'GET',
        `/rest/api/3/issuetypescreenscheme/mapping?issueTypeScreenSchemeId=${projects.values[0].issueTypeScreenScheme.id}`,
      )
    ).body.values;
    expect(mapping).toContainEqual({
      issueTypeScreenSchemeId: projects.values[0].issueTypeScreenScheme.id,
      issueTypeId: 'default',
      screenSchemeId: expect.any(String),
    });
    const schemes = (await call('admin', 'GET', '/rest/api/3/screenscheme')).body.values;
    // ScreenTypes holds integer screen ids; default is always there.
    for (const s of schemes)
      expect(s).toMatchObject({
        id: expect.any(Number),
        name: expect.any(String),
        screens: { default: expect.any(Number) },
      });
    const screens = (await call('admin', 'GET', '/rest/api/3/screens')).body;
    expect(screens.values[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      description: expect.any(String),
    });
    const tabs = (await call('admin', 'GET', `/rest/api/3/screens/${screens.values[0].id}/tabs`)).body;
    expect(tabs).toEqual([{ id: expect.any(Number), name: 'Field Tab' }]);
    const fields = (await call('admin', 'GET', `/rest/api/3/screens/${screens.values[0].id}/tabs/${tabs[0].id}/fields`))
      .body;
    expect(fields).toContainEqual({ id: 'summary', name: 'Summary' });
  });

  it('needs Administer Jira, and 404s an unknown screen', async () => {
    expect((await call('agent', 'GET', '/rest/api/3/screens')).status).toBe(403);
    expect((await call('agent', 'GET', '/rest/api/3/issuetypescreenscheme/project?projectId=10000')).status).toBe(403);
    expect((await call('admin', 'GET', '/rest/api/3/screens/999/tabs')).status).toBe(404);
  });
});

describe('PROV-5: provisioning puts the app’s fields on the screens and reports one taken off as drift', () => {
  it('apply places every field on the create/edit/view screens of Service Request; drift sees a removal; apply mends it', async () => {
    let record: ProvisioningRecord = emptyRecord();
    const templates = loadTemplates(REPO_ROOT);
    const opts = {
      transport: basicAuthJiraTransport({ siteUrl: server.url, email: 'admin@example.com', token: 'sandbox-token' }),
      provisioning: jiraProvisioning,
      templatesDir: REPO_ROOT,
      templates,
      store: { load: async () => record, save: async (r: ProvisioningRecord) => void (record = r) },
      sleep: async () => undefined,
    };
    const applied = await applySite(opts);
    expect(applied.ok).toBe(true);
    const placed = applied.run.steps.filter((s) => s.key.startsWith('screenField:'));
    expect(placed).toHaveLength(templates.desired.fields.length * 2);

    const { screenId, tabId } = await serviceRequestEditScreen();
    const onEdit = (await call('admin', 'GET', `/rest/api/3/screens/${screenId}/tabs/${tabId}/fields`)).body.map(
      (f: { id: string }) => f.id,
    );
    for (const f of Object.values(record.fields)) expect(onEdit).toContain(f.id);

    const tool = record.fields.aiTool.id;
    expect((await call('admin', 'DELETE', `/rest/api/3/screens/${screenId}/tabs/${tabId}/fields/${tool}`)).status).toBe(
      204,
    );
    const { report } = await driftSite(opts);
    // (JSM queues and portal forms are manual steps this test does not perform.)
    expect(report.items.filter((i) => i.kind !== 'manual')).toEqual([
      expect.objectContaining({ key: `screenField:${screenId}:aiTool`, kind: 'missing' }),
    ]);
    const mended = await applySite(opts);
    expect(mended.run.steps.map((s) => [s.key, s.outcome])).toEqual([[`screenField:${screenId}:aiTool`, 'created']]);
    expect((await driftSite(opts)).report.items.filter((i) => i.kind !== 'manual')).toEqual([]);
  });
});
