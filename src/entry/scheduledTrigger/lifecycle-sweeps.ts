// Scheduled trigger `lifecycle-sweeps-hourly` → runLifecycleSweeps, and the
// `sweep.continue` jobs on the aic-work queue → continueSweep (routed by the
// work consumer). Thin: the deps come from compose.ts, the work from the use case.
import { sweepContinueJobSchema } from '../../domain/sweeps/continuation';
import { PARSE } from '../../domain/zod-messages';
import { runSweeps, type SweepRunResult } from '../../usecases/sweeps/run-sweeps';
import { anchorGovernanceHeads, type AnchorRun } from '../../usecases/governance/anchor-heads';
import { queueReconciliation } from '../../usecases/connectors/queue-reconciliation';
import { sweepDeps } from './compose';

/** manifest.yml gives run-lifecycle-sweeps 300 s; stop well before, so the checkpoint and queue push fit. */
const SCHEDULED_BUDGET_MS = 240_000;
/** consume-work has 120 s. */
const CONSUMER_BUDGET_MS = 90_000;

export async function runLifecycleSweeps(
  _event: unknown,
  _context: unknown,
): Promise<SweepRunResult & { anchoring: AnchorRun }> {
  const d = sweepDeps();
  const result = await runSweeps(d, { budget: { deadlineMs: Date.now() + SCHEDULED_BUDGET_MS } });
  // Connected mode's hourly check; a failure to queue it is logged and never costs the sweeps their anchor.
  await queueReconciliation(d).catch((e: unknown) =>
    console.error(JSON.stringify({ event: 'reconciliation.not_queued', message: (e as Error).message })),
  );
  // After the sweeps, so the heads they moved are sealed in this run's anchor.
  const anchoring = await anchorGovernanceHeads(d.store, d.clock.now());
  return { ...result, anchoring };
}

/** For the work consumer: `{type:'sweep.continue', sweep, checkpoint}` bodies. */
export async function continueSweep(body: unknown): Promise<SweepRunResult> {
  const job = sweepContinueJobSchema.parse(body, PARSE);
  return runSweeps(sweepDeps(), {
    only: job.sweep === 'all' ? undefined : job.sweep,
    checkpoint: job.checkpoint,
    budget: { deadlineMs: Date.now() + CONSUMER_BUDGET_MS },
  });
}
