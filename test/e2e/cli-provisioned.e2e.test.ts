// The README's real-site path, over HTTP against `SANDBOX_PROVISION=off npm start`
// (a bare site): provision with the CLI as a separate process (its record stays
// in its own state file), do the manual steps through the sandbox-only
// controls, then file a request through the JSM form as alice. The deployed
// app has no record of the CLI's ids: it finds its fields on the site
// (docs/platform-contract.md PROV-23, PROV-24).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  cliRecordedIds,
  cliStatePath,
  fileFormRequest,
  manualStepsOverHttp,
  siteHttp,
  ticketEvidence,
  type ProvisionedIds,
  type SiteHttp,
} from './cli-provisioned-site';
import { freePort, startSandbox, type StartedSandbox } from './start-sandbox';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');
const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const run = promisify(execFile);

interface Started {
  sandbox: StartedSandbox;
  site: SiteHttp;
  stateDir: string;
  dataDir: string;
}

async function bareSandbox(): Promise<Started> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-e2e-bare-'));
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-e2e-state-'));
  const sandbox = await startSandbox(dataDir, await freePort(), 90_000, { SANDBOX_PROVISION: 'off' });
  return { sandbox, site: siteHttp(sandbox.url), stateDir, dataDir };
}

async function stop(s: Started | undefined): Promise<void> {
  if (!s) return;
  await s.sandbox.stop();
  fs.rmSync(s.dataDir, { recursive: true, force: true });
  fs.rmSync(s.stateDir, { recursive: true, force: true });
}

/** `npx tsx src/cli/main.ts provision apply` as its own process, as the README's real-site path does. */
async function cliProvision(s: Started): Promise<ProvisionedIds> {
  await run('npx', ['tsx', 'src/cli/main.ts', 'provision', 'apply'], {
    cwd: ROOT,
    env: {
      ...process.env,
      AIC_SITE: s.sandbox.url,
      AIC_EMAIL: 'admin@example.com',
      AIC_TOKEN: 'sandbox-token',
      AIC_STATE_DIR: s.stateDir,
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return cliRecordedIds(cliStatePath(s.stateDir, s.sandbox.url));
}

describe('SANDBOX_PROVISION=off npm start, provisioned with the CLI', () => {
  let s: Started | undefined;
  afterEach(async () => {
    await stop(s);
    s = undefined;
  });

  it('starts bare; after the CLI and the manual steps, a form request is read, recorded, commented and stamped', async () => {
    s = await bareSandbox();
    expect(s.sandbox.output()).toMatch(/SANDBOX_PROVISION=off/);
    // Bare: none of the app's fields or request types, but the catalog's demo set is approved.
    const fields = (await s.site.call('admin', 'GET', '/rest/api/3/field')).body as Array<{ name: string }>;
    expect(fields.some((f) => f.name === 'AI tool')).toBe(false);
    const types = (await s.site.call('alice', 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype')).body
      .values as Array<{ name: string }>;
    expect(types.map((t) => t.name)).not.toContain('Request AI access');
    const requestable = (await s.site.admin('catalog.list', { status: 'requestable' })).entries as Array<{
      name: string;
    }>;
    expect(requestable.map((e) => e.name)).toContain('ChatGPT Enterprise');

    const ids = await cliProvision(s);
    await manualStepsOverHttp(s.site, ids);
    expect(await s.site.admin('catalog.syncOptions')).toMatchObject({ ok: true });
    expect((await s.site.admin('provision.status')).ids).toEqual({ source: 'none', problems: [] });

    const filed = await fileFormRequest(s.site, ids, {
      summary: 'ChatGPT for release notes',
      tool: 'ChatGPT Enterprise',
      purpose: 'Drafting release notes and summarising support tickets',
      days: 30,
    });
    await s.site.settle();

    const events = (await s.site.admin('governance.list', { subjectType: 'request', subjectId: filed.issueId }))
      .events as Array<{ action: string }>;
    expect(events.map((e) => e.action)).toContain('request.submitted');
    const ev = await ticketEvidence(s.site, ids, filed.issueKey);
    expect(ev.property).toMatchObject({ toolId: 'chatgpt-enterprise', kind: 'access', requestedDays: 30 });
    expect(ev.grantStatus).toMatchObject({ value: expect.any(String) });
    expect(ev.publicComments.join('\n')).toMatch(/ChatGPT Enterprise/);
    expect((await s.site.admin('provision.status')).ids).toMatchObject({ source: 'discovered', problems: [] });
  });

  it('with two "Business purpose" text areas the admin sees the ambiguity and nothing is filed wrongly', async () => {
    s = await bareSandbox();
    const ids = await cliProvision(s);
    await manualStepsOverHttp(s.site, ids);
    await s.site.admin('catalog.syncOptions');
    const twin = await s.site.call('admin', 'POST', '/rest/api/3/field', {
      name: 'Business purpose',
      type: `${CF}textarea`,
      searcherKey: `${CF}textsearcher`,
    });
    expect(twin.status).toBe(201);

    const filed = await fileFormRequest(s.site, ids, {
      summary: 'DeepL',
      tool: 'DeepL Pro',
      purpose: 'Translating supplier contracts from German into English',
      days: 30,
    });
    await s.site.settle();

    const status = (await s.site.admin('provision.status')).ids;
    expect(status.problems).toEqual([
      expect.objectContaining({
        ref: 'businessPurpose',
        kind: 'ambiguous',
        ids: expect.arrayContaining([ids.fields.businessPurpose, twin.body.id]),
      }),
    ]);
    expect((await s.site.admin('governance.list', { subjectType: 'provisioning', subjectId: 'site' })).events).toEqual([
      expect.objectContaining({ action: 'provisioning.drift_detected' }),
    ]);
    expect(
      (await s.site.admin('governance.list', { subjectType: 'request', subjectId: filed.issueId })).events,
    ).toEqual([]);
    const ev = await ticketEvidence(s.site, ids, filed.issueKey);
    expect(ev.property).toBeUndefined();
    expect(ev.publicComments).toEqual([]);
    expect(ev.grantStatus ?? null).toBeNull();
  });
});
