// One source of provisioning truth (docs/platform-contract.md, "Screens, custom
// fields and provisioning", PROV-20..): the Jira facts discovery relies on, and
// the app finding its fields on a site the CLI provisioned (whose record stays
// in the CLI's state file), over HTTP against the served sandbox.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { bootstrapSandboxCatalog } from '../../../src/sandbox/catalog-bootstrap';
import { firstStart } from '../../../src/sandbox/first-start';
import type { JiraEmulator } from '../../../src/sandbox/jira';
import { createSandbox, type Sandbox } from '../../../src/sandbox/sandbox';
import { startServer, type RunningServer } from '../../../src/sandbox/server';
import { DISCOVERY_RETRY_MS } from '../../../src/usecases/shared/provisioning-discovery';
import {
  cliRecordedIds,
  cliStatePath,
  fileFormRequest,
  manualStepsOverHttp,
  siteHttp,
  ticketEvidence,
  type ProvisionedIds,
  type SiteHttp,
} from '../../e2e/cli-provisioned-site';
import { quietHandlerLogs } from '../../setup/handler-logs';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const T0 = '2026-06-01T09:00:00.000Z';

interface Bare {
  sb: Sandbox;
  server: RunningServer;
  site: SiteHttp;
  dir: string;
  /** The app's own Jira calls (asApp from Forge), in order. */
  appCalls: string[];
  close(): Promise<void>;
}

