// avi:jira:created:issue. It fires for every issue created on the site, so
// this module only parses the event (zod) and applies the project gate (one
// KVS get); the intake use case and its wiring load (import()) for the app's
// own project only — a cold invocation for another project's issue never
// parses them.
import * as z from 'zod/mini';
import type { CreatedIssue } from '../usecases/intake-request';
import { includedSchema, issueSchema, parseEvent, projectGate, retrySchema } from './issue-trigger';

export const createdEventSchema = z.looseObject({ issue: issueSchema, atlassianId: z.optional(z.string()), payloadIncludeProperties: includedSchema, retryContext: retrySchema });

export async function onIssueCreated(event: unknown, _context: unknown): Promise<unknown> {
  const e = parseEvent('onIssueCreated', createdEventSchema, event);
  if (!e) return undefined;
  const issue: CreatedIssue = {
    id: e.issue.id,
    key: e.issue.key,
    projectKey: e.issue.fields?.project?.key,
    status: e.issue.fields?.status ?? undefined,
    reporter: e.issue.fields?.reporter ?? undefined,
    included: e.payloadIncludeProperties ?? {},
  };
  const retryCount = e.retryContext?.retryCount ?? 0;
  const gate = await projectGate('onIssueCreated', issue, retryCount);
  if ('done' in gate) return gate.done;
  return (await import('./issue-created-run')).runIntake(issue, gate.settings, retryCount);
}
