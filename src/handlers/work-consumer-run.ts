// The aic-work jobs themselves (work-consumer.ts has parsed the body and
// picked the job): ticket writes handed over by the triggers, connector jobs,
// and the error mapping every job shares.
import { runConnectorJob } from '../usecases/run-connector-job';
import { loadGrant } from '../usecases/shared/records';
import { resumeTicketSync } from '../usecases/shared/ticket-sync';
import type { ConnectorJob, TicketSyncJob } from '../usecases/shared/work-jobs';
import { loadSyncEnv } from '../usecases/shared/sync-env';
import { coreDeps, describe, retryFor, transientFailure } from './core-deps';
import { logOutcome } from './log';

/**
 * Runs one job. A transient failure (RetryLater, Jira 429 with its Retry-After, 5xx, a network error)
 * becomes the InvocationError Forge retries on. Anything else will not pass by retrying: it is logged
 * and acknowledged (returned normally), since Forge retries a consumer that throws for up to 24 h
 * (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/ § "Retries").
 */
export async function runJob(body: { type: string }, job: () => Promise<unknown>, retryCount = 0): Promise<unknown> {
  try {
    await job();
    return undefined;
  } catch (err) {
    const retry = transientFailure(err, retryCount);
    if (retry) {
      logOutcome('consumeWork', { job: body.type, outcome: 'retry', reason: retry.reason, retryAfter: retry.retryAfterSeconds });
      return retryFor(retry);
    }
    logOutcome('consumeWork', { job: body.type, outcome: 'failed_permanently', ...describe(err) });
    return undefined;
  }
}

export async function ticketSync(j: TicketSyncJob): Promise<void> {
  const deps = coreDeps();
  const { env } = await loadSyncEnv(deps);
  const outcome = await resumeTicketSync(env, j.requestId, async () => (await loadGrant(deps.store, j.requestId))?.doc);
  logOutcome('consumeWork', { job: j.type, requestId: j.requestId, outcome });
}

export async function connector(j: ConnectorJob, retryCount: number): Promise<void> {
  const outcome = await runConnectorJob(coreDeps(), j, retryCount);
  logOutcome('consumeWork', { job: j.type, grantId: j.grantId, key: j.idempotencyKey, outcome });
}
