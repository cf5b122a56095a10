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

const ROOT = path.resolve(__dirname, '../../..');
const manifest = parseYaml(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as { app: { id: string }; modules: Record<string, Array<Record<string, unknown>>>; permissions?: { content?: { styles?: string[]; scripts?: string[] } } };
const APP_UUID = /app\/([0-9a-f-]+)$/.exec(manifest.app.id)![1]!;
const PURPOSE = 'Summarising customer interview notes for the research team';

let served: ServedSandbox;
beforeAll(async () => {
  served = await serveSandbox();
}, 60_000);
afterAll(() => served.close());

async function http(who: string | undefined, method: string, p: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${served.server.url}${p}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(who ? { Authorization: `Basic ${Buffer.from(`${who}@example.com:sandbox-token`).toString('base64')}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function provisioning() {
  return (await served.sb.forge.run(() => loadProvisioning(kvsStore()))).value;
}
async function requestTypeId(ref: string): Promise<string> {
  return (await provisioning()).requestTypes[ref]!.id;
}
/** The portal form's own required fields on the app's access request type (as npm start provisions it). */
async function formFields(days: number): Promise<Record<string, unknown>> {
  const f = (await provisioning()).fields;
  return { [f.aiTool!.id]: { value: 'DeepL Pro' }, [f.businessPurpose!.id]: PURPOSE, [f.accessDurationDays!.id]: days };
}

const panelValue = (toolId: string, days = 30) => ({ v: 1, kind: 'access', toolId, purpose: PURPOSE, days });

describe('UI-1 the portal request-create panel’s view.submit() is stored as ONE issue property keyed by the app id’s UUID', () => {
  it('stores {fieldKey: value} under the UUID, readable at /rest/api/3/issue/{key}/properties/{uuid}, and no property per field', async () => {
    // The panel shows on every request type: the site's seeded request type 1 has only a summary.
    const res = await http('alice', 'POST', '/__sandbox/portal/request', {
      serviceDeskId: '1',
      requestTypeId: '1',
      requestFieldValues: { summary: 'AI access: deepl' },
      panel: { fields: [{ key: 'aiClearanceRequest', value: panelValue('deepl-pro') }, { key: 'second', value: { n: 2 } }], isValid: true },
    });
    expect(res.status).toBe(201);
    const prop = await http('admin', 'GET', `/rest/api/3/issue/${res.body.issueKey}/properties/${APP_UUID}`);
    expect(prop).toMatchObject({ status: 200, body: { key: APP_UUID, value: { aiClearanceRequest: panelValue('deepl-pro'), second: { n: 2 } } } });
    expect((await http('admin', 'GET', `/rest/api/3/issue/${res.body.issueKey}/properties/aiClearanceRequest`)).status).toBe(404);
    expect((await http('admin', 'GET', `/rest/api/3/issue/${res.body.issueKey}/properties/second`)).status).toBe(404);
  });
});

describe('UI-2 a panel submission with isValid false keeps the portal form from being submitted', () => {
  it('answers 400 and creates no request', async () => {
    const before = (await http('agent', 'GET', '/rest/api/3/search/jql?jql=project%20%3D%20AIC&maxResults=100')).body.issues.length;
    const res = await http('alice', 'POST', '/__sandbox/portal/request', { serviceDeskId: '1', requestTypeId: '1', requestFieldValues: { summary: 'half-filled' }, panel: { fields: [{ key: 'aiClearanceRequest', value: { toolId: '' } }], isValid: false } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/isValid/);
    expect((await http('agent', 'GET', '/rest/api/3/search/jql?jql=project%20%3D%20AIC&maxResults=100')).body.issues).toHaveLength(before);
  });

  it('refuses the old guess: issue properties set by the portal itself', async () => {
    const res = await http('alice', 'POST', '/__sandbox/portal/request', { serviceDeskId: '1', requestTypeId: '1', requestFieldValues: { summary: 'x' }, properties: [{ key: 'aiClearanceRequest', value: panelValue('deepl-pro') }] });
    expect(res.status).toBe(400);
  });
});

describe('UI-3 the app finds the panel’s values under the UUID it reads from the runtime (never hard-coded)', () => {
  it('getAppContext().appAri inside an invocation carries the UUID of manifest app.id', async () => {
    expect((await served.sb.forge.run(() => appUuid())).value).toBe(APP_UUID);
  });

  it('no app source outside the sandbox names the UUID', () => {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'sandbox' ? [] : files(path.join(dir, e.name))) : [path.join(dir, e.name)]));
    for (const f of [...files(path.join(ROOT, 'src')), ...files(path.join(ROOT, 'static/src'))]) expect(fs.readFileSync(f, 'utf8')).not.toContain(APP_UUID);
  });

  it('intake files a request from the panel’s submission', async () => {
    const rt = await requestTypeId('requestAiAccess');
    const res = await http('bob', 'POST', '/__sandbox/portal/request', { serviceDeskId: '1', requestTypeId: rt, requestFieldValues: { summary: 'AI access: deepl', ...(await formFields(45)) }, panel: { fields: [{ key: 'aiClearanceRequest', value: panelValue('deepl-pro', 20) }], isValid: true } });
    expect(res.status).toBe(201);
    expect((await http(undefined, 'POST', '/__sandbox/settle', { timeoutMs: 30_000 })).status).toBe(200);
    const rec = (await served.sb.forge.run(() => kvsStore().get<any>('request' as never, res.body.issueId))).value;
    expect(rec?.doc).toMatchObject({ source: 'portal_panel', toolId: 'deepl-pro', requestedDays: 20 });
  });
});
