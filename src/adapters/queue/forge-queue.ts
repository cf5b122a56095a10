// WorkQueue over @forge/events. Pushes in chunks of 50 (the platform limit).
// @forge/events is loaded on the first push: most invocations never queue work
// (only connector-bound grants and sweep continuations do), so they skip it.
import type { Queue } from '@forge/events';
import { WORK_QUEUE_KEY, type WorkJob, type WorkQueue } from '../../usecases/shared/work-jobs';

const MAX_PER_PUSH = 50;

export function forgeWorkQueue(key: string = WORK_QUEUE_KEY): WorkQueue {
  let queue: Promise<Queue> | undefined;
  const open = () => (queue ??= import('@forge/events').then(({ Queue }) => new Queue({ key })));
  return {
    async push(jobs: WorkJob[], opts = {}) {
      if (jobs.length === 0) return;
      const q = await open();
      for (let i = 0; i < jobs.length; i += MAX_PER_PUSH) {
        const chunk = jobs.slice(i, i + MAX_PER_PUSH).map((body) => ({ body: body as unknown as Record<string, unknown>, ...(opts.delayInSeconds ? { delayInSeconds: opts.delayInSeconds } : {}) }));
        await q.push(chunk);
      }
    },
  };
}
