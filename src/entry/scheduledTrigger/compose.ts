// The composition root of the lifecycle sweeps (the scheduled trigger, and the
// `sweep.continue` jobs the consumer runs): the core loop's Forge ports, plus
// where continuations go and who the app is.
import { forgeQueuePush } from '../../adapters/queue/forge-queue';
import type { SweepContinueJob } from '../../domain/sweeps/continuation';
import { WORK_QUEUE_KEY } from '../../ports/work-queue';
import type { SweepDeps } from '../../usecases/sweeps/context';
import { coreDeps } from '../core-deps';

export function sweepDeps(): SweepDeps {
  const core = coreDeps();
  // One pusher for the aic-work queue: connector jobs and sweep continuations share it.
  const push = forgeQueuePush(WORK_QUEUE_KEY, () => import('@forge/events'));
  return {
    ...core,
    queue: { push },
    continuation: { push: (job: SweepContinueJob, opts = {}) => push([job], opts) },
    appAccountId: async () =>
      (await import('../../adapters/jira/user-read')).getMyself(
        (await import('../../adapters/jira/forge-transport')).forgeJiraTransport({ kind: 'app' }),
      ),
    panelPropertyKey: async () => (await import('../../adapters/forge/app-id')).appUuid(),
  };
}
