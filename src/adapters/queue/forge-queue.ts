// Pushes to a Forge queue (@forge/events), in chunks of 50 (the platform limit).
// @forge/events is loaded on the first push, by the loader the entry point passes
// (`() => import('@forge/events')`: lazy loading is the entry points' business,
// .dependency-cruiser.cjs): most invocations never queue work (only connector-bound
// grants and sweep continuations do), so they skip it.
import type * as ForgeEvents from '@forge/events';
import type { Queue } from '@forge/events';
import { WORK_QUEUE_KEY, type JobQueue } from '../../ports/work-queue';

const MAX_PER_PUSH = 50;

/** Loads @forge/events (its Queue class) on the first push. */
export type ForgeEventsLoader = () => Promise<Pick<typeof ForgeEvents, 'Queue'>>;

export type QueuePush = (bodies: ReadonlyArray<object>, opts?: { delayInSeconds?: number }) => Promise<void>;

export function forgeQueuePush(key: string, load: ForgeEventsLoader): QueuePush {
  let queue: Promise<Queue> | undefined;
  const open = () => (queue ??= load().then(({ Queue }) => new Queue({ key })));
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

export function forgeWorkQueue(load: ForgeEventsLoader, key: string = WORK_QUEUE_KEY): JobQueue {
  return { push: forgeQueuePush(key, load) };
}
