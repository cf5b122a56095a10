// The aic-work jobs themselves (work-consumer.ts has parsed the body and
// picked the job): ticket writes handed over by the triggers, connector jobs,
// and the error mapping every job shares.
import { forgeJiraTransport } from '../../adapters/jira/forge-transport';
import { runConnectorJob } from '../../usecases/run-connector-job';
import { loadGrant } from '../../usecases/shared/records';
import { resumeTicketSync } from '../../usecases/shared/ticket-sync';
import type {
  ConnectorJob,
  ConnectorReconcileJob,
  EvidenceExportJob,
  ProvisionStepJob,
  TicketSyncJob,
  TriggerHandoffJob,
} from '../../usecases/shared/work-jobs';
import { loadSyncEnv } from '../../usecases/shared/sync-env';
import { isRetryLater, RetryLaterError } from '../../usecases/shared/errors';
import { describeError } from '../../domain/errors';
import { coreDeps } from '../core-deps';
import { backoffSeconds, isPermanentFailure, retryFor, transientFailure } from '../platform-retry';
import { logOutcome } from '../log';

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
      logOutcome('consumeWork', { job: body.type, outcome: 'failed_permanently', ...describeError(err) });
      return undefined;
    }
    const retry =
      transientFailure(err, retryCount) ??
      new RetryLaterError(backoffSeconds(retryCount), 'upstream_error', describeError(err).message);
    logOutcome('consumeWork', {
      job: body.type,
      outcome: 'retry',
      reason: retry.reason,
      retryAfter: retry.retryAfterSeconds,
      ...(isRetryLater(err) ? {} : describeError(err)),
    });
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
  const outcome = await (
    await import('../resolver/admin-page/provisioning')
  ).provisionStep(forgeJiraTransport({ kind: 'app' }), deps.store, j);
  logOutcome('consumeWork', { job: j.type, runId: j.runId, seq: j.seq, outcome });
}

/** Reconciles one bound group; an IdP that is busy or down is retried by the queue like any job. */
export async function reconcile(j: ConnectorReconcileJob): Promise<void> {
  const [{ forgeDirectories }, { reconcileTool, recordReconcileFailure }, { isDirectoryError }] = await Promise.all([
    import('../../adapters/idp/directories'),
    import('../../usecases/connectors/reconcile'),
    import('../../ports/group-directory'),
  ]);
  const deps = coreDeps();
  try {
    const r = await reconcileTool({ ...deps, directories: forgeDirectories() }, j.toolId);
    logOutcome('consumeWork', {
      job: j.type,
      toolId: j.toolId,
      outcome: r.outcome,
      ...(r.outcome === 'checked' ? { missing: r.report.missing.length, strays: r.report.strays.length } : {}),
    });
  } catch (e) {
    if (isDirectoryError(e) && (e.kind === 'rate_limited' || e.kind === 'unavailable'))
      throw new RetryLaterError(
        e.retryAfterSeconds ?? 60,
        e.kind === 'rate_limited' ? 'upstream_rate_limited' : 'upstream_error',
        e.message,
      );
    if (isDirectoryError(e)) {
      // Denied, not found, or an answer not in the published shape: retrying will not help; the next hourly
      // run tries again. The governance log says so (the console shows it), once per job.
      const recorded = await recordReconcileFailure(deps, j, e);
      logOutcome('consumeWork', { job: j.type, toolId: j.toolId, outcome: 'failed', recorded, error: e.message });
      return;
    }
    throw e;
  }
}

export async function connector(j: ConnectorJob, retryCount: number): Promise<void> {
  const { forgeDirectories } = await import('../../adapters/idp/directories');
  const outcome = await runConnectorJob({ ...coreDeps(), directories: forgeDirectories() }, j, retryCount);
  logOutcome('consumeWork', { job: j.type, grantId: j.grantId, key: j.idempotencyKey, outcome });
}

/**
 * A product event the trigger handed over after its last retry: intake or the decision runs again here,
 * and its failures map like any job's (transient → retried by the queue, permanent → acknowledged).
 * A decision still waiting for its intake waits on the queue's retry count.
 */
export async function triggerHandoff(j: TriggerHandoffJob, retryCount: number): Promise<void> {
  // The use cases read the settings (the project gate) themselves when not handed them.
  if (j.trigger === 'created') {
    const [{ createdEventSchema, createdIssueOf }, { intakeRequest }, { appUuid }] = await Promise.all([
      import('../trigger/issue-created'),
      import('../../usecases/intake-request'),
      import('../../adapters/forge/app-id'),
    ]);
    const issue = createdIssueOf(createdEventSchema.parse(j.event));
    const report = await intakeRequest(coreDeps(), { ...issue, panelPropertyKey: appUuid() });
    logOutcome('consumeWork', { job: j.type, issue: issue.key, ...report });
    return;
  }
  const [{ updatedEventSchema, transitionOf }, { decideFromTransition }] = await Promise.all([
    import('../trigger/issue-updated'),
    import('../../usecases/decide-request'),
  ]);
  const transition = transitionOf(updatedEventSchema.parse(j.event));
  if (!transition) return;
  const report = await decideFromTransition(coreDeps(), { ...transition, retryCount });
  logOutcome('consumeWork', { job: j.type, issue: transition.issue.key, ...report });
}

export async function evidenceExport(j: EvidenceExportJob, retryCount: number): Promise<void> {
  const [{ runExportJob }, { forgeExportDeps }] = await Promise.all([
    import('../../usecases/evidence/export'),
    import('../resolver/admin-page/evidence-exports'),
  ]);
  const outcome = await runExportJob(forgeExportDeps(), j, { retryCount });
  logOutcome('consumeWork', { job: j.type, exportId: j.exportId, seq: j.seq, outcome });
}
