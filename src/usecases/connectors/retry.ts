// Retry now: an admin fixed what stopped a connector job (mapped the requester, reconnected the IdP)
// and asks for it again. One transaction closes the person's task — the job's ledger record becomes
// `retried` (naming the new job's key) and, for an add, the grant waits for its fulfilment again — with
// the governance events; then the new job is queued under a new idempotency key, since the old key's
// outcome is final (run-connector-job.ts answers a repeat of it 'already_done'). The grant becomes
// active only when that job's add succeeds.
//
// Idempotent: a second retry finds the task closed. While the new job has not run yet it is queued
// again under the same key (harmless: the job ledger makes a repeat a no-op; it also recovers a push
// that failed); while it waits out a passing IdP failure it is left to the queue's retries; once it
// succeeded, the retry is refused saying so; if it was handed to a person again, that is the task retried.
// A grant whose first add never ran (its push was lost) has no task record yet: that add is queued again.
import { connectorEvent, grantJobSubject } from '../../domain/connectors/events';
import { PROVIDER_NAMES } from '../../domain/connectors/provider';
import type { EventDraft } from '../../domain/governance/event';
import { retryFulfilment } from '../../domain/grant/fulfilment-failure';
import type { GrantDoc } from '../../domain/grant/types';
import type { AppStore, RecordPut } from '../../ports/store';
import type { RandomBytes } from '../../domain/governance/chain';
import type { Clock } from '../../ports/clock';
import { withConflictRetry } from '../shared/commit';
import { UseCaseRefusal } from '../shared/errors';
import { chainEvents } from '../shared/governance';
import { grantPut, loadGrant, type Loaded } from '../shared/records';
import { connectorJob, type ConnectorJob, type WorkQueue } from '../shared/work-jobs';
import { jobPut, loadJob, type JobDoc } from './records';
import type { AdminActor } from './deps';

export interface RetryDeps {
  store: AppStore;
  clock: Clock;
  random: RandomBytes;
  queue: WorkQueue;
}

/** An add task is named by its grant; a remove or check task by its job key (connectors.tasks lists both). */
export type RetryTarget = { grantId: string } | { jobKey: string };

export interface RetryAnswer {
  /** The idempotency key of the job now queued. */
  queued: string;
  /** The key of the job whose task this closed. */
  retryOf: string;
  /** True when an earlier retry had already closed the task and its job had not run yet: queued again. */
  alreadyQueued: boolean;
}

/** The key a retry of `key` runs under: the same operation, the next free number. */
async function nextKey(store: AppStore, key: string): Promise<string> {
  const m = /^(.*):(\d+)$/.exec(key);
  const [prefix, n] = m ? [m[1], Number(m[2])] : [`${key}:retry`, 0];
  for (let i = n + 1; ; i++) if (!(await loadJob(store, `${prefix}:${i}`))) return `${prefix}:${i}`;
}

function jobOf(doc: JobDoc, key: string): ConnectorJob {
  const { type, grantId, toolId, accountId, provider, groupId } = doc;
  return { type, grantId, toolId, accountId, provider, groupId, idempotencyKey: key };
}

/** The task's job, following earlier retries to the latest (an add task is named by its grant: its first add is n = 1). */
async function findTask(store: AppStore, target: RetryTarget): Promise<Loaded<JobDoc> | undefined> {
  let task = await loadJob(store, 'jobKey' in target ? target.jobKey : `${target.grantId}:add:1`);
  for (let hops = 0; task?.doc.state === 'retried' && task.doc.retriedAs && hops < 1000; hops++) {
    const next = await loadJob(store, task.doc.retriedAs);
    if (!next) break;
    task = next;
  }
  return task;
}

interface Step {
  answer: RetryAnswer;
  job: ConnectorJob;
}

