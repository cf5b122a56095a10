// Conformance: the portal request-create panel and the UI modules, driven over
// HTTP through the served sandbox (the same server `npm start` runs), as the
// portal and the Forge UI bridge would. Each test pins one row of the
// "Portal request-create panel and UI modules" section of
// docs/platform-contract.md and fails if the emulator drifts back to the old guess.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { appUuid } from '../../../src/adapters/forge/app-id';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { loadProvisioning } from '../../../src/usecases/shared/catalog-repo';
import { serveSandbox, type ServedSandbox } from '../../integration/cli/served-sandbox';
import { FIXTURE_MANIFEST, makeHarness as makeForgeHarness } from '../../integration/sandbox-forge/helpers';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = parseYaml(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
  app: { id: string };
  modules: Record<string, Array<Record<string, unknown>>>;
  permissions?: { content?: { styles?: string[]; scripts?: string[] } };
};
const APP_UUID = /app\/([0-9a-f-]+)$/.exec(manifest.app.id)![1];
const PURPOSE = 'Summarising customer interview notes for the research team';

let served: ServedSandbox;
beforeAll(async () => {
  served = await serveSandbox();
}, 60_000);
afterAll(() => served.close());

async function http(
  who: string | undefined,
  method: string,
  p: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${served.server.url}${p}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(who ? { Authorization: `Basic ${Buffer.from(`${who}@example.com:sandbox-token`).toString('base64')}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function provisioning() {
  return (await served.sb.forge.run(() => loadProvisioning(kvsStore()))).value;
}
async function requestTypeId(ref: string): Promise<string> {
  return (await provisioning()).requestTypes[ref].id;
}
/** The portal form's own required fields on the app's access request type (as npm start provisions it). */
async function formFields(days: number): Promise<Record<string, unknown>> {
  const f = (await provisioning()).fields;
  return { [f.aiTool.id]: { value: 'DeepL Pro' }, [f.businessPurpose.id]: PURPOSE, [f.accessDurationDays.id]: days };
}

const panelValue = (toolId: string, days = 30) => ({ v: 1, kind: 'access', toolId, purpose: PURPOSE, days });

describe('UI-1 the portal request-create panel’s view.submit() is stored as ONE issue property keyed by the app id’s UUID', () => {
  it('stores {fieldKey: value} under the UUID, readable at /rest/api/3/issue/{key}/properties/{uuid}, and no property per field', async () => {
    // The panel shows on every request type: the site's seeded request type 1 has only a summary.
    const res = await http('alice', 'POST', '/__sandbox/portal/request', {
      serviceDeskId: '1',
      requestTypeId: '1',
      requestFieldValues: { summary: 'AI access: deepl' },
      panel: {
        fields: [
          { key: 'aiClearanceRequest', value: panelValue('deepl-pro') },
          { key: 'second', value: { n: 2 } },
        ],
        isValid: true,
      },
    });
    expect(res.status).toBe(201);
    const prop = await http('admin', 'GET', `/rest/api/3/issue/${res.body.issueKey}/properties/${APP_UUID}`);
    expect(prop).toMatchObject({
      status: 200,
      body: { key: APP_UUID, value: { aiClearanceRequest: panelValue('deepl-pro'), second: { n: 2 } } },
    });
    expect(
      (await http('admin', 'GET', `/rest/api/3/issue/${res.body.issueKey}/properties/aiClearanceRequest`)).status,
    ).toBe(404);
    expect((await http('admin', 'GET', `/rest/api/3/issue/${res.body.issueKey}/properties/second`)).status).toBe(404);
  });
});

describe('UI-2 a panel submission with isValid false keeps the portal form from being submitted', () => {
  it('answers 400 and creates no request', async () => {
    const before = (await http('agent', 'GET', '/rest/api/3/search/jql?jql=project%20%3D%20AIC&maxResults=100')).body
      .issues.length;
    const res = await http('alice', 'POST', '/__sandbox/portal/request', {
      serviceDeskId: '1',
      requestTypeId: '1',
      requestFieldValues: { summary: 'half-filled' },
      panel: { fields: [{ key: 'aiClearanceRequest', value: { toolId: '' } }], isValid: false },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/isValid/);
    expect(
      (await http('agent', 'GET', '/rest/api/3/search/jql?jql=project%20%3D%20AIC&maxResults=100')).body.issues,
    ).toHaveLength(before);
  });

  it('refuses the old guess: issue properties set by the portal itself', async () => {
    const res = await http('alice', 'POST', '/__sandbox/portal/request', {
      serviceDeskId: '1',
      requestTypeId: '1',
      requestFieldValues: { summary: 'x' },
      properties: [{ key: 'aiClearanceRequest', value: panelValue('deepl-pro') }],
    });
    expect(res.status).toBe(400);
  });
});

describe('UI-3 the app finds the panel’s values under the UUID it reads from the runtime (never hard-coded)', () => {
  it('getAppContext().appAri inside an invocation carries the UUID of manifest app.id', async () => {
    expect((await served.sb.forge.run(() => appUuid())).value).toBe(APP_UUID);
  });

  it('no app source outside the sandbox names the UUID', () => {
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? (e.name === 'sandbox' ? [] : files(path.join(dir, e.name))) : [path.join(dir, e.name)],
        );
    for (const f of [...files(path.join(ROOT, 'src')), ...files(path.join(ROOT, 'static/src'))])
      expect(fs.readFileSync(f, 'utf8')).not.toContain(APP_UUID);
  });

  it('intake files a request from the panel’s submission', async () => {
    const rt = await requestTypeId('requestAiAccess');
    const res = await http('bob', 'POST', '/__sandbox/portal/request', {
      serviceDeskId: '1',
      requestTypeId: rt,
      requestFieldValues: { summary: 'AI access: deepl', ...(await formFields(45)) },
      panel: { fields: [{ key: 'aiClearanceRequest', value: panelValue('deepl-pro', 20) }], isValid: true },
    });
    expect(res.status).toBe(201);
    expect((await http(undefined, 'POST', '/__sandbox/settle', { timeoutMs: 30_000 })).status).toBe(200);
    const rec = (await served.sb.forge.run(() => kvsStore().get<any>('request', res.body.issueId))).value;
    expect(rec?.doc).toMatchObject({ source: 'portal_panel', toolId: 'deepl-pro', requestedDays: 20 });
  });
});

const invoke = (who: string, body: Record<string, unknown>) => http(who, 'POST', '/__sandbox/invoke', body);

describe('UI-4 a module runs for JSM customers only when its manifest entry lists unlicensedAccess: [customer]', () => {
  it('the portal panel lists customer; the admin page and the queue page (full-page modules) do not', () => {
    const mod = (type: string) => manifest.modules[type][0];
    expect(mod('jiraServiceManagement:portalRequestCreatePropertyPanel').unlicensedAccess).toEqual(['customer']);
    expect(mod('jira:adminPage').unlicensedAccess).toBeUndefined();
    expect(mod('jiraServiceManagement:queuePage').unlicensedAccess).toBeUndefined();
  });

  it('refuses a customer’s call to a module not open to customers (403) and runs nothing', async () => {
    const since = served.sb.forge.lastInvocationSeq();
    const res = await invoke('alice', { moduleKey: 'ai-clearance-admin', functionName: 'catalog.list', payload: {} });
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'UNLICENSED_ACCESS_DENIED' } } });
    expect(
      (await invoke('alice', { functionKey: 'admin-resolver', functionName: 'catalog.list', payload: {} })).status,
    ).toBe(403);
    expect(served.sb.forge.listInvocations({ since })).toEqual([]);
  });

  it('lets a customer call the portal panel, whose resolver sees accountType customer', async () => {
    const typeId = await requestTypeId('requestAiAccess');
    const res = await invoke('alice', {
      moduleKey: 'ai-clearance-request-panel',
      functionName: 'portal.tools',
      payload: {},
      extension: { portal: { id: 1 }, request: { typeId: Number(typeId) } },
    });
    expect(res.status).toBe(200);
    expect(res.body.result.tools.map((t: { id: string }) => t.id)).toContain('deepl-pro');
  });
});

describe('UI-5 the front door calls only UI modules’ resolvers, as the Forge bridge does', () => {
  it('a customer cannot run the hourly sweep function through /__sandbox/invoke, nor read its report', async () => {
    const since = served.sb.forge.lastInvocationSeq();
    const res = await invoke('alice', { functionKey: 'run-lifecycle-sweeps', functionName: 'anything', payload: {} });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'NOT_A_UI_RESOLVER' } } });
    expect(JSON.stringify(res.body)).not.toMatch(/escalat|expired|report/i);
    expect(served.sb.forge.listInvocations({ since })).toEqual([]);
  });

  it('nor can an admin (licensed) call a trigger or consumer function', async () => {
    for (const functionKey of ['run-lifecycle-sweeps', 'on-issue-created', 'consume-work']) {
      expect((await invoke('admin', { functionKey, functionName: 'x', payload: {} })).body.error.code).toBe(
        'NOT_A_UI_RESOLVER',
      );
    }
  });
});

describe('UI-6 the portal panel’s resolver gets the documented extension context (type, portal.id, request.typeId, location)', () => {
  it('passes the create-request page’s context, and the panel learns which of the app’s request types it is on', async () => {
    const rt = await provisioning();
    const ctx = (typeId: string) => ({
      moduleKey: 'ai-clearance-request-panel',
      functionName: 'portal.context',
      payload: {},
      extension: { portal: { id: 1 }, request: { typeId: Number(typeId) } },
    });
    expect((await invoke('alice', ctx(rt.requestTypes.requestAiAccess.id))).body.result).toEqual({ kind: 'access' });
    expect((await invoke('alice', ctx(rt.requestTypes.extendAiAccess.id))).body.result).toEqual({ kind: 'extension' });
    expect((await invoke('alice', ctx(rt.requestTypes.handBackAiAccess.id))).body.result).toEqual({
      kind: 'hand_back',
    });
    // The site's own request type 1 and the catalog proposal type: the panel has nothing to do.
    expect((await invoke('alice', ctx('1'))).body.result).toEqual({ kind: 'none' });
    expect((await invoke('alice', ctx(rt.requestTypes.proposeAiTool.id))).body.result).toEqual({ kind: 'none' });
  });

  it('with withTools answers the request type, its tools and (extension, hand-back) the caller’s grants at once', async () => {
    const rt = await provisioning();
    const ctx = (typeId: string) => ({
      moduleKey: 'ai-clearance-request-panel',
      functionName: 'portal.context',
      payload: { withTools: true },
      extension: { portal: { id: 1 }, request: { typeId: Number(typeId) } },
    });
    const tools = (
      await invoke('alice', { ...ctx(rt.requestTypes.requestAiAccess.id), functionName: 'portal.tools', payload: {} })
    ).body.result;
    const access = (await invoke('alice', ctx(rt.requestTypes.requestAiAccess.id))).body.result;
    expect(access).toEqual({ kind: 'access', ...tools });
    expect(access.tools.length).toBeGreaterThan(0);
    const extension = (await invoke('alice', ctx(rt.requestTypes.extendAiAccess.id))).body.result;
    const mine = (
      await invoke('alice', { ...ctx(rt.requestTypes.extendAiAccess.id), functionName: 'portal.myAccess', payload: {} })
    ).body.result;
    expect(extension).toEqual({ kind: 'extension', ...tools, grants: mine.grants });
    expect((await invoke('alice', ctx('1'))).body.result).toEqual({ kind: 'none' });
    const bad = await invoke('alice', { ...ctx(rt.requestTypes.requestAiAccess.id), payload: { withTools: 1 } });
    expect(bad.body.result.error.code).toBe('BAD_REQUEST');
  });

  it('portal.myAccess with withTools answers the caller’s own access and the requestable tools at once', async () => {
    const rt = await provisioning();
    const at = (functionName: string, payload: unknown) => ({
      moduleKey: 'ai-clearance-request-panel',
      functionName,
      payload,
      extension: { portal: { id: 1 }, request: { typeId: Number(rt.requestTypes.requestAiAccess.id) } },
    });
    const tools = (await invoke('alice', at('portal.tools', {}))).body.result;
    const mine = (await invoke('alice', at('portal.myAccess', {}))).body.result;
    expect(mine.tools).toBeUndefined();
    const both = (await invoke('alice', at('portal.myAccess', { withTools: true }))).body.result;
    expect(both).toEqual({ ...mine, tools: tools.tools });
    expect(both.tools.length).toBeGreaterThan(0);
    const bad = await invoke('alice', at('portal.myAccess', { withTools: 'yes' }));
    expect(bad.body.result.error.code).toBe('BAD_REQUEST');
  });

  it('the context has the documented shape, numbers for the ids, and the caller’s accountType', async () => {
    const fixture = parseYaml(fs.readFileSync(FIXTURE_MANIFEST, 'utf8')) as { modules: Record<string, unknown> };
    fixture.modules['jiraServiceManagement:portalRequestCreatePropertyPanel'] = [
      {
        key: 'open-panel',
        resource: 'main',
        resolver: { function: 'ui-resolver' },
        title: 'x',
        unlicensedAccess: ['customer'],
      },
      { key: 'closed-panel', resource: 'main', resolver: { function: 'ui-resolver' }, title: 'y' },
    ];
    const f = makeForgeHarness({ manifest: fixture });
    try {
      const seen = await f.platform.invokeResolver({
        moduleKey: 'open-panel',
        functionName: 'echoContext',
        accountId: 'user-c',
        accountType: 'customer',
        extension: { portal: { id: '3' }, request: { typeId: '17' } },
      });
      expect(seen).toEqual({
        accountType: 'customer',
        extension: {
          type: 'jiraServiceManagement:portalRequestCreatePropertyPanel',
          portal: { id: 3 },
          request: { typeId: 17 },
          location: 'http://127.0.0.1:9999/servicedesk/customer/portal/3/create/17',
        },
      });
      await expect(
        f.platform.invokeResolver({
          moduleKey: 'closed-panel',
          functionName: 'echoContext',
          accountId: 'user-c',
          accountType: 'customer',
          extension: { portal: { id: 3 }, request: { typeId: 17 } },
        }),
      ).rejects.toMatchObject({ code: 'UNLICENSED_ACCESS_DENIED' });
      expect(
        await f.platform.invokeResolver({
          moduleKey: 'closed-panel',
          functionName: 'echoContext',
          accountId: 'user-l',
          extension: { portal: { id: 3 }, request: { typeId: 17 } },
        }),
      ).toMatchObject({ accountType: 'licensed' });
    } finally {
      await f.platform.close();
    }
  });

  it('refuses a panel call without its page’s context', async () => {
    const res = await invoke('alice', {
      moduleKey: 'ai-clearance-request-panel',
      functionName: 'portal.context',
      payload: {},
    });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'MISSING_EXTENSION_CONTEXT' } } });
  });
});

describe('UI-7 asUser() for a user who has not allowed access throws NeedsAuthenticationError, which reaches the UI (consent prompt)', () => {
  it('answers 401 NEEDS_AUTHENTICATION, not FORBIDDEN, until the user consents', async () => {
    const admin = (await http(undefined, 'GET', '/__sandbox/users')).body.users.find(
      (u: { email: string }) => u.email === 'admin@example.com',
    ).accountId;
    expect((await http(undefined, 'PUT', `/__sandbox/consent/${admin}`, { granted: false })).status).toBe(200);
    try {
      const res = await invoke('admin', { moduleKey: 'ai-clearance-admin', functionName: 'catalog.list', payload: {} });
      expect(res).toMatchObject({ status: 401, body: { error: { code: 'NEEDS_AUTHENTICATION' } } });
      expect(JSON.stringify(res.body)).not.toContain('FORBIDDEN');
      const agentPage = await invoke('admin', {
        moduleKey: 'ai-clearance-queues',
        functionName: 'approvals.list',
        payload: {},
      });
      expect(agentPage).toMatchObject({ status: 401, body: { error: { code: 'NEEDS_AUTHENTICATION' } } });
    } finally {
      expect((await http(undefined, 'PUT', `/__sandbox/consent/${admin}`, { granted: true })).status).toBe(200);
    }
    expect(
      (await invoke('admin', { moduleKey: 'ai-clearance-admin', functionName: 'catalog.list', payload: {} })).status,
    ).toBe(200);
  });

  it('the platform makes @forge/api throw its own NeedsAuthenticationError', async () => {
    const { NeedsAuthenticationError } =
      jest.requireActual<typeof import('@forge/api/out/api/errors')>('@forge/api/out/api/errors');
    const { getFetchAPI } = jest.requireActual<typeof import('@forge/api/out/api/fetch')>('@forge/api/out/api/fetch');
    const bob = (await http(undefined, 'GET', '/__sandbox/users')).body.users.find(
      (u: { email: string }) => u.email === 'bob@example.com',
    ).accountId;
    served.sb.forge.setUserConsent(bob, false);
    try {
      const { assumeTrustedRoute } =
        jest.requireActual<typeof import('@forge/api/out/safeUrl')>('@forge/api/out/safeUrl');
      const thrown = await served.sb.forge.run(
        () =>
          getFetchAPI()
            .asUser()
            .requestJira(assumeTrustedRoute('/rest/api/3/myself'))
            .catch((e: unknown) => e),
        { accountId: bob },
      );
      expect(thrown.value).toBeInstanceOf(NeedsAuthenticationError);
    } finally {
      served.sb.forge.setUserConsent(bob, true);
    }
  });
});

describe('UI-8 Custom UI pages use no inline styles or scripts unless the manifest declares them (Forge CSP)', () => {
  const pages = fs
    .readdirSync(path.join(ROOT, 'static'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'src')
    .map((d) => d.name);
  const declared = (kind: 'styles' | 'scripts') =>
    (manifest.permissions?.content?.[kind] ?? []).some((v) => v.replace(/'/g, '') === 'unsafe-inline');

  it('every resource folder is a built page', () => {
    const resources = (manifest as unknown as { resources: Array<{ path: string }> }).resources.map((r) =>
      r.path.replace(/^static\//, ''),
    );
    expect(pages.sort()).toEqual(resources.sort());
  });

  it.each(pages)(
    'static/%s: no <style>, style="", inline <script> or on*= handler in the HTML; no style element or attribute from the script',
    (page) => {
      const html = fs.readFileSync(path.join(ROOT, 'static', page, 'index.html'), 'utf8');
      const js = fs.readFileSync(path.join(ROOT, 'static', page, 'main.js'), 'utf8');
      if (!declared('styles')) {
        expect(html).not.toMatch(/<style[\s>]/i);
        expect(html).not.toMatch(/\sstyle\s*=/i);
        expect(js).not.toMatch(
          /createElement\(\s*["'`]style["'`]\s*\)|setAttribute\(\s*["'`]style["'`]|\.cssText\s*=|insertRule\(|<style[\s>]/,
        );
        for (const href of [...html.matchAll(/<link[^>]*href="([^"]+)"/g)].map((m) => m[1]))
          expect(fs.existsSync(path.join(ROOT, 'static', page, href))).toBe(true);
      }
      if (!declared('scripts')) {
        for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [])
          expect(tag).toMatch(/^<script\b[^>]*\bsrc="[^"]+"[^>]*><\/script>$/i);
        expect(html).not.toMatch(/\son[a-z]+\s*=|javascript:/i);
        expect(js).not.toMatch(/\beval\(|new Function\(/);
      }
    },
  );
});
