// avi:jira:created:issue. It fires for every issue created on the site, so
// this module only parses the event (zod) and applies the project gate (one
// KVS get); the intake use case and its wiring load (import()) for the app's
// own project only — a cold invocation for another project's issue never
// parses them.
import * as z from 'zod/mini';
import type { CreatedIssue } from '../../usecases/intake-request';
import { issueSchema, parseEvent, projectGate, retrySchema } from './issue-event';

// No payload.include here: the portal panel's submission is one object-valued property keyed by the app
// id's UUID, and an object-valued path arrives as null (platform-contract.md EV-3, UI-1): intake reads it.
export const createdEventSchema = z.looseObject({
  issue: issueSchema,
  atlassianId: z.optional(z.string()),
  retryContext: retrySchema,
});

export function createdIssueOf(e: z.output<typeof createdEventSchema>): CreatedIssue {
  return {
    id: e.issue.id,
    key: e.issue.key,
    projectKey: e.issue.fields?.project?.key,
    status: e.issue.fields?.status ?? undefined,
    reporter: e.issue.fields?.reporter ?? undefined,
  };
}

export async function onIssueCreated(event: unknown, _context: unknown): Promise<unknown> {
  const e = parseEvent('onIssueCreated', createdEventSchema, event);
  if (!e) return undefined;
  const issue = createdIssueOf(e);
  const retryCount = e.retryContext?.retryCount ?? 0;
  const handoff = { trigger: 'created' as const, event };
  const gate = await projectGate('onIssueCreated', issue, retryCount, handoff);
  if ('done' in gate) return gate.done;
  return (await import('./issue-created-run')).runIntake(issue, gate.settings, retryCount, handoff);
}
