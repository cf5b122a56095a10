// The aic-work jobs themselves (work-consumer.ts has parsed the body and
// picked the job): ticket writes handed over by the triggers, connector jobs,
// and the error mapping every job shares.
import { runConnectorJob } from '../usecases/run-connector-job';
import { loadGrant } from '../usecases/shared/records';
import { resumeTicketSync } from '../usecases/shared/ticket-sync';
import type { ConnectorJob, ProvisionStepJob, TicketSyncJob } from '../usecases/shared/work-jobs';
import { loadSyncEnv } from '../usecases/shared/sync-env';
import { isRetryLater, RetryLaterError } from '../usecases/shared/errors';
import { backoffSeconds, coreDeps, describe, isPermanentFailure, retryFor, transientFailure } from './core-deps';
import { logOutcome } from './log';

/**
 * Runs one job. A permanent failure (isPermanentFailure) is logged and acknowledged (returned
 * normally): Forge would retry a consumer that throws for up to 24 h
 * (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/ § "Retries").
 * Everything else becomes the InvocationError Forge retries on: RetryLater, Jira 429 with its
 * Retry-After, 5xx, network errors, and unknown errors too (with backoff, inside the retention window:
 * a retry too many costs an invocation, a lost job costs a ticket).
 */
export async function runJob(body: { type: string }, job: () => Promise<unknown>, retryCount = 0): Promise<unknown> {
  try {
    await job();
    return undefined;
  } catch (err) {
    if (isPermanentFailure(err)) {
      logOutcome('consumeWork', { job: body.type, outcome: 'failed_permanently', ...describe(err) });
      return undefined;
    }
    const retry = transientFailure(err, retryCount) ?? new RetryLaterError(backoffSeconds(retryCount), 'upstream_error', describe(err).message);
    logOutcome('consumeWork', { job: body.type, outcome: 'retry', reason: retry.reason, retryAfter: retry.retryAfterSeconds, ...(isRetryLater(err) ? {} : describe(err)) });
    return retryFor(retry);
  }
}

export async function ticketSync(j: TicketSyncJob): Promise<void> {
  const deps = coreDeps();
  const { env } = await loadSyncEnv(deps);
  const outcome = await resumeTicketSync(env, j.requestId, async () => (await loadGrant(deps.store, j.requestId))?.doc);
  logOutcome('consumeWork', { job: j.type, requestId: j.requestId, outcome });
}

export async function provisionStep(j: ProvisionStepJob): Promise<void> {
  const deps = coreDeps();
  const outcome = await (await import('./resolvers/admin-provisioning')).provisionStep(deps.jira, deps.store, j);
  logOutcome('consumeWork', { job: j.type, runId: j.runId, seq: j.seq, outcome });
}

export async function connector(j: ConnectorJob, retryCount: number): Promise<void> {
  const outcome = await runConnectorJob(coreDeps(), j, retryCount);
  logOutcome('consumeWork', { job: j.type, grantId: j.grantId, key: j.idempotencyKey, outcome });
}
