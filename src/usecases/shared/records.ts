// Typed, validated access to the request, grant and lock records, and the
// attribute values that make them findable (status, toolId, owner, issueKey,
// dueAt in epoch seconds — see ports/store.ts).
//
// The stored request carries `sync`: the state of its ticket (the Jira side).
// Each change the app must show on the ticket appends a StampOp; a write to
// Jira sends every pending op (comments) plus the current fields/property
// (stampSeq = sync.seq). Ops leave `pending` once Jira is known to have them:
// from the aiClearance property's stampSeq in a later event payload, or from a
// read of that property when a redelivery finds ops still pending.
//
// The record schemas are built on first use (z.lazy): a cold intake of a new
// ticket parses no stored record.
import * as z from 'zod/mini';
import { grantDueAt } from '../../domain/grant/due';
import { grantDocSchema, type GrantDoc } from '../../domain/grant/types';
import { STATUS_MEANINGS, TRANSITION_MEANINGS } from '../../domain/provisioning/desired';
import { requestDueAt } from '../../domain/request/due';
import { lockDocSchema, type LockDoc } from '../../domain/request/lock';
import { requestDocShape, type RequestDoc } from '../../domain/request/types';
import {
  isClosedGrant,
  isClosedRequest,
  isMinimised,
  MIN_RETENTION_DAYS,
  retentionDueAt,
} from '../../domain/sweeps/retention-due';
import type { AppStore, ExpectedVersion, RecordDelete, RecordPut, StoredRecord } from '../../ports/store';
import { parseStored } from './stored-data';

export const stampOpSchema = z.lazy(() =>
  z.object({
    seq: z.int().check(z.minimum(1)),
    comments: z.array(z.object({ template: z.string(), data: z.record(z.string(), z.unknown()) })),
    /** The workflow status the ticket should be in after this op (the app transitions it). */
    target: z.optional(z.enum(STATUS_MEANINGS)),
    prefer: z.optional(z.enum(TRANSITION_MEANINGS)),
    /** Where to go when the workflow has no way to `target` from where the ticket is. */
    fallback: z.optional(z.enum(STATUS_MEANINGS)),
    /**
     * The transition chosen when the op was committed (from the status the ticket
     * will be in after the earlier ops); no transitionId = already there. Absent
     * when that status was unknown: the write then reads the transitions first.
     */
    plan: z.optional(
      z.object({ transitionId: z.optional(z.string()), fromId: z.string(), toId: z.string(), toName: z.string() }),
    ),
    at: z.string(),
  }),
);
export type StampOp = z.infer<typeof stampOpSchema>;

export const ticketSyncSchema = z.lazy(() =>
  z.object({
    /** Highest stamp number issued; the property written carries it as stampSeq. */
    seq: z.int().check(z.minimum(0)),
    /** Ops Jira is not known to have yet, oldest first. */
    pending: z.array(stampOpSchema),
    /** Epoch seconds until which one invocation owns the Jira write (others leave it alone). */
    leaseUntil: z.optional(z.int()),
    /** The highest op seq the lease holder is writing; once the ticket shows it, the lease is spent. */
    leaseSeq: z.optional(z.int().check(z.minimum(0))),
    failures: z.int().check(z.minimum(0)),
    lastError: z.optional(z.string().check(z.maxLength(500))),
    /** The ticket's status as last seen in an event or set by the app. */
    status: z.optional(z.object({ id: z.string(), name: z.string() })),
    /** Recently applied changelog ids (duplicate deliveries are no-ops). */
    processed: z.array(z.string()).check(z.maxLength(50)),
  }),
);
export type TicketSync = z.infer<typeof ticketSyncSchema>;

export const requestRecordSchema = z.lazy(() => z.object({ ...requestDocShape(), sync: ticketSyncSchema }));
export type RequestRecord = z.infer<typeof requestRecordSchema>;

export function emptySync(): TicketSync {
  return { seq: 0, pending: [], failures: 0, processed: [] };
}

export interface Loaded<T> {
  doc: T;
  version: number;
}

export async function loadRequest(store: AppStore, id: string): Promise<Loaded<RequestRecord> | undefined> {
  const rec = await store.get<unknown>('request', id);
  return rec ? { doc: parseStored(requestRecordSchema, rec.doc, `request ${id}`), version: rec.version } : undefined;
}

/**
 * Finds a request by its issue id or key (the approvals view and the portal name it either way).
 * Here, not in decide-from-view.ts: the approvals view's detail reads a request without loading the decision rules.
 */
export async function findRequest(store: AppStore, ref: string): Promise<Loaded<RequestRecord> | undefined> {
  if (/^\d{1,18}$/.test(ref)) return loadRequest(store, ref);
  const page = await store.query<unknown>({ index: 'by-issue', partition: [ref], limit: 20 });
  const rec = page.items.find((r) => r.kind === 'request');
  return rec ? loadRequest(store, rec.id) : undefined;
}

