// avi:jira:updated:issue. It fires for every edit of every issue on the site;
// only status changes of the app's project are decisions. So this module
// parses the event (zod), drops field edits without any storage read, applies
// the project gate (one KVS get) and only then loads (import()) the decision
// use case and its wiring.
import * as z from 'zod/mini';
import type { TransitionEvent } from '../../usecases/decide-request';
import { includedSchema, issueSchema, parseEvent, projectGate, retrySchema, statusRef } from './issue-event';

const nullableString = z.nullish(z.string());

export const updatedEventSchema = z.looseObject({
  issue: issueSchema,
  atlassianId: z.optional(z.string()),
  changelog: z.optional(
    z.looseObject({
      id: z.optional(z.coerce.string()),
      items: z._default(
        z.array(
          z.looseObject({
            field: z.string(),
            fieldId: z.optional(z.string()),
            from: nullableString,
            fromString: nullableString,
            to: nullableString,
            toString: nullableString,
          }),
        ),
        [],
      ),
    }),
  ),
  associatedStatuses: z.optional(z.looseObject({ from: statusRef, to: statusRef })),
  payloadIncludeProperties: includedSchema,
  retryContext: retrySchema,
});

/** The decision a status change asks for; undefined for a field edit (no decision, no work). */
export function transitionOf(e: z.output<typeof updatedEventSchema>): TransitionEvent | undefined {
  const items = e.changelog?.items ?? [];
  const statusItem = items.find((i) => i.fieldId === 'status' || i.field === 'status');
  const from =
    e.associatedStatuses?.from ??
    (statusItem?.from && statusItem.fromString ? { id: statusItem.from, name: statusItem.fromString } : undefined);
  const to =
    e.associatedStatuses?.to ??
    (statusItem?.to && statusItem.toString ? { id: statusItem.to, name: statusItem.toString } : undefined);
  // Only status changes are decisions; field edits need no work (and no storage read).
  if (!from || !to || !e.atlassianId) return undefined;
  return {
    issue: {
      id: e.issue.id,
      key: e.issue.key,
      projectKey: e.issue.fields?.project?.key,
      included: e.payloadIncludeProperties ?? {},
    },
    actorId: e.atlassianId,
    changelogId: e.changelog?.id,
    from,
    to,
    changes: items
      .filter((i) => i !== statusItem)
      .map((i) => ({ fieldId: i.fieldId, field: i.field, to: i.to ?? null, toString: i.toString ?? null })),
    retryCount: e.retryContext?.retryCount ?? 0,
  };
}

export async function onIssueUpdated(event: unknown, _context: unknown): Promise<unknown> {
  const e = parseEvent('onIssueUpdated', updatedEventSchema, event);
  if (!e) return undefined;
  const transition = transitionOf(e);
  if (!transition) return undefined;
  const handoff = { trigger: 'updated' as const, event, changeId: transition.changelogId };
  const gate = await projectGate('onIssueUpdated', transition.issue, transition.retryCount, handoff);
  if ('done' in gate) return gate.done;
  return (await import('./issue-updated-run')).runDecision(transition, gate.settings, handoff);
}
