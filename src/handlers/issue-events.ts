// Jira issue triggers → the intake and decision use cases. Thin: parse the
// payload with zod, call one use case, map its errors.
//
// Retries: Forge retries a product-event trigger that RETURNS an
// InvocationError (PLATFORM-FACTS: "Retries carry retryContext"; the sandbox
// dispatcher does the same, after retryAfter seconds of sandbox time, up to 4
// times). A thrown error is not retried, so every retryable failure is
// returned as InvocationError. When the trigger's retries are nearly used up
// and only the ticket write is left to do, the write is handed to the aic-work
// queue (a `ticket.sync` job) whose consumer keeps retrying with backoff.
import * as z from 'zod/mini';
import { PARSE, issueText } from '../domain/zod-messages';
import { decideFromTransition } from '../usecases/decide-request';
import { intakeRequest } from '../usecases/intake-request';
import { loadRequest } from '../usecases/shared/records';
import { coreDeps, describe, isRetryLater, logOutcome, retryFor } from './core-deps';

/** Retries Forge grants a product event (the sandbox's default; UNVERIFIED on Forge). */
const TRIGGER_RETRIES = 4;

const statusRef = z.looseObject({ id: z.coerce.string(), name: z.string() });
const userRef = z.looseObject({ accountId: z.string(), displayName: z.optional(z.string()), accountType: z.optional(z.string()), active: z.optional(z.boolean()) });
const issueSchema = z.looseObject({
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
const retrySchema = z.optional(z.looseObject({ retryCount: z.int().check(z.gte(0)) }));
const nullableString = z.nullish(z.string());

export const createdEventSchema = z.looseObject({ issue: issueSchema, atlassianId: z.optional(z.string()), retryContext: retrySchema });

export const updatedEventSchema = z.looseObject({
  issue: issueSchema,
  atlassianId: z.optional(z.string()),
  changelog: z.optional(
    z.looseObject({
      id: z.optional(z.coerce.string()),
      items: z._default(z.array(z.looseObject({ field: z.string(), fieldId: z.optional(z.string()), from: nullableString, fromString: nullableString, to: nullableString, toString: nullableString })), []),
    }),
  ),
  associatedStatuses: z.optional(z.looseObject({ from: statusRef, to: statusRef })),
  retryContext: retrySchema,
});

export async function onIssueCreated(event: unknown, _context: unknown): Promise<unknown> {
  const parsed = createdEventSchema.safeParse(event, PARSE);
  if (!parsed.success) {
    logOutcome('onIssueCreated', { outcome: 'malformed_event', detail: issueText(parsed.error) });
    return undefined;
  }
  const e = parsed.data;
  const deps = coreDeps();
  try {
    const report = await intakeRequest(deps, {
      id: e.issue.id,
      key: e.issue.key,
      projectKey: e.issue.fields?.project?.key,
      status: e.issue.fields?.status ?? undefined,
      reporter: e.issue.fields?.reporter ?? undefined,
      properties: e.issue.properties ?? {},
    });
    logOutcome('onIssueCreated', { issue: e.issue.key, ...report });
    return undefined;
  } catch (err) {
    return handleFailure('onIssueCreated', e.issue.key, e.issue.id, e.retryContext?.retryCount ?? 0, err);
  }
}

export async function onIssueUpdated(event: unknown, _context: unknown): Promise<unknown> {
  const parsed = updatedEventSchema.safeParse(event, PARSE);
  if (!parsed.success) {
    logOutcome('onIssueUpdated', { outcome: 'malformed_event', detail: issueText(parsed.error) });
    return undefined;
  }
  const e = parsed.data;
  const items = e.changelog?.items ?? [];
  const statusItem = items.find((i) => i.fieldId === 'status' || i.field === 'status');
  const from = e.associatedStatuses?.from ?? (statusItem?.from && statusItem.fromString ? { id: statusItem.from, name: statusItem.fromString } : undefined);
  const to = e.associatedStatuses?.to ?? (statusItem?.to && statusItem.toString ? { id: statusItem.to, name: statusItem.toString } : undefined);
  // Only status changes are decisions; field edits need no work (and no storage read).
  if (!from || !to || !e.atlassianId) return undefined;
  const deps = coreDeps();
  try {
    const report = await decideFromTransition(deps, {
      issue: { id: e.issue.id, key: e.issue.key, projectKey: e.issue.fields?.project?.key, properties: e.issue.properties ?? {} },
      actorId: e.atlassianId,
      changelogId: e.changelog?.id,
      from,
      to,
      changes: items.filter((i) => i !== statusItem).map((i) => ({ fieldId: i.fieldId, field: i.field, to: i.to ?? null, toString: i.toString ?? null })),
      retryCount: e.retryContext?.retryCount ?? 0,
    });
    logOutcome('onIssueUpdated', { issue: e.issue.key, ...report });
    return undefined;
  } catch (err) {
    return handleFailure('onIssueUpdated', e.issue.key, e.issue.id, e.retryContext?.retryCount ?? 0, err);
  }
}

/** Comments need no work from the core loop (a decline's rationale is read when the decline is handled). */
export async function onIssueCommented(_event: unknown, _context: unknown): Promise<void> {}

async function handleFailure(handler: string, key: string, issueId: string, retryCount: number, err: unknown): Promise<unknown> {
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
