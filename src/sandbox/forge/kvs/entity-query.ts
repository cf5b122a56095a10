// Entity queries over the indexes declared in manifest.yml. An index is
// sparse: an item without every partition and range attribute is not in it.
// Order: range value, then key (ASC or DESC for both). Cursors are opaque,
// bound to the entity, index and partition they were issued for.
//
// Known difference (documented): filters are applied before the limit, so a
// page is always full when more matches exist. A DynamoDB-style service may
// return short pages with a cursor; apps must not rely on either.
import * as z from 'zod';
import { KvsErrors } from '../errors';
import type { EntityDef, IndexDef } from '../manifest';
import {
  ABSENT,
  attribute,
  checkArity,
  checkFilters,
  ConditionSchema,
  evaluate,
  type Condition,
  FiltersSchema,
  matchesFilters,
  RANGE_CONDITIONS,
} from './conditions';
import { DEFAULT_QUERY_LIMIT, MAX_ENTITY_QUERY_LIMIT } from './limits';
import { toWire, type StoredItem } from './store';

export const EntityQuerySchema = z.object({
  entityName: z.string(),
  indexName: z.string(),
  partition: z.array(z.unknown()).optional(),
  range: ConditionSchema.extend({ condition: z.enum(RANGE_CONDITIONS) }).optional(),
  filters: FiltersSchema.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().optional(),
  options: z
    .object({ metadataFields: z.array(z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'])).optional() })
    .optional(),
});
export type EntityQuery = z.infer<typeof EntityQuerySchema>;

const BY_KEY: IndexDef = { name: 'by-key', partition: [], range: '' };

const CursorSchema = z.object({ e: z.string(), i: z.string(), p: z.string(), r: z.unknown(), k: z.string() });

function encodeCursor(c: z.infer<typeof CursorSchema>): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeCursor(text: string): z.infer<typeof CursorSchema> {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw KvsErrors.invalidCursor();
  }
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Booleans sort false < true; mixed types fall back to their JSON text so ordering stays total.
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

interface Entry {
  item: StoredItem;
  value: Record<string, unknown>;
  range: unknown;
}

/**
 * Loads the candidate items of a query: a superset of the items in the
 * partition whose range value meets the range condition (index null = by-key).
 */
export type CandidateLoader = (
  index: IndexDef | null,
  partition: ReadonlyArray<unknown>,
  range: Condition | undefined,
) => StoredItem[];

export function queryEntities(
  entity: EntityDef,
  loadCandidates: CandidateLoader,
  q: EntityQuery,
): { data: Array<Record<string, unknown>>; cursor?: string } {
  const index = q.indexName === 'by-key' ? BY_KEY : entity.indexes.get(q.indexName);
  if (!index) {
    const known = ['by-key', ...entity.indexes.keys()].join(', ');
    throw KvsErrors.badRequest(
      `entity ${entity.name} has no index "${q.indexName}" (indexes: ${known}); declare it in manifest.yml app.storage.entities`,
    );
  }
  const partition = q.partition ?? [];
  if (partition.length !== index.partition.length) {
    throw KvsErrors.badRequest(
      index.partition.length
        ? `index ${index.name} is partitioned by [${index.partition.join(', ')}]: pass partition with ${index.partition.length} value(s)`
        : `index ${index.name} has no partition; do not pass one`,
    );
  }
  const limit = q.limit ?? DEFAULT_QUERY_LIMIT;
  if (limit < 1 || limit > MAX_ENTITY_QUERY_LIMIT)
    throw KvsErrors.limitExceeded(`limit must be between 1 and ${MAX_ENTITY_QUERY_LIMIT}, got ${limit}`);
  if (q.range) checkArity(q.range, `range on index ${index.name}`);
  if (q.filters) checkFilters(q.filters, 'filters');

  const partitionKey = JSON.stringify(partition);
  const dir = q.sort === 'DESC' ? -1 : 1;
  const entries: Entry[] = [];
  for (const item of loadCandidates(index === BY_KEY ? null : index, partition, q.range)) {
    const value = item.value as Record<string, unknown>;
    const range = index === BY_KEY ? item.key : attribute(value, index.range);
    if (range === ABSENT || range === null || range === undefined) continue;
    if (
      !index.partition.every((attr, i) => {
        const v = attribute(value, attr);
        return v !== ABSENT && v === partition[i];
      })
    )
      continue;
    if (q.range && !evaluate(q.range, range)) continue;
    if (q.filters && !matchesFilters(q.filters, value)) continue;
    entries.push({ item, value, range });
  }
  const order = (a: { range: unknown; key: string }, b: { range: unknown; key: string }) =>
    dir * (compareValues(a.range, b.range) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  entries.sort((a, b) => order({ range: a.range, key: a.item.key }, { range: b.range, key: b.item.key }));

  let start = 0;
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (c.e !== entity.name || c.i !== index.name || c.p !== partitionKey) throw KvsErrors.invalidCursor();
    const after = { range: c.r, key: c.k };
    start = entries.findIndex((e) => order({ range: e.range, key: e.item.key }, after) > 0);
    if (start < 0) start = entries.length;
  }
  const page = entries.slice(start, start + limit);
  const more = start + limit < entries.length;
  const last = page[page.length - 1];
  const fields = q.options?.metadataFields;
  return {
    data: page.map((e) => toWire(e.item, fields)),
    ...(more && last
      ? { cursor: encodeCursor({ e: entity.name, i: index.name, p: partitionKey, r: last.range, k: last.item.key }) }
      : {}),
  };
}
