// Catalog and policy records in the AppStore (layout shared with
// usecases/shared/catalog-repo.ts: catalog/<toolId>, policy/current), read as
// the full domain types, and the writes that chain their governance events.
import * as z from 'zod/mini';
import type { CatalogChange } from '../../domain/catalog/errors';
import type { CatalogEntry } from '../../domain/catalog/types';
import { CATALOG_STATUSES } from '../../domain/catalog/vocabulary';
import type { EventDraft } from '../../domain/governance/event';
import { subjectKeyOf } from '../../domain/governance/event';
import type { PolicySet } from '../../domain/policy/risk-policy';
import {
  isStoreConflict,
  type AppStore,
  type ExpectedVersion,
  type RecordDelete,
  type RecordPut,
  type StoredRecord,
} from '../../ports/store';
import { loadPolicySet, POLICY_RECORD_ID } from '../shared/catalog-repo';
import { parseStored } from '../shared/stored-data';
import { chainEvents } from '../shared/governance';
import type { CatalogDeps } from './deps';

// Enough structure to trust the rest of the document as a CatalogEntry
// (it was written by these use cases from domain values).
const entryShape = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.enum(CATALOG_STATUSES),
  risk: z.string(),
  version: z.int().check(z.minimum(1)),
});

export interface LoadedEntry {
  entry: CatalogEntry;
  /** The record version (optimistic concurrency), not entry.version. */
  rv: number;
}

function asEntry(rec: StoredRecord<unknown>): LoadedEntry {
  parseStored(entryShape, rec.doc, `catalog entry ${rec.id}`);
  return { entry: rec.doc as CatalogEntry, rv: rec.version };
}

export async function getEntry(store: AppStore, id: string): Promise<LoadedEntry | undefined> {
  const rec = await store.get<unknown>('catalog', id);
  return rec ? asEntry(rec) : undefined;
}

/** Every entry, every status, sorted by name. */
export async function listEntries(store: AppStore): Promise<LoadedEntry[]> {
  const out: LoadedEntry[] = [];
  for (const status of CATALOG_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await store.query<unknown>({
        index: 'by-kind-status',
        partition: ['catalog', status],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items.map(asEntry));
      cursor = page.cursor;
    } while (cursor);
  }
  return out.sort((a, b) => a.entry.name.localeCompare(b.entry.name));
}

export function entryPut(entry: CatalogEntry, expected: ExpectedVersion): RecordPut {
  // dueAt 0: every index has dueAt as its range key, and an item without the
  // range attribute is left out of the index (the catalog would list empty).
  return {
    expected,
    record: {
      kind: 'catalog',
      id: entry.id,
      version: expected === 'absent' ? 1 : expected + 1,
      status: entry.status,
      toolId: entry.id,
      dueAt: 0,
      doc: entry,
    },
  };
}

/**
 * Commits catalog changes (several may concern one entry, e.g. an import's
 * edit then approve: the last one wins) with every event, in ONE commit.
 * `read` holds the record version each touched entry had when read ('absent' for new ones).
 */
export async function commitCatalogChanges(
  deps: CatalogDeps,
  changes: readonly CatalogChange[],
  read: ReadonlyMap<string, ExpectedVersion>,
  extra: { puts?: RecordPut[]; deletes?: RecordDelete[]; events?: EventDraft[] } = {},
): Promise<void> {
  const last = new Map<string, CatalogEntry>();
  for (const c of changes) last.set(c.entry.id, c.entry);
  const puts = [...last.values()].map((e) => entryPut(e, read.get(e.id) ?? 'absent'));
  const drafts = [...changes.map((c) => c.event), ...(extra.events ?? [])];
  const fresh = new Set(
    [...last.keys()]
      .filter((id) => (read.get(id) ?? 'absent') === 'absent')
      .map((id) => subjectKeyOf({ type: 'catalog', id })),
  );
  const chained = await chainEvents(deps.store, drafts, deps.now(), deps.random, fresh);
  await deps.store.commit({
    puts: [...puts, ...(extra.puts ?? []), ...chained.puts],
    ...(extra.deletes?.length ? { deletes: extra.deletes } : {}),
    events: chained.events,
  });
}

export async function loadPolicy(store: AppStore): Promise<{ set: PolicySet; expected: ExpectedVersion }> {
  const rec = await store.get<unknown>('policy', POLICY_RECORD_ID);
  return { set: await loadPolicySet(store), expected: rec ? rec.version : 'absent' };
}

export function policyPut(set: PolicySet, expected: ExpectedVersion): RecordPut {
  return {
    expected,
    record: { kind: 'policy', id: POLICY_RECORD_ID, version: expected === 'absent' ? 1 : expected + 1, doc: set },
  };
}

/** Load → decide → commit, again from a fresh read when another writer got there first. */
export async function withConflictRetry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (e) {
      if (!isStoreConflict(e) || i >= attempts) throw e;
    }
  }
}

/** Forge KVS takes at most 25 operations per transaction (https://developer.atlassian.com/platform/forge/limits-kvs-ce/ "Transaction limits"). */
export const MAX_TRANSACTION_OPS = 25;

/**
 * Commits many changes in as few transactions as fit the limit, never
 * splitting one entry's changes (its record, head and events land together).
 * Callers validate everything first, so nothing is refused half way; a crash
 * or conflict between chunks leaves whole entries done, and re-running the
 * same action applies only what is left (every bulk action is idempotent).
 */
export async function commitInChunks(
  deps: CatalogDeps,
  changes: readonly CatalogChange[],
  read: ReadonlyMap<string, ExpectedVersion>,
): Promise<void> {
  const groups = new Map<string, CatalogChange[]>();
  for (const c of changes) groups.set(c.entry.id, [...(groups.get(c.entry.id) ?? []), c]);
  let chunk: CatalogChange[] = [];
  let ops = 0;
  for (const group of groups.values()) {
    const cost = 2 + group.length; // entry put + head put + one write per event
    if (ops + cost > MAX_TRANSACTION_OPS && chunk.length > 0) {
      await commitCatalogChanges(deps, chunk, read);
      chunk = [];
      ops = 0;
    }
    chunk.push(...group);
    ops += cost;
  }
  if (chunk.length > 0) await commitCatalogChanges(deps, chunk, read);
}
