// avi:jira:created:issue. It fires for every issue created on the site, so
// this module only parses the event (zod) and applies the project gate (one
// KVS get); the intake use case and its wiring load (import()) for the app's
// own project only — a cold invocation for another project's issue never
// parses them.
import * as z from 'zod/mini';
import { kvsStore } from '../adapters/kvs/kvs-store';
import { PARSE, issueText } from '../domain/zod-messages';
import type { CreatedIssue } from '../usecases/intake-request';
import { isAppProject, loadSettings, type AppSettings } from '../usecases/shared/app-settings';
import { issueSchema, retrySchema } from './issue-trigger';
import { logOutcome } from './log';

export const createdEventSchema = z.looseObject({ issue: issueSchema, atlassianId: z.optional(z.string()), retryContext: retrySchema });

export async function onIssueCreated(event: unknown, _context: unknown): Promise<unknown> {
  const parsed = createdEventSchema.safeParse(event, PARSE);
  if (!parsed.success) {
    logOutcome('onIssueCreated', { outcome: 'malformed_event', detail: issueText(parsed.error) });
    return undefined;
  }
  const e = parsed.data;
  const issue: CreatedIssue = {
    id: e.issue.id,
    key: e.issue.key,
    projectKey: e.issue.fields?.project?.key,
    status: e.issue.fields?.status ?? undefined,
    reporter: e.issue.fields?.reporter ?? undefined,
    properties: e.issue.properties ?? {},
  };
  const retryCount = e.retryContext?.retryCount ?? 0;
  let settings: AppSettings;
  try {
    settings = await loadSettings(kvsStore());
  } catch (err) {
    return (await import('./trigger-failure')).handleFailure('onIssueCreated', issue.key, issue.id, retryCount, err);
  }
  if (!isAppProject(settings, issue.projectKey)) {
    logOutcome('onIssueCreated', { issue: issue.key, outcome: 'ignored', requestId: issue.id });
    return undefined;
  }
  return (await import('./issue-created-run')).runIntake(issue, settings, retryCount);
}