export async function loadGrant(store: AppStore, id: string): Promise<Loaded<GrantDoc> | undefined> {
  const rec = await store.get<unknown>('grant', id);
  return rec ? { doc: parseStored(grantDocSchema, rec.doc, `grant ${id}`), version: rec.version } : undefined;
}

export async function loadLock(store: AppStore, id: string): Promise<Loaded<LockDoc> | undefined> {
  const rec = await store.get<unknown>('lock', id);
  return rec ? { doc: parseStored(lockDocSchema, rec.doc, `lock ${id}`), version: rec.version } : undefined;
}

/**
 * dueAt for records a sweep never needs to look at (ended grants, decided
 * requests, locks). Entity indexes only hold items that HAVE their range
 * attribute, and every index here ranges over dueAt, so a record without one
 * would vanish from by-issue, by-owner and by-kind-status; the largest 32-bit
 * value keeps it listed and out of every "due by now" range.
 */
export const NEVER_DUE = 2_147_483_647;

function next(expected: ExpectedVersion): number {
  return expected === 'absent' ? 1 : expected + 1;
}

/**
 * A closed record must come back to the retention sweep. The retention period
 * is a setting these writers do not read, so the record is due after the
 * SHORTEST allowed period; the sweep then moves it to closedAt + the setting
 * (one look per record) or minimises it. A request whose grant has the same id
 * is minimised with that grant (retention of the grant), never on its own.
 */
function retentionLook(closed: boolean, minimised: boolean, closedAt: string): number | undefined {
  return closed && !minimised ? retentionDueAt(closedAt, MIN_RETENTION_DAYS) : undefined;
}

export function requestPut(doc: RequestRecord, expected: ExpectedVersion): RecordPut {
  const dueAt =
    requestDueAt(doc) ??
    retentionLook(isClosedRequest(doc) && doc.grantId !== doc.id, isMinimised(doc), doc.decision?.at ?? doc.updatedAt);
  return {
    expected,
    record: {
      kind: 'request',
      id: doc.id,
      version: next(expected),
      status: doc.status,
      ...(doc.toolId ? { toolId: doc.toolId } : {}),
      owner: doc.requester,
      issueKey: doc.ticket.key,
      dueAt: dueAt ?? NEVER_DUE,
      doc,
    },
  };
}

export function grantPut(doc: GrantDoc, expected: ExpectedVersion): RecordPut {
  const dueAt = grantDueAt(doc) ?? retentionLook(isClosedGrant(doc), isMinimised(doc), doc.ended?.at ?? doc.updatedAt);
  return {
    expected,
    record: {
      kind: 'grant',
      id: doc.id,
      version: next(expected),
      status: doc.status,
      toolId: doc.toolId,
      owner: doc.requester,
      issueKey: doc.ticket.key,
      dueAt: dueAt ?? NEVER_DUE,
      doc,
    },
  };
}

export function lockPut(id: string, doc: LockDoc, expected: ExpectedVersion): RecordPut {
  return {
    expected,
    record: {
      kind: 'lock',
      id,
      version: next(expected),
      status: doc.holds,
      toolId: doc.toolId,
      owner: doc.requester,
      issueKey: doc.holderIssueKey,
      dueAt: NEVER_DUE,
      doc,
    },
  };
}

export function lockDelete(id: string, version: number): RecordDelete {
  return { kind: 'lock', id, expected: version };
}

/**
 * The delete of a (requester, tool) lock, for the caller's commit, only when `holderId` still holds it:
 * a newer request may already hold a fresh one. The expected version makes a concurrent change fail the commit.
 */
export function lockDeleteIfHeld(id: string, lock: Loaded<LockDoc> | undefined, holderId: string): RecordDelete[] {
  return lock && lock.doc.holderIssueId === holderId ? [lockDelete(id, lock.version)] : [];
}

/** lockDeleteIfHeld after reading the lock. */
export async function releaseLockIfHeld(store: AppStore, id: string, holderId: string): Promise<RecordDelete[]> {
  return lockDeleteIfHeld(id, await loadLock(store, id), holderId);
}

/** The request record as stored, from a domain doc and its ticket sync state. */
export function withSync(doc: RequestDoc, sync: TicketSync): RequestRecord {
  return { ...doc, sync };
}

export function domainOf(r: RequestRecord): RequestDoc {
  const { sync: _sync, ...doc } = r;
  void _sync;
  return doc;
}

/** Every record of `kind`, one page in memory at a time (the cursor lives only inside this call). */
export async function* recordsOf(store: AppStore, kind: 'request' | 'grant'): AsyncGenerator<StoredRecord<unknown>> {
  let cursor: string | undefined;
  do {
    const page = await store.query<unknown>({
      index: 'by-kind-due',
      partition: [kind],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}
