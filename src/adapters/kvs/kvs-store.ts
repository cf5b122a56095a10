// AppStore over @forge/kvs custom entities and transactions.
import { kvs, FilterConditions, WhereConditions, Filter, ForgeKvsAPIError, Sort } from '@forge/kvs';
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
 * The platform answers a failed transaction condition with an API error; its exact
 * code is not documented (PLATFORM-FACTS marks it UNVERIFIED), so recognise it by
 * status and by the words its code carries.
 */
export function isConditionFailure(e: unknown): boolean {
  if (!(e instanceof ForgeKvsAPIError)) return false;
  return e.responseDetails.status === 409 || e.responseDetails.status === 412 || /CONDITION|CONFLICT|ALREADY_EXISTS/i.test(e.code);
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
      let builder = records().query().index(q.index, { partition: q.partition });
      const { from, to } = q.dueAt ?? {};
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
          expected === 'absent' ? new Filter<RecordEntity>().and('version', FilterConditions.notExists()) : new Filter<RecordEntity>().and('version', FilterConditions.equalTo(expected));
        tx.set(recordKey(record.kind, record.id), toEntity(record), { entityName: RECORD_ENTITY, conditions });
      }
      for (const d of writes.deletes ?? []) {
        tx.delete(recordKey(d.kind, d.id), { entityName: RECORD_ENTITY, conditions: new Filter<RecordEntity>().and('version', FilterConditions.equalTo(d.expected)) });
      }
      for (const ev of writes.events ?? []) {
        tx.set(eventKey(ev.subject, ev.seq), ev, { entityName: EVENT_ENTITY, conditions: new Filter<StoredGovernanceEvent>().and('seq', FilterConditions.notExists()) });
      }
      try {
        await tx.execute();
      } catch (e) {
        if (isConditionFailure(e)) throw new StoreConflictError((e as Error).message);
        throw e;
      }
    },

    async eventsOf(subject, opts = {}) {
      let builder = events().query().index('by-subject', { partition: [subject] });
      if (opts.afterSeq !== undefined) builder = builder.where(WhereConditions.greaterThan(opts.afterSeq));
      builder = builder.sort(Sort.ASC).limit(Math.min(opts.limit ?? MAX_PAGE, MAX_PAGE));
      if (opts.cursor) builder = builder.cursor(opts.cursor);
      const page = await builder.getMany();
      return { items: page.results.map((r) => r.value), cursor: page.nextCursor };
    },

    async eventsBetween(fromAt, toAt, opts = {}) {
      let builder = events().query().index('by-time').where(WhereConditions.between(fromAt, toAt)).sort(Sort.ASC).limit(Math.min(opts.limit ?? MAX_PAGE, MAX_PAGE));
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
