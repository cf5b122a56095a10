// What the issue-created and issue-updated triggers share: the event
// payload schemas and the retry policy. Each trigger has its own module
// (issue-created.ts, issue-updated.ts), so a cold intake never loads the
// decision use cases and a cold decision never loads intake.
//
// Retries: Forge retries a product-event trigger that RETURNS an
// InvocationError (PLATFORM-FACTS: "Retries carry retryContext"; the sandbox
// dispatcher does the same, after retryAfter seconds of sandbox time, up to 4
// times). A thrown error is not retried, so every retryable failure is
// returned as InvocationError. When the trigger's retries are nearly used up
// and only the ticket write is left to do, the write is handed to the aic-work
// queue (a `ticket.sync` job) whose consumer keeps retrying with backoff.
import * as z from 'zod/mini';
import { loadRequest } from '../usecases/shared/records';
import { coreDeps, describe, isRetryLater, logOutcome, retryFor } from './core-deps';

/** Retries Forge grants a product event (the sandbox's default; UNVERIFIED on Forge). */
const TRIGGER_RETRIES = 4;

export const statusRef = z.looseObject({ id: z.coerce.string(), name: z.string() });
const userRef = z.looseObject({ accountId: z.string(), displayName: z.optional(z.string()), accountType: z.optional(z.string()), active: z.optional(z.boolean()) });
export const issueSchema = z.looseObject({
  id: z.coerce.string(),
  key: z.string(),
  fields: z.optional(
    z.looseObject({
      status: z.nullish(statusRef),
      project: z.nullish(z.looseObject({ key: z.string() })),
      reporter: z.nullish(userRef),
    }),
  ),
  properties: z.optional(z.record(z.string(), z.unknown())),
});
export const retrySchema = z.optional(z.looseObject({ retryCount: z.int().check(z.gte(0)) }));
export async function handleFailure(handler: string, key: string, issueId: string, retryCount: number, err: unknown): Promise<unknown> {
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
