// The ticket outbox. Order of every lifecycle step: commit the store first
// (state + governance events + a StampOp in the request's `sync`), then ONE
// Jira write with every pending op. The store is the truth; the ticket
// converges to it.
//
// Exactly-once comments without a second KVS write on the happy path:
//  - the commit that adds an op also takes a short lease (LEASE_SECONDS); a
//    duplicate delivery that finds a live lease leaves the ticket alone (the
//    owner is writing it, or has written it);
//  - a failed write (429/5xx) releases the lease and counts the failure in
//    one more commit, then asks the platform to retry; the retry claims the
//    lease and sends the same ops again (they never landed);
//  - ops leave `pending` once Jira is known to have them: a later event's
//    payload carries the aiClearance property's stampSeq, or, when a
//    redelivery finds ops pending after the lease ran out, one read of the
//    property tells.
import type { GrantDoc } from '../../domain/grant/types';
import type { StatusMeaning, TransitionMeaning, WorkflowMapping } from '../../domain/provisioning/desired';
import { getIssueProperty, getTransitions } from '../../adapters/jira/ticket-read';
import { TransitionUnavailableError, writeTicket, type TicketComment } from '../../adapters/jira/ticket-write';
import { isJiraHttpError } from '../../ports/jira-transport';
import { isStoreConflict } from '../../ports/store';
import { renderComment } from '../../render/render';
import type { CommentData, CommentName } from '../../render/comment-schemas';
import type { CoreDeps } from './deps';
import { RetryLaterError } from './errors';
import { loadRequest, requestPut, type RequestRecord, type StampOp, type TicketSync } from './records';
import { AIC_PROPERTY_KEY, aiClearancePropertySchema, fieldValues, propertyValue } from './ticket-stamp';
import { loadTransitionsCache, pickTransition, sameStatus, statusMeaning, type CachedTransition } from './workflow-map';

/** Longer than a trigger's 55 s timeout, so a live lease always means a live (or finished) writer. */
export const LEASE_SECONDS = 120;
const KEEP_PROCESSED = 20;

export interface SyncEnv {
  deps: CoreDeps;
  /** Custom field ids by template ref (provisioning record). */
  fieldIds: Readonly<Record<string, string | undefined>>;
  mapping: WorkflowMapping;
}

export interface CommentSpec<N extends CommentName = CommentName> {
  template: N;
  data: CommentData<N>;
}

export function comment<N extends CommentName>(template: N, data: CommentData<N>): CommentSpec {
  return { template, data } as CommentSpec;
}

export interface OpInput {
  comments: CommentSpec[];
  target?: StatusMeaning | undefined;
  prefer?: TransitionMeaning | undefined;
}

