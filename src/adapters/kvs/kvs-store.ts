// AppStore over @forge/kvs custom entities and transactions.
import { kvs, FilterConditions, WhereConditions, Filter, Sort } from '@forge/kvs';
import {
  StoreConflictError,
  eventKey,
  recordKey,
  type AppStore,
  type Page,
  type RecordKind,
  type RecordQuery,
  type StoredGovernanceEvent,
  type StoredRecord,
  type WriteSet,
} from '../../ports/store';

export const RECORD_ENTITY = 'aic-record';
export const EVENT_ENTITY = 'aic-gov-event';
const MAX_PAGE = 100;

/** The attributes stored per record (see manifest.yml app.storage.entities). */
interface RecordEntity {
  kind: string;
  status?: string;
  toolId?: string;
  owner?: string;
  issueKey?: string;
  dueAt?: number;
  version: number;
  doc: unknown;
}

function toEntity(r: StoredRecord): RecordEntity {
  const e: RecordEntity = { kind: r.kind, version: r.version, doc: r.doc };
  if (r.status !== undefined) e.status = r.status;
  if (r.toolId !== undefined) e.toolId = r.toolId;
  if (r.owner !== undefined) e.owner = r.owner;
  if (r.issueKey !== undefined) e.issueKey = r.issueKey;
  if (r.dueAt !== undefined) e.dueAt = r.dueAt;
  return e;
}

function fromEntity<T>(key: string, e: RecordEntity): StoredRecord<T> {
  const id = key.slice(e.kind.length + 1);
  return {
    kind: e.kind as RecordKind,
    id,
    version: e.version,
    status: e.status,
    toolId: e.toolId,
    owner: e.owner,
    issueKey: e.issueKey,
    dueAt: e.dueAt,
    doc: e.doc as T,
  };
}

/**
 * Forge documents that a transaction whose condition does not hold fails as a
 * whole ("if any condition is not met, the entire transaction will fail":
 * https://developer.atlassian.com/platform/forge/storage-reference/entities-transactions/ › Conditions)
 * but not the status, code or message of that failure. So the app never looks at
 * them: after ANY failed transaction it reads the items the conditions were about
 * again. If one of them moved, somebody else wrote first (or our own write went
 * through before the answer was lost): a conflict, and the caller re-reads and
 * decides again. If every condition still holds, the failure was something else
 * and is rethrown as it came (platform-contract.md KVS-1).
 */
async function conditionsStillHold(
  writes: WriteSet,
  records: () => ReturnType<typeof kvs.entity<RecordEntity>>,
  events: () => ReturnType<typeof kvs.entity<StoredGovernanceEvent>>,
): Promise<boolean> {
  for (const { record, expected } of writes.puts ?? []) {
    const current = await records().get(recordKey(record.kind, record.id));
    if (expected === 'absent' ? current !== undefined : current?.version !== expected) return false;
  }
  for (const d of writes.deletes ?? []) {
    if ((await records().get(recordKey(d.kind, d.id)))?.version !== d.expected) return false;
  }
  for (const ev of writes.events ?? []) {
    if ((await events().get(eventKey(ev.subject, ev.seq))) !== undefined) return false;
  }
  return true;
}

export function kvsStore(): AppStore {
  const records = () => kvs.entity<RecordEntity>(RECORD_ENTITY);
  const events = () => kvs.entity<StoredGovernanceEvent>(EVENT_ENTITY);

  return {
    async get<T>(kind: RecordKind, id: string) {
      const key = recordKey(kind, id);
      const e = await records().get(key);
      return e ? fromEntity<T>(key, e) : undefined;
    },

    async query<T>(q: RecordQuery): Promise<Page<StoredRecord<T>>> {
      const { from, to } = q.dueAt ?? {};
      // The key index has no partition: one kind's records are the keys that begin with `kind:`.
      let builder =
        q.index === 'by-key'
          ? records()
              .query()
              .index('by-key')
              .where(WhereConditions.beginsWith(`${q.partition[0] ?? ''}:`))
          : records().query().index(q.index, { partition: q.partition });
      if (q.index === 'by-key' && q.dueAt) throw new Error('by-key reads by key: a dueAt range needs a dueAt index');
      if (from !== undefined && to !== undefined) builder = builder.where(WhereConditions.between(from, to));
      else if (from !== undefined) builder = builder.where(WhereConditions.greaterThanEqualTo(from));
      else if (to !== undefined) builder = builder.where(WhereConditions.lessThanEqualTo(to));
      builder = builder.sort(q.sort === 'DESC' ? Sort.DESC : Sort.ASC).limit(Math.min(q.limit ?? 50, MAX_PAGE));
      if (q.cursor) builder = builder.cursor(q.cursor);
      const page = await builder.getMany();
      return { items: page.results.map((r) => fromEntity<T>(r.key, r.value)), cursor: page.nextCursor };
    },

    async commit(writes: WriteSet) {
      const tx = kvs.transact();
      for (const { record, expected } of writes.puts ?? []) {
        const conditions =
          expected === 'absent'
            ? new Filter<RecordEntity>().and('version', FilterConditions.notExists())
            : new Filter<RecordEntity>().and('version', FilterConditions.equalTo(expected));
        tx.set(recordKey(record.kind, record.id), toEntity(record), { entityName: RECORD_ENTITY, conditions });
      }
      for (const d of writes.deletes ?? []) {
        tx.delete(recordKey(d.kind, d.id), {
          entityName: RECORD_ENTITY,
          conditions: new Filter<RecordEntity>().and('version', FilterConditions.equalTo(d.expected)),
        });
      }
      for (const ev of writes.events ?? []) {
        tx.set(eventKey(ev.subject, ev.seq), ev, {
          entityName: EVENT_ENTITY,
          conditions: new Filter<StoredGovernanceEvent>().and('seq', FilterConditions.notExists()),
        });
      }
      try {
        await tx.execute();
      } catch (e) {
        // Decide by re-reading, never by the error's code or message (see conditionsStillHold).
        let hold: boolean;
        try {
          hold = await conditionsStillHold(writes, records, events);
        } catch {
          throw e; // cannot tell: report the original failure
        }
        if (!hold) throw new StoreConflictError(e instanceof Error ? e.message : String(e));
        throw e;
      }
    },

    async eventsOf(subject, opts = {}) {
      let builder = events()
        .query()
        .index('by-subject', { partition: [subject] });
      if (opts.afterSeq !== undefined) builder = builder.where(WhereConditions.greaterThan(opts.afterSeq));
      builder = builder.sort(Sort.ASC).limit(Math.min(opts.limit ?? MAX_PAGE, MAX_PAGE));
      if (opts.cursor) builder = builder.cursor(opts.cursor);
      const page = await builder.getMany();
      return { items: page.results.map((r) => r.value), cursor: page.nextCursor };
    },

    async eventsBetween(fromAt, toAt, opts = {}) {
      let builder = events()
        .query()
        .index('by-time')
        .where(WhereConditions.between(fromAt, toAt))
        .sort(Sort.ASC)
        .limit(Math.min(opts.limit ?? MAX_PAGE, MAX_PAGE));
      if (opts.cursor) builder = builder.cursor(opts.cursor);
      const page = await builder.getMany();
      return { items: page.results.map((r) => r.value), cursor: page.nextCursor };
    },

    async replaceEventDoc(subject, seq, doc) {
      const key = eventKey(subject, seq);
      const current = await events().get(key);
      if (!current) throw new Error(`governance event ${key} not found`);
      await events().set(key, { ...current, doc });
    },
  };
}
