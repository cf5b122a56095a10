// Site-level endpoints: serverInfo, myself, users, permissions, project and
// the fixed catalogues (statuses, issue types, priorities, resolutions).
import type { Version3Models } from 'jira.js';
import { intParam, jiraError, listParam, ok } from '../http';
import { hasPermission } from '../permissions';
import { issueTypeJson, priorityJson, projectFull, resolutionJson, statusJson } from '../render-common';
import { ISSUE_TYPES, PRIORITIES, PROJECT, RESOLUTIONS } from '../site-data';
import type { Call, Route, Site } from '../site';
import { allUsers, groupsJson, userById, userJson } from '../users';

const BUILD_DATE = '2026-01-01T00:00:00.000+0000';

function serverInfo({ site }: Call) {
  const info: Version3Models.ServerInformation & { displayUrl: string; defaultLocale: { locale: string } } = {
    baseUrl: site.baseUrl,
    displayUrl: site.baseUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100300,
    buildDate: BUILD_DATE,
    serverTime: new Date(site.clock.nowMs()).toISOString().replace('Z', '+0000'),
    scmInfo: 'sandbox',
    serverTitle: 'AI Clearance sandbox',
    defaultLocale: { locale: 'en_US' },
  };
  return ok(info);
}

function myself({ site, actor, req }: Call) {
  const body: Version3Models.User & Record<string, unknown> = { ...userJson(site, actor.accountId), locale: 'en_US' };
  const expand = listParam(req.query, 'expand') ?? [];
  const u = userById(site.store, actor.accountId);
  if (expand.includes('groups')) body.groups = groupsJson(site, u);
  if (expand.includes('applicationRoles')) {
    const roles = actor.isAgent && !actor.isApp ? [{ key: 'jira-servicedesk', name: 'Jira Service Management' }] : [];
    body.applicationRoles = { size: roles.length, items: roles };
  }
  return ok(body);
}

function getUser({ site, req }: Call) {
  const accountId = req.query.get('accountId');
  if (!accountId) throw jiraError(400, ['The accountId query parameter needs to be provided.']);
  const u = userById(site.store, accountId);
  if (!u) throw jiraError(404, [`Specified user does not exist or you do not have required permissions`]);
  const body: Version3Models.User & Record<string, unknown> = { ...userJson(site, accountId) };
  if ((listParam(req.query, 'expand') ?? []).includes('groups')) body.groups = groupsJson(site, u);
  return ok(body);
}

function searchUsers({ site, req }: Call) {
  const query = (req.query.get('query') ?? '').toLowerCase();
  const accountId = req.query.get('accountId');
  if (!query && !accountId) throw jiraError(400, ['One of the query or accountId parameters must be provided.']);
  const startAt = intParam(req.query, 'startAt', 0, 0);
  const maxResults = intParam(req.query, 'maxResults', 50, 1, 1000);
  const matches = allUsers(site.store).filter((u) =>
    accountId
      ? u.accountId === accountId
      : u.email.toLowerCase().startsWith(query) ||
        u.displayName
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(query)) ||
        u.displayName.toLowerCase().startsWith(query),
  );
  return ok(matches.slice(startAt, startAt + maxResults).map((u) => userJson(site, u.accountId)));
}

function myPermissions({ actor, req }: Call) {
  const keys = listParam(req.query, 'permissions');
  if (!keys)
    throw jiraError(400, [
      'The permissions query parameter is required, e.g. ?permissions=ADMINISTER,BROWSE_PROJECTS.',
    ]);
  const permissions = Object.fromEntries(
    keys.map((key) => [
      key,
      {
        id: key,
        key,
        name: key,
        type: key === 'ADMINISTER' ? 'GLOBAL' : 'PROJECT',
        description: key,
        havePermission: hasPermission(actor, key),
      },
    ]),
  );
  return ok({ permissions });
}

function requireProject(site: Site, idOrKey: string, canSee: boolean) {
  if (!canSee || (idOrKey.toUpperCase() !== PROJECT.key && idOrKey !== PROJECT.id))
    throw jiraError(404, [`No project could be found with key '${idOrKey}'.`]);
  return projectFull(site);
}

