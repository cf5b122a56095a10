// JQL search over the views: permissions first, then the engine's predicate
// and ORDER BY, then opaque-token paging like /rest/api/3/search/jql.
import { createHash } from 'node:crypto';
import { jiraError } from './http';
import { compileJql } from './jql';
import { JqlError, type JqlIssueView } from './jql/types';
import type { Actor, Site } from './site';
import { jqlContext } from './views';

/** Cloud's search/jql refuses queries with no restriction at all. */
function isUnbounded(jql: string): boolean {
  const t = jql.trim();
  return t === '' || /^order\s+by\b/i.test(t);
}

/**
 * Matching issues, sorted by the query's ORDER BY; ties (and queries without
 * ORDER BY) fall back to newest first — created DESC, then id DESC — which is
 * stable for paging. Cloud documents no default order for search/jql.
 */
export function findIssues(
  site: Site,
  actor: Actor,
  jql: string,
  opts: { allowUnbounded?: boolean } = {},
): JqlIssueView[] {
  if (!opts.allowUnbounded && isUnbounded(jql))
    throw jiraError(400, [
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    ]);
  const compiled = compileOrThrow(site, actor, jql);
  return site.views
    .all()
    .filter((v) => site.views.visible(actor, v) && compiled.matches(v))
    .sort((a, b) => compiled.compare(a, b) || b.created - a.created || Number(b.id) - Number(a.id));
}

export function compileOrThrow(site: Site, actor: Actor | undefined, jql: string) {
  try {
    return compileJql(jql, jqlContext(site, actor));
  } catch (e) {
    if (e instanceof JqlError) throw jiraError(400, e.errorMessages);
    throw e;
  }
}

function queryHash(jql: string): string {
  return createHash('sha256').update(jql).digest('base64url').slice(0, 12);
}

export function encodePageToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryHash(jql) })).toString('base64url');
}

/** Decodes a token from a previous page of the same query; anything else is a 400. */
export function decodePageToken(jql: string, token: string | undefined): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.q === queryHash(jql))
      return parsed.o;
  } catch {
    // fall through to the 400
  }
  throw jiraError(400, ['The nextPageToken is not valid for this query. Start again without nextPageToken.']);
}