function epoch(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

/** Drops ops Jira is known to have (stampSeq from the property). */
export function pruneAcked(sync: TicketSync, ackSeq: number | undefined): TicketSync {
  if (ackSeq === undefined) return sync;
  const pending = sync.pending.filter((op) => op.seq > ackSeq);
  return pending.length === sync.pending.length ? sync : { ...sync, pending, ...(pending.length === 0 ? { failures: 0 } : {}) };
}

/** Appends an op and takes the lease: the caller commits this and then calls flushTicket. */
export function addOp(sync: TicketSync, op: OpInput, now: Date, seen?: { changelogId?: string | undefined; status?: { id: string; name: string } | undefined }): TicketSync {
  const seq = sync.seq + 1;
  const stamp: StampOp = { seq, comments: op.comments.map((c) => ({ template: c.template, data: c.data as Record<string, unknown> })), at: now.toISOString() };
  if (op.target) stamp.target = op.target;
  if (op.prefer) stamp.prefer = op.prefer;
  const processed = seen?.changelogId ? [...sync.processed, seen.changelogId].slice(-KEEP_PROCESSED) : sync.processed;
  return { ...sync, seq, pending: [...sync.pending, stamp], leaseUntil: epoch(now) + LEASE_SECONDS, processed, ...(seen?.status ? { status: seen.status } : {}) };
}

/** The stampSeq an event payload's aiClearance property carries, if any. */
export function payloadStampSeq(properties: unknown): number | undefined {
  const prop = (properties as Record<string, unknown> | undefined)?.[AIC_PROPERTY_KEY];
  const parsed = aiClearancePropertySchema.safeParse(prop);
  return parsed.success ? parsed.data.stampSeq : undefined;
}

export interface FlushResult {
  jiraCalls: number;
  transitioned: boolean;
}

/**
 * Writes every pending op of `request` to its ticket in one call. `statusFresh`:
 * sync.status is the ticket's status as of this invocation's event (so the
 * transition can come from the cache without a read).
 */
export async function flushTicket(env: SyncEnv, request: RequestRecord, grant: GrantDoc | undefined, opts: { statusFresh: boolean }): Promise<FlushResult> {
  const ops = request.sync.pending;
  if (ops.length === 0) return { jiraCalls: 0, transitioned: false };
  const comments: TicketComment[] = [];
  for (const op of ops) {
    for (const c of op.comments) {
      const rendered = renderComment(env.deps.comments, c.template as CommentName, c.data as CommentData<CommentName>);
      comments.push({ adf: rendered.adf, internal: rendered.visibility === 'internal' });
    }
  }
  const last = ops[ops.length - 1]!;
  const write = {
    fields: fieldValues(request, grant, env.fieldIds),
    comments,
    properties: [{ key: AIC_PROPERTY_KEY, value: propertyValue(request, grant) }],
  };
  let calls = 0;
  try {
    const chosen = last.target ? await chooseTransition(env, request, last.target, last.prefer, opts.statusFresh) : { reads: 0 };
    calls += chosen.reads;
    try {
      const r = await writeTicket(env.deps.jira, request.ticket.key, { ...write, transitionId: chosen.id });
      return { jiraCalls: calls + r.calls, transitioned: r.transitioned };
    } catch (e) {
      if (!(e instanceof TransitionUnavailableError)) throw e;
      // The ticket moved since the event: look at where it is now and try once more.
      calls += e.calls;
      const again = await chooseTransition(env, request, last.target!, last.prefer, false);
      const r = await writeTicket(env.deps.jira, request.ticket.key, { ...write, transitionId: again.id });
      return { jiraCalls: calls + again.reads + r.calls, transitioned: r.transitioned };
    }
  } catch (e) {
    if (isJiraHttpError(e) && e.retryable) {
      await recordFailure(env, request.id, `${e.status} ${e.message}`.slice(0, 500), true);
      throw new RetryLaterError(Math.max(1, Math.min(900, e.retryAfterSeconds ?? 5)), e.status === 429 ? 'upstream_rate_limited' : 'upstream_error', `Jira answered ${e.status} while updating ${request.ticket.key}`);
    }
    if (isJiraHttpError(e) && (e.status === 404 || e.status === 403)) {
      // The ticket is gone or out of reach: nothing will ever deliver these ops; keep the record truthful and stop.
      await recordFailure(env, request.id, `${e.status} ${e.message}`.slice(0, 500), false);
      return { jiraCalls: calls + 1, transitioned: false };
    }
    throw e;
  }
}

async function chooseTransition(env: SyncEnv, r: RequestRecord, target: StatusMeaning, prefer: TransitionMeaning | undefined, statusFresh: boolean): Promise<{ id?: string; reads: number }> {
  const current = r.sync.status;
  if (statusFresh && current) {
    if (sameStatus(env.mapping, statusMeaning(env.mapping, current.name), target)) return { reads: 0 };
    const { cache, version } = await loadTransitionsCache(env.deps.store);
    let available = cache.byStatus[current.id];
    let reads = 0;
    if (!available) {
      available = await getTransitions(env.deps.jira, r.ticket.key);
      reads = 1;
      await saveTransitions(env, current.id, available, cache.byStatus, version);
    }
    const t = pickTransition(env.mapping, available, target, prefer);
    return t ? { id: t.id, reads } : { reads };
  }
  const available = await getTransitions(env.deps.jira, r.ticket.key);
  const t = pickTransition(env.mapping, available, target, prefer);
  return t ? { id: t.id, reads: 1 } : { reads: 1 };
}

/** Best effort: the cache only saves reads; a conflicting writer has cached the same facts. */
async function saveTransitions(env: SyncEnv, statusId: string, list: CachedTransition[], byStatus: Record<string, CachedTransition[]>, version: number | 'absent'): Promise<void> {
  try {
    await env.deps.store.commit({ puts: [{ expected: version, record: { kind: 'settings', id: 'transitions', version: version === 'absent' ? 1 : version + 1, doc: { byStatus: { ...byStatus, [statusId]: list } } } }] });
  } catch (e) {
    if (!isStoreConflict(e)) throw e;
  }
}

/** Releases the lease after a failed write so the retry (or any redelivery) can take over. */
async function recordFailure(env: SyncEnv, requestId: string, error: string, keepOps: boolean): Promise<void> {
  for (let n = 0; n < 5; n++) {
    const cur = await loadRequest(env.deps.store, requestId);
    if (!cur) return;
    const { leaseUntil: _lease, ...rest } = cur.doc.sync;
    void _lease;
    const sync: TicketSync = { ...rest, failures: cur.doc.sync.failures + 1, lastError: error, pending: keepOps ? cur.doc.sync.pending : [] };
    try {
      await env.deps.store.commit({ puts: [requestPut({ ...cur.doc, sync }, cur.version)] });
      return;
    } catch (e) {
      if (!isStoreConflict(e)) throw e;
    }
  }
}

export type ResumeOutcome = 'nothing_pending' | 'owned_elsewhere' | 'already_on_ticket' | 'written';

/**
 * For deliveries that change nothing (duplicates, retries): makes sure the
 * ticket has every pending op — without sending any op twice.
 */
export async function resumeTicketSync(env: SyncEnv, requestId: string, loadGrantDoc: () => Promise<GrantDoc | undefined>): Promise<ResumeOutcome> {
  for (let n = 0; n < 5; n++) {
    const cur = await loadRequest(env.deps.store, requestId);
    if (!cur || cur.doc.sync.pending.length === 0) return 'nothing_pending';
    const now = env.deps.clock.now();
    const sync = cur.doc.sync;
    if (sync.leaseUntil !== undefined && sync.leaseUntil > epoch(now)) return 'owned_elsewhere';
    let claimed: TicketSync = { ...sync, leaseUntil: epoch(now) + LEASE_SECONDS };
    if (sync.failures === 0) {
      // The lease ran out without a recorded failure: the owner may have written and died before it could say so.
      const onTicket = payloadStampSeq({ [AIC_PROPERTY_KEY]: await getIssueProperty(env.deps.jira, cur.doc.ticket.key, AIC_PROPERTY_KEY) });
      claimed = pruneAcked(claimed, onTicket);
      if (claimed.pending.length === 0) {
        const { leaseUntil: _l, ...acked } = claimed;
        void _l;
        try {
          await env.deps.store.commit({ puts: [requestPut({ ...cur.doc, sync: acked }, cur.version)] });
        } catch (e) {
          if (!isStoreConflict(e)) throw e;
          continue;
        }
        return 'already_on_ticket';
      }
    }
    const record = { ...cur.doc, sync: claimed };
    try {
      await env.deps.store.commit({ puts: [requestPut(record, cur.version)] });
    } catch (e) {
      if (!isStoreConflict(e)) throw e;
      continue;
    }
    await flushTicket(env, record, await loadGrantDoc(), { statusFresh: false });
    return 'written';
  }
  return 'owned_elsewhere';
}

/**
 * Before a new change adds its op: drop ops the payload shows as delivered,
 * and make sure no older op is still being written by someone else (else its
 * comment could be sent twice). Returns the sync to build on.
 */
export async function settleEarlierOps(env: SyncEnv, r: RequestRecord, payloadAck: number | undefined, now: Date): Promise<TicketSync> {
  let sync = pruneAcked(r.sync, payloadAck);
  if (sync.pending.length === 0) return sync;
  const leased = sync.leaseUntil !== undefined && sync.leaseUntil > epoch(now);
  if (leased || sync.failures === 0) {
    const onTicket = payloadStampSeq({ [AIC_PROPERTY_KEY]: await getIssueProperty(env.deps.jira, r.ticket.key, AIC_PROPERTY_KEY) });
    sync = pruneAcked(sync, onTicket);
    if (sync.pending.length > 0 && leased) throw new RetryLaterError(5, 'ticket_write_in_progress', `an earlier update of ${r.ticket.key} is still being written`);
  }
  // What remains never reached Jira: it goes out with this change's write.
  return sync;
}
