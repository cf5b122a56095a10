// Row storage for the emulated KVS: plain keys, secrets and entities in one
// SQLite table, separated by `space` so a secret or an entity can never come
// back from a key query. Expiry is judged against the sandbox clock on every
// read, so advancing the clock makes TTL'd items vanish at once.
//
// Entity items are also listed in forge_kvs_entity_index (see entity-index.ts),
// kept in the same SQLite transaction as every write, delete and purge here, so
// an index query reads only its partition's rows.
import type { Statement } from 'better-sqlite3';
import type { SandboxClock } from '../../clock';
import type { SandboxDb } from '../../db';
import type { EntityDef, IndexDef } from '../manifest';
import type { Condition } from './conditions';
import { indexDefsFingerprint, indexRowsOf, partitionJson, rangeToSql } from './entity-index';

export type Space = 'k' | 's' | `e:${string}`;

export const entitySpace = (entityName: string): Space => `e:${entityName}`;

export interface StoredItem {
  key: string;
  value: unknown;
  /** Epoch seconds. */
  createdAt: number;
  updatedAt: number;
  /** Sandbox-clock ms, when a TTL was set. */
  expireAt?: number;
}

interface Row {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

const COLUMNS = 'key, value, created_at, updated_at, expire_at';
const LIVE = '(expire_at IS NULL OR expire_at > ?)';

export class KvsStore {
  private readonly getStmt: Statement<[string, string, number], Row>;
  private readonly upsertStmt: Statement<[string, string, string, number, number, number | null]>;
  private readonly deleteStmt: Statement<[string, string]>;
  private readonly prefixStmt: Statement<[string, number, number, string, number, string, number], Row>;
  private readonly allStmt: Statement<[string, number], Row>;
  private readonly purgeStmt: Statement<[number]>;
  private readonly indexDeleteStmt: Statement<[string, string]>;
  private readonly indexInsertStmt: Statement<[string, string, string, number | null, string | null, string]>;
  private readonly expiredEntityRowsStmt: Statement<[number], { space: string; key: string }>;
  private readonly queryStmts = new Map<string, Statement<unknown[], Row>>();
  private rowsRead = 0;

