// Conformance: My AI access on the customer portal's Profile page (jiraServiceManagement:portalProfilePanel)
// and the agent panel's bundled icon, as the sandbox emulates them. Pins UI-17, UI-18 and UI-19 of
// docs/platform-contract.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { sandboxLoaderErrors } from '../../../scripts/lint-forge';
import { loadManifest } from '../../../src/sandbox/forge/manifest';
import { serveSandbox, type ServedSandbox } from '../../integration/cli/served-sandbox';

const ROOT = path.resolve(__dirname, '../../..');
const MANIFEST = path.join(ROOT, 'manifest.yml');
type Manifest = { modules: Record<string, Array<Record<string, unknown>>> } & Record<string, unknown>;
const readManifest = () => parseYaml(fs.readFileSync(MANIFEST, 'utf8')) as Manifest;
const PROFILE = 'jiraServiceManagement:portalProfilePanel';

/** The app's manifest with one module entry changed. */
function withModule(type: string, change: (mod: Record<string, unknown>) => void): Manifest {
  const m = readManifest();
  change(m.modules[type][0]);
  return m;
}

let served: ServedSandbox;
beforeAll(async () => {
  served = await serveSandbox();
}, 60_000);
afterAll(() => served.close());

async function get(p: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${served.server.url}${p}`);
  return { status: res.status, text: await res.text() };
}

async function invoke(who: string, body: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${served.server.url}/__sandbox/invoke`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(`${who}@example.com:sandbox-token`).toString('base64')}`,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('UI-17 the profile panel runs for JSM customers (unlicensedAccess: [customer]), never for anonymous users', () => {
  it('the manifest declares it as the portal request detail is declared: portal-resolver, unlicensedAccess [customer]', () => {
    const m = readManifest();
    const profile = m.modules[PROFILE][0];
    const detail = m.modules['jiraServiceManagement:portalRequestDetail'][0];
    expect(profile).toMatchObject({
      key: 'ai-clearance-profile-access',
      resource: 'profile-ui',
      resolver: { function: 'portal-resolver' },
      title: 'My AI access',
      unlicensedAccess: ['customer'],
    });
    expect(profile.unlicensedAccess).toEqual(detail.unlicensedAccess);
    expect(profile.resolver).toEqual(detail.resolver);
  });

  it('the loader refuses anonymous access for it (the module does not support it) and accepts customer and unlicensed', () => {
    const anonymous = withModule(PROFILE, (mod) => (mod.unlicensedAccess = ['customer', 'anonymous']));
    expect(() => loadManifest(anonymous, { appRoot: ROOT })).toThrow(
      /portalProfilePanel ai-clearance-profile-access: unlicensedAccess lists anonymous, which this module does not support \(it supports customer, unlicensed: https:\/\/developer\.atlassian\.com\/platform\/forge\/manifest-reference\/modules\/jira-service-management-portal-profile-panel\/\)/,
    );
    const both = withModule(PROFILE, (mod) => (mod.unlicensedAccess = ['customer', 'unlicensed']));
    expect(loadManifest(both, { appRoot: ROOT }).resolverModules.get('ai-clearance-profile-access')).toMatchObject({
      unlicensedAccess: ['customer', 'unlicensed'],
    });
  });

  it('a customer opens the profile panel and calls its resolver; the Jira page (no unlicensedAccess) is refused to them', async () => {
    expect((await get('/__sandbox/ui/ai-clearance-profile-access?user=alice@example.com')).status).toBe(200);
    const refused = await get('/__sandbox/ui/ai-clearance-my-access?user=alice@example.com');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('jira:globalPage ai-clearance-my-access does not run for customer users');
    const res = await invoke('alice', { moduleKey: 'ai-clearance-profile-access', functionName: 'portal.myAccess' });
    expect(res).toMatchObject({ status: 200, body: { result: { grants: [], requests: [] } } });
    const denied = await invoke('alice', { moduleKey: 'ai-clearance-my-access', functionName: 'portal.myAccess' });
    expect(denied).toMatchObject({ status: 403, body: { error: { code: 'UNLICENSED_ACCESS_DENIED' } } });
  });

  it('without unlicensedAccess the same panel would be refused to a customer (the check is the module’s, not the resolver’s)', async () => {
    const closed = withModule(PROFILE, (mod) => delete mod.unlicensedAccess);
    const mod = loadManifest(closed, { appRoot: ROOT }).resolverModules.get('ai-clearance-profile-access');
    expect(mod?.unlicensedAccess).toEqual([]);
    const { unlicensedRefusal } = await import('../../../src/sandbox/forge/resolvers');
    expect(unlicensedRefusal(mod!, 'customer')).toMatch(/does not run for customer users/);
    expect(unlicensedRefusal(mod!, 'licensed')).toBeUndefined();
  });
});

describe('UI-18 the profile panel’s extension context: type, page (profile) and location', () => {
  it('the host page gives the documented fields, and the npm start list names the page for a customer', async () => {
    const html = (await get('/__sandbox/ui/ai-clearance-profile-access?user=alice@example.com')).text;
    const m = /<script type="application\/json" id="aic-host-config">([\s\S]*?)<\/script>/.exec(html);
    const cfg = JSON.parse(m![1]) as { context: { extension: Record<string, unknown> } };
    expect(cfg.context.extension).toEqual({
      type: PROFILE,
      page: 'profile',
      location: expect.stringMatching(/\/servicedesk\/customer\/user\/profile$/),
    });
    const { uiModuleUrls } = await import('../../../src/sandbox/ui/host');
    expect(uiModuleUrls(served.sb, 'http://x').map((u) => u.url)).toContain(
      'http://x/__sandbox/ui/ai-clearance-profile-access?user=alice@example.com',
    );
  });
});

describe('UI-19 a bundled icon: resource:<resource key>;<relative path to resource>', () => {
  const agentPanel = 'jira:issuePanel';

  it('the agent panel’s icon is the app’s own file in its resource folder, which the host page shows', async () => {
    const model = loadManifest(MANIFEST);
    expect(model.uiModules.find((u) => u.key === 'ai-clearance-agent-panel')?.icon).toEqual({
      kind: 'resource',
      resource: 'agent-panel-ui',
      path: 'icons/decision.svg',
      file: 'static/agent-panel/icons/decision.svg',
    });
    const svg = await fetch(`${served.server.url}/__sandbox/ui-frame/ai-clearance-agent-panel/icons/decision.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
  });

  it.each([
    [
      'a file that does not exist',
      'resource:agent-panel-ui;icons/missing.svg',
      /icon file static\/agent-panel\/icons\/missing\.svg does not exist/,
    ],
    [
      'an undeclared resource',
      'resource:no-such-ui;icons/decision.svg',
      /icon names resource "no-such-ui", which is not in resources/,
    ],
    [
      'a path out of the resource folder',
      'resource:agent-panel-ui;../admin/index.html',
      /must be relative to the folder of resource agent-panel-ui/,
    ],
    [
      'neither form',
      'icons/decision.svg',
      /is neither resource:<resource key>;<relative path to resource> nor an https URL/,
    ],
  ])('the loader refuses %s', (_what, icon, message) => {
    expect(() =>
      loadManifest(
        withModule(agentPanel, (mod) => (mod.icon = icon)),
        { appRoot: ROOT },
      ),
    ).toThrow(message);
  });

  it('an absolute https URL stays allowed (the docs’ alternative)', () => {
    const url = 'https://example.com/icon.svg';
    const model = loadManifest(
      withModule(agentPanel, (mod) => (mod.icon = url)),
      { appRoot: ROOT },
    );
    expect(model.uiModules.find((u) => u.key === 'ai-clearance-agent-panel')?.icon).toEqual({ kind: 'url', url });
  });

  it('npm run lint:forge reports a bundled icon whose file is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-icon-'));
    try {
      const file = path.join(dir, 'manifest.yml');
      fs.writeFileSync(file, stringifyYaml(readManifest()));
      expect(sandboxLoaderErrors(file)).toEqual([
        expect.stringMatching(/icon file static\/agent-panel\/icons\/decision\.svg does not exist/),
      ]);
      expect(sandboxLoaderErrors(MANIFEST)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
