// The issue triggers' retry policy.
//
// Forge retries a product-event trigger that RETURNS an InvocationError
// (PLATFORM-FACTS: "Retries carry retryContext"; the sandbox dispatcher does
// the same, after retryAfter seconds of sandbox time, up to 4 times). A thrown
// error is not retried, so every retryable failure is returned as
// InvocationError. When the trigger's retries are nearly used up and only the
// ticket write is left to do, the write is handed to the aic-work queue (a
// `ticket.sync` job) whose consumer keeps retrying with backoff.
import { isJiraHttpError } from '../ports/jira-transport';
import { RetryLaterError } from '../usecases/shared/errors';
import { loadRequest } from '../usecases/shared/records';
import { coreDeps, describe, isRetryLater, retryFor } from './core-deps';
import { logOutcome } from './log';

/** Retries Forge grants a product event (the sandbox's default; UNVERIFIED on Forge). */
const TRIGGER_RETRIES = 4;

export async function handleFailure(handler: string, key: string, issueId: string, retryCount: number, thrown: unknown): Promise<unknown> {
  // A Jira read that hit a rate limit or an outage (the ticket write maps its own) is retried like any other.
  const err = isJiraHttpError(thrown) && thrown.retryable ? new RetryLaterError(Math.max(1, Math.min(900, thrown.retryAfterSeconds ?? 5)), thrown.status === 429 ? 'upstream_rate_limited' : 'upstream_error', thrown.message) : thrown;
  if (isRetryLater(err)) {
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
  logOutcome(handler, { issue: key, outcome: 'error', ...describe(err) });
  throw err;
}
