// Scheduled trigger `lifecycle-sweeps-hourly` → runLifecycleSweeps, and the
// `sweep.continue` jobs on the aic-work queue → continueSweep (routed by the
// work consumer). Thin: wire the ports, hand over to the use case.
import { forgeJiraTransport } from '../adapters/jira/forge-transport';
import { kvsStore } from '../adapters/kvs/kvs-store';
import { forgeQueuePush } from '../adapters/queue/forge-queue';
import { systemClock } from '../adapters/clock';
import { sweepContinueJobSchema, type SweepContinueJob } from '../domain/sweeps/continuation';
import { PARSE } from '../domain/zod-messages';
import { precompiledCommentTemplates } from '../render/precompiled';
import { WORK_QUEUE_KEY } from '../usecases/shared/work-jobs';
import { cryptoRandom, type SweepDeps } from '../usecases/sweeps/context';
import { runSweeps, type SweepRunResult } from '../usecases/sweeps/run-sweeps';
import { anchorGovernanceHeads, type AnchorRun } from '../usecases/governance/anchor-heads';

/** manifest.yml gives run-lifecycle-sweeps 300 s; stop well before, so the checkpoint and queue push fit. */
const SCHEDULED_BUDGET_MS = 240_000;
/** consume-work has 120 s. */
const CONSUMER_BUDGET_MS = 90_000;

function deps(): SweepDeps {
  // One pusher for the aic-work queue: connector jobs and sweep continuations share it.
  const push = forgeQueuePush(WORK_QUEUE_KEY);
  return {
    store: kvsStore(),
    jira: forgeJiraTransport({ kind: 'app' }),
    clock: systemClock,
    random: cryptoRandom,
    comments: precompiledCommentTemplates(),
    queue: { push },
    continuation: {
      push: (job: SweepContinueJob, opts = {}) => push([job], opts),
    },
    appAccountId: async () =>
      (await import('../adapters/jira/user-read')).getMyself(forgeJiraTransport({ kind: 'app' })),
    panelPropertyKey: async () => (await import('../adapters/forge/app-id')).appUuid(),
  };
}

export async function runLifecycleSweeps(
  _event: unknown,
  _context: unknown,
): Promise<SweepRunResult & { anchoring: AnchorRun }> {
  const d = deps();
  const result = await runSweeps(d, { budget: { deadlineMs: Date.now() + SCHEDULED_BUDGET_MS } });
  // Connected mode's hourly check; a failure to queue it is logged and never costs the sweeps their anchor.
  await queueReconciliation(d).catch((e: unknown) =>
    console.error(JSON.stringify({ event: 'reconciliation.not_queued', message: (e as Error).message })),
  );
  // After the sweeps, so the heads they moved are sealed in this run's anchor.
  const anchoring = await anchorGovernanceHeads(d.store, d.clock.now());
  return { ...result, anchoring };
}

/** One connector.reconcile job per bound tool (connected mode), once per hour (the key names the hour). */
async function queueReconciliation(d: SweepDeps): Promise<void> {
  const { allWithStatus, bindingDocSchema } = await import('../usecases/connectors/records');
  const bindings = await allWithStatus(d.store, 'connector', 'binding', bindingDocSchema);
  if (!bindings.length) return;
  const hour = d.clock.now().toISOString().slice(0, 13);
  await d.queue.push(
    bindings.map((b) => ({
      type: 'connector.reconcile' as const,
      toolId: b.toolId,
      idempotencyKey: `reconcile:${b.toolId}:${hour}`,
    })),
  );
}

/** For the work consumer: `{type:'sweep.continue', sweep, checkpoint}` bodies. */
export async function continueSweep(body: unknown): Promise<SweepRunResult> {
  const job = sweepContinueJobSchema.parse(body, PARSE);
  return runSweeps(deps(), {
    only: job.sweep === 'all' ? undefined : job.sweep,
    checkpoint: job.checkpoint,
    budget: { deadlineMs: Date.now() + CONSUMER_BUDGET_MS },
  });
}
