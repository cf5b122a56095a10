// /rest/api/3/issue/{key}/comment: ADF bodies checked against the ADF
// schema; JSM's sd.public.comment property marks internal notes.
import * as z from 'zod';
import { isAdfDoc } from '../adf';
import { intParam, jiraError, listParam, noContent, ok, parseBody } from '../http';
import { isInternal } from '../issue-fields';
import { addComment } from '../issue-ops';
import type { StoredComment } from '../model';
import { visibleIssue } from '../permissions';
import { commentJson, visibleComments } from '../render-comment';
import type { Actor, Call, Route, Site } from '../site';

const CommentBody = z.looseObject({
  body: z.unknown(),
  properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
  visibility: z.unknown().optional(),
});

function requireAdf(body: unknown) {
  if (!isAdfDoc(body)) throw jiraError(400, [], { comment: 'Comment body is not valid!' });
  return body;
}

function list({ site, actor, req, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  const startAt = intParam(req.query, 'startAt', 0, 0);
  const maxResults = intParam(req.query, 'maxResults', 5000, 1, 5000);
  let all = visibleComments(site, issue, actor);
  if ((req.query.get('orderBy') ?? '').startsWith('-')) all = [...all].reverse();
  const withProps = (listParam(req.query, 'expand') ?? []).includes('properties');
  return ok({
    startAt,
    maxResults,
    total: all.length,
    comments: all.slice(startAt, startAt + maxResults).map((c) => commentJson(site, c, withProps)),
  });
}

function create({ site, actor, req, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  const body = parseBody(CommentBody, req.body);
  const doc = requireAdf(body.body);
  const internal = isInternal(body.properties);
  // Customers may comment on their own requests, but only publicly.
  if (internal && !actor.isAgent)
    throw jiraError(403, ['You do not have permission to add internal comments to this request.']);
  const c = addComment(site, actor, issue, doc, !internal);
  return ok(commentJson(site, c, true), 201);
}

function findComment(site: Site, actor: Actor, issueIdOrKey: string, id: string): StoredComment {
  const issue = visibleIssue(site, actor, issueIdOrKey);
  const c = visibleComments(site, issue, actor).find((x) => x.id === id);
  if (!c) throw jiraError(404, [`Can not find a comment for the id: ${id}.`]);
  return c;
}

function requireOwnOrAgent(actor: Actor, c: StoredComment, verb: string) {
  if (!actor.isAgent && c.author !== actor.accountId)
    throw jiraError(403, [`You do not have the permission to ${verb} this comment.`]);
}

function update({ site, actor, req, params }: Call) {
  const c = findComment(site, actor, params.issueIdOrKey, params.id);
  requireOwnOrAgent(actor, c, 'edit');
  const body = parseBody(CommentBody, req.body);
  const next: StoredComment = {
    ...c,
    body: requireAdf(body.body),
    updated: site.clock.nowMs(),
    updateAuthor: actor.accountId,
  };
  if (body.properties) next.jsdPublic = !isInternal(body.properties);
  site.store.docPut('comment', c.id, next, c.issueId);
  return ok(commentJson(site, next, true));
}

function remove({ site, actor, params }: Call) {
  const c = findComment(site, actor, params.issueIdOrKey, params.id);
  requireOwnOrAgent(actor, c, 'delete');
  site.store.docDelete('comment', c.id);
  return noContent();
}

export const commentRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/comment', handler: list },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/comment', handler: create },
  {
    method: 'GET',
    path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
    handler: ({ site, actor, params, req }) =>
      ok(
        commentJson(
          site,
          findComment(site, actor, params.issueIdOrKey, params.id),
          (listParam(req.query, 'expand') ?? []).includes('properties'),
        ),
      ),
  },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', handler: update },
  { method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', handler: remove },
];
