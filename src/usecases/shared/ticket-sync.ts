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
//    one more commit, then asks the platform to retry; the retry reads the
//    ticket's stamp first (a 5xx may come after Jira applied the write, its
//    response lost), then claims the lease and sends only what did not land;
//  - ops leave `pending` once Jira is known to have them: a later event's
//    payload carries the aiClearance property's stampSeq, or one read of that
//    property tells (a redelivery after the lease ran out, a resolver).
// The transition an op needs is planned at commit time from the transitions
// cache (no read), relative to where the earlier ops leave the ticket.
import type { GrantDoc } from '../../domain/grant/types';
import type { StatusMeaning, TransitionMeaning, WorkflowMapping } from '../../domain/provisioning/desired';
import { TransitionUnavailableError, type TicketComment } from '../../ports/jira-api';
import { isJiraHttpError } from '../../ports/jira-transport';
import { isStoreConflict } from '../../ports/store';
import type { CommentData, CommentName } from '../../render/comment-schemas';
import { renderComment } from '../../render/render';
import type { CoreDeps } from './deps';
import { jiraRetryLater, RetryLaterError } from './errors';
import { loadRequest, requestPut, type RequestRecord, type StampOp, type TicketSync } from './records';
import { includedValue, type IncludedProperties } from './included-properties';
import {
  AIC_PROPERTY_KEY,
  aiClearancePropertySchema,
  fieldValues,
  propertyValue,
  STAMP_SEQ_PATH,
} from './ticket-stamp';
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
  return { template, data };
}

export interface OpInput {
  comments: CommentSpec[];
  target?: StatusMeaning | undefined;
  prefer?: TransitionMeaning | undefined;
  fallback?: StatusMeaning | undefined;
}

type Status = { id: string; name: string };

