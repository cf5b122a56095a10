// The side table forge_kvs_entity_index: one row per (entity item, declared
// index) the item belongs to, so an index query reads only the rows of its
// partition (and range, when the condition can be pushed into SQL) instead
// of every item of the entity.
//
// The table only narrows the candidates: entity-query.ts still applies the
// partition, range, filters, sort, cursor and limit in JS over the rows it
// returns, so SQL must never drop a row JS would keep (a superset is fine).
// Hence:
//   - an item is indexed exactly when JS could match it: every partition
//     attribute present and the range attribute present and not null;
//   - partition_json is JSON.stringify of the item's partition values, which
//     equals JSON.stringify(query partition) whenever JS strict equality holds;
//   - range_num holds a number range value, range_text a string one (other
//     types: both NULL; no range condition except EQUAL_TO on them can hold,
//     and EQUAL_TO on a non-number/non-string is not pushed down);
//   - string conditions are pushed down only when their operands have no code
//     unit >= U+D800: then SQLite's byte order (UTF-8, code points) and JS's
//     UTF-16 code-unit order agree on every comparison against them.
import type { EntityDef, IndexDef } from '../manifest';
import { ABSENT, attribute, type Condition } from './conditions';

export interface IndexRow {
  indexName: string;
  partitionJson: string;
  rangeNum: number | null;
  rangeText: string | null;
}

/** The index rows an entity value belongs to (by-key is served from forge_kvs itself). */
export function indexRowsOf(entity: EntityDef, value: unknown): IndexRow[] {
  const item = value as Record<string, unknown> | undefined;
  const rows: IndexRow[] = [];
  for (const index of entity.indexes.values()) {
    const range = attribute(item, index.range);
    if (range === ABSENT || range === null || range === undefined) continue;
    const parts: unknown[] = [];
    let complete = true;
    for (const attr of index.partition) {
      const v = attribute(item, attr);
      if (v === ABSENT) {
        complete = false;
        break;
      }
      parts.push(v);
    }
    if (!complete) continue;
    rows.push({
      indexName: index.name,
      partitionJson: JSON.stringify(parts),
      rangeNum: typeof range === 'number' ? range : null,
      rangeText: typeof range === 'string' ? range : null,
    });
  }
  return rows;
}

export function partitionJson(partition: ReadonlyArray<unknown>): string {
  return JSON.stringify(partition);
}

/** Fingerprint of an entity's declared indexes: the side table is rebuilt when it changes. */
export function indexDefsFingerprint(entity: EntityDef): string {
  return JSON.stringify([...entity.indexes.values()].map((i: IndexDef) => [i.name, i.partition, i.range]));
}

export interface SqlCondition {
  sql: string;
  params: Array<string | number>;
}

const safeText = (v: unknown): v is string => typeof v === 'string' && !/[\uD800-\uFFFF]/.test(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const OPS: Partial<Record<Condition['condition'], string>> = {
  EQUAL_TO: '=',
  GREATER_THAN: '>',
  GREATER_THAN_EQUAL_TO: '>=',
  LESS_THAN: '<',
  LESS_THAN_EQUAL_TO: '<=',
};

/**
 * The SQL form of a range condition over a numeric and a text column, or
 * undefined when it cannot be pushed down exactly (the caller then reads the
 * whole partition and JS decides). `numCol` may be null when the range is
 * always text (by-key).
 */
export function rangeToSql(c: Condition, numCol: string | null, textCol: string): SqlCondition | undefined {
  const [v0, v1] = c.values;
  // Text conditions also pin the numeric column to NULL so the composite index stays usable.
  const textPrefix = numCol ? `${numCol} IS NULL AND ` : '';
  const op = OPS[c.condition];
  if (op) {
    if (isNum(v0) && numCol) return { sql: `${numCol} ${op} ?`, params: [v0] };
    if (safeText(v0)) return { sql: `${textPrefix}${textCol} ${op} ?`, params: [v0] };
    return undefined;
  }
  if (c.condition === 'BETWEEN') {
    if (isNum(v0) && isNum(v1) && numCol) return { sql: `${numCol} BETWEEN ? AND ?`, params: [v0, v1] };
    if (safeText(v0) && safeText(v1)) return { sql: `${textPrefix}${textCol} BETWEEN ? AND ?`, params: [v0, v1] };
    return undefined;
  }
  if (c.condition === 'BEGINS_WITH') {
    // [p, p with its last code unit + 1): exactly the strings starting with p, in both orders.
    if (!safeText(v0) || v0.length === 0) return undefined;
    const last = v0.charCodeAt(v0.length - 1);
    if (last >= 0xd7ff) return undefined;
    const upper = v0.slice(0, -1) + String.fromCharCode(last + 1);
    return { sql: `${textPrefix}${textCol} >= ? AND ${textCol} < ?`, params: [v0, upper] };
  }
  return undefined;
}