  constructor(
    private readonly db: SandboxDb,
    private readonly clock: SandboxClock,
    /** Declared entities: their items are kept in forge_kvs_entity_index. */
    private readonly entities: ReadonlyMap<string, EntityDef> = new Map(),
  ) {
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM forge_kvs WHERE space = ? AND key = ? AND ${LIVE}`);
    this.upsertStmt = db.prepare(
      `INSERT INTO forge_kvs (space, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (space, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at,
         updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
    );
    this.deleteStmt = db.prepare('DELETE FROM forge_kvs WHERE space = ? AND key = ?');
    this.prefixStmt = db.prepare(
      `SELECT ${COLUMNS} FROM forge_kvs
       WHERE space = ? AND ${LIVE} AND substr(key, 1, ?) = ? AND (? = 0 OR key > ?)
       ORDER BY key LIMIT ?`,
    );
    this.allStmt = db.prepare(`SELECT ${COLUMNS} FROM forge_kvs WHERE space = ? AND ${LIVE}`);
    this.purgeStmt = db.prepare('DELETE FROM forge_kvs WHERE expire_at IS NOT NULL AND expire_at <= ?');
    this.indexDeleteStmt = db.prepare('DELETE FROM forge_kvs_entity_index WHERE space = ? AND key = ?');
    this.indexInsertStmt = db.prepare(
      'INSERT INTO forge_kvs_entity_index (space, index_name, partition_json, range_num, range_text, key) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.expiredEntityRowsStmt = db.prepare(
      `SELECT space, key FROM forge_kvs WHERE expire_at IS NOT NULL AND expire_at <= ? AND substr(space, 1, 2) = 'e:'`,
    );
    this.syncEntityIndexes();
  }

  /** Entity rows loaded by all() and entity index queries since the store was created (tests watch it). */
  get entityRowsRead(): number {
    return this.rowsRead;
  }

  get(space: Space, key: string): StoredItem | undefined {
    const row = this.getStmt.get(space, key, this.clock.nowMs());
    return row && toItem(row);
  }

  /** Writes a value (already serialised and size-checked); keeps createdAt when the key already lives. */
  put(space: Space, key: string, valueJson: string, ttlMs?: number): StoredItem {
    const now = this.clock.nowMs();
    const existing = this.get(space, key);
    const nowS = Math.floor(now / 1000);
    const createdAt = existing?.createdAt ?? nowS;
    const expireAt = ttlMs !== undefined ? now + ttlMs : null;
    const value: unknown = JSON.parse(valueJson);
    this.atomically(() => {
      this.upsertStmt.run(space, key, valueJson, createdAt, nowS, expireAt);
      this.reindex(space, key, value);
    });
    return { key, value, createdAt, updatedAt: nowS, expireAt: expireAt ?? undefined };
  }

  delete(space: Space, key: string): boolean {
    return this.atomically(() => {
      if (this.entityOf(space)) this.indexDeleteStmt.run(space, key);
      return this.deleteStmt.run(space, key).changes > 0;
    });
  }

  /** Keys with a prefix, in key order, strictly after `after` when given. */
  scanPrefix(space: Space, prefix: string, after: string | undefined, limit: number): StoredItem[] {
    return this.prefixStmt
      .all(space, this.clock.nowMs(), prefix.length, prefix, after === undefined ? 0 : 1, after ?? '', limit)
      .map(toItem);
  }

  /** Every live item of a space. */
  all(space: Space): StoredItem[] {
    return this.load(this.allStmt.all(space, this.clock.nowMs()));
  }

  /**
   * Live items of an entity that may match an index query: those in the
   * partition (index null = by-key, no partition), narrowed by the range
   * condition when SQL can judge it exactly. A superset of the matches, in no
   * particular order; the caller re-checks everything and sorts.
   */
  indexCandidates(
    space: Space,
    index: IndexDef | null,
    partition: ReadonlyArray<unknown>,
    range: Condition | undefined,
  ): StoredItem[] {
    const now = this.clock.nowMs();
    if (index === null) {
      const cond = range && rangeToSql(range, null, 'key');
      const sql = `SELECT ${COLUMNS} FROM forge_kvs WHERE space = ? AND ${LIVE}${cond ? ` AND ${cond.sql}` : ''}`;
      return this.load(this.queryStmt(sql).all(space, now, ...(cond?.params ?? [])));
    }
    const cond = range && rangeToSql(range, 'i.range_num', 'i.range_text');
    const sql = `SELECT k.key, k.value, k.created_at, k.updated_at, k.expire_at
      FROM forge_kvs_entity_index i INDEXED BY forge_kvs_entity_index_range
      JOIN forge_kvs k ON k.space = i.space AND k.key = i.key
      WHERE i.space = ? AND i.index_name = ? AND i.partition_json = ?${cond ? ` AND ${cond.sql}` : ''}
        AND (k.expire_at IS NULL OR k.expire_at > ?)`;
    return this.load(
      this.queryStmt(sql).all(space, index.name, partitionJson(partition), ...(cond?.params ?? []), now),
    );
  }

  purgeExpired(): number {
    return this.atomically(() => {
      const now = this.clock.nowMs();
      for (const r of this.expiredEntityRowsStmt.all(now)) this.indexDeleteStmt.run(r.space, r.key);
      return this.purgeStmt.run(now).changes;
    });
  }

  /** Runs fn atomically; the emulator is single-process and synchronous inside, so this also serialises. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private entityOf(space: Space): EntityDef | undefined {
    return space.startsWith('e:') ? this.entities.get(space.slice(2)) : undefined;
  }

  /** Replaces an item's index rows (call inside a transaction, after writing the forge_kvs row). */
  private reindex(space: Space, key: string, value: unknown): void {
    const entity = this.entityOf(space);
    if (!entity) return;
    this.indexDeleteStmt.run(space, key);
    for (const r of indexRowsOf(entity, value))
      this.indexInsertStmt.run(space, r.indexName, r.partitionJson, r.rangeNum, r.rangeText, key);
  }

  /**
   * Startup: (re)builds an entity's index rows when the table was built for
   * other index definitions, or is empty while the entity has items (a data
   * file from before the table existed). Drops rows of entities no longer declared.
   */
  private syncEntityIndexes(): void {
    const db = this.db;
    const storedDefs = new Map(
      db
        .prepare<[], { space: string; defs: string }>('SELECT space, defs FROM forge_kvs_entity_index_defs')
        .all()
        .map((r) => [r.space, r.defs]),
    );
    const hasIndexRows = db.prepare<[string], { n: number }>(
      'SELECT 1 AS n FROM forge_kvs_entity_index WHERE space = ? LIMIT 1',
    );
    const hasItems = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM forge_kvs WHERE space = ? LIMIT 1');
    const rows = db.prepare<[string], { key: string; value: string }>(
      'SELECT key, value FROM forge_kvs WHERE space = ?',
    );
    const setDefs = db.prepare(
      'INSERT INTO forge_kvs_entity_index_defs (space, defs) VALUES (?, ?) ON CONFLICT (space) DO UPDATE SET defs = excluded.defs',
    );
    const dropSpace = db.prepare('DELETE FROM forge_kvs_entity_index WHERE space = ?');
    const dropDefs = db.prepare('DELETE FROM forge_kvs_entity_index_defs WHERE space = ?');
    const declared = new Set<string>();
    this.atomically(() => {
      for (const entity of this.entities.values()) {
        const space = entitySpace(entity.name);
        declared.add(space);
        const defs = indexDefsFingerprint(entity);
        const stale =
          storedDefs.get(space) !== defs ||
          (entity.indexes.size > 0 && !hasIndexRows.get(space) && !!hasItems.get(space));
        if (!stale) continue;
        dropSpace.run(space);
        for (const r of rows.all(space)) this.reindex(space, r.key, JSON.parse(r.value));
        setDefs.run(space, defs);
      }
      for (const space of storedDefs.keys()) {
        if (declared.has(space)) continue;
        dropSpace.run(space);
        dropDefs.run(space);
      }
    });
  }

  private queryStmt(sql: string): Statement<unknown[], Row> {
    let stmt = this.queryStmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], Row>(sql);
      this.queryStmts.set(sql, stmt);
    }
    return stmt;
  }

  private load(rows: Row[]): StoredItem[] {
    this.rowsRead += rows.length;
    return rows.map(toItem);
  }
}

function toItem(row: Row): StoredItem {
  return {
    key: row.key,
    value: JSON.parse(row.value),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.expire_at !== null ? { expireAt: row.expire_at } : {}),
  };
}

export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';

/** The wire shape of an item: {key, value} plus the metadata the caller asked for. */
export function toWire(
  item: StoredItem,
  fields: ReadonlyArray<MetadataField> | undefined,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { key: item.key, value: item.value, ...extra };
  if (fields?.includes('CREATED_AT')) out.createdAt = item.createdAt;
  if (fields?.includes('UPDATED_AT')) out.updatedAt = item.updatedAt;
  if (fields?.includes('EXPIRE_TIME') && item.expireAt !== undefined)
    out.expireTime = new Date(item.expireAt).toISOString();
  return out;
}
