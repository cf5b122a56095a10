// /rest/api/3/issue/{key}/properties: any JSON value up to 32 KB; setting
// one fires avi:jira:set:issue-property and feeds JQL (jira:entityProperty).
import { jiraError, noContent, ok } from '../http';
import { setProperty } from '../issue-ops';
import { requireEdit, visibleIssue } from '../permissions';
import type { Call, Route } from '../site';

function notFound(key: string) {
  return jiraError(404, [`The property with key '${key}' does not exist.`]);
}

function keys({ site, actor, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  const props = site.store.properties(issue.id);
  return ok({
    keys: Object.keys(props).map((key) => ({
      self: `${site.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`,
      key,
    })),
  });
}

function get({ site, actor, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  const p = site.store.propertyGet(issue.id, params.propertyKey);
  if (!p) throw notFound(params.propertyKey);
  return ok({ key: params.propertyKey, value: p.value });
}

function put({ site, actor, req, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  requireEdit(actor);
  if (req.body === undefined) throw jiraError(400, ['The property value must be a valid JSON value.']);
  const created = setProperty(site, actor, issue, params.propertyKey, req.body);
  return ok(undefined, created ? 201 : 200);
}

function remove({ site, actor, params }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey);
  requireEdit(actor);
  // No event: the emulator's event contract has no deleted:issue-property (see README).
  if (!site.store.propertyDelete(issue.id, params.propertyKey)) throw notFound(params.propertyKey);
  return noContent();
}

export const propertyRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/properties', handler: keys },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: get },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: put },
  { method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: remove },
];