function projectStatuses({ site, actor, params }: Call) {
  requireProject(site, params.projectIdOrKey, actor.isAgent);
  return ok(
    ISSUE_TYPES.map((t) => ({
      self: `${site.baseUrl}/rest/api/3/issuetype/${t.id}`,
      id: t.id,
      name: t.name,
      subtask: false,
      statuses: site.workflow.statuses.map((s) => statusJson(site, s.id)),
    })),
  );
}

/**
 * GET /rest/api/3/workflow/search (admin): the site's one workflow, with its statuses and transitions when
 * expanded — the shape of Jira's PageBeanWorkflow / Workflow / Transition (OpenAPI "Workflows" group).
 */
function workflowSearch({ site, actor, req }: Call) {
  if (!actor.isAdmin) throw jiraError(403, ['You must be a Jira administrator to search workflows.']);
  const expand = (req.query.get('expand') ?? '').split(',').map((s) => s.trim());
  const names = req.query.getAll('workflowName');
  const wf = site.workflow;
  const all = names.length === 0 || names.includes(wf.name) ? [wf] : [];
  const values = all.map((w) => ({
    id: { name: w.name, entityId: '5a1c1e00-0000-4000-8000-00000000a1c1' },
    description: 'AI Clearance access workflow (sandbox)',
    ...(expand.includes('transitions')
      ? {
          transitions: w.transitions.map((t) => ({
            id: t.id,
            name: t.name,
            description: '',
            from: [...t.from],
            to: t.to,
            type: 'directed',
          })),
        }
      : {}),
    ...(expand.includes('statuses') ? { statuses: w.statuses.map((s) => ({ id: s.id, name: s.name })) } : {}),
  }));
  return ok({
    self: `${site.baseUrl}/rest/api/3/workflow/search`,
    maxResults: 50,
    startAt: 0,
    total: values.length,
    isLast: true,
    values,
  });
}

export const platformRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/workflow/search', handler: workflowSearch },
  { method: 'GET', path: '/rest/api/3/serverInfo', handler: serverInfo, anonymous: true },
  { method: 'GET', path: '/rest/api/3/myself', handler: myself },
  { method: 'GET', path: '/rest/api/3/user', handler: getUser },
  { method: 'GET', path: '/rest/api/3/user/search', handler: searchUsers },
  { method: 'GET', path: '/rest/api/3/mypermissions', handler: myPermissions },
  // Customers have no Browse Projects permission: the project is invisible to them.
  {
    method: 'GET',
    path: '/rest/api/3/project',
    handler: ({ site, actor }) => ok(actor.isAgent ? [projectFull(site)] : []),
  },
  {
    method: 'GET',
    path: '/rest/api/3/project/search',
    handler: ({ site, actor }) => {
      const values = actor.isAgent ? [projectFull(site)] : [];
      return ok({
        self: `${site.baseUrl}/rest/api/3/project/search`,
        maxResults: 50,
        startAt: 0,
        total: values.length,
        isLast: true,
        values,
      });
    },
  },
  {
    method: 'GET',
    path: '/rest/api/3/project/{projectIdOrKey}',
    handler: ({ site, actor, params }) => ok(requireProject(site, params.projectIdOrKey, actor.isAgent)),
  },
  { method: 'GET', path: '/rest/api/3/project/{projectIdOrKey}/statuses', handler: projectStatuses },
  {
    method: 'GET',
    path: '/rest/api/3/status',
    handler: ({ site }) => ok(site.workflow.statuses.map((s) => statusJson(site, s.id))),
  },
  {
    method: 'GET',
    path: '/rest/api/3/issuetype',
    handler: ({ site }) => ok(ISSUE_TYPES.map((t) => issueTypeJson(site, t.id))),
  },
  {
    method: 'GET',
    path: '/rest/api/3/priority',
    handler: ({ site }) => ok(PRIORITIES.map((p) => priorityJson(site, p.id))),
  },
  {
    method: 'GET',
    path: '/rest/api/3/resolution',
    handler: ({ site }) => ok(RESOLUTIONS.map((r) => resolutionJson(site, r.id))),
  },
];
