// Optimistic concurrency: read, decide, commit with expected versions; on a
// conflict somebody else changed what we read, so read again and decide
// again. Bounded, because unbounded retry under contention is a livelock.
import { isStoreConflict } from '../../ports/store';
import { RetryLaterError } from './errors';

export const MAX_ATTEMPTS = 8;

export async function withConflictRetry<T>(what: string, attempt: (n: number) => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (!isStoreConflict(e)) throw e;
      if (n >= MAX_ATTEMPTS)
        throw new RetryLaterError(2, 'storage_contention', `${what}: ${MAX_ATTEMPTS} conflicting writes in a row`);
    }
  }
}
