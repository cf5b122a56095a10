// The issue triggers' retry policy.
//
// Forge retries a product-event trigger that RETURNS an InvocationError, "for a
// maximum of four times", retryAfter at most 900 s; the page offers no retry of
// a thrown error, so every retryable failure is returned as InvocationError
// (https://developer.atlassian.com/platform/forge/events-reference/product_events/
// § "Retry for app level errors"). When the trigger's retries are nearly used up, the aic-work
// queue takes over (its consumer is retried with backoff for up to 24 h): a `ticket.sync` job when
// only the ticket write is owed, else the whole event (`trigger.handoff`). The hourly sweep's
// reconciliation is the net under both.
import { loadRequest } from '../../usecases/shared/records';
import type { TriggerHandoffJob } from '../../usecases/shared/work-jobs';
import { describeError } from '../../domain/errors';
import { coreDeps } from '../core-deps';
import { retryFor, transientFailure } from '../platform-retry';
import { logOutcome } from '../log';

/** Retries Forge grants a product event: "You can only retry an event for a maximum of four times" (see above). */
export const TRIGGER_RETRIES = 4;

/** What the queue takes over when the trigger's retries run out: the event itself. */
export interface Handoff {
  trigger: 'created' | 'updated';
  event: unknown;
  /** Names the intended change: the changelog id of a transition. */
  changeId?: string | undefined;
}

export async function handleFailure(
  handler: string,
  key: string,
  issueId: string,
  retryCount: number,
  failure: unknown,
  handoff?: Handoff,
): Promise<unknown> {
  // Jira 429/5xx and network errors are retries too, never a loss (a thrown error would not be retried).
  const err = transientFailure(failure, retryCount);
  if (!err) {
    logOutcome(handler, { issue: key, outcome: 'error', ...describeError(failure) });
    throw failure;
  }
  // The last retry Forge grants: the aic-work queue takes over, whose consumer is retried with backoff for up
  // to 24 h. Intake whose records are committed owes only the ticket write; anything else (intake not yet
  // committed, a decision not yet applied or still waiting for its intake) goes over as the whole event.
  if (retryCount >= TRIGGER_RETRIES) {
    const deps = coreDeps();
    const delayInSeconds = Math.min(900, Math.ceil(err.retryAfterSeconds));
    const committed = handoff?.trigger !== 'updated' && (await loadRequest(deps.store, issueId)) !== undefined;
    if (committed) {
      await deps.queue.push(
        [{ type: 'ticket.sync', requestId: issueId, idempotencyKey: `${issueId}:handoff:${retryCount}` }],
        { delayInSeconds },
      );
      logOutcome(handler, { issue: key, outcome: 'handed_to_queue', reason: err.reason });
      return undefined;
    }
    if (handoff && handoff.event && typeof handoff.event === 'object') {
      const job: TriggerHandoffJob = {
        type: 'trigger.handoff',
        trigger: handoff.trigger,
        event: handoff.event as Record<string, unknown>,
        idempotencyKey: `${issueId}:${handoff.trigger}:${handoff.changeId ?? 'event'}`,
      };
      await deps.queue.push([job], { delayInSeconds });
      logOutcome(handler, { issue: key, outcome: 'event_handed_to_queue', reason: err.reason });
      return undefined;
    }
  }
  logOutcome(handler, { issue: key, outcome: 'retry', reason: err.reason, retryAfter: err.retryAfterSeconds });
  return retryFor(err);
}
