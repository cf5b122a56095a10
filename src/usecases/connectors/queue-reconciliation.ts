// Connected mode's hourly check: one connector.reconcile job per bound tool, queued by the
// scheduled trigger after the sweeps. The key names the tool and the hour. A job delivered twice
// reconciles twice: the second run overwrites the tool's report and records drift again only if
// drift is still there (reconcile.ts), so a repeat costs IdP calls, never a wrong record.
import type { Clock } from '../../ports/clock';
import type { AppStore } from '../../ports/store';
import type { JobQueue } from '../../ports/work-queue';
import { allWithStatus, bindingDocSchema } from './records';

export async function queueReconciliation(d: { store: AppStore; clock: Clock; queue: JobQueue }): Promise<number> {
  const bindings = await allWithStatus(d.store, 'connector', 'binding', bindingDocSchema);
  if (!bindings.length) return 0;
  const hour = d.clock.now().toISOString().slice(0, 13);
  await d.queue.push(
    bindings.map((b) => ({
      type: 'connector.reconcile' as const,
      toolId: b.toolId,
      idempotencyKey: `reconcile:${b.toolId}:${hour}`,
    })),
  );
  return bindings.length;
}
