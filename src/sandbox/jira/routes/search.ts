// /rest/api/3/search/jql (GET and POST) with nextPageToken paging, the 410
// of the removed /rest/api/3/search, and /rest/api/3/jql/parse.
import * as z from 'zod';
import { intParam, jiraError, listParam, ok, parseBody } from '../http';
import { JqlError } from '../jql/types';
import { compileJql } from '../jql';
import { renderIssue } from '../render-issue';
import type { Call, Route } from '../site';
import { decodePageToken, encodePageToken, findIssues } from '../search';
import { jqlContext } from '../views';

interface SearchParams {
  jql: string;
  nextPageToken?: string | undefined;
  maxResults?: number | undefined;
  fields?: string[] | undefined;
  expand?: string[] | undefined;
  properties?: string[] | undefined;
}

const SearchBody = z.looseObject({
  jql: z.string({ error: 'The jql field is required.' }),
  nextPageToken: z.string().optional(),
  maxResults: z.number().int().min(0).optional(),
  fields: z.array(z.string()).optional(),
  expand: z.string().optional(),
  properties: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
  failFast: z.boolean().optional(),
  reconcileIssues: z.array(z.number()).optional(),
});

const ID_ONLY = new Set(['id', 'key']);

function run(call: Call, p: SearchParams) {
  const { site, actor } = call;
  const offset = decodePageToken(p.jql, p.nextPageToken);
  // Cloud returns more per page when only ids/keys are asked for.
  const cap = (p.fields ?? []).every((f) => ID_ONLY.has(f)) ? 5000 : 100;
  const maxResults = Math.min(Math.max(p.maxResults ?? 50, 1), cap);
  const matches = findIssues(site, actor, p.jql);
  const pageViews = matches.slice(offset, offset + maxResults);
  const issues = site.store.issuesByIds(pageViews.map((v) => v.id));
  const isLast = offset + pageViews.length >= matches.length;
  return ok({
    issues: issues.map((i) =>
      renderIssue(site, i, actor, {
        fields: p.fields,
        defaultFields: ['id'],
        expand: p.expand,
        properties: p.properties,
      }),
    ),
    // Cloud omits the token on the last page (JRACLOUD-92184).
    ...(isLast ? {} : { nextPageToken: encodePageToken(p.jql, offset + pageViews.length) }),
    isLast,
  });
}

function searchGet(call: Call) {
  const q = call.req.query;
  const jql = q.get('jql');
  if (jql === null) throw jiraError(400, ['The jql query parameter is required.']);
  return run(call, {
    jql,
    nextPageToken: q.get('nextPageToken') ?? undefined,
    maxResults: intParam(q, 'maxResults', 50, 0),
    fields: listParam(q, 'fields'),
    expand: listParam(q, 'expand'),
    properties: listParam(q, 'properties'),
  });
}

function searchPost(call: Call) {
  const b = parseBody(SearchBody, call.req.body);
  return run(call, {
    jql: b.jql,
    nextPageToken: b.nextPageToken,
    maxResults: b.maxResults,
    fields: b.fields,
    expand: b.expand?.split(',').map((s) => s.trim()),
    properties: b.properties,
  });
}

const REMOVED = jiraError(410, [
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
]);

const ParseBody = z.object({ queries: z.array(z.string()).min(1, 'At least one query is required.') });

/** Validation only: the sandbox engine does not expose an AST in Jira's structure format. */
function parse(call: Call) {
  const body = parseBody(ParseBody, call.req.body);
  const ctx = jqlContext(call.site, call.actor);
  return ok({
    queries: body.queries.map((query) => {
      try {
        compileJql(query, ctx);
        return { query };
      } catch (e) {
        if (e instanceof JqlError) return { query, errors: e.errorMessages };
        throw e;
      }
    }),
  });
}

export const searchRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/search/jql', handler: searchGet },
  { method: 'POST', path: '/rest/api/3/search/jql', handler: searchPost },
  {
    method: 'GET',
    path: '/rest/api/3/search',
    handler: () => {
      throw REMOVED;
    },
  },
  {
    method: 'POST',
    path: '/rest/api/3/search',
    handler: () => {
      throw REMOVED;
    },
  },
  { method: 'POST', path: '/rest/api/3/jql/parse', handler: parse },
];
