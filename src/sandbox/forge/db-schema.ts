// SQLite tables of the emulated Forge platform. All prefixed forge_ so the
// Jira emulator can share the database file. CREATE IF NOT EXISTS keeps data
// across restarts; reset() empties them.
import type { SandboxDb } from '../db';

export const FORGE_TABLES = [
  'forge_kvs',
  'forge_kvs_entity_index',
  'forge_work',
  'forge_invocations',
  'forge_schedule',
] as const;

export function ensureForgeSchema(db: SandboxDb): void {
  db.exec(`
    -- space: 'k' plain key, 's' secret, 'e:<entity>' custom entity. Times: created/updated in epoch
    -- seconds (what the KVS API reports), expire_at in ms on the sandbox clock.
    CREATE TABLE IF NOT EXISTS forge_kvs (
      space TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      expire_at INTEGER,
      PRIMARY KEY (space, key)
    ) WITHOUT ROWID;

    -- Custom-entity index entries (kvs/entity-index.ts): one row per item and declared index it
    -- belongs to, written in the same transaction as the forge_kvs row. range_num holds a number
    -- range value, range_text a string one. Expired items keep their rows until purged; queries
    -- join forge_kvs and judge expiry there.
    CREATE TABLE IF NOT EXISTS forge_kvs_entity_index (
      space TEXT NOT NULL,
      index_name TEXT NOT NULL,
      partition_json TEXT NOT NULL,
      range_num REAL,
      range_text TEXT,
      key TEXT NOT NULL,
      -- (space, key) first: every write replaces an item's rows by (space, key).
      PRIMARY KEY (space, key, index_name)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS forge_kvs_entity_index_range
      ON forge_kvs_entity_index (space, index_name, partition_json, range_num, range_text, key);
    -- Which index definitions forge_kvs_entity_index was built for, per entity space.
    CREATE TABLE IF NOT EXISTS forge_kvs_entity_index_defs (
      space TEXT PRIMARY KEY,
      defs TEXT NOT NULL
    );

    -- The one persisted work queue: product-event deliveries, async-event messages and scheduled runs.
    CREATE TABLE IF NOT EXISTS forge_work (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      target TEXT NOT NULL,
      function_key TEXT NOT NULL,
      payload TEXT NOT NULL,
      event_type TEXT,
      queue_name TEXT,
      job_id TEXT,
      event_id TEXT,
      concurrency_key TEXT,
      concurrency_limit INTEGER,
      attempt INTEGER NOT NULL DEFAULT 0,
      retry_reason TEXT,
      retry_data TEXT,
      duplicate INTEGER NOT NULL DEFAULT 0,
      due_at INTEGER NOT NULL,
      status TEXT NOT NULL,
      last_error TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS forge_work_due ON forge_work (status, due_at, id);
    CREATE INDEX IF NOT EXISTS forge_work_job ON forge_work (job_id);

    CREATE TABLE IF NOT EXISTS forge_invocations (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL,
      kind TEXT NOT NULL,
      key TEXT NOT NULL,
      function_key TEXT NOT NULL,
      event_type TEXT,
      queue_name TEXT,
      resolver_name TEXT,
      work_id INTEGER,
      attempt INTEGER NOT NULL,
      duplicate INTEGER NOT NULL DEFAULT 0,
      result TEXT NOT NULL,
      error TEXT,
      started_at INTEGER NOT NULL,
      duration_ms REAL NOT NULL,
      kvs_ops TEXT NOT NULL,
      product_calls INTEGER NOT NULL,
      queue_calls INTEGER NOT NULL,
      egress_calls INTEGER NOT NULL
    );

    CREATE TABLE IF NOT EXISTS forge_schedule (
      key TEXT PRIMARY KEY,
      registered_at INTEGER NOT NULL,
      last_run_at INTEGER
    );
  `);
}

export function clearForgeTables(db: SandboxDb): void {
  db.transaction(() => {
    for (const t of FORGE_TABLES) db.prepare(`DELETE FROM ${t}`).run();
    // Restart ids so a reset sandbox looks freshly installed.
    db.prepare(`DELETE FROM sqlite_sequence WHERE name IN ('forge_work', 'forge_invocations')`).run();
  })();
}
