// The aic-work consumer's use case for connector jobs (connector.add |
// remove | check). One attempt per delivery:
//   1. the job ledger (usecases/connectors/records.ts) says whether this key is already done
//      (at-least-once delivery: a repeat is 'already_done');
//   2. the grant holder's IdP user comes from the admin's explicit mapping (never an email match);
//   3. the IdP call (idempotent: already a member on add, not a member on remove, both succeed);
//   4. the outcome — the ledger record, the grant's change, the governance events and the ticket
//      comment — is committed in ONE store transaction, then the comment is delivered;
//   5. a failure the IdP says is passing (429, 5xx, no answer) is then retried by the queue after the
//      wait it asked for (domain/connectors/attempts.ts); anything else, or the attempts used up, hands
//      the change to a person: manual_action_required with a task on the ticket.
// The grant becomes active only when the add succeeded.
import { afterFailure, type NextStep } from '../domain/connectors/attempts';
import { connectorEvent, grantJobSubject } from '../domain/connectors/events';
import { PROVIDER_NAMES } from '../domain/connectors/provider';
import { failFulfilment } from '../domain/grant/fulfilment-failure';
import { fulfilGrant } from '../domain/grant/lifecycle';
import { isLive, type GrantDoc } from '../domain/grant/types';
import type { EventDraft, JsonObject } from '../domain/governance/event';
import { isDirectoryError, type DirectoryError } from '../ports/group-directory';
import { countsOf, jobPut, loadBinding, loadJob, loadMapping, type JobDoc } from './connectors/records';
import { withConflictRetry } from './shared/commit';
import { fulfilmentNeeded } from './shared/comment-data';
import type { DirectoryProvider } from './shared/connectors';
import { commitDecision, deliverDecision } from './shared/decision-commit';
import type { DecisionPlan } from './shared/decision-plan';
import type { CoreDeps } from './shared/deps';
import { RetryLaterError } from './shared/errors';
import { grantPut, loadGrant, loadRequest, type Loaded } from './shared/records';
import { loadSyncEnv } from './shared/sync-env';
import { comment, resumeTicketSync, type CommentSpec } from './shared/ticket-sync';
import type { ConnectorJob } from './shared/work-jobs';

export { MAX_CONNECTOR_ATTEMPTS } from '../domain/connectors/attempts';

export interface ConnectorJobDeps extends CoreDeps {
  directories: DirectoryProvider;
}

/** What one attempt found, before anything is written. */
type Attempt =
  | { kind: 'done'; outcome: string; member?: boolean }
  | { kind: 'failed'; error: DirectoryError }
  /** Not retryable and not the IdP's answer: no mapping, no connection. */
  | { kind: 'blocked'; reason: 'identity_unmapped' | 'no_connector'; message: string };

const WAITING_FOR_ADD = new Set(['pending_fulfilment', 'fulfilment_failed']);

