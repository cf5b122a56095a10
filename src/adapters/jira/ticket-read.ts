// Typed reads of one ticket over the thin JiraTransport (jira.js for types
// only, never its client: bundle size). Every response is parsed with zod;
// unknown extra fields are allowed, missing essentials are an error. (Users:
// user-read.ts.)
import type { Version3Models } from 'jira.js';
import * as z from 'zod/mini';
import { isJiraHttpError, type JiraTransport } from '../../ports/jira-transport';
import type { AvailableTransition, CustomerRequest, PostedComment } from '../../ports/jira-api';
import { jiraRoute } from './routes';
import { parse } from './shape';

const transitionsSchema = z.looseObject({
  transitions: z.array(
    z.looseObject({ id: z.string(), name: z.string(), to: z.looseObject({ id: z.string(), name: z.string() }) }),
  ),
});

/** Transitions available from the ticket's current status. */
export async function getTransitions(jira: JiraTransport, issueKey: string): Promise<AvailableTransition[]> {
  const res = await jira.request<Version3Models.Transitions>(
    jiraRoute('GET /rest/api/3/issue/{issueIdOrKey}/transitions', { issueIdOrKey: issueKey }),
  );
  return parse(transitionsSchema, res.body, 'GET transitions').transitions.map((t) => ({
    id: t.id,
    name: t.name,
    toId: t.to.id,
    toName: t.to.name,
  }));
}

const customerRequestSchema = z.looseObject({
  issueId: z.string(),
  issueKey: z.string(),
  requestTypeId: z.nullish(z.string()),
  reporter: z.nullish(
    z.looseObject({ accountId: z.string(), active: z.optional(z.boolean()), displayName: z.optional(z.string()) }),
  ),
  requestFieldValues: z._default(
    z.array(z.looseObject({ fieldId: z.string(), label: z.optional(z.string()), value: z.unknown() })),
    [],
  ),
});

/** The JSM view of a request: its request type and the form's field values (by field id). */
export async function getCustomerRequest(jira: JiraTransport, issueKey: string): Promise<CustomerRequest> {
  const res = await jira.request(
    jiraRoute('GET /rest/servicedeskapi/request/{issueIdOrKey}', { issueIdOrKey: issueKey }),
  );
  return parse(customerRequestSchema, res.body, 'GET servicedeskapi request');
}

/** One issue property's value, or undefined when the ticket has none. */
export async function getIssueProperty(jira: JiraTransport, issueKey: string, propertyKey: string): Promise<unknown> {
  try {
    const res = await jira.request<Version3Models.EntityProperty>(
      jiraRoute('GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', {
        issueIdOrKey: issueKey,
        propertyKey,
      }),
    );
    return (res.body as { value?: unknown } | undefined)?.value;
  } catch (e) {
    if (isJiraHttpError(e) && e.status === 404) return undefined;
    throw e;
  }
}

const commentsSchema = z.looseObject({
  comments: z.array(
    z.looseObject({
      id: z.string(),
      author: z.optional(z.looseObject({ accountId: z.string(), displayName: z.optional(z.string()) })),
      body: z.unknown(),
      created: z.string(),
    }),
  ),
});

/** The newest comments first (for a transition's comment, which Jira delivers as a separate event). */
export async function getRecentComments(jira: JiraTransport, issueKey: string, max = 5): Promise<PostedComment[]> {
  const res = await jira.request<Version3Models.PageOfComments>({
    ...jiraRoute('GET /rest/api/3/issue/{issueIdOrKey}/comment', { issueIdOrKey: issueKey }),
    query: { orderBy: '-created', maxResults: max },
  });
  return parse(commentsSchema, res.body, 'GET comments').comments.map((c) => ({
    id: c.id,
    authorId: c.author?.accountId,
    authorName: c.author?.displayName,
    body: c.body,
    created: c.created,
  }));
}
