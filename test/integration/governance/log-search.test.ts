// governance.search over the sandbox: a filter the store has no index for (ticket, subject type) reads on
// past pages without a match instead of answering an empty page; the cursor pages through the window.
import { createCatalogHarness, type CatalogHarness } from '../catalog/harness';

let h: CatalogHarness;
// Catalog, settings and policy changes are stamped with the app's clock (the system clock here).
const DAY = 86_400_000;
const WINDOW = { from: new Date(Date.now() - DAY).toISOString(), to: new Date(Date.now() + DAY).toISOString() };

interface Answer {
  events: Array<{ id: string; subject: { type: string; id: string }; action: string }>;
  cursor?: string;
  readThrough?: string;
}

beforeAll(async () => {
  h = createCatalogHarness();
  expect((await h.call('catalog.seed', {})).added.length).toBeGreaterThan(10);
  // More than a page of other events before the one the search looks for.
  for (let i = 0; i < 120; i++) {
    const r = await h.call('settings.update', { retentionDays: 401 + (i % 2) });
    expect(r.error).toBeUndefined();
  }
  const p = await h.call('policy.update', { levels: { low: { maxDays: 200 } }, reason: 'Longer for low risk' });
  expect(p.error).toBeUndefined();
}, 120_000);
afterAll(() => h.close());

const search = (payload: Record<string, unknown>) => h.call('governance.search', payload) as Promise<Answer>;

describe('governance.search', () => {
  it('finds events of one kind of subject that lie beyond the first pages read, in one call', async () => {
    const first = await search({ ...WINDOW, subjectType: 'policy' });
    expect(first.events.map((e) => e.action)).toContain('policy.updated');
    expect(first.events.every((e) => e.subject.type === 'policy')).toBe(true);
    expect(first.cursor).toBeUndefined();
  });

  it('pages through the whole window with the cursor: every event once, at most 100 a page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await search({ ...WINDOW, ...(cursor ? { cursor } : {}) });
      expect(page.events.length).toBeLessThanOrEqual(100);
      seen.push(...page.events.map((e) => e.id));
      cursor = page.cursor;
      if (cursor) expect(Date.parse(page.readThrough ?? '')).not.toBeNaN();
      pages++;
    } while (cursor && pages < 20);
    expect(cursor).toBeUndefined();
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    const notCatalog = seen.length - (await search({ ...WINDOW, subjectType: 'catalog' })).events.length;
    expect(notCatalog).toBe(121); // 120 settings changes and 1 policy change
  });

  it('narrows to one subject within the window', async () => {
    const chain = await search({ ...WINDOW, subjectType: 'catalog', subjectId: 'deepl-pro' });
    expect(chain.events.length).toBeGreaterThan(0);
    expect(chain.events.every((e) => e.subject.id === 'deepl-pro')).toBe(true);
    const outside = await search({
      from: new Date(Date.now() - 30 * DAY).toISOString(),
      to: new Date(Date.now() - 2 * DAY).toISOString(),
      subjectType: 'catalog',
      subjectId: 'deepl-pro',
    });
    expect(outside.events).toEqual([]);
  });

  it('refuses a subject id without its type, saying what to add', async () => {
    const r = await h.call('governance.search', { ...WINDOW, subjectId: 'deepl-pro' });
    expect(r.error).toEqual({
      code: 'BAD_REQUEST',
      message: 'governance.search: subjectId needs subjectType (request, grant, catalog, …) to name one subject',
    });
  });
});
