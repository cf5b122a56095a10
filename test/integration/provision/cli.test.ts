// The ai-clearance CLI against the sandbox over HTTP (basic auth), in-process,
// plus one run of bin/ai-clearance.cjs as a real process.
import { jiraProvisioning } from '../../../src/adapters/jira/jira-api';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { loadTemplates } from '../../../src/config/templates/load-templates';
import { REPO_ROOT, templateDir, cleanupTemplateDirs, repoFile } from '../../unit/provision/template-dir';
import { createTestSite, serveOverHttp, type TestSite } from './emulator-site';
import { performManualSteps } from '../../../src/sandbox/manual-steps';
import { planSite } from '../../../src/usecases/provision';
import { fileStateStore } from '../../../src/cli/file-state-store';

let site: TestSite;
let server: { url: string; close(): Promise<void> };
let stateDir: string;
const TOKEN = 'sandbox-token';

beforeEach(async () => {
  site = createTestSite();
  server = await serveOverHttp(site.emulator);
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-state-'));
});
afterEach(async () => {
  await server.close();
  site.close();
  fs.rmSync(stateDir, { recursive: true, force: true });
});
afterAll(cleanupTemplateDirs);

async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    env: { AIC_STATE_DIR: stateDir, ...env },
    cwd: REPO_ROOT,
  };
  const code = await runCli(args, io);
  expect(out + err).not.toContain(TOKEN);
  return { code, out, err };
}