/** A served sandbox started as `SANDBOX_PROVISION=off npm start` does: a bare site, the demo catalog approved. */
async function bareSite(): Promise<Bare> {
  quietHandlerLogs();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const sb = createSandbox({ dataDir: ':memory:' });
  sb.clock.set(T0, { freeze: true });
  const appCalls: string[] = [];
  const jira = sb.jira as JiraEmulator & { handle: JiraEmulator['handle'] };
  const handle = jira.handle.bind(jira);
  jira.handle = (req) => {
    if (req.principal.kind === 'app') appCalls.push(`${req.method} ${req.path}`);
    return handle(req);
  };
  const server = await startServer(sb, 0);
  await firstStart(sb, () => undefined, bootstrapSandboxCatalog, { provision: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-discovery-'));
  return {
    sb,
    server,
    site: siteHttp(server.url),
    dir,
    appCalls,
    async close() {
      await server.close();
      await sb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `ai-clearance provision apply` against the served site, record in a temp AIC_STATE_DIR; answers the ids it recorded. */
async function provisionWithCli(b: Bare): Promise<ProvisionedIds> {
  let out = '';
  const io: CliIo = {
    out: (t) => (out += `${t}\n`),
    err: (t) => (out += `${t}\n`),
    env: { AIC_SITE: b.server.url, AIC_EMAIL: 'admin@example.com', AIC_TOKEN: 'sandbox-token', AIC_STATE_DIR: b.dir },
    cwd: b.dir,
  };
  const code = await runCli(['provision', 'apply'], io);
  if (code !== 0) throw new Error(`provision apply exited ${code}:\n${out}`);
  return cliRecordedIds(cliStatePath(b.dir, b.server.url));
}

/** A bare site provisioned by the CLI, the manual steps done over HTTP, the AI tool options synced with the catalog. */
async function cliProvisionedSite(): Promise<{ b: Bare; ids: ProvisionedIds }> {
  const b = await bareSite();
  const ids = await provisionWithCli(b);
  await manualStepsOverHttp(b.site, ids);
  // The AI tool options follow the catalog once the field exists (the admin resolver catalog.syncOptions).
  expect(await b.site.admin('catalog.syncOptions')).toMatchObject({
    ok: true,
    created: expect.arrayContaining(['ChatGPT Enterprise']),
  });
  return { b, ids };
}

describe("Jira's fields as discovery reads them (one bare site)", () => {
  let b: Bare;
  beforeAll(async () => {
    b = await bareSite();
  });
  afterAll(() => b.close());

  describe('PROV-20 GET /rest/api/3/field: every field the caller may view, unpaged, custom ones with their type key; no permission needed', () => {
    it('answers a customer an array of system and custom fields; a custom field carries custom: true and schema.custom', async () => {
      const created = await b.site.call('admin', 'POST', '/rest/api/3/field', {
        name: 'Probe purpose',
        type: `${CF}textarea`,
        searcherKey: `${CF}textsearcher`,
      });
      expect(created.status).toBe(201);
      const res = await b.site.call('alice', 'GET', '/rest/api/3/field');
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body.find((f: any) => f.id === 'summary')).toMatchObject({
        custom: false,
        schema: { system: 'summary' },
      });
      expect(res.body.find((f: any) => f.id === created.body.id)).toMatchObject({
        name: 'Probe purpose',
        custom: true,
        schema: { custom: `${CF}textarea` },
      });
    });
  });

  describe('PROV-21 GET /rest/api/3/field/search needs Administer Jira (GET /rest/api/3/field does not)', () => {
    it('refuses an agent and a customer, answers an admin', async () => {
      expect(
        (await b.site.call('agent', 'GET', '/rest/api/3/field/search', undefined, { type: 'custom' })).status,
      ).toBe(403);
      expect(
        (await b.site.call('alice', 'GET', '/rest/api/3/field/search', undefined, { type: 'custom' })).status,
      ).toBe(403);
      expect(
        (await b.site.call('admin', 'GET', '/rest/api/3/field/search', undefined, { type: 'custom' })).status,
      ).toBe(200);
      expect((await b.site.call('agent', 'GET', '/rest/api/3/field')).status).toBe(200);
    });
  });

  describe('PROV-22 two custom fields may share a name and a type', () => {
    it('creates both and lists both', async () => {
      const body = { name: 'Twin', type: `${CF}float`, searcherKey: `${CF}exactnumber` };
      const first = await b.site.call('admin', 'POST', '/rest/api/3/field', body);
      const second = await b.site.call('admin', 'POST', '/rest/api/3/field', body);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(first.body.id).not.toBe(second.body.id);
      const twins = (await b.site.call('admin', 'GET', '/rest/api/3/field')).body.filter((f: any) => f.name === 'Twin');
      expect(twins.map((f: any) => f.id).sort()).toEqual([first.body.id, second.body.id].sort());
    });
  });
});

describe('PROV-23 the app finds its fields on a site the CLI provisioned (discovery, cached in KVS)', () => {
  let b: Bare;
  let ids: ProvisionedIds;
  beforeAll(async () => {
    ({ b, ids } = await cliProvisionedSite());
  }, 120_000);
  afterAll(() => b.close());

  it('the app store had no provisioning record: the CLI kept its own', async () => {
    expect((await b.site.admin('provision.status')).ids).toEqual({ source: 'none', problems: [] });
  });

  it('reads a request filed through the form, stamps it, and caches what it discovered; the next intake does no GET /field', async () => {
    const before = b.appCalls.length;
    const first = await fileFormRequest(b.site, ids, {
      summary: 'ChatGPT for release notes',
      tool: 'ChatGPT Enterprise',
      purpose: 'Drafting release notes and summarising support tickets',
      days: 30,
    });
    await b.site.settle();
    const firstCalls = b.appCalls.slice(before);
    expect(firstCalls.filter((c) => c === 'GET /rest/api/3/field')).toHaveLength(1);
    const ev = await ticketEvidence(b.site, ids, first.issueKey);
    expect(ev.property).toMatchObject({ toolId: 'chatgpt-enterprise', status: 'pending_approval' });
    expect(ev.grantStatus).toMatchObject({ value: expect.any(String) });
    expect(ev.publicComments.length).toBeGreaterThan(0);
    const events = (await b.site.admin('governance.list', { subjectType: 'request', subjectId: first.issueId })).events;
    expect(events.map((e: any) => e.action)).toContain('request.submitted');

    const status = (await b.site.admin('provision.status')).ids;
    expect(status).toMatchObject({ source: 'discovered', discoveredAt: T0, problems: [] });

    const mark = b.appCalls.length;
    const second = await fileFormRequest(b.site, ids, {
      who: 'bob',
      summary: 'Claude',
      tool: 'Claude for Work (Team and Enterprise)',
      purpose: 'Summarising customer interviews for the product team',
      days: 30,
    });
    await b.site.settle();
    expect(b.appCalls.slice(mark).filter((c) => c.startsWith('GET /rest/api/3/field'))).toEqual([]);
    expect((await ticketEvidence(b.site, ids, second.issueKey)).property).toMatchObject({ toolId: 'claude-for-work' });
  }, 60_000);
});

describe("PROV-24 two fields of the app's name and type: an error the admin sees, never a guess; intake waits and loses nothing", () => {
  let b: Bare;
  let ids: ProvisionedIds;
  let twin: string;
  beforeAll(async () => {
    ({ b, ids } = await cliProvisionedSite());
    const res = await b.site.call('admin', 'POST', '/rest/api/3/field', {
      name: 'Business purpose',
      type: `${CF}textarea`,
      searcherKey: `${CF}textsearcher`,
    });
    expect(res.status).toBe(201);
    twin = res.body.id;
  }, 120_000);
  afterAll(() => b.close());

  it('records the ambiguity (provision.status, a provisioning.drift_detected event) and files nothing', async () => {
    const filed = await fileFormRequest(b.site, ids, {
      summary: 'DeepL',
      tool: 'DeepL Pro',
      purpose: 'Translating supplier contracts from German into English',
      days: 30,
    });
    await b.site.settle();
    const status = (await b.site.admin('provision.status')).ids;
    expect(status.source).toBe('discovered');
    expect(status.problems).toEqual([
      expect.objectContaining({
        what: 'field',
        ref: 'businessPurpose',
        kind: 'ambiguous',
        ids: expect.arrayContaining([ids.fields.businessPurpose, twin]),
        sentence: expect.stringMatching(/cannot tell which/),
      }),
    ]);
    const gov = (await b.site.admin('governance.list', { subjectType: 'provisioning', subjectId: 'site' })).events;
    expect(gov).toEqual([
      expect.objectContaining({
        action: 'provisioning.drift_detected',
        after: expect.objectContaining({ source: 'discovery' }),
      }),
    ]);
    // Nothing judged: no request record, no comment, no property; the trigger asked to be retried.
    expect(
      (await b.site.admin('governance.list', { subjectType: 'request', subjectId: filed.issueId })).events,
    ).toEqual([]);
    const ev = await ticketEvidence(b.site, ids, filed.issueKey);
    expect(ev.property).toBeUndefined();
    expect(ev.publicComments).toEqual([]);
    const inv = (await b.site.call(null, 'GET', '/__sandbox/events')).body.invocations.filter(
      (i: any) => i.eventType === 'avi:jira:created:issue',
    );
    expect(inv.at(-1)).toMatchObject({ result: 'retry' });

    // The admin trashes the stray field; the waiting ticket is read once discovery runs again.
    expect((await b.site.call('admin', 'POST', `/rest/api/3/field/${twin}/trash`)).status).toBe(200);
    await b.site.call(null, 'POST', '/__sandbox/clock', { advance: `PT${DISCOVERY_RETRY_MS / 1000}S` });
    await b.site.settle(true);
    expect((await b.site.admin('provision.status')).ids).toMatchObject({ source: 'discovered', problems: [] });
    const after = await ticketEvidence(b.site, ids, filed.issueKey);
    expect(after.property).toMatchObject({ toolId: 'deepl-pro', status: expect.not.stringMatching(/rejected/) });
    expect(after.publicComments.length).toBeGreaterThan(0);
    // One event for the ambiguity, not one per delivery.
    expect(
      (await b.site.admin('governance.list', { subjectType: 'provisioning', subjectId: 'site' })).events,
    ).toHaveLength(1);
  }, 60_000);
});
