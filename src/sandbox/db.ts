// One SQLite database holds the whole sandbox (emulated KVS, queues, Jira site).
// A file under SANDBOX_DATA survives restarts; ':memory:' serves tests.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type SandboxDb = Database.Database;

export function openSandboxDb(location: string): SandboxDb {
  if (location !== ':memory:') fs.mkdirSync(path.dirname(location), { recursive: true });
  const db = new Database(location);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export function defaultDataDir(): string {
  return process.env.SANDBOX_DATA ?? path.resolve(process.cwd(), '.sandbox');
}