describe('ai-clearance provision', () => {
  it('plan → apply → plan → drift, with progress, exit codes and the record file', async () => {
    const plan = await cli(['provision', 'plan', '--site', server.url]);
    expect(plan.code).toBe(0);
    expect(plan.err).toContain('(the sandbox admin: no --email/--token given)');
    expect(plan.out).toContain(
      'Project AIC: 43 to create, 0 to update, 0 unchanged, 13 manual steps open, 0 conflicts.',
    );
    expect(plan.out).toContain('Switch the filter to JQL and paste exactly (JSM adds the project clause itself):');

    const apply = await cli([
      'provision',
      'apply',
      '--site',
      server.url,
      '--email',
      'admin@example.com',
      '--token',
      TOKEN,
    ]);
    expect(apply.code).toBe(0);
    expect(apply.err).toMatch(/\[ 1\/43\] done {4}Create custom field "AI tool" .* → customfield_\d+/);
    expect(apply.out).toContain('Applied 43 changes.');
    const recordFile = fs.readdirSync(stateDir).find((n) => n.endsWith('.json'))!;
    expect(JSON.parse(fs.readFileSync(path.join(stateDir, recordFile), 'utf8'))).toMatchObject({
      version: 1,
      projectKey: 'AIC',
      fields: { aiTool: { name: 'AI tool' } },
    });

    const again = await cli(['provision', 'plan', '--site', server.url]);
    expect(again.out).toContain('No changes:');
    expect(again.out).toContain('0 to create, 0 to update, 43 unchanged');

    const drift = await cli(['provision', 'drift', '--site', server.url]);
    expect(drift.code).toBe(2);
    expect(drift.out).toMatch(/^Drift in project AIC \(13 items\):/);

    const after = await planSite({
      transport: site.transport(),
      provisioning: jiraProvisioning,
      templatesDir: REPO_ROOT,
      store: fileStateStore(path.join(stateDir, recordFile)),
    });
    performManualSteps(site.emulator, loadTemplates(REPO_ROOT).desired, after.plan);
    const clean = await cli(['provision', 'drift', '--site', server.url]);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('No drift');
  });

  it('prints JSON with --json and reads the site and credentials from the environment', async () => {
    const env = { AIC_SITE: server.url, AIC_EMAIL: 'admin@example.com', AIC_TOKEN: TOKEN };
    const plan = await cli(['provision', 'plan', '--json'], env);
    expect(plan.code).toBe(0);
    expect(plan.err).toBe('');
    const json = JSON.parse(plan.out) as { plan: { counts: Record<string, number>; items: unknown[] } };
    expect(json.plan.counts).toMatchObject({ create: 43, update: 0 });
    const drift = JSON.parse((await cli(['provision', 'drift', '--json'], env)).out) as {
      drifted: boolean;
      items: Array<{ kind: string }>;
    };
    expect(drift.drifted).toBe(true);
    // fields, filters, request types: contexts, options and filters of missing fields are not repeated
    // (the expiring-soon filter uses the Grant expires field: platform-contract.md JQL-6).
    expect(drift.items.filter((i) => i.kind === 'missing')).toHaveLength(8 + 4 + 4);
  });

  it('rejects invalid templates with file:line:col and changes nothing', async () => {
    const dir = templateDir({
      'templates/queues.yml': repoFile('templates/queues.yml').replace(
        'jql: status in {statuses:pending}',
        'jql: status in (',
      ),
    });
    const res = await cli(['provision', 'apply', '--site', server.url, '--templates', dir]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(
      /Error CONFIG_INVALID: The templates are invalid; nothing was applied\.\ntemplates\/queues\.yml:\d+:5: invalid JQL at line 1, column \d+ of the query/,
    );
    const json = JSON.parse(
      (await cli(['provision', 'apply', '--site', server.url, '--templates', dir, '--json'])).out,
    ) as { error: { code: string; problems: Array<{ file: string; line: number }> } };
    expect(json.error).toMatchObject({ code: 'CONFIG_INVALID', problems: [{ file: 'templates/queues.yml' }] });
    const { body } = await site
      .transport()
      .request<Array<{ name: string }>>({ method: 'GET', path: '/rest/api/3/field' });
    expect(body.map((f) => f.name)).not.toContain('AI tool');
  });

  it('explains wrong credentials, a non-admin and an unreachable site without printing the token', async () => {
    const bad = await cli([
      'provision',
      'plan',
      '--site',
      server.url,
      '--email',
      'admin@example.com',
      '--token',
      'not-the-token',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Error BAD_CREDENTIALS: Jira rejected the credentials/);
    expect(bad.err).not.toContain('not-the-token');
    const agent = await cli([
      'provision',
      'apply',
      '--site',
      server.url,
      '--email',
      'agent@example.com',
      '--token',
      TOKEN,
    ]);
    expect(agent.code).toBe(1);
    expect(agent.err).toMatch(/Error NEEDS_JIRA_ADMIN: .*Nothing was changed/);
    const closed = await cli(['provision', 'plan', '--site', 'http://127.0.0.1:9']);
    expect(closed.code).toBe(1);
    expect(closed.err).toMatch(/Error SITE_UNREACHABLE: Cannot reach the site/);
    const noToken = await cli(['provision', 'plan', '--site', 'https://example.atlassian.net', '--email', 'a@b.c']);
    expect(noToken.err).toMatch(/Error SITE_OPTIONS: an API token \(--token or AIC_TOKEN\) is needed/);
  });

  it('lists provision in --help', async () => {
    const res = await cli(['--help']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/provision\s+Provision JSM from templates/);
  });
});

describe('bin/ai-clearance.cjs', () => {
  it('runs as a process and exits 2 when drift is found', async () => {
    const bin = path.join(REPO_ROOT, 'bin', 'ai-clearance.cjs');
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin, 'provision', 'drift', '--json', '--site', server.url],
        { env: { ...process.env, AIC_STATE_DIR: stateDir, AIC_EMAIL: '', AIC_TOKEN: '' }, timeout: 20000 },
        (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout }),
      );
    });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ projectKey: 'AIC', drifted: true });
  });
});

describe('ai-clearance templates', () => {
  it('check validates without a site', async () => {
    const ok = await cli(['templates', 'check']);
    expect(ok).toMatchObject({
      code: 0,
      out: expect.stringContaining('Templates OK: 8 files, 8 fields, 5 queues, 4 request types (project AIC).'),
    });
    const dir = templateDir({
      'templates/fields.yml': repoFile('templates/fields.yml').replace('type: float', 'type: number'),
    });
    const bad = await cli(['templates', 'check', '--templates', dir]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/templates\/fields\.yml:\d+:5: unknown field type "number"/);
  });
});