export async function runConnectorJob(deps: ConnectorJobDeps, job: ConnectorJob, _retryCount = 0): Promise<string> {
  const prior = await loadJob(deps.store, job.idempotencyKey);
  if (prior && prior.doc.state !== 'running') {
    // A repeat of a done job: its outcome is committed, but the ticket write that followed may have been
    // deferred (another writer held the ticket): finish it, so the comment is never lost.
    const { env } = await loadSyncEnv(deps);
    await resumeTicketSync(env, job.grantId, async () => (await loadGrant(deps.store, job.grantId))?.doc);
    return 'already_done';
  }
  const grant = await loadGrant(deps.store, job.grantId);
  if (!grant || !(await loadRequest(deps.store, job.grantId))) return 'unknown_grant';
  // An add for a grant no longer waiting for it (revoked before the job ran, already fulfilled) changes nothing.
  if (job.type === 'connector.add' && !WAITING_FOR_ADD.has(grant.doc.status)) return 'already_done';

  const attempt = await attemptJob(deps, job, grant.doc);
  const { env } = await loadSyncEnv(deps);
  let retryAfter: { seconds: number; rateLimited: boolean; error: string } | undefined;
  let ticketWriteAfter: number | undefined;
  const result = await withConflictRetry(`connector job ${job.idempotencyKey}`, async () => {
    const [j, g, req] = await Promise.all([
      loadJob(deps.store, job.idempotencyKey),
      loadGrant(deps.store, job.grantId),
      loadRequest(deps.store, job.grantId),
    ]);
    if (!g || !req) return 'unknown_grant';
    if (j && j.doc.state !== 'running') return 'already_done';
    // Nothing was sent to the IdP (no mapping, no connection) and the grant no longer waits: nothing to record.
    if (job.type === 'connector.add' && attempt.kind === 'blocked' && !WAITING_FOR_ADD.has(g.doc.status))
      return 'already_done';
    const now = deps.clock.now();
    const groupName = await groupNameOf(deps, job);
    const plan = planOutcome(job, attempt, j, g, req.doc.requesterName ?? '', groupName, now);
    retryAfter = plan.retry;
    // The IdP call has happened: its record, events and comment are committed now even if another writer is
    // updating the ticket (the comment then waits behind that write), never dropped for a retry that would
    // find the change already made and record only that.
    const committed = await commitDecision(
      env,
      req,
      plan.decision,
      now,
      { issueKey: req.doc.ticket.key, queueBehindLease: true },
      g.doc,
    );
    ticketWriteAfter = committed.behindLeaseSeconds;
    await deliverDecision(env, committed, { statusFresh: false });
    return plan.decision.outcome;
  });
  if (retryAfter)
    throw new RetryLaterError(
      retryAfter.seconds,
      retryAfter.rateLimited ? 'upstream_rate_limited' : 'upstream_error',
      `${job.type} ${job.idempotencyKey}: ${retryAfter.error}`,
    );
  // The outcome is committed; its ticket comment waits for another writer's lease. The redelivery finds the
  // job done and writes the comment (resumeTicketSync above).
  if (ticketWriteAfter !== undefined)
    throw new RetryLaterError(
      ticketWriteAfter,
      'ticket_write_in_progress',
      `${job.type} ${job.idempotencyKey}: ${result} is recorded; its ticket comment waits for an earlier update of ${grant.doc.ticket.key}`,
    );
  return result;
}

async function attemptJob(deps: ConnectorJobDeps, job: ConnectorJob, grant: GrantDoc): Promise<Attempt> {
  const mapping = await loadMapping(deps.store, job.provider, job.accountId);
  if (!mapping)
    return {
      kind: 'blocked',
      reason: 'identity_unmapped',
      message: `the requester's Atlassian account (${job.accountId}) has no ${PROVIDER_NAMES[job.provider]} user mapped: map it in AI Clearance settings › Identity mapping`,
    };
  const directory = await deps.directories.get(job.provider);
  if (!directory)
    return { kind: 'blocked', reason: 'no_connector', message: `${PROVIDER_NAMES[job.provider]} is not connected` };
  const user = mapping.doc.idpUserId;
  try {
    if (job.type === 'connector.add') return { kind: 'done', outcome: await directory.addMember(job.groupId, user) };
    if (job.type === 'connector.remove') {
      // A later grant of the same tool to the same person keeps the membership (a late removal must not undo it).
      if (await otherLiveGrant(deps, job)) return { kind: 'done', outcome: 'kept_for_live_grant' };
      return { kind: 'done', outcome: await directory.removeMember(job.groupId, user) };
    }
    const member = await directory.isMember(job.groupId, user);
    const expected = grant.status === 'active' || grant.status === 'in_review';
    return {
      kind: 'done',
      outcome: member === expected ? 'in_sync' : member ? 'present_without_grant' : 'missing',
      member,
    };
  } catch (e) {
    if (isDirectoryError(e)) return { kind: 'failed', error: e };
    throw e;
  }
}

async function otherLiveGrant(deps: ConnectorJobDeps, job: ConnectorJob): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await deps.store.query<GrantDoc>({
      index: 'by-owner',
      partition: ['grant', job.accountId],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    if (page.items.some((r) => r.id !== job.grantId && r.toolId === job.toolId && isLive(r.doc.status))) return true;
    cursor = page.cursor;
  } while (cursor);
  return false;
}

/** The removal that follows an add which finished after its grant ended: one per add job (the ledger dedupes it). */
export function undoKey(addKey: string): string {
  return `${addKey}:undo`;
}

async function groupNameOf(deps: ConnectorJobDeps, job: ConnectorJob): Promise<string> {
  const b = await loadBinding(deps.store, job.toolId);
  return b && b.doc.groupId === job.groupId && b.doc.provider === job.provider ? b.doc.groupName : job.groupId;
}

