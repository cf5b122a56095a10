// Pushes to a Forge queue (@forge/events), in chunks of 50 (the platform limit).
// @forge/events is loaded on the first push: most invocations never queue work
// (only connector-bound grants and sweep continuations do), so they skip it.
import type { Queue } from '@forge/events';
import { WORK_QUEUE_KEY, type JobQueue } from '../../ports/work-queue';

const MAX_PER_PUSH = 50;

export type QueuePush = (bodies: ReadonlyArray<object>, opts?: { delayInSeconds?: number }) => Promise<void>;

export function forgeQueuePush(key: string): QueuePush {
  let queue: Promise<Queue> | undefined;
  const open = () => (queue ??= import('@forge/events').then(({ Queue }) => new Queue({ key })));
  return async (bodies, opts = {}) => {
    if (bodies.length === 0) return;
    const q = await open();
    for (let i = 0; i < bodies.length; i += MAX_PER_PUSH) {
      const chunk = bodies.slice(i, i + MAX_PER_PUSH).map((body) => ({
        body: body as Record<string, unknown>,
        ...(opts.delayInSeconds ? { delayInSeconds: opts.delayInSeconds } : {}),
      }));
      await q.push(chunk);
    }
  };
}

export function forgeWorkQueue(key: string = WORK_QUEUE_KEY): JobQueue {
  return { push: forgeQueuePush(key) };
}
