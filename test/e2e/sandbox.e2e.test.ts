// Issue 2 "done when", over HTTP against `npm start`, with jira.js as a real client would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServiceDeskClient, Version3Client } from 'jira.js';
import { freePort, startSandbox, type StartedSandbox } from './start-sandbox';

jest.setTimeout(180_000);

const TOKEN = 'sandbox-token';
let dataDir: string;
let sandbox: StartedSandbox;

const v3 = (email: string, apiToken = TOKEN) =>
  new Version3Client({ host: sandbox.url, authentication: { basic: { email, apiToken } } });
const sd = (email: string) =>
  new ServiceDeskClient({ host: sandbox.url, authentication: { basic: { email, apiToken: TOKEN } } });

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    const err = e as { status?: number; response?: { status?: number }; cause?: { response?: { status?: number } } };
    return err.status ?? err.response?.status ?? err.cause?.response?.status ?? -1;
  }
}

async function control(method: string, p: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(sandbox.url + p, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: res.status === 204 ? undefined : await res.json() };
}

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-e2e-'));
  sandbox = await startSandbox(dataDir, await freePort());
});

afterAll(async () => {
  await sandbox?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start serves the sandbox', () => {
  it('answers serverInfo, myself per user, and 401 for wrong credentials', async () => {
    expect((await v3('admin@example.com').serverInfo.getServerInfo()).deploymentType).toBe('Cloud');
    const alice = await v3('alice@example.com').myself.getCurrentUser();
    const bob = await v3('bob@example.com').myself.getCurrentUser();
    expect(alice.emailAddress).toBe('alice@example.com');
    expect(bob.accountId).not.toBe(alice.accountId);
    expect(await statusOf(v3('alice@example.com', 'wrong-token').myself.getCurrentUser())).toBe(401);
  });

  it('provisioned the templates on first start', async () => {
    const types = await sd('admin@example.com').serviceDesk.getRequestTypes({ serviceDeskId: '1' });
    expect(types.values?.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'Request access to an AI tool',
        'Extend AI tool access',
        'Hand back AI tool access',
        'Propose an AI tool for the catalog',
      ]),
    );
    const fields = await v3('admin@example.com').issueFields.getFields();
    expect(fields.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'AI tool',
        'Business purpose',
        'Access duration (days)',
        'Grant status',
        'Grant expires',
        'Risk level',
        'Decision rationale',
      ]),
    );
  });

  it('drives a request through jira.js and dispatches the product events to the app', async () => {
    const since =
      (
        (await control('GET', '/__sandbox/events?limit=100000')).json as { invocations: Array<{ seq: number }> }
      ).invocations.at(-1)?.seq ?? 0;
    const created = await sd('alice@example.com').request.createCustomerRequest({
      serviceDeskId: '1',
      requestTypeId: '1',
      requestFieldValues: { summary: 'Printer is on fire' },
    });
    const key = created.issueKey as string;
    expect((await sd('alice@example.com').request.getCustomerRequestByIdOrKey({ issueIdOrKey: key })).issueKey).toBe(
      key,
    );

    const agent = v3('agent@example.com');
    expect((await agent.issueComments.addComment({ issueIdOrKey: key, comment: adf('On it') })).id).toBeDefined();
    const transitions = await agent.issues.getTransitions({ issueIdOrKey: key });
    const next = transitions.transitions?.[0];
    expect(next?.id).toBeDefined();
    await agent.issues.doTransition({ issueIdOrKey: key, transition: { id: next?.id as string } });
    await agent.issueProperties.setIssueProperty({
      issueIdOrKey: key,
      propertyKey: 'e2e.note',
      propertyValue: { ok: true },
    });
    expect(
      (await agent.issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey: 'e2e.note' })).value,
    ).toEqual({ ok: true });

    expect((await control('POST', '/__sandbox/settle', { timeoutMs: 30_000 })).status).toBe(200);
    const log = (await control('GET', `/__sandbox/events?since=${since}&limit=1000`)).json as {
      invocations: Array<{ eventType?: string; functionKey: string; result: string }>;
    };
    const created_ = log.invocations.find((i) => i.eventType === 'avi:jira:created:issue');
    const updated = log.invocations.find((i) => i.eventType === 'avi:jira:updated:issue');
    expect(created_?.functionKey).toBe('on-issue-created');
    expect(updated?.functionKey).toBe('on-issue-updated');
  });

  it('pages JQL with nextPageToken and keeps Cloud’s errors', async () => {
    for (let i = 0; i < 3; i++)
      await sd('bob@example.com').request.createCustomerRequest({
        serviceDeskId: '1',
        requestTypeId: '1',
        requestFieldValues: { summary: `bob ${i}` },
      });
    const agent = v3('agent@example.com');
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    let pages = 0;
    do {
      const page = await agent.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
        jql: 'project = AIC ORDER BY key ASC',
        maxResults: 2,
        fields: ['summary'],
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      keys.push(...(page.issues ?? []).map((i) => i.key));
      nextPageToken = page.nextPageToken;
      pages++;
    } while (nextPageToken);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(4);

    const alicesRequest = (
      await sd('alice@example.com').request.createCustomerRequest({
        serviceDeskId: '1',
        requestTypeId: '1',
        requestFieldValues: { summary: 'private' },
      })
    ).issueKey as string;
    expect(
      await statusOf(
        agent.issueComments.addComment({
          issueIdOrKey: alicesRequest,
          comment: { type: 'doc', version: 1, content: [{ type: 'nope' }] },
        }),
      ),
    ).toBe(400);
    expect(await statusOf(agent.issueSearch.searchForIssuesUsingJql({ jql: 'project = AIC' }))).toBe(410);
    expect(
      await statusOf(sd('bob@example.com').request.getCustomerRequestByIdOrKey({ issueIdOrKey: alicesRequest })),
    ).toBe(404);
  });

  it('keeps the data across a restart', async () => {
    const before = await v3('agent@example.com').issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: 'project = AIC ORDER BY key ASC',
      maxResults: 100,
      fields: ['summary'],
    });
    await sandbox.stop();
    sandbox = await startSandbox(dataDir, await freePort());
    expect(sandbox.output()).toContain('Sandbox data from');
    const after = await v3('agent@example.com').issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: 'project = AIC ORDER BY key ASC',
      maxResults: 100,
      fields: ['summary'],
    });
    expect(after.issues?.map((i) => i.key)).toEqual(before.issues?.map((i) => i.key));
    expect(after.issues?.length).toBeGreaterThan(0);
  });

  it('resets to a fresh site with the templates and demo catalog applied again', async () => {
    const reset = await control('POST', '/__sandbox/reset');
    expect(reset.status).toBe(200);
    const search = await v3('agent@example.com').issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: 'project = AIC ORDER BY key ASC',
      fields: ['summary'],
    });
    expect(search.issues ?? []).toHaveLength(0);
    const types = await sd('admin@example.com').serviceDesk.getRequestTypes({ serviceDeskId: '1' });
    expect(types.values?.map((t) => t.name)).toContain('Request access to an AI tool');
    const catalog = await fetch(`${sandbox.url}/__sandbox/invoke`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Basic ${Buffer.from('admin@example.com:sandbox-token').toString('base64')}`,
      },
      body: JSON.stringify({
        functionKey: 'admin-resolver',
        functionName: 'catalog.list',
        payload: { status: 'requestable' },
      }),
    }).then((r) => r.json() as Promise<{ result: { entries: Array<{ id: string }> } }>);
    expect(catalog.result.entries.map((e) => e.id)).toEqual(
      expect.arrayContaining(['chatgpt-enterprise', 'deepl-pro']),
    );
  });
});
