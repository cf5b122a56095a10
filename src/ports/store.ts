// The app's storage port. Records of every kind live in one Forge custom entity
// (`aic-record`, see manifest.yml) with a few indexed attributes and the whole
// document in `doc`. Every write is part of an atomic WriteSet guarded by
// optimistic versions, so a state change and its governance event land together
// or not at all, and concurrent handlers cannot both win.
import { AdapterError } from './errors';

export type RecordKind =
  | 'request'
  | 'grant'
  | 'lock'
  | 'catalog'
  | 'policy'
  | 'settings'
  | 'provisioning'
  | 'gov-head'
  | 'gov-anchor'
  | 'sweep'
  | 'job'
  | 'marker'
  /** Connected mode: provider connections (public view only), tool bindings, reconciliation reports. */
  | 'connector'
  /** Connected mode: the admin's Atlassian account ↔ IdP user mapping. */
  | 'identity'
  /** Evidence exports: a run, and the chunks it wrote. */
  | 'export'
  | 'export-chunk';

export interface StoredRecord<T = unknown> {
  kind: RecordKind;
  id: string;
  /** 1 for a new record; each write increments it. */
  version: number;
  status?: string;
  toolId?: string;
  owner?: string;
  issueKey?: string;
  /** Epoch SECONDS of the next time a sweep must look at this record (entity integers are 32-bit). */
  dueAt?: number;
  doc: T;
}

export type ExpectedVersion = number | 'absent';

export interface RecordPut {
  record: StoredRecord;
  /** The version the writer read ('absent' to create). The write fails if the stored one differs. */
  expected: ExpectedVersion;
}

export interface RecordDelete {
  kind: RecordKind;
  id: string;
  expected: number;
}

/** A governance event as stored: its key attributes plus the whole event document. */
export interface StoredGovernanceEvent {
  /** `${subjectType}:${subjectId}` */
  subject: string;
  seq: number;
  /** Epoch seconds. */
  at: number;
  ticket?: string;
  doc: unknown;
}

export interface WriteSet {
  puts?: RecordPut[];
  deletes?: RecordDelete[];
  /** New events; each must not exist yet (its subject head record is in `puts`). */
  events?: StoredGovernanceEvent[];
}

/**
 * `by-key` [kind] is Forge's built-in key index, read for one kind (key prefix `kind:`): it holds the records
 * without a dueAt too, which no declared index holds (every one ranges over dueAt; indexes are sparse).
 */
export type RecordIndex = 'by-kind-due' | 'by-kind-status' | 'by-tool' | 'by-owner' | 'by-issue' | 'by-key';

export interface RecordQuery {
  index: RecordIndex;
  /** Partition values in index order: by-key [kind]; by-kind-due [kind]; by-kind-status [kind, status]; by-tool [kind, toolId]; by-owner [kind, owner]; by-issue [issueKey]. */
  partition: string[];
  /** Range over dueAt (epoch seconds), inclusive bounds; not with by-key. */
  dueAt?: { from?: number; to?: number };
  sort?: 'ASC' | 'DESC';
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface AppStore {
  get<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined>;
  query<T>(q: RecordQuery): Promise<Page<StoredRecord<T>>>;
  /** Atomically applies the whole set; throws StoreConflictError when any expectation fails (nothing is written). */
  commit(writes: WriteSet): Promise<void>;
  /** Governance events of one subject, in seq order. */
  eventsOf(
    subject: string,
    opts?: { afterSeq?: number; cursor?: string; limit?: number },
  ): Promise<Page<StoredGovernanceEvent>>;
  /** Governance events by time (epoch seconds), for exports. */
  eventsBetween(
    fromAt: number,
    toAt: number,
    opts?: { cursor?: string; limit?: number },
  ): Promise<Page<StoredGovernanceEvent>>;
  /** Overwrites one stored event document (retention redaction only; the digest stays). */
  replaceEventDoc(subject: string, seq: number, doc: unknown): Promise<void>;
}

/** Another writer changed what this one read: re-read and decide again. */
export class StoreConflictError extends AdapterError {
  readonly code = 'STORE_CONFLICT';
  constructor(readonly detail: string) {
    super(`storage conflict: ${detail}; someone else changed the same record first — retry after reading it again`);
    this.name = 'StoreConflictError';
  }
}

export function isStoreConflict(e: unknown): e is StoreConflictError {
  return e instanceof StoreConflictError;
}

export function recordKey(kind: RecordKind, id: string): string {
  return `${kind}:${id}`;
}

export function eventKey(subject: string, seq: number): string {
  return `${subject}:${String(seq).padStart(8, '0')}`;
}
