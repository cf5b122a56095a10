// Reads for the hourly reconciliation: the tickets of a project changed in a
// time window (JQL over /rest/api/3/search/jql, the only search Jira Cloud
// still serves: the old /rest/api/3/search answers 410, changelog CHANGE-2046)
// and one ticket's status changes (its changelog). Search is eventually
// consistent ("Recent updates might not be immediately visible"), so the
// caller's window overlaps the previous run's.
import * as z from 'zod/mini';
import type { JiraTransport } from '../../ports/jira-transport';
import type { RecentIssue, StatusChange } from '../../ports/jira-api';
import { jiraRoute } from './routes';
import { parse } from './shape';

const statusSchema = z.looseObject({ id: z.string(), name: z.string() });

const searchSchema = z.looseObject({
  issues: z._default(
    z.array(
      z.looseObject({
        id: z.string(),
        key: z.string(),
        fields: z.looseObject({
          status: statusSchema,
          created: z.string(),
          updated: z.string(),
          project: z.optional(z.looseObject({ key: z.string() })),
          reporter: z.nullish(
            z.looseObject({
              accountId: z.string(),
              displayName: z.optional(z.string()),
              accountType: z.optional(z.string()),
              active: z.optional(z.boolean()),
            }),
          ),
        }),
      }),
    ),
    [],
  ),
  nextPageToken: z.nullish(z.string()),
});

/** One page of the tickets a JQL query finds, with status and creation time. */
export async function searchIssues(
  jira: JiraTransport,
  jql: string,
  nextPageToken?: string,
  maxResults = 50,
): Promise<{ issues: RecentIssue[]; nextPageToken: string | undefined }> {
  const res = await jira.request({
    ...jiraRoute('POST /rest/api/3/search/jql'),
    body: {
      jql,
      fields: ['status', 'created', 'updated', 'project', 'reporter'],
      maxResults,
      ...(nextPageToken ? { nextPageToken } : {}),
    },
  });
  const page = parse(searchSchema, res.body, 'POST search/jql');
  return {
    issues: page.issues.map((i) => ({
      id: i.id,
      key: i.key,
      projectKey: i.fields.project?.key,
      status: { id: i.fields.status.id, name: i.fields.status.name },
      created: i.fields.created,
      updated: i.fields.updated,
      reporter: i.fields.reporter ?? undefined,
    })),
    nextPageToken: page.nextPageToken ?? undefined,
  };
}

const changelogSchema = z.looseObject({
  values: z._default(
    z.array(
      z.looseObject({
        id: z.coerce.string(),
        author: z.nullish(z.looseObject({ accountId: z.optional(z.string()) })),
        created: z.string(),
        items: z._default(
          z.array(
            z.looseObject({
              field: z.string(),
              fieldId: z.optional(z.string()),
              from: z.nullish(z.string()),
              fromString: z.nullish(z.string()),
              to: z.nullish(z.string()),
              toString: z.nullish(z.string()),
            }),
          ),
          [],
        ),
      }),
    ),
    [],
  ),
  isLast: z.optional(z.boolean()),
  total: z.optional(z.number()),
});

/** Every status change of a ticket, oldest first (the changelog, paged). */
export async function statusChanges(jira: JiraTransport, issueKey: string): Promise<StatusChange[]> {
  const out: StatusChange[] = [];
  for (let startAt = 0; startAt < 10_000;) {
    const res = await jira.request({
      ...jiraRoute('GET /rest/api/3/issue/{issueIdOrKey}/changelog', { issueIdOrKey: issueKey }),
      query: { startAt, maxResults: 100 },
    });
    const page = parse(changelogSchema, res.body, 'GET changelog');
    for (const h of page.values) {
      const s = h.items.find((i) => i.fieldId === 'status' || i.field === 'status');
      if (!s?.from || !s.to || !s.fromString || !s.toString) continue;
      out.push({
        changelogId: h.id,
        actorId: h.author?.accountId,
        created: h.created,
        from: { id: s.from, name: s.fromString },
        to: { id: s.to, name: s.toString },
        changes: h.items
          .filter((i) => i !== s)
          .map((i) => ({ fieldId: i.fieldId, field: i.field, to: i.to ?? null, toString: i.toString ?? null })),
      });
    }
    if (
      page.values.length === 0 ||
      page.isLast === true ||
      (page.total !== undefined && startAt + page.values.length >= page.total)
    )
      break;
    startAt += page.values.length;
  }
  return out;
}
