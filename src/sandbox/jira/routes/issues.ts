// /rest/api/3/issue: create, get, edit, delete, transitions, changelog.
import * as z from 'zod';
import { boolParam, intParam, jiraError, listParam, noContent, ok, parseBody } from '../http';
import { blankIssue, createIssue, deleteIssue, editIssue, transitionIssue, type IssueInput } from '../issue-ops';
import type { StoredChangelog } from '../model';
import { requireEdit, requireTransition, visibleIssue } from '../permissions';
import { changelogJson, renderIssue } from '../render-issue';
import { ISSUE_TYPES, PROJECT } from '../site-data';
import type { Call, Route } from '../site';
import { transitionsJson } from '../transitions-view';

const Operations = z.record(z.string(), z.array(z.record(z.string(), z.unknown())));
const PropertyList = z.array(z.object({ key: z.string(), value: z.unknown() }));

export const IssueBody = z.looseObject({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: Operations.optional(),
  properties: PropertyList.optional(),
  transition: z.object({ id: z.string() }).optional(),
});

const TransitionBody = z.looseObject({
  transition: z.looseObject({ id: z.string({ error: 'Missing transition id' }) }, { error: 'Missing transition id' }),
  fields: z.record(z.string(), z.unknown()).optional(),
  update: Operations.optional(),
  properties: PropertyList.optional(),
});

function input(body: {
  fields?: Record<string, unknown> | undefined;
  update?: IssueInput['update'];
  properties?: IssueInput['properties'];
}): IssueInput {
  return {
    fields: body.fields ?? {},
    update: body.update ?? {},
    properties: body.properties ?? [],
  };
}

function create({ site, actor, req }: Call) {
  const body = parseBody(IssueBody, req.body);
  const fields = body.fields ?? {};
  const project = fields.project as { id?: unknown; key?: unknown } | undefined;
  const errors: Record<string, string> = {};
  if (
    !project ||
    (project.id !== PROJECT.id && (typeof project.key === 'string' ? project.key : '').toUpperCase() !== PROJECT.key)
  )
    errors.project = 'Specify a valid project ID or key';
  const typeRef = fields.issuetype as { id?: unknown; name?: unknown } | undefined;
  const issueType = ISSUE_TYPES.find((t) => t.id === typeRef?.id || t.name === typeRef?.name);
  if (!typeRef) errors.issuetype = 'Specify an issue type';
  else if (!issueType) errors.issuetype = 'Specify a valid issue type';
  if (Object.keys(errors).length) throw jiraError(400, [], errors);
  // Customers only raise requests through the portal (servicedeskapi), never here.
  if (!actor.isAgent)
    throw jiraError(400, [], { project: 'You do not have permission to create issues in this project.' });
  const issue = createIssue(site, actor, blankIssue(site, actor, PROJECT.id, issueType!.id), input(body), {
    mode: 'rest',
  });
  if (body.transition) transitionIssue(site, actor, site.store.issueByIdOrKey(issue.id)!, body.transition.id, {});
  return ok({ id: issue.id, key: issue.key, self: `${site.baseUrl}/rest/api/3/issue/${issue.id}` }, 201);
}

function get({ site, actor, req, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  return ok(
    renderIssue(site, issue, actor, {
      fields: listParam(req.query, 'fields'),
      defaultFields: ['*all'],
      expand: listParam(req.query, 'expand'),
      properties: listParam(req.query, 'properties'),
    }),
  );
}

function edit({ site, actor, req, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  requireEdit(actor);
  editIssue(site, actor, issue, input(parseBody(IssueBody, req.body)));
  if (boolParam(req.query, 'returnIssue', false)) {
    return ok(
      renderIssue(site, site.store.issueByIdOrKey(issue.id)!, actor, {
        defaultFields: ['*all'],
        expand: listParam(req.query, 'expand'),
      }),
    );
  }
  return noContent();
}

const AssigneeBody = z.object({ accountId: z.string().nullable() });

/** PUT /issue/{key}/assignee: Cloud's shortcut for editing the assignee field. */
function assign({ site, actor, req, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  if (!actor.isAgent) throw jiraError(403, ['You do not have permission to assign issues in this project.']);
  const { accountId } = parseBody(AssigneeBody, req.body);
  editIssue(site, actor, issue, { fields: { assignee: accountId === null ? null : { accountId } } }, 'none');
  return noContent();
}

function remove({ site, actor, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  if (!actor.isAgent) throw jiraError(403, ['You do not have permission to delete issues in this project.']);
  deleteIssue(site, actor, issue);
  return noContent();
}

function getTransitions({ site, actor, req, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  const only = req.query.get('transitionId');
  const transitions = transitionsJson(site, issue, actor).filter((t) => !only || t.id === only);
  return ok({ expand: 'transitions', transitions });
}

function doTransition({ site, actor, req, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  requireTransition(actor);
  const body = parseBody(TransitionBody, req.body);
  transitionIssue(site, actor, issue, body.transition.id, input(body));
  return noContent();
}

function changelog({ site, actor, req, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  const startAt = intParam(req.query, 'startAt', 0, 0);
  const maxResults = intParam(req.query, 'maxResults', 100, 1, 100);
  const all = site.store.docList<StoredChangelog>('changelog', issue.id);
  const values = all.slice(startAt, startAt + maxResults).map((h) => changelogJson(site, h));
  return ok({
    self: `${site.baseUrl}/rest/api/3/issue/${issue.key}/changelog`,
    maxResults,
    startAt,
    total: all.length,
    isLast: startAt + values.length >= all.length,
    values,
  });
}

export const issueRoutes: Route[] = [
  { method: 'POST', path: '/rest/api/3/issue', handler: create },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}', handler: get },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}', handler: edit },
  { method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}', handler: remove },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/assignee', handler: assign },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: getTransitions },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: doTransition },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/changelog', handler: changelog },
];
