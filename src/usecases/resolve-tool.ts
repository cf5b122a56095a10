// Intake: which catalog entry the ticket names. Its own module because only
// intake resolves what a requester typed; everything else has the tool id.
import { CATALOG_STATUSES } from '../domain/catalog/vocabulary';
import type { AppStore, StoredRecord } from '../ports/store';
import { loadCatalogEntry, storedEntryIfValid, type StoredCatalogEntry } from './shared/catalog-repo';

/**
 * Finds the catalog entry a form value names. The AI tool field's options are
 * the tool NAMES (the catalog sync owns them); the portal panel sends ids.
 * Accepts an id, a name (case-insensitive) or "Name (id)".
 */
export async function resolveTool(store: AppStore, ref: string): Promise<StoredCatalogEntry | undefined> {
  const text = ref.trim();
  const idLike = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text) ? text : /\(([a-z0-9]+(?:-[a-z0-9]+)*)\)\s*$/.exec(text)?.[1];
  if (idLike) {
    const byId = await loadCatalogEntry(store, idLike);
    if (byId) return byId;
  }
  const wanted = text.toLowerCase();
  // Names of non-requestable tools matter too (a stale form), so look at every catalog status.
  for (const status of CATALOG_STATUSES) {
    let cursor: string | undefined;
    do {
      const page: { items: StoredRecord<unknown>[]; cursor?: string } = await store.query<unknown>({
        index: 'by-kind-status',
        partition: ['catalog', status],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const r of page.items) {
        const e = storedEntryIfValid(r.doc);
        if (e && e.name.toLowerCase() === wanted) return e;
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return undefined;
}
