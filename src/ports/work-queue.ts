// Port: how use cases hand work to a queue. Inside Forge it is the `aic-work` queue of manifest.yml
// (adapters/queue/forge-queue.ts); the jobs' shapes belong to the use cases (usecases/shared/work-jobs.ts).
export const WORK_QUEUE_KEY = 'aic-work';

export interface JobQueue<J extends object = object> {
  push(jobs: ReadonlyArray<J>, opts?: { delayInSeconds?: number }): Promise<void>;
}
