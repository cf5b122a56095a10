// WorkQueue over @forge/events. Pushes in chunks of 50 (the platform limit).
import { Queue } from '@forge/events';
import { WORK_QUEUE_KEY, type WorkJob, type WorkQueue } from '../../usecases/shared/work-jobs';

const MAX_PER_PUSH = 50;

export function forgeWorkQueue(key: string = WORK_QUEUE_KEY): WorkQueue {
  const queue = new Queue({ key });
  return {
    async push(jobs: WorkJob[], opts = {}) {
      for (let i = 0; i < jobs.length; i += MAX_PER_PUSH) {
        const chunk = jobs.slice(i, i + MAX_PER_PUSH).map((body) => ({ body: body as unknown as Record<string, unknown>, ...(opts.delayInSeconds ? { delayInSeconds: opts.delayInSeconds } : {}) }));
        await queue.push(chunk);
      }
    },
  };
}