async function retryOnce(deps: RetryDeps, target: RetryTarget, actor: AdminActor): Promise<Step> {
  const { store } = deps;
  const name = 'grantId' in target ? `grant ${target.grantId}` : `job ${target.jobKey}`;
  const task = await findTask(store, target);
  if (!task) {
    const lost = 'grantId' in target ? await neverRunAdd(store, target.grantId) : undefined;
    if (lost) return lost;
    throw new UseCaseRefusal('NO_OPEN_TASK', `There is no connector task for ${name}: nothing to retry.`);
  }
  const doc = task.doc;
  // An earlier retry closed the task and its job has not run yet: queue it again under the same key (a
  // no-op if it is queued already; the recovery of a push that failed).
  if (doc.state === 'retried' && doc.retriedAs)
    return {
      job: jobOf(doc, doc.retriedAs),
      answer: { queued: doc.retriedAs, retryOf: doc.key, alreadyQueued: true },
    };
  if (doc.state === 'running')
    throw new UseCaseRefusal(
      'NO_OPEN_TASK',
      `The job ${doc.key} for ${name} is still running (waiting out a passing ${PROVIDER_NAMES[doc.provider]} failure; the queue tries it again): nothing to retry.`,
    );
  if (doc.state !== 'manual_action_required')
    throw new UseCaseRefusal(
      'NO_OPEN_TASK',
      `The connector task for ${name} is not waiting for a person (its last job ${doc.state === 'succeeded' ? 'succeeded' : `is ${doc.state}`}): nothing to retry.`,
    );
  const grant = await loadGrant(store, doc.grantId);
  if (!grant) throw new UseCaseRefusal('NO_OPEN_TASK', `Grant ${doc.grantId} no longer exists: nothing to retry.`);
  const now = deps.clock.now();
  const events: EventDraft[] = [];
  let changed: GrantDoc | undefined;
  if (doc.type === 'connector.add') {
    const retried = retryFulfilment(grant.doc, { now, actor });
    if (!retried.ok)
      throw new UseCaseRefusal(
        'NO_OPEN_TASK',
        `Grant ${doc.grantId} is not waiting for a person (it is ${grant.doc.status}): nothing to retry.`,
      );
    changed = retried.value.next;
    events.push(...retried.value.events);
  }
  const key = await nextKey(store, doc.key);
  events.push(
    connectorEvent(
      'connector.job_queued',
      grantJobSubject(doc.provider, doc.grantId),
      actor,
      {
        operation: doc.type.slice('connector.'.length),
        provider: doc.provider,
        groupId: doc.groupId,
        toolId: doc.toolId,
        key,
        retryOf: doc.key,
      },
      grant.doc.ticket,
    ),
  );
  const puts: RecordPut[] = [
    jobPut({ ...doc, state: 'retried', retriedAs: key, updatedAt: now.toISOString() }, task.version),
  ];
  if (changed) puts.push(grantPut(changed, grant.version));
  const chained = await chainEvents(store, events, now, deps.random);
  await store.commit({ puts: [...puts, ...chained.puts], events: chained.events });
  return { job: jobOf(doc, key), answer: { queued: key, retryOf: doc.key, alreadyQueued: false } };
}

/**
 * A grant approved in connected mode whose first add never ran (no ledger record: its push was lost, see
 * connectors.tasks' `notRun`): queue that same add again — a repeat of it is a no-op by its key.
 */
async function neverRunAdd(store: AppStore, grantId: string): Promise<Step | undefined> {
  const grant = await loadGrant(store, grantId);
  if (grant?.doc.status !== 'pending_fulfilment') return undefined;
  const job = connectorJob('connector.add', grant.doc, 1);
  return job
    ? { job, answer: { queued: job.idempotencyKey, retryOf: job.idempotencyKey, alreadyQueued: true } }
    : undefined;
}

export async function retryConnectorTask(
  deps: RetryDeps,
  target: RetryTarget,
  actor: AdminActor,
): Promise<RetryAnswer> {
  const step = await withConflictRetry(`connector retry ${JSON.stringify(target)}`, () =>
    retryOnce(deps, target, actor),
  );
  try {
    await deps.queue.push([step.job]);
  } catch {
    throw new UseCaseRefusal(
      'TRY_AGAIN',
      `The retry is recorded, but its job ${step.answer.queued} could not be queued: press Retry now again.`,
    );
  }
  return step.answer;
}
