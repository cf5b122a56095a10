// The outbox record: written in the SAME store transaction as a state change whose queue jobs (and ticket
// write) must follow it, and dropped once they did. A record of kind 'sweep' in the by-kind-due index, so
// the lifecycle sweep's outbox phase (usecases/sweeps/outbox.ts) finds any left behind once due — after a
// crash between the commit and the push, or a push the queue refused — and delivers them again. Job keys
// are idempotent (work-jobs.ts), so a second push is harmless. Kept free of the job schemas, so that
// producers (decisions, intake) only build the record.
import { isStoreConflict, type AppStore, type RecordPut, type StoredRecord } from '../../ports/store';
import type { WorkJob } from './work-job-schema';

export interface OutboxDoc {
  v: 1;
  requestId: string;
  step: string;
  jobs: WorkJob[];
  createdAt: string;
}

/**
 * How long a decision's queued connector job may go unrun before the sweep pushes it again. Forge
 * delivers a pushed event within seconds and retries a failed one itself; this only catches a push that
 * never happened, so it can be generous (a double push is harmless, but needless work).
 */
export const JOB_OUTBOX_GRACE_SECONDS = 15 * 60;

export function outboxId(subjectId: string, action: string, at: number | string): string {
  return `out:${subjectId}:${action}:${at}`;
}

/** Created with expected 'absent'; due `dueInSeconds` after `now` (before that the writer that made it owns it). */
export function outboxPut(
  id: string,
  requestId: string,
  jobs: WorkJob[],
  now: Date,
  dueInSeconds: number,
): RecordPut & { record: StoredRecord<OutboxDoc> } {
  const doc: OutboxDoc = { v: 1, requestId, step: id, jobs, createdAt: now.toISOString() };
  const dueAt = Math.floor(now.getTime() / 1000) + dueInSeconds;
  return { expected: 'absent', record: { kind: 'sweep', id, version: 1, status: 'pending', dueAt, doc } };
}

export async function dropOutboxEntry(store: AppStore, id: string, version: number): Promise<void> {
  try {
    await store.commit({ deletes: [{ kind: 'sweep', id, expected: version }] });
  } catch (e) {
    // Someone else resumed and dropped it first: the work is done either way.
    if (!isStoreConflict(e)) throw e;
  }
}
