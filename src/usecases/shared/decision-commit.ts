// Commits a decision plan in ONE store transaction (records, lock moves,
// governance events, the ticket op(s) and, when it queues connector jobs, an
// outbox record holding them: shared/job-outbox.ts) and then delivers it:
// queue jobs first (idempotent keys), then the Jira write(s). A push that
// fails or never happens (the process died) leaves the outbox record, and the
// hourly sweep pushes the jobs that never ran once it is due.
import type { GrantDoc } from '../../domain/grant/types';
import type { CoreDeps } from './deps';
import type { DecisionPlan } from './decision-plan';
import { chainEvents } from './governance';
import { dropOutboxEntry, JOB_OUTBOX_GRACE_SECONDS, outboxId, outboxPut } from './job-outbox';
import { requestPut, type Loaded, type RequestRecord } from './records';
import {
  addOp,
  addPlannedOp,
  flushTicket,
  noteSeen,
  settleEarlierOps,
  settleOrQueueBehind,
  type SyncEnv,
} from './ticket-sync';
import type { WorkJob } from './work-jobs';

export interface CommittedDecision {
  record: RequestRecord;
  grant: GrantDoc | undefined;
  other?: { record: RequestRecord; grant: GrantDoc } | undefined;
  jobs: WorkJob[];
  /** The outbox record committed with the jobs (dropped once they are queued). */
  outbox?: { id: string; version: number } | undefined;
  /** False when nothing needed writing (a no-op decision). */
  written: boolean;
  /** Set when the op was queued behind another writer's lease (SeenEvent.queueBehindLease): seconds left on it. */
  behindLeaseSeconds?: number | undefined;
}

export interface SeenEvent {
  changelogId?: string | undefined;
  status?: { id: string; name: string } | undefined;
  payloadAck?: number | undefined;
  issueKey: string;
  /**
   * For a change that already happened outside the store (an IdP call): commit it even while another writer
   * holds the ticket's lease, its op queued behind that lease; deliverDecision then leaves the ticket alone.
   */
  queueBehindLease?: boolean;
}

/** `currentGrant`: the grant as loaded, for the stamp when the plan does not change it. */
export async function commitDecision(
  env: SyncEnv,
  loaded: Loaded<RequestRecord>,
  plan: DecisionPlan,
  now: Date,
  seen: SeenEvent,
  currentGrant?: GrantDoc,
): Promise<CommittedDecision> {
  const deps: CoreDeps = env.deps;
  const grant = plan.grant ?? currentGrant;
  const hasOp = plan.comments.length > 0 || plan.target !== undefined;
  const changes =
    plan.request !== undefined || plan.puts.length > 0 || plan.deletes.length > 0 || plan.events.length > 0;
  if (!hasOp && !changes) return { record: loaded.doc, grant, jobs: [], written: false };

  const settled = seen.queueBehindLease
    ? await settleOrQueueBehind(env, loaded.doc, seen.payloadAck, now)
    : { sync: await settleEarlierOps(env, loaded.doc, seen.payloadAck, now) };
  const behind = settled.behindLeaseSeconds;
  let sync = noteSeen(settled.sync, { changelogId: seen.changelogId, status: seen.status });
  if (hasOp)
    sync = await addPlannedOp(
      env,
      seen.issueKey,
      sync,
      { comments: plan.comments, target: plan.target, prefer: plan.prefer },
      now,
      behind !== undefined,
    );
  const record: RequestRecord = { ...(plan.request ?? loaded.doc), sync };
  const puts = [requestPut(record, loaded.version), ...plan.puts];

  let other: CommittedDecision['other'];
  if (plan.other) {
    const o = plan.other;
    const osync = await addOp(
      env,
      await settleEarlierOps(env, o.request.doc, undefined, now),
      { comments: o.comments },
      now,
    );
    const orecord: RequestRecord = { ...o.request.doc, sync: osync };
    puts.push(requestPut(orecord, o.request.version));
    other = { record: orecord, grant: o.grant };
  }
  let outbox: CommittedDecision['outbox'];
  if (plan.jobs.length) {
    // Random suffix: two decisions on one request in the same millisecond must not collide.
    const id = outboxId(record.id, 'jobs', `${now.getTime()}-${Buffer.from(deps.random(4)).toString('hex')}`);
    puts.push(outboxPut(id, record.id, plan.jobs, now, JOB_OUTBOX_GRACE_SECONDS));
    outbox = { id, version: 1 };
  }
  const chained = await chainEvents(deps.store, plan.events, now, deps.random, new Set(plan.fresh));
  await deps.store.commit({ puts: [...puts, ...chained.puts], deletes: plan.deletes, events: chained.events });
  return { record, grant, other, jobs: plan.jobs, outbox, written: true, behindLeaseSeconds: behind };
}

/**
 * Pushes committed jobs and drops their outbox record. A push that fails is logged and left to the
 * outbox (the decision is saved; the sweep queues the jobs later), so the ticket write still follows.
 */
export async function pushCommittedJobs(
  deps: Pick<CoreDeps, 'store' | 'queue'>,
  jobs: WorkJob[],
  outbox: { id: string; version: number } | undefined,
): Promise<void> {
  if (!jobs.length) return;
  try {
    await deps.queue.push(jobs);
  } catch (e) {
    if (!outbox) throw e;
    console.warn(
      JSON.stringify({
        event: 'jobs.not_queued',
        outbox: outbox.id,
        jobs: jobs.map((j) => j.idempotencyKey),
        message: e instanceof Error ? e.message.slice(0, 300) : 'queue push failed',
      }),
    );
    return;
  }
  // A drop that fails leaves a record whose jobs have run: the sweep finds them in the ledger and drops it.
  if (outbox)
    await dropOutboxEntry(deps.store, outbox.id, outbox.version).catch((e: unknown) =>
      console.warn(JSON.stringify({ event: 'outbox.not_dropped', outbox: outbox.id, message: String(e) })),
    );
}

export async function deliverDecision(
  env: SyncEnv,
  c: CommittedDecision,
  opts: { statusFresh: boolean },
): Promise<void> {
  if (!c.written) return;
  await pushCommittedJobs(env.deps, c.jobs, c.outbox);
  // Another writer is sending earlier ops: writing now could send theirs twice; resumeTicketSync writes ours later.
  if (c.behindLeaseSeconds !== undefined) return;
  if (c.other) await flushTicket(env, c.other.record, c.other.grant);
  await flushTicket(env, c.record, c.grant, opts);
}
