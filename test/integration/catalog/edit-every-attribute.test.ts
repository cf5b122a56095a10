// catalog.edit over the sandbox: every attribute of a tool, checked with the import's own rules, the
// before/after in the governance event written with the change, stale versions refused.
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { ALICE_ID, createCatalogHarness, type CatalogHarness } from './harness';

let h: CatalogHarness;

beforeAll(async () => {
  h = createCatalogHarness();
  expect((await h.call('catalog.seed', {})).added).toContain('deepl-pro');
}, 60_000);
afterAll(() => h.close());

const deepl = async () => (await h.call('catalog.list', { q: 'deepl-pro' })).entries[0];
const catalogEvents = async (toolId: string) =>
  (await h.platform.run(() => kvsStore().eventsOf(`catalog:${toolId}`, { limit: 100 }))).value.items.map(
    (e) => e.doc as { action: string; before?: Record<string, unknown>; after?: Record<string, unknown> },
  );

describe('catalog.edit of descriptive facts', () => {
  it('saves vendor, name, category, tier, address and data handling, and logs the diff in the same change', async () => {
    const before = await deepl();
    const dataHandling = { ...before.dataHandling, retention: '30 days, then deleted', dataResidency: ['EU', 'US'] };
    const r = await h.call('catalog.edit', {
      toolId: 'deepl-pro',
      expectedVersion: before.version,
      changes: {
        name: 'DeepL Pro Advanced',
        vendor: '  DeepL GmbH  ',
        category: 'writing',
        tier: 'enterprise',
        vendorUrl: 'https://www.deepl.com/pro-advanced',
        dataHandling,
        assessedOn: '2026-12-01',
      },
    });
    expect(r.error).toBeUndefined();
    const after = await deepl();
    expect(after).toMatchObject({
      name: 'DeepL Pro Advanced',
      vendor: 'DeepL GmbH',
      category: 'writing',
      tier: 'enterprise',
      vendorUrl: 'https://www.deepl.com/pro-advanced',
      dataHandling,
      assessedOn: '2026-12-01',
      risk: before.risk,
      version: before.version + 1,
    });
    const last = (await catalogEvents('deepl-pro')).at(-1);
    expect(last).toMatchObject({
      action: 'catalog.edited',
      before: { vendor: before.vendor, dataHandling: before.dataHandling, version: before.version },
      after: { vendor: 'DeepL GmbH', dataHandling, assessedOn: '2026-12-01', version: before.version + 1 },
    });
    expect(Object.keys(last?.after ?? {}).sort()).toEqual(
      ['assessedOn', 'category', 'dataHandling', 'name', 'tier', 'vendor', 'vendorUrl', 'version'].sort(),
    );
  });

  it('refuses an edit made on an older version, and changes nothing', async () => {
    const current = await deepl();
    const r = await h.call('catalog.edit', {
      toolId: 'deepl-pro',
      expectedVersion: current.version - 1,
      changes: { vendor: 'Someone Else' },
    });
    expect(r.error).toEqual({
      code: 'CATALOG_VERSION_CONFLICT',
      message: `"${current.name}" was changed (now version ${current.version}) after you loaded version ${current.version - 1}; reload it and make your change again.`,
      details: { entryId: 'deepl-pro' },
    });
    expect(await deepl()).toEqual(current);
  });

  it.each([
    [{ vendor: '' }, 'catalog.edit: changes.vendor: vendor must not be empty'],
    [{ name: 'Two\nlines' }, 'catalog.edit: changes.name: name must be one line'],
    [
      { vendorUrl: 'http://deepl.com' },
      "catalog.edit: changes.vendorUrl: vendorUrl must be the vendor's https:// address",
    ],
    [{ assessedOn: '2026-02-30' }, 'catalog.edit: changes.assessedOn: assessedOn is not a real calendar date'],
    [{ category: 'chat' }, 'catalog.edit: changes.category: must be one of "assistant", "coding"'],
    [
      {
        dataHandling: {
          trainsOnCustomerData: 'no',
          retention: 'x',
          sso: true,
          soc2: true,
          iso27001: true,
          iso42001: false,
          dataResidency: ['eu'],
        },
      },
      'catalog.edit: changes.dataHandling.dataResidency.0: dataResidency entries are upper-case region codes such as US, EU, UK, JP',
    ],
    [{ dataHandling: { sso: true } }, 'catalog.edit: changes.dataHandling.trainsOnCustomerData:'],
  ])('refuses bad input %j with a message that names the field', async (changes, message) => {
    const current = await deepl();
    const r = await h.call('catalog.edit', { toolId: 'deepl-pro', changes });
    expect(r.error.code).toBe('BAD_REQUEST');
    expect(r.error.message).toContain(message);
    expect(await deepl()).toEqual(current);
  });

  it('refuses changed data handling under the old assessment date, and a name another tool has', async () => {
    const current = await deepl();
    const facts = await h.call('catalog.edit', {
      toolId: 'deepl-pro',
      changes: {
        dataHandling: { ...current.dataHandling, soc2: !current.dataHandling.soc2 },
        assessedOn: '2026-11-30',
      },
    });
    expect(facts.error).toMatchObject({ code: 'CATALOG_INVALID_EDIT' });
    expect(facts.error.message).toContain('is before the recorded assessment (2026-12-01)');
    const other = (await h.call('catalog.list', { q: 'chatgpt-enterprise' })).entries[0];
    const clash = await h.call('catalog.edit', {
      toolId: 'deepl-pro',
      changes: { name: other.name.toUpperCase() },
    });
    expect(clash.error.code).toBe('CATALOG_INVALID_EDIT');
    expect(clash.error.message).toContain(`is already the name of "chatgpt-enterprise"`);
    expect(await deepl()).toEqual(current);
  });

  it('refuses edits of a retired tool, and a non-admin', async () => {
    expect((await h.call('catalog.edit', { toolId: 'deepl-pro', changes: { vendor: 'X' } }, ALICE_ID)).error.code).toBe(
      'FORBIDDEN',
    );
    expect((await h.call('catalog.retire', { toolId: 'deepl-pro', reason: 'Replaced' })).error).toBeUndefined();
    const r = await h.call('catalog.edit', { toolId: 'deepl-pro', changes: { vendor: 'DeepL SE' } });
    expect(r.error.code).toBe('CATALOG_TRANSITION_NOT_ALLOWED');
  });
});
