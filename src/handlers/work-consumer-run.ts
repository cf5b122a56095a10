// The aic-work jobs themselves (work-consumer.ts has parsed the body and
// picked the job): ticket writes handed over by the triggers, connector jobs,
// and the error mapping every job shares.
import { runConnectorJob } from '../usecases/run-connector-job';
import { loadGrant } from '../usecases/shared/records';
import { resumeTicketSync } from '../usecases/shared/ticket-sync';
import type { ConnectorJob, TicketSyncJob } from '../usecases/shared/work-jobs';
import { loadSyncEnv } from '../usecases/shared/sync-env';
import { coreDeps, describe, isRetryLater, retryFor } from './core-deps';
import { logOutcome } from './log';

/** Runs one job: a RetryLater becomes the InvocationError Forge retries on; anything else is logged and thrown. */
export async function runJob(body: { type: string }, job: () => Promise<unknown>): Promise<unknown> {
  try {
    await job();
    return undefined;
  } catch (err) {
    if (isRetryLater(err)) return retryFor(err);
    logOutcome('consumeWork', { job: body.type, outcome: 'error', ...describe(err) });
    throw err;
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
