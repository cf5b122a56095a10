// Row storage for the emulated KVS: plain keys, secrets and entities in one
// SQLite table, separated by `space` so a secret or an entity can never come
// back from a key query. Expiry is judged against the sandbox clock on every
// read, so advancing the clock makes TTL'd items vanish at once.
import type { Statement } from 'better-sqlite3';
import type { SandboxClock } from '../../clock';
import type { SandboxDb } from '../../db';

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

interface Row { key: string; value: string; created_at: number; updated_at: number; expire_at: number | null }

export class KvsStore {
  private readonly getStmt: Statement<[string, string, number], Row>;
  private readonly upsertStmt: Statement<[string, string, string, number, number, number | null]>;
  private readonly deleteStmt: Statement<[string, string]>;
  private readonly prefixStmt: Statement<[string, number, number, string, number, string, number], Row>;
  private readonly allStmt: Statement<[string, number], Row>;
  private readonly purgeStmt: Statement<[number]>;

  constructor(
    private readonly db: SandboxDb,
    private readonly clock: SandboxClock,
  ) {
    const live = '(expire_at IS NULL OR expire_at > ?)';
    this.getStmt = db.prepare(`SELECT key, value, created_at, updated_at, expire_at FROM forge_kvs WHERE space = ? AND key = ? AND ${live}`);
    this.upsertStmt = db.prepare(
      `INSERT INTO forge_kvs (space, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (space, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at,
         updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
    );
    this.deleteStmt = db.prepare('DELETE FROM forge_kvs WHERE space = ? AND key = ?');
    this.prefixStmt = db.prepare(
      `SELECT key, value, created_at, updated_at, expire_at FROM forge_kvs
       WHERE space = ? AND ${live} AND substr(key, 1, ?) = ? AND (? = 0 OR key > ?)
       ORDER BY key LIMIT ?`,
    );
    this.allStmt = db.prepare(`SELECT key, value, created_at, updated_at, expire_at FROM forge_kvs WHERE space = ? AND ${live}`);
    this.purgeStmt = db.prepare('DELETE FROM forge_kvs WHERE expire_at IS NOT NULL AND expire_at <= ?');
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
    this.upsertStmt.run(space, key, valueJson, createdAt, nowS, expireAt);
    return { key, value: JSON.parse(valueJson), createdAt, updatedAt: nowS, expireAt: expireAt ?? undefined };
  }

  delete(space: Space, key: string): boolean {
    return this.deleteStmt.run(space, key).changes > 0;
  }

  /** Keys with a prefix, in key order, strictly after `after` when given. */
  scanPrefix(space: Space, prefix: string, after: string | undefined, limit: number): StoredItem[] {
    return this.prefixStmt.all(space, this.clock.nowMs(), prefix.length, prefix, after === undefined ? 0 : 1, after ?? '', limit).map(toItem);
  }

  /** Every live item of a space (entity queries filter and sort in JS over this). */
  all(space: Space): StoredItem[] {
    return this.allStmt.all(space, this.clock.nowMs()).map(toItem);
  }

  purgeExpired(): number {
    return this.purgeStmt.run(this.clock.nowMs()).changes;
  }

  /** Runs fn atomically; the emulator is single-process and synchronous inside, so this also serialises. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
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
export function toWire(item: StoredItem, fields: ReadonlyArray<MetadataField> | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { key: item.key, value: item.value, ...extra };
  if (fields?.includes('CREATED_AT')) out.createdAt = item.createdAt;
  if (fields?.includes('UPDATED_AT')) out.updatedAt = item.updatedAt;
  if (fields?.includes('EXPIRE_TIME') && item.expireAt !== undefined) out.expireTime = new Date(item.expireAt).toISOString();
  return out;
}
