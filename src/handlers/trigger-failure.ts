// The issue triggers' retry policy.
//
// Forge retries a product-event trigger that RETURNS an InvocationError, "for a
// maximum of four times", retryAfter at most 900 s; the page offers no retry of
// a thrown error, so every retryable failure is returned as InvocationError
// (https://developer.atlassian.com/platform/forge/events-reference/product_events/
// § "Retry for app level errors"). When the trigger's retries are nearly used up and only the
// ticket write is left to do, the write is handed to the aic-work queue (a
// `ticket.sync` job) whose consumer keeps retrying with backoff.
import { loadRequest } from '../usecases/shared/records';
import { coreDeps, describe, retryFor, transientFailure } from './core-deps';
import { logOutcome } from './log';

/** Retries Forge grants a product event: "You can only retry an event for a maximum of four times" (see above). */
export const TRIGGER_RETRIES = 4;

export async function handleFailure(handler: string, key: string, issueId: string, retryCount: number, failure: unknown): Promise<unknown> {
  // Jira 429/5xx and network errors are retries too, never a loss (a thrown error would not be retried).
  const err = transientFailure(failure, retryCount);
  if (!err) {
    logOutcome(handler, { issue: key, outcome: 'error', ...describe(failure) });
    throw failure;
  }
  // Last allowed retry: if the records are committed and only the ticket write is owed, the queue takes it over.
  if (retryCount >= TRIGGER_RETRIES - 1 && err.reason !== 'waiting_for_earlier_event') {
    const deps = coreDeps();
    if (await loadRequest(deps.store, issueId)) {
      await deps.queue.push([{ type: 'ticket.sync', requestId: issueId, idempotencyKey: `${issueId}:handoff:${retryCount}` }], { delayInSeconds: Math.min(900, Math.ceil(err.retryAfterSeconds)) });
      logOutcome(handler, { issue: key, outcome: 'handed_to_queue', reason: err.reason });
      return undefined;
    }
  }
  logOutcome(handler, { issue: key, outcome: 'retry', reason: err.reason, retryAfter: err.retryAfterSeconds });
  return retryFor(err);
}
