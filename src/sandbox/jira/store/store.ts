// SQLite persistence for the emulated site. Issues have their own table (key
// lookup, a revision for the search view cache); everything else is a JSON
// document per (kind, id) with an optional parent, which keeps each new REST
// resource a few lines instead of a migration.
import type { SandboxDb } from '../../db';
import type { StoredIssue } from '../model';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jira_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jira_issues (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  rev INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS jira_issue_properties (
  issue_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (issue_id, key)
);
CREATE TABLE IF NOT EXISTS jira_docs (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  parent TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS jira_docs_parent ON jira_docs (kind, parent);
`;

export type DocKind =
  | 'user'
  | 'field'
  | 'fieldContext'
  | 'fieldOption'
  | 'filter'
  | 'requestType'
  | 'requestTypeGroup'
  | 'queue'
  | 'comment'
  | 'changelog'
  | 'approval'
  | 'task'
  | 'screen'
  | 'screenScheme'
  | 'issueTypeScreenScheme'
  | 'transitionScreen';

export class JiraStore {
  /** Bumped by every write; caches (search views) compare it. */
  generation = 0;
  /** Bumped by configuration writes that change how every issue renders (options, fields, users). */
  configGeneration = 0;

  constructor(readonly db: SandboxDb) {
    db.exec(SCHEMA);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM jira_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO jira_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  /** Next value of a named counter, starting at `start`; rolls back with the transaction. */
  nextId(counter: string, start: number): number {
    const current = this.getMeta(`counter:${counter}`);
    const next = current === undefined ? start : Number(current) + 1;
    this.setMeta(`counter:${counter}`, String(next));
    return next;
  }

  // ---- documents

  docGet<T>(kind: DocKind, id: string): T | undefined {
    const row = this.db.prepare('SELECT data FROM jira_docs WHERE kind = ? AND id = ?').get(kind, id) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  /** Documents of a kind in insertion order (rowid survives upserts). */
  docList<T>(kind: DocKind, parent?: string): T[] {
    const rows = (
      parent === undefined
        ? this.db.prepare('SELECT data FROM jira_docs WHERE kind = ? ORDER BY rowid').all(kind)
        : this.db.prepare('SELECT data FROM jira_docs WHERE kind = ? AND parent = ? ORDER BY rowid').all(kind, parent)
    ) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as T);
  }

  docPut(kind: DocKind, id: string, data: unknown, parent?: string): void {
    this.bump(kind);
    this.db
      .prepare(
        'INSERT INTO jira_docs (kind, id, parent, data) VALUES (?, ?, ?, ?) ON CONFLICT(kind, id) DO UPDATE SET parent = excluded.parent, data = excluded.data',
      )
      .run(kind, id, parent ?? null, JSON.stringify(data));
  }

  docDelete(kind: DocKind, id: string): boolean {
    this.bump(kind);
    return this.db.prepare('DELETE FROM jira_docs WHERE kind = ? AND id = ?').run(kind, id).changes > 0;
  }

  docDeleteByParent(kind: DocKind, parent: string): void {
    this.bump(kind);
    this.db.prepare('DELETE FROM jira_docs WHERE kind = ? AND parent = ?').run(kind, parent);
  }

  private bump(kind: DocKind): void {
    this.generation++;
    if (kind === 'field' || kind === 'fieldOption' || kind === 'user' || kind === 'requestType')
      this.configGeneration++;
  }

  // ---- issues

  issueByIdOrKey(idOrKey: string): StoredIssue | undefined {
    const row = (
      /^\d+$/.test(idOrKey)
        ? this.db.prepare('SELECT data FROM jira_issues WHERE id = ?').get(Number(idOrKey))
        : this.db.prepare('SELECT data FROM jira_issues WHERE key = ?').get(idOrKey.toUpperCase())
    ) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as StoredIssue) : undefined;
  }

  issuePut(issue: StoredIssue): void {
    this.generation++;
    this.db
      .prepare(
        'INSERT INTO jira_issues (id, key, rev, data) VALUES (?, ?, 1, ?) ON CONFLICT(id) DO UPDATE SET key = excluded.key, rev = rev + 1, data = excluded.data',
      )
      .run(Number(issue.id), issue.key, JSON.stringify(issue));
  }

  /** Marks an issue changed for caches without rewriting it (property writes). */
  issueTouch(issueId: string): void {
    this.generation++;
    this.db.prepare('UPDATE jira_issues SET rev = rev + 1 WHERE id = ?').run(Number(issueId));
  }

  issueDelete(issueId: string): void {
    this.generation++;
    const id = Number(issueId);
    this.db.prepare('DELETE FROM jira_issues WHERE id = ?').run(id);
    this.db.prepare('DELETE FROM jira_issue_properties WHERE issue_id = ?').run(id);
    for (const kind of ['comment', 'changelog', 'approval'] as const) this.docDeleteByParent(kind, issueId);
  }

  issueRevisions(): Array<{ id: string; rev: number }> {
    return (
      this.db.prepare('SELECT id, rev FROM jira_issues ORDER BY id').all() as Array<{ id: number; rev: number }>
    ).map((r) => ({ id: String(r.id), rev: r.rev }));
  }

  issuesByIds(ids: string[]): StoredIssue[] {
    const out: StoredIssue[] = [];
    const stmt = this.db.prepare('SELECT data FROM jira_issues WHERE id = ?');
    for (const id of ids) {
      const row = stmt.get(Number(id)) as { data: string } | undefined;
      if (row) out.push(JSON.parse(row.data) as StoredIssue);
    }
    return out;
  }

  // ---- issue properties

  properties(issueId: string): Record<string, unknown> {
    const rows = this.db
      .prepare('SELECT key, value FROM jira_issue_properties WHERE issue_id = ? ORDER BY rowid')
      .all(Number(issueId)) as Array<{ key: string; value: string }>;
    const out: Record<string, unknown> = {};
    for (const r of rows) out[r.key] = JSON.parse(r.value);
    return out;
  }

  /** Properties of many issues in one query (bulk view rebuilds). */
  propertiesOf(issueIds: string[]): Map<string, Record<string, unknown>> {
    const out = new Map<string, Record<string, unknown>>(issueIds.map((id) => [id, {}]));
    const rows = this.db
      .prepare('SELECT issue_id, key, value FROM jira_issue_properties ORDER BY rowid')
      .all() as Array<{ issue_id: number; key: string; value: string }>;
    for (const r of rows) {
      const props = out.get(String(r.issue_id));
      if (props) props[r.key] = JSON.parse(r.value);
    }
    return out;
  }

  propertyGet(issueId: string, key: string): { value: unknown } | undefined {
    const row = this.db
      .prepare('SELECT value FROM jira_issue_properties WHERE issue_id = ? AND key = ?')
      .get(Number(issueId), key) as { value: string } | undefined;
    return row ? { value: JSON.parse(row.value) } : undefined;
  }

  /** Returns true when the property was created (Jira answers 201), false when replaced (200). */
  propertyPut(issueId: string, key: string, value: unknown): boolean {
    const existed = this.propertyGet(issueId, key) !== undefined;
    this.db
      .prepare(
        'INSERT INTO jira_issue_properties (issue_id, key, value) VALUES (?, ?, ?) ON CONFLICT(issue_id, key) DO UPDATE SET value = excluded.value',
      )
      .run(Number(issueId), key, JSON.stringify(value));
    this.issueTouch(issueId);
    return !existed;
  }

  propertyDelete(issueId: string, key: string): boolean {
    const changed =
      this.db.prepare('DELETE FROM jira_issue_properties WHERE issue_id = ? AND key = ?').run(Number(issueId), key)
        .changes > 0;
    if (changed) this.issueTouch(issueId);
    return changed;
  }

  /** Drops every jira_ row (reset); seeding afterwards rebuilds the site. */
  wipe(): void {
    this.generation++;
    this.configGeneration++;
    this.db.exec(
      'DELETE FROM jira_meta; DELETE FROM jira_issues; DELETE FROM jira_issue_properties; DELETE FROM jira_docs;',
    );
  }
}
