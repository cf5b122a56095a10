// Commits a decision plan in ONE store transaction (records, lock moves,
// governance events and the ticket op(s)) and then delivers it: queue jobs
// first (idempotent keys), then the Jira write(s).
import type { GrantDoc } from '../../domain/grant/types';
import type { CoreDeps } from './deps';
import type { DecisionPlan } from './decision-plan';
import { chainEvents } from './governance';
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
  const chained = await chainEvents(deps.store, plan.events, now, deps.random, new Set(plan.fresh));
  await deps.store.commit({ puts: [...puts, ...chained.puts], deletes: plan.deletes, events: chained.events });
  return { record, grant, other, jobs: plan.jobs, written: true, behindLeaseSeconds: behind };
}

export async function deliverDecision(
  env: SyncEnv,
  c: CommittedDecision,
  opts: { statusFresh: boolean },
): Promise<void> {
  if (!c.written) return;
  if (c.jobs.length) await env.deps.queue.push(c.jobs);
  // Another writer is sending earlier ops: writing now could send theirs twice; resumeTicketSync writes ours later.
  if (c.behindLeaseSeconds !== undefined) return;
  if (c.other) await flushTicket(env, c.other.record, c.other.grant);
  await flushTicket(env, c.record, c.grant, opts);
}
