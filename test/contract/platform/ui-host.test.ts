// Conformance of the sandbox UI host (`/__sandbox/ui/...`): the CSP Forge serves Custom UI under, the bridge
// the app's @forge/bridge finds, and each module's extension context. Pins UI-9..UI-12 of
// docs/platform-contract.md; the browser tests (test/browser) run the pages on it.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { serveSandbox, type ServedSandbox } from '../../integration/cli/served-sandbox';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = parseYaml(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
  permissions: { content?: { styles?: string[]; scripts?: string[] } };
};

let served: ServedSandbox;
beforeAll(async () => {
  served = await serveSandbox();
}, 60_000);
afterAll(() => served.close());

async function get(p: string): Promise<{ status: number; csp: string | null; text: string }> {
  const res = await fetch(`${served.server.url}${p}`);
  return { status: res.status, csp: res.headers.get('content-security-policy'), text: await res.text() };
}

function hostConfig(html: string): { context: { extension: Record<string, unknown> }; invokeExtension: unknown } {
  const m = /<script type="application\/json" id="aic-host-config">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]) as never;
}

describe('UI-9 the manifest declares exactly the inline styles Atlaskit needs, and no inline scripts', () => {
  it('permissions.content is styles: [unsafe-inline] and nothing else', () => {
    expect(manifest.permissions.content).toEqual({ styles: ['unsafe-inline'] });
  });
  it("the module resources are served with style-src 'unsafe-inline' and script-src 'self' only", async () => {
    const page = await get('/__sandbox/ui-frame/ai-clearance-request-panel/index.html');
    expect(page.status).toBe(200);
    expect(page.csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.csp).toContain("script-src 'self';");
  });
});

describe('UI-10 Custom UI resources are served under a Content Security Policy, from their resource folder only', () => {
  it('every file of the resource carries the policy', async () => {
    for (const file of ['index.html', 'main.js', 'style.css']) {
      const res = await get(`/__sandbox/ui-frame/ai-clearance-my-access/${file}`);
      expect(res.status).toBe(200);
      expect(res.csp).toMatch(/^default-src 'self'; /);
      expect(res.csp).toContain("connect-src 'self'");
    }
  });
  it('a path outside the resource folder is not served', async () => {
    expect((await get('/__sandbox/ui-frame/ai-clearance-my-access/..%2F..%2Fmanifest.yml')).status).toBe(404);
    expect((await get('/__sandbox/ui-frame/no-such-module/index.html')).status).toBe(404);
  });
  it('the host page frames the resource with the iframe sandbox attributes Forge documents', async () => {
    const page = await get('/__sandbox/ui/ai-clearance-my-access?user=agent@example.com');
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      'sandbox="allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts allow-popups"',
    );
  });
});

describe('UI-11 the product bridge exists before the app script runs', () => {
  it("index.html loads the bridge script first, then the app's", async () => {
    const html = (await get('/__sandbox/ui-frame/ai-clearance-request-panel/index.html')).text;
    const bridge = html.indexOf('/__sandbox/ui-assets/bridge.js');
    expect(bridge).toBeGreaterThan(0);
    expect(bridge).toBeLessThan(html.indexOf('./main.js'));
  });
  it('the host page acts as its person through a session id: no credential reaches the browser', async () => {
    const html = (await get('/__sandbox/ui/ai-clearance-my-access?user=agent@example.com')).text;
    expect(html).not.toContain('sandbox-token');
    const session = /"session":"(\/__sandbox\/ui-session\/[0-9a-f-]+)"/.exec(html)?.[1];
    expect(session).toBeDefined();
    const call = (base: string) =>
      fetch(`${served.server.url}${base}/invoke`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ functionKey: 'portal.myAccess', payload: {} }),
      });
    const ok = await call(session!);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ result: { grants: [], requests: [] } });
    expect((await call('/__sandbox/ui-session/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
  it('the bridge script defines window.__bridge.callBridge', async () => {
    const js = (await get('/__sandbox/ui-assets/bridge.js')).text;
    expect(js).toContain('__bridge');
    expect(js).toContain('callBridge');
  });
});

describe('UI-12 each module gets its documented extension context', () => {
  it('the create panel: portal.id and request.typeId (numbers) and the create page location', async () => {
    const cfg = hostConfig((await get('/__sandbox/ui/ai-clearance-request-panel?user=alice@example.com')).text);
    expect(cfg.context.extension).toMatchObject({
      type: 'jiraServiceManagement:portalRequestCreatePropertyPanel',
      portal: { id: 1 },
      request: { typeId: expect.any(Number) },
      location: expect.stringMatching(/\/servicedesk\/customer\/portal\/1\/create\/\d+$/),
    });
  });
  it('the global page: type and location only', async () => {
    const cfg = hostConfig((await get('/__sandbox/ui/ai-clearance-my-access?user=agent@example.com')).text);
    expect(Object.keys(cfg.context.extension).sort()).toEqual(['location', 'type']);
  });
  it('the request detail needs an issue the signed-in person can see', async () => {
    expect((await get('/__sandbox/ui/ai-clearance-request-detail?user=alice@example.com')).status).toBe(400);
    expect((await get('/__sandbox/ui/ai-clearance-request-detail?user=alice@example.com&issue=AIC-999')).status).toBe(
      400,
    );
  });
  it('an unknown user is refused', async () => {
    expect((await get('/__sandbox/ui/ai-clearance-my-access?user=nobody@example.com')).status).toBe(404);
  });
});
