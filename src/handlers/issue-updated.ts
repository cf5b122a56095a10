// avi:jira:updated:issue → the decision use case (status changes only).
// Thin: parse the payload with zod, call the use case, map its errors
// (retry policy: issue-trigger.ts).
import * as z from 'zod/mini';
import { PARSE, issueText } from '../domain/zod-messages';
import { decideFromTransition } from '../usecases/decide-request';
import { coreDeps, logOutcome } from './core-deps';
import { handleFailure, issueSchema, retrySchema, statusRef } from './issue-trigger';

const nullableString = z.nullish(z.string());

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

