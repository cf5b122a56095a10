// avi:jira:created:issue → the intake use case. Thin: parse the payload with
// zod, call the use case, map its errors (retry policy: issue-trigger.ts).
import * as z from 'zod/mini';
import { PARSE, issueText } from '../domain/zod-messages';
import { intakeRequest } from '../usecases/intake-request';
import { coreDeps, logOutcome } from './core-deps';
import { handleFailure, issueSchema, retrySchema } from './issue-trigger';

export const createdEventSchema = z.looseObject({ issue: issueSchema, atlassianId: z.optional(z.string()), retryContext: retrySchema });

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

