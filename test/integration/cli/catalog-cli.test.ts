// `ai-clearance catalog ...` against the sandbox's HTTP front door, as a user runs it.
import fs from 'node:fs';
import path from 'node:path';
import { serveSandbox, type ServedSandbox } from './served-sandbox';

let served: ServedSandbox;
let dir: string;
const cli = (args: string[], env?: Record<string, string>) => served.cli(args, env);

beforeAll(async () => {
  served = await serveSandbox();
  dir = served.dir;
}, 60_000);

afterAll(() => served.close());

describe('ai-clearance catalog', () => {
  it('lists the demo set as requestable', async () => {
    const r = await cli(['catalog', 'list', '--status', 'requestable']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^chatgpt-enterprise\s+requestable\s+medium/m);
    expect(r.out).toMatch(/^deepl-pro\s+requestable\s+low/m);
  });

  it('approves and suspends with evidence, and refuses a prohibited tool', async () => {
    expect((await cli(['catalog', 'approve', 'notion-ai'])).out).toContain('notion-ai: requestable');
    expect((await cli(['catalog', 'suspend', 'notion-ai', '--reason', 'DPA expired'])).out).toContain(
      'notion-ai: suspended',
    );
    const refused = await cli(['catalog', 'approve', 'deepseek-app']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/prohibited/);
  });

  it('refuses a customer with the admin-only error', async () => {
    const r = await cli([
      'catalog',
      'approve',
      'notion-ai',
      '--email',
      'alice@example.com',
      '--token',
      'sandbox-token',
    ]);
    expect(r.code).toBe(1);
    // Forge does not run the admin page (a full-page module without unlicensedAccess) for a JSM customer at all
    // (https://developer.atlassian.com/platform/forge/access-to-forge-apps-for-unlicensed-jsm-users/); it used to reach the app's FORBIDDEN.
    expect(r.err).toMatch(/UNLICENSED_ACCESS_DENIED/);
  });

  it('exports YAML and imports it back; a bad file is refused with file:line:column and nothing changes', async () => {
    const out = path.join(dir, 'catalog.yml');
    expect((await cli(['catalog', 'export', '--out', 'catalog.yml'])).code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toMatch(/^# AI Clearance catalog export\./);
    expect((await cli(['catalog', 'import', 'catalog.yml'])).code).toBe(0);

    fs.writeFileSync(path.join(dir, 'bad.yml'), text.replace(/risk: low/, 'risk: tiny'));
    const bad = await cli(['catalog', 'import', 'bad.yml']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.yml:\d+:\d+: entry "[a-z0-9-]+": must be one of/);
    const list = await cli(['catalog', 'list', '--risk', 'low']);
    expect(list.out).not.toContain('tiny');
  });
});
