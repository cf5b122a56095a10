import { parse as parseYaml } from 'yaml';
import { parseCatalogImport, renderCatalogYaml } from '../../../src/config/catalog-import';
import { loadCatalogSeed } from '../../../src/config/catalog-seed';
import { seedCatalog } from '../../../src/usecases/catalog';
import { ADMIN, ALICE_ID, createCatalogHarness, type CatalogHarness } from './harness';

let h: CatalogHarness;

async function get(path: string, query = ''): Promise<any> {
  const res = await h.jira.handle({
    method: 'GET',
    path,
    query: new URLSearchParams(query),
    headers: {},
    body: undefined,
    principal: { kind: 'user', accountId: ADMIN },
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** Every option of the AI tool field (all contexts), read straight from the emulator: value → enabled. */
async function aiToolOptions(): Promise<Record<string, boolean>> {
  const fields = (await get('/rest/api/3/field/search', 'type=custom&query=AI tool')).values as Array<{
    id: string;
    name: string;
  }>;
  const field = fields.filter((f) => f.name === 'AI tool');
  expect(field).toHaveLength(1);
  const out: Record<string, boolean> = {};
  for (const ctx of (await get(`/rest/api/3/field/${field[0].id}/context`)).values as Array<{ id: string }>) {
    for (const o of (await get(`/rest/api/3/field/${field[0].id}/context/${ctx.id}/option`)).values as Array<{
      value: string;
      disabled: boolean;
    }>) {
      expect(out[o.value]).toBeUndefined();
      out[o.value] = !o.disabled;
    }
  }
  return out;
}

const CLAUDE = 'Claude for Work (Team and Enterprise)';

beforeAll(async () => {
  h = createCatalogHarness();
  expect(await h.provision()).toMatchObject({ state: 'done' });
  // Seeded the way an admin does it on a real site: the bundled default assessments, through the resolver.
  const seeded = await h.call('catalog.seed', {});
  expect(seeded.added).toEqual(loadCatalogSeed().map((e) => e.id));
}, 60_000);
afterAll(() => h.close());

describe('catalog through the admin resolvers', () => {
  it('seeds once: a second seed adds nothing and keeps every tool proposed', async () => {
    expect((await h.call('catalog.seed', {})).added).toEqual([]);
    expect(await h.withDeps((deps) => seedCatalog(deps, loadCatalogSeed()))).toEqual([]);
    const list = await h.call('catalog.list', { status: 'proposed' });
    expect(list.entries.length).toBe(loadCatalogSeed().length);
  });

  it('refuses a non-admin with FORBIDDEN and changes nothing', async () => {
    const r = await h.call('catalog.approve', { toolId: 'deepl-pro' }, ALICE_ID);
    expect(r.error.code).toBe('FORBIDDEN');
    const list = await h.call('catalog.list', { q: 'deepl' });
    expect(list.entries[0].status).toBe('proposed');
  });

  it('rejects a bad payload with a message naming the field', async () => {
    const r = await h.call('catalog.suspend', { toolId: 'deepl-pro' });
    expect(r.error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(r.error.message).toMatch(/reason/);
  });

  it('keeps the AI tool options in sync through approve → suspend → re-approve → retire', async () => {
    const approved = await h.call('catalog.approve', { toolId: 'claude-for-work' });
    expect(approved.optionSync.ok).toBe(true);
    expect((await aiToolOptions())[CLAUDE]).toBe(true);

    const suspended = await h.call('catalog.suspend', {
      toolId: 'claude-for-work',
      reason: 'Vendor contract under review',
    });
    expect(suspended.entries[0].status).toBe('suspended');
    expect((await aiToolOptions())[CLAUDE]).toBe(false);

    const back = await h.call('catalog.reapprove', { toolId: 'claude-for-work' });
    expect(back.entries[0].status).toBe('requestable');
    expect((await aiToolOptions())[CLAUDE]).toBe(true);

    await h.call('catalog.suspend', { toolId: 'claude-for-work', reason: 'Replaced by another assistant' });
    const retired = await h.call('catalog.retire', { toolId: 'claude-for-work', reason: 'Contract ended' });
    expect(retired.entries[0].status).toBe('retired');
    const opts = await aiToolOptions();
    // Disabled, never deleted: exactly one option, still there.
    expect(Object.keys(opts).filter((k) => k === CLAUDE)).toHaveLength(1);
    expect(opts[CLAUDE]).toBe(false);

    const log = await h.call('governance.list', { subjectType: 'catalog', subjectId: 'claude-for-work' });
    expect(log.events.map((e: { action: string }) => e.action)).toEqual([
      'catalog.proposed',
      'catalog.approved',
      'catalog.suspended',
      'catalog.reinstated',
      'catalog.suspended',
      'catalog.retired',
    ]);
    expect(log.events[1].actor).toEqual({ type: 'user', accountId: ADMIN });
    expect(log.events[2].after.statusReason).toBe('Vendor contract under review');
    const verified = await h.call('governance.verify', { subjectType: 'catalog', subjectId: 'claude-for-work' });
    expect(verified.ok).toBe(true);
  });

  it('never approves a prohibited tool', async () => {
    const list = await h.call('catalog.list', { risk: 'prohibited' });
    expect(list.entries.length).toBeGreaterThan(0);
    const r = await h.call('catalog.approve', { toolId: list.entries[0].id });
    expect(r.error.code).toBe('CATALOG_PROHIBITED_NOT_REQUESTABLE');
    expect((await aiToolOptions())[list.entries[0].name]).toBeUndefined();
  });

  it('approves all low-risk tools in one action and offers each of them', async () => {
    const r = await h.call('catalog.approveAllLowRisk', {});
    expect(r.entries.length).toBeGreaterThan(0);
    const opts = await aiToolOptions();
    for (const e of r.entries) expect(opts[e.name]).toBe(true);
  });

  it('a policy update makes a new version with a policy.updated event', async () => {
    const v1 = (await h.call('policy.get', {})).policy;
    const r = await h.call('policy.update', {
      levels: { high: { maxDays: 20 } },
      expectedVersion: v1.version,
      reason: 'Tighter high-risk access',
    });
    expect(r.policy.version).toBe(v1.version + 1);
    expect(r.policy.levels.high.maxDays).toBe(20);
    const stale = await h.call('policy.update', { levels: { high: { maxDays: 25 } }, expectedVersion: v1.version });
    expect(stale.error.code).toBe('POLICY_VERSION_CONFLICT');
    const log = await h.call('governance.list', { subjectType: 'policy', subjectId: 'risk-policy' });
    expect(log.events.at(-1)).toMatchObject({ action: 'policy.updated', policyVersion: v1.version + 1 });
  });

  it('imports all or nothing: one bad entry refuses the whole file', async () => {
    const exported = (await h.call('catalog.export', {})).catalog;
    // Exported data is what the YAML file holds: round-trip it through the file format like an admin would.
    const file = renderCatalogYaml(exported);
    expect(parseCatalogImport(file, 'catalog.yml').map((e) => e.id)).toEqual(
      exported.tools.map((t: { id: string }) => t.id),
    );
    // Two edits: one valid (DeepL's rationale), one illegal (the retired Claude back to requestable).
    const doc = parseYaml(file) as { tools: Array<Record<string, unknown>> };
    const claude = doc.tools.find((t) => t.id === 'claude-for-work')!;
    Object.assign(claude, { status: 'requestable' });
    delete claude.statusReason;
    doc.tools.find((t) => t.id === 'deepl-pro')!.riskRationale = 'Changed by import';
    const refused = await h.call('catalog.import', { catalog: doc, fileName: 'catalog.yml' });
    expect(refused.error.code).toBe('CATALOG_IMPORT_REFUSED');
    expect(refused.error.message).toMatch(/claude-for-work/);
    const deepl = (await h.call('catalog.list', { q: 'deepl-pro' })).entries[0];
    expect(deepl.riskRationale).not.toBe('Changed by import');

    const tiny = parseYaml(file.replace(/risk: low/, 'risk: tiny')) as { tools: Array<{ id: string; risk: string }> };
    const badIndex = tiny.tools.findIndex((t) => t.risk === 'tiny');
    const bad = await h.call('catalog.import', { catalog: tiny, fileName: 'catalog.yml' });
    expect(bad.error.code).toBe('CATALOG_IMPORT_INVALID');
    expect(bad.error.message).toContain(`catalog.yml: entry "${tiny.tools[badIndex].id}"`);
    expect(bad.error.message).toContain(`tools[${badIndex}].risk`);

    const same = await h.call('catalog.import', { catalog: exported, fileName: 'catalog.yml' });
    expect(same.entries).toHaveLength(0);
  });

  it('refuses a connector binding set by catalog.edit or the import: binding goes through connectors.bind', async () => {
    const okta = { provider: 'okta', groupId: '00g1emaKYZTWRYYRRTSK' };
    const before = (await h.call('catalog.list', { q: 'deepl-pro' })).entries[0];
    expect(before.connector ?? null).toBeNull();

    const edited = await h.call('catalog.edit', { toolId: 'deepl-pro', changes: { connector: okta, maxDays: 60 } });
    expect(edited.error.code).toBe('CATALOG_CONNECTOR_NEEDS_BIND');
    expect(edited.error.message).toMatch(/connectors\.bind/);
    const after = (await h.call('catalog.list', { q: 'deepl-pro' })).entries[0];
    expect(after).toMatchObject({ connector: null, maxDays: before.maxDays, version: before.version });
    // Sending the binding it already has is no change of binding: the rest of the edit goes through.
    const kept = await h.call('catalog.edit', {
      toolId: 'deepl-pro',
      changes: { connector: null, maxDays: before.maxDays + 1 },
    });
    expect(kept.entries[0]).toMatchObject({ connector: null, maxDays: before.maxDays + 1 });

    const exported = (await h.call('catalog.export', {})).catalog as { tools: Array<Record<string, unknown>> };
    const deepl = exported.tools.find((t) => t.id === 'deepl-pro')!;
    const rebound = { ...exported, tools: [{ ...deepl, connector: okta, riskRationale: 'Changed by import' }] };
    const refused = await h.call('catalog.import', { catalog: rebound, fileName: 'catalog.yml' });
    expect(refused.error.code).toBe('CATALOG_IMPORT_REFUSED');
    expect(refused.error.details.problems).toEqual([
      expect.objectContaining({ code: 'CATALOG_CONNECTOR_NEEDS_BIND', entryId: 'deepl-pro' }),
    ]);
    const added = {
      ...exported,
      tools: [{ ...deepl, id: 'deepl-pro-eu', name: 'DeepL Pro EU', status: 'proposed', connector: okta }],
    };
    const refusedNew = await h.call('catalog.import', { catalog: added, fileName: 'catalog.yml' });
    expect(refusedNew.error.code).toBe('CATALOG_IMPORT_REFUSED');
    expect(refusedNew.error.message).toMatch(/deepl-pro-eu: .*connectors\.bind/);
    const list = (await h.call('catalog.list', { q: 'deepl' })).entries as Array<{ id: string; riskRationale: string }>;
    expect(list.map((e) => e.id)).not.toContain('deepl-pro-eu');
    expect(list.find((e) => e.id === 'deepl-pro')!.riskRationale).not.toBe('Changed by import');
  });
});