function epoch(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

/** Drops ops Jira is known to have (stampSeq from the property); the ticket's status is then where they left it. */
export function pruneAcked(sync: TicketSync, ackSeq: number | undefined): TicketSync {
  if (ackSeq === undefined) return sync;
  const acked = sync.pending.filter((op) => op.seq <= ackSeq);
  if (acked.length === 0) return sync;
  const pending = sync.pending.filter((op) => op.seq > ackSeq);
  const plan = [...acked].reverse().find((op) => op.plan)?.plan;
  return {
    ...sync,
    pending,
    ...(plan ? { status: { id: plan.toId, name: plan.toName } } : {}),
    ...(pending.length === 0 ? { failures: 0 } : {}),
  };
}

/** Where the ticket will be once every pending op has landed; undefined when unknown. */
function statusAfterPending(sync: TicketSync): Status | undefined {
  if (sync.pending.length === 0) return sync.status;
  const last = sync.pending[sync.pending.length - 1];
  return last.plan ? { id: last.plan.toId, name: last.plan.toName } : undefined;
}

/** Records what an event showed: its changelog id (duplicates become no-ops) and the ticket's status. */
export function noteSeen(
  sync: TicketSync,
  seen: { changelogId?: string | undefined; status?: Status | undefined },
): TicketSync {
  const processed =
    seen.changelogId && !sync.processed.includes(seen.changelogId)
      ? [...sync.processed, seen.changelogId].slice(-KEEP_PROCESSED)
      : sync.processed;
  // A status from an event is only trusted when nothing of ours is still on its way to the ticket.
  const status = seen.status && sync.pending.length === 0 ? seen.status : sync.status;
  return { ...sync, processed, ...(status ? { status } : {}) };
}

type Seen = { changelogId?: string | undefined; status?: Status | undefined };

/** `keepLease`: another writer holds the lease; the op waits behind it (see settleOrQueueBehind). */
function appendOp(sync: TicketSync, op: OpInput, now: Date, seen?: Seen, keepLease = false): TicketSync {
  const base = seen ? noteSeen(sync, seen) : sync;
  const seq = base.seq + 1;
  const stamp: StampOp = {
    seq,
    comments: op.comments.map((c) => ({ template: c.template, data: c.data })),
    at: now.toISOString(),
  };
  if (op.target) stamp.target = op.target;
  if (op.prefer) stamp.prefer = op.prefer;
  if (op.fallback) stamp.fallback = op.fallback;
  if (keepLease) return { ...base, seq, pending: [...base.pending, stamp] };
  return { ...base, seq, pending: [...base.pending, stamp], leaseUntil: epoch(now) + LEASE_SECONDS, leaseSeq: seq };
}

function isEnv(x: unknown): x is SyncEnv {
  return typeof x === 'object' && x !== null && 'deps' in x && 'mapping' in x;
}

/**
 * Appends an op and takes the lease: the caller commits the result and then
 * calls flushTicket. With `env` first, the op's transition is also planned
 * from the transitions cache when the ticket's status is known, so the write
 * needs no read (cache only; addPlannedOp may also read Jira once per status).
 */
export function addOp(env: SyncEnv, sync: TicketSync, op: OpInput, now: Date): Promise<TicketSync>;
export function addOp(sync: TicketSync, op: OpInput, now: Date, seen?: Seen): TicketSync;
export function addOp(
  a: SyncEnv | TicketSync,
  b: TicketSync | OpInput,
  c: OpInput | Date,
  d?: Date | Seen,
): TicketSync | Promise<TicketSync> {
  if (isEnv(a)) return planned(a, undefined, b as TicketSync, c as OpInput, d as Date);
  return appendOp(a, b as OpInput, c as Date, d as Seen | undefined);
}

/**
 * addOp with planning that may read the ticket's transitions once (first time a status is seen, nothing else
 * pending). `behindLease`: the op queues behind another writer's lease instead of taking it (settleOrQueueBehind).
 */
export function addPlannedOp(
  env: SyncEnv,
  issueKey: string,
  sync: TicketSync,
  op: OpInput,
  now: Date,
  behindLease = false,
): Promise<TicketSync> {
  return planned(env, issueKey, sync, op, now, behindLease);
}

async function planned(
  env: SyncEnv,
  issueKey: string | undefined,
  sync: TicketSync,
  op: OpInput,
  now: Date,
  behindLease = false,
): Promise<TicketSync> {
  const next = appendOp(sync, op, now, undefined, behindLease);
  const base = statusAfterPending(sync);
  if (!op.target || !base) return next;
  const plan = await planTransition(
    env,
    issueKey,
    base,
    op.target,
    op.prefer,
    issueKey !== undefined && sync.pending.length === 0,
    op.fallback,
  );
  if (!plan) return next;
  const pending = [...next.pending];
  pending[pending.length - 1] = { ...pending[pending.length - 1], plan };
  return { ...next, pending };
}

async function planTransition(
  env: SyncEnv,
  issueKey: string | undefined,
  from: Status,
  target: StatusMeaning,
  prefer: TransitionMeaning | undefined,
  mayRead: boolean,
  fallback?: StatusMeaning,
): Promise<StampOp['plan']> {
  if (sameStatus(env.mapping, statusMeaning(env.mapping, from.name), target))
    return { fromId: from.id, toId: from.id, toName: from.name };
  const { cache, version } = await loadTransitionsCache(env.deps.store);
  let available = cache.byStatus[from.id];
  if (!available) {
    if (!mayRead || !issueKey) return undefined;
    available = await retryableRead(issueKey, () => env.deps.jira.getTransitions(issueKey));
    await saveTransitions(env, from.id, available, cache.byStatus, version);
  }
  const t = pickTransition(env.mapping, available, target, prefer, fallback);
  return t ? { transitionId: t.id, fromId: from.id, toId: t.toId, toName: t.toName } : undefined;
}

/**
 * The aiClearance property's stampSeq the event carried (payloadIncludeProperties), if any. It may be a few
 * seconds stale: an older stampSeq only acknowledges fewer ops, and a missing one costs one property read.
 */
export function payloadStampSeq(included: IncludedProperties | undefined): number | undefined {
  const v = includedValue(included, STAMP_SEQ_PATH);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export interface FlushResult {
  jiraCalls: number;
  transitioned: boolean;
}

/**
 * Writes every pending op of `request` to its ticket in one call, plus a read
 * when the transition was not planned and the cache cannot tell (`statusFresh`:
 * sync.status is the ticket's status as of this invocation's event).
 */
export async function flushTicket(
  env: SyncEnv,
  request: RequestRecord,
  grant: GrantDoc | undefined,
  opts: { statusFresh?: boolean } = {},
): Promise<FlushResult> {
  const ops = request.sync.pending;
  if (ops.length === 0) return { jiraCalls: 0, transitioned: false };
  const comments: TicketComment[] = [];
  const templates = ops.flatMap((op) => op.comments.map((c) => c.template as CommentName));
  if (templates.length) {
    // Forge handlers load each precompiled template on first use (an invocation that writes no comment loads none).
    await env.deps.comments.ensure(templates);
    for (const op of ops) {
      for (const c of op.comments) {
        const rendered = renderComment(
          env.deps.comments,
          c.template as CommentName,
          c.data as CommentData<CommentName>,
        );
        comments.push({ adf: rendered.adf, internal: rendered.visibility === 'internal' });
      }
    }
  }
  const last = ops[ops.length - 1];
  const write = {
    fields: fieldValues(request, grant, env.fieldIds),
    comments,
    properties: [{ key: AIC_PROPERTY_KEY, value: propertyValue(request, grant) }],
  };
  const key = request.ticket.key;
  let calls = 0;
  const current = async (): Promise<string | undefined> => {
    calls++;
    const t = pickTransition(
      env.mapping,
      await env.deps.jira.getTransitions(key),
      last.target!,
      last.prefer,
      last.fallback,
    );
    return t?.id;
  };
  try {
    let transitionId: string | undefined;
    if (last.target) {
      const status = request.sync.status;
      const plan =
        last.plan ??
        (opts.statusFresh && status
          ? await planTransition(env, key, status, last.target, last.prefer, true, last.fallback)
          : undefined);
      transitionId = plan ? plan.transitionId : await current();
    }
    try {
      const r = await env.deps.jira.writeTicket(key, { ...write, transitionId });
      return { jiraCalls: calls + r.calls, transitioned: r.transitioned };
    } catch (e) {
      if (!(e instanceof TransitionUnavailableError)) throw e;
      // The ticket is not where the plan assumed (moved meanwhile, or earlier ops' transitions were merged away).
      calls += e.calls;
      transitionId = await current();
      const r = await env.deps.jira.writeTicket(key, { ...write, transitionId });
      return { jiraCalls: calls + r.calls, transitioned: r.transitioned };
    }
  } catch (e) {
    if (isJiraHttpError(e) && e.retryable) {
      await recordFailure(env, request.id, `${e.status} ${e.message}`.slice(0, 500), true);
      throw jiraRetryLater(e, 5, `Jira answered ${e.status} while updating ${key}`);
    }
    if (isJiraHttpError(e) && (e.status === 404 || e.status === 403)) {
      // The ticket is gone or out of reach: nothing will ever deliver these ops; keep the record truthful and stop.
      await recordFailure(env, request.id, `${e.status} ${e.message}`.slice(0, 500), false);
      return { jiraCalls: calls + 1, transitioned: false };
    }
    throw e;
  }
}

/** Best effort: the cache only saves reads; a conflicting writer has cached the same facts. */
async function saveTransitions(
  env: SyncEnv,
  statusId: string,
  list: CachedTransition[],
  byStatus: Record<string, CachedTransition[]>,
  version: number | 'absent',
): Promise<void> {
  try {
    await env.deps.store.commit({
      puts: [
        {
          expected: version,
          record: {
            kind: 'settings',
            id: 'transitions',
            version: version === 'absent' ? 1 : version + 1,
            doc: { byStatus: { ...byStatus, [statusId]: list } },
          },
        },
      ],
    });
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
    const sync: TicketSync = {
      ...rest,
      failures: cur.doc.sync.failures + 1,
      lastError: error,
      pending: keepOps ? cur.doc.sync.pending : [],
    };
    try {
      await env.deps.store.commit({ puts: [requestPut({ ...cur.doc, sync }, cur.version)] });
      return;
    } catch (e) {
      if (!isStoreConflict(e)) throw e;
    }
  }
}

async function propertySeq(env: SyncEnv, issueKey: string): Promise<number | undefined> {
  const parsed = aiClearancePropertySchema.safeParse(
    await retryableRead(issueKey, () => env.deps.jira.getIssueProperty(issueKey, AIC_PROPERTY_KEY)),
  );
  return parsed.success ? parsed.data.stampSeq : undefined;
}

/** A read needed before a change may be committed or written: Jira's 429/5xx there asks for a retry like a failed write does. */
export async function retryableRead<T>(issueKey: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (isJiraHttpError(e) && e.retryable) {
      throw jiraRetryLater(e, 5, `Jira answered ${e.status} while reading ${issueKey}`);
    }
    throw e;
  }
}

export type ResumeOutcome = 'nothing_pending' | 'owned_elsewhere' | 'already_on_ticket' | 'written';

/**
 * For deliveries that change nothing (duplicates, retries, ticket.sync jobs):
 * makes sure the ticket has every pending op, without sending any op twice.
 */
export async function resumeTicketSync(
  env: SyncEnv,
  requestId: string,
  loadGrantDoc: () => Promise<GrantDoc | undefined>,
): Promise<ResumeOutcome> {
  for (let n = 0; n < 5; n++) {
    const cur = await loadRequest(env.deps.store, requestId);
    if (!cur || cur.doc.sync.pending.length === 0) return 'nothing_pending';
    const now = env.deps.clock.now();
    const sync = cur.doc.sync;
    let acked: number | undefined;
    if (sync.leaseUntil !== undefined && sync.leaseUntil > epoch(now)) {
      // Someone holds the lease. If the ticket already shows everything they were writing, they are
      // done (a successful writer leaves the confirmation to the next event); otherwise come back later.
      acked = await propertySeq(env, cur.doc.ticket.key);
      if (sync.leaseSeq === undefined || acked === undefined || acked < sync.leaseSeq) {
        throw new RetryLaterError(
          sync.leaseUntil - epoch(now),
          'ticket_write_in_progress',
          `an earlier update of ${cur.doc.ticket.key} is still being written`,
        );
      }
    } else {
      // Before anything is resent, ask the ticket (one read), whatever the failure counter says: the
      // last writer may have succeeded or died without saying so, and a write counted as failed may
      // have been applied by Jira with only its response lost (a 5xx or a dropped connection).
      acked = await propertySeq(env, cur.doc.ticket.key);
    }
    let claimed: TicketSync = { ...sync, leaseUntil: epoch(now) + LEASE_SECONDS, leaseSeq: sync.seq };
    if (acked !== undefined) {
      claimed = pruneAcked(claimed, acked);
      if (claimed.pending.length === 0) {
        const { leaseUntil: _l, leaseSeq: _s, ...done } = claimed;
        void _l;
        void _s;
        try {
          await env.deps.store.commit({ puts: [requestPut({ ...cur.doc, sync: done }, cur.version)] });
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
    await flushTicket(env, record, await loadGrantDoc());
    return 'written';
  }
  return 'owned_elsewhere';
}

/**
 * Before a new change adds its op: drop ops the payload shows as delivered,
 * and make sure no older op is still being written by someone else (else its
 * comment could be sent twice). Returns the sync to build on; what remains
 * pending never reached Jira and goes out with this change's write.
 */
export async function settleEarlierOps(
  env: SyncEnv,
  r: RequestRecord,
  payloadAck: number | undefined,
  now: Date,
): Promise<TicketSync> {
  const settled = await settleOrQueueBehind(env, r, payloadAck, now);
  if (settled.behindLeaseSeconds !== undefined)
    throw new RetryLaterError(
      5,
      'ticket_write_in_progress',
      `an earlier update of ${r.ticket.key} is still being written`,
    );
  return settled.sync;
}

export interface SettledOps {
  sync: TicketSync;
  /**
   * Set when another writer holds the lease and is still writing earlier ops: seconds until its lease ends.
   * A change that must not wait (its effect outside the store has happened) is committed anyway, its op
   * appended behind the lease (addPlannedOp `behindLease`), and its ticket write left to resumeTicketSync
   * once the lease is over.
   */
  behindLeaseSeconds?: number;
}

/** settleEarlierOps that reports a live lease instead of refusing. */
export async function settleOrQueueBehind(
  env: SyncEnv,
  r: RequestRecord,
  payloadAck: number | undefined,
  now: Date,
): Promise<SettledOps> {
  let sync = pruneAcked(r.sync, payloadAck);
  if (sync.pending.length === 0) return { sync };
  const leased = sync.leaseUntil !== undefined && sync.leaseUntil > epoch(now);
  // One read of the ticket's stamp before older ops go out again, even after a counted failure: a
  // failed write may have landed (its response lost), and resending it would double its comments.
  sync = pruneAcked(sync, await propertySeq(env, r.ticket.key));
  const holderStillWriting =
    sync.leaseSeq === undefined
      ? sync.pending.length > 0
      : sync.pending.some((op) => op.seq <= (sync.leaseSeq as number));
  if (leased && holderStillWriting)
    return { sync, behindLeaseSeconds: Math.max(1, (sync.leaseUntil as number) - epoch(now)) };
  return { sync };
}