interface PlannedOutcome {
  decision: DecisionPlan;
  retry?: { seconds: number; rateLimited: boolean; error: string } | undefined;
}

/** Builds the one transaction of this attempt: ledger record + grant change + events + ticket comment. */
export function planOutcome(
  job: ConnectorJob,
  attempt: Attempt,
  j: Loaded<JobDoc> | undefined,
  g: Loaded<GrantDoc>,
  requesterName: string,
  groupName: string,
  now: Date,
): PlannedOutcome {
  const at = now.toISOString();
  const op = job.type === 'connector.add' ? 'add' : job.type === 'connector.remove' ? 'remove' : 'check';
  const before = countsOf(j?.doc);
  const ticket = g.doc.ticket;
  const subject = grantJobSubject(job.provider, job.grantId);
  const base: JobDoc = {
    v: 1,
    key: job.idempotencyKey,
    type: job.type,
    provider: job.provider,
    grantId: job.grantId,
    toolId: job.toolId,
    accountId: job.accountId,
    groupId: job.groupId,
    issueKey: ticket.key,
    state: 'running',
    ...before,
    updatedAt: at,
  };
  const facts = (extra: JsonObject): JsonObject => ({
    operation: op,
    provider: job.provider,
    groupId: job.groupId,
    toolId: job.toolId,
    key: job.idempotencyKey,
    ...extra,
  });
  const event = (action: EventDraft['action'] & `connector.${string}`, extra: JsonObject) =>
    connectorEvent(action, subject, { type: 'app' }, facts(extra), ticket);
  const result = (
    outcome: 'succeeded' | 'retrying' | 'manual_action_required' | 'failed',
    attempts: number,
    extra: { nextRetryAt?: string; error?: string } = {},
  ): CommentSpec =>
    comment('connector-result', {
      toolName: g.doc.toolName,
      ...(requesterName ? { requesterName } : {}),
      provider: job.provider,
      operation: op === 'remove' ? 'remove' : 'add',
      outcome,
      groupName,
      attempts: Math.max(1, attempts),
      ...extra,
    });
  const plan = (
    outcome: string,
    doc: JobDoc,
    events: EventDraft[],
    comments: CommentSpec[],
    grant?: GrantDoc,
  ): DecisionPlan => ({
    outcome,
    ...(grant ? { grant } : {}),
    puts: [jobPut(doc, j ? j.version : 'absent'), ...(grant ? [grantPut(grant, g.version)] : [])],
    deletes: [],
    events,
    jobs: [],
    fresh: [],
    comments,
    ...(grant?.status === 'active' ? { target: 'active' as const, prefer: 'fulfil' as const } : {}),
  });

  if (op === 'add' && attempt.kind !== 'blocked' && !WAITING_FOR_ADD.has(g.doc.status)) {
    // The grant stopped waiting while the IdP call ran. Ended (revoked, cancelled, handed back, expired): the
    // add may have landed after the end's own removal ran, so a removal follows, queued in this commit
    // (removing a non-member is success). Still live: a concurrent delivery or a person fulfilled it.
    const attempts = before.attempts + 1;
    const idpOutcome = attempt.kind === 'done' ? attempt.outcome : attempt.error.kind;
    if (isLive(g.doc.status)) {
      const outcome = attempt.kind === 'done' ? attempt.outcome : 'not_needed';
      return {
        decision: plan(
          outcome,
          { ...base, state: 'succeeded', outcome, attempts },
          [event('connector.job_succeeded', { outcome, idpOutcome, attempts, grantStatus: g.doc.status })],
          [],
        ),
      };
    }
    const removal: ConnectorJob = { ...job, type: 'connector.remove', idempotencyKey: undoKey(job.idempotencyKey) };
    const decision = plan(
      'removal_queued',
      { ...base, state: 'succeeded', outcome: 'grant_ended', attempts },
      [
        event('connector.job_succeeded', {
          outcome: 'grant_ended',
          idpOutcome,
          attempts,
          grantStatus: g.doc.status,
          removal: removal.idempotencyKey,
        }),
        connectorEvent(
          'connector.job_queued',
          subject,
          { type: 'app' },
          {
            ...facts({ reason: 'grant_ended', after: job.idempotencyKey }),
            operation: 'remove',
            key: removal.idempotencyKey,
          },
          ticket,
        ),
      ],
      [],
    );
    return { decision: { ...decision, jobs: [removal] } };
  }

  if (attempt.kind === 'done') {
    const doc: JobDoc = { ...base, state: 'succeeded', outcome: attempt.outcome };
    const attempts = before.attempts + 1;
    if (op === 'check') {
      const drift = attempt.outcome !== 'in_sync';
      return {
        decision: plan(
          attempt.outcome,
          doc,
          [
            event(drift ? 'connector.drift_detected' : 'connector.job_succeeded', {
              outcome: attempt.outcome,
              member: attempt.member ?? false,
              grantStatus: g.doc.status,
            }),
          ],
          [],
        ),
      };
    }
    const events = [event('connector.job_succeeded', { outcome: attempt.outcome, attempts })];
    if (op === 'add') {
      const f = fulfilGrant(g.doc, { actor: { type: 'app' }, now });
      if (!f.ok) return { decision: plan(f.error.code, doc, events, []) };
      return {
        decision: plan(
          'fulfilled',
          doc,
          [...events, ...f.value.events],
          [
            comment('fulfilled', {
              toolName: g.doc.toolName,
              expiresAt: g.doc.expiresAt,
              method: 'connector',
              groupName,
            }),
          ],
          f.value.next,
        ),
      };
    }
    return {
      decision: plan(
        attempt.outcome,
        doc,
        events,
        attempt.outcome === 'kept_for_live_grant' ? [] : [result('succeeded', attempts)],
      ),
    };
  }

  const error = attempt.kind === 'failed' ? attempt.error.message : attempt.message;
  const step: NextStep =
    attempt.kind === 'failed'
      ? afterFailure({ kind: attempt.error.kind, retryAfterSeconds: attempt.error.retryAfterSeconds }, before)
      : { action: 'hand_over', counts: { ...before, attempts: before.attempts + 1 }, why: 'permanent' };
  const doc: JobDoc = { ...base, ...step.counts, lastError: error.slice(0, 1000) };
  const status: JsonObject =
    attempt.kind === 'failed'
      ? { status: attempt.error.status ?? 0, failure: attempt.error.kind }
      : { failure: attempt.reason };

  if (step.action === 'retry') {
    const nextRetryAt = new Date(now.getTime() + step.afterSeconds * 1000).toISOString();
    const events = [
      event('connector.job_retrying', {
        ...status,
        attempts: step.counts.attempts,
        retryAfterSeconds: step.afterSeconds,
        error: error.slice(0, 300),
      }),
    ];
    let grant: GrantDoc | undefined;
    if (op === 'add') {
      const f = failFulfilment(g.doc, { now, error, final: false });
      if (f.ok) {
        grant = f.value.next;
        events.push(...f.value.events);
      }
    }
    const comments =
      op === 'check' ? [] : [result('retrying', step.counts.attempts, { nextRetryAt, error: error.slice(0, 300) })];
    return {
      decision: plan('retrying', doc, events, comments, grant),
      retry: {
        seconds: step.afterSeconds,
        rateLimited: attempt.kind === 'failed' && attempt.error.kind === 'rate_limited',
        error,
      },
    };
  }

  // A person takes over: the ledger says so (listable), the grant (add) waits in manual_action_required, the ticket has the task.
  const handed: JobDoc = {
    ...doc,
    state: 'manual_action_required',
    outcome: attempt.kind === 'blocked' ? attempt.reason : `${attempt.error.kind}`,
  };
  const events = [
    event('connector.job_manual_action_required', {
      ...status,
      attempts: step.counts.attempts,
      why: step.why,
      error: error.slice(0, 300),
    }),
  ];
  if (op === 'check') return { decision: plan('manual_action_required', handed, events, []) };
  if (op === 'add') {
    const f = failFulfilment(g.doc, { now, error, final: true });
    if (!f.ok) return { decision: plan(f.error.code, handed, events, []) };
    const reason = attempt.kind === 'blocked' ? attempt.reason : 'connector_failed';
    return {
      decision: plan(
        'manual_action_required',
        handed,
        [...events, ...f.value.events],
        [
          fulfilmentNeeded(f.value.next, requesterName, reason, error),
          result('manual_action_required', step.counts.attempts, { error: error.slice(0, 300) }),
        ],
        f.value.next,
      ),
    };
  }
  return {
    decision: plan('manual_action_required', handed, events, [
      result(step.why === 'permanent' ? 'failed' : 'manual_action_required', step.counts.attempts, {
        error: error.slice(0, 300),
      }),
    ]),
  };
}
