// /rest/api/3/filter: shared filters (the app creates one per queue, because
// JSM queues cannot be created by API). Owner or admin may change a filter.
import * as z from 'zod';
import { intParam, jiraError, listParam, noContent, ok, parseBody } from '../http';
import type { SharePermission, StoredFilter } from '../model';
import { PROJECT } from '../site-data';
import type { Actor, Call, Route, Site } from '../site';
import { compileOrThrow } from '../search';
import { groupsOf, userById, userJson } from '../users';

const Share = z.looseObject({
  type: z.enum(['global', 'authenticated', 'loggedin', 'project', 'project-unknown', 'group', 'user', 'projectRole']),
  project: z.object({ id: z.string() }).optional(),
  projectId: z.string().optional(),
  group: z.object({ name: z.string().optional(), groupId: z.string().optional() }).optional(),
  user: z.object({ accountId: z.string() }).optional(),
  role: z.object({ id: z.number() }).optional(),
});
const FilterBody = z.object({
  name: z.string({ error: 'The filter name is required.' }).trim().min(1, 'The filter name is required.').max(255),
  jql: z.string().optional(),
  description: z.string().optional(),
  favourite: z.boolean().optional(),
  sharePermissions: z.array(Share).optional(),
  editPermissions: z.array(Share).optional(),
});

function normaliseShares(shares: Array<z.infer<typeof Share>> | undefined): SharePermission[] {
  return (shares ?? []).map((s) => {
    const projectId = s.project?.id ?? s.projectId;
    if ((s.type === 'project' || s.type === 'projectRole') && projectId !== PROJECT.id)
      throw jiraError(400, [], { sharePermissions: `Project '${projectId ?? ''}' does not exist.` });
    return {
      type: s.type,
      ...(projectId ? { project: { id: projectId } } : {}),
      ...(s.group ? { group: s.group } : {}),
      ...(s.user ? { user: s.user } : {}),
      ...(s.role ? { role: s.role } : {}),
    };
  });
}

function canSee(site: Site, actor: Actor, f: StoredFilter): boolean {
  if (actor.isAdmin || f.owner === actor.accountId) return true;
  const u = userById(site.store, actor.accountId);
  const groups = u ? groupsOf(u) : [];
  return f.sharePermissions.some(
    (s) =>
      ['global', 'authenticated', 'loggedin'].includes(s.type) ||
      (s.type.startsWith('project') && actor.isAgent) ||
      (s.type === 'user' && s.user?.accountId === actor.accountId) ||
      (s.type === 'group' && groups.includes(s.group?.name ?? '')),
  );
}

function filterOr404(site: Site, actor: Actor, id: string): StoredFilter {
  const f = site.store.docGet<StoredFilter>('filter', id);
  if (!f || !canSee(site, actor, f))
    throw jiraError(400, [
      `The selected filter is not available to you, perhaps it has been deleted or had its permissions changed.`,
    ]);
  return f;
}

function requireOwner(actor: Actor, f: StoredFilter): void {
  if (!actor.isAdmin && f.owner !== actor.accountId)
    throw jiraError(403, [
      'You do not have permission to change this filter: only its owner or a Jira administrator can.',
    ]);
}

function checkJql(site: Site, actor: Actor, jql: string): void {
  try {
    compileOrThrow(site, actor, jql);
  } catch (e) {
    const messages = ((e as { body?: { errorMessages?: string[] } }).body?.errorMessages ?? []).join(' ');
    throw jiraError(400, [], { jql: messages || 'The JQL query is invalid.' });
  }
}

function checkName(site: Site, owner: string, name: string, exceptId?: string): void {
  if (
    site.store
      .docList<StoredFilter>('filter')
      .some((f) => f.owner === owner && f.id !== exceptId && f.name.toLowerCase() === name.toLowerCase())
  ) {
    throw jiraError(400, [], { filterName: 'Filter with same name already exists.' });
  }
}

export function filterJson(site: Site, actor: Actor, f: StoredFilter): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/filter/${f.id}`,
    id: f.id,
    name: f.name,
    description: f.description,
    owner: userJson(site, f.owner),
    jql: f.jql,
    viewUrl: `${site.baseUrl}/issues/?filter=${f.id}`,
    searchUrl: `${site.baseUrl}/rest/api/3/search/jql?jql=${encodeURIComponent(f.jql)}`,
    favourite: f.favourite,
    favouritedCount: f.favourite ? 1 : 0,
    sharePermissions: f.sharePermissions.map((s, i) => ({ id: Number(f.id) * 100 + i, ...s })),
    editPermissions: f.editPermissions,
    isWritable: actor.isAdmin || f.owner === actor.accountId,
    approximateLastUsed: null,
    subscriptions: [],
  };
}

function create({ site, actor, req }: Call) {
  if (!actor.isAgent) throw jiraError(403, ['You do not have permission to create filters.']);
  const body = parseBody(FilterBody, req.body);
  const jql = body.jql ?? '';
  checkJql(site, actor, jql);
  checkName(site, actor.accountId, body.name);
  const id = String(site.store.nextId('filter', 10000));
  const f: StoredFilter = {
    id,
    name: body.name,
    description: body.description ?? '',
    jql,
    owner: actor.accountId,
    sharePermissions: normaliseShares(body.sharePermissions),
    editPermissions: normaliseShares(body.editPermissions),
    favourite: body.favourite ?? true,
  };
  site.store.docPut('filter', id, f);
  return ok(filterJson(site, actor, f));
}

function update({ site, actor, req, params }: Call) {
  const f = filterOr404(site, actor, params.id);
  requireOwner(actor, f);
  const body = parseBody(FilterBody, req.body);
  if (body.jql !== undefined) checkJql(site, actor, body.jql);
  checkName(site, f.owner, body.name, f.id);
  const next: StoredFilter = {
    ...f,
    name: body.name,
    ...(body.jql !== undefined ? { jql: body.jql } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.favourite !== undefined ? { favourite: body.favourite } : {}),
    ...(body.sharePermissions ? { sharePermissions: normaliseShares(body.sharePermissions) } : {}),
    ...(body.editPermissions ? { editPermissions: normaliseShares(body.editPermissions) } : {}),
  };
  site.store.docPut('filter', f.id, next);
  return ok(filterJson(site, actor, next));
}

function remove({ site, actor, params }: Call) {
  const f = filterOr404(site, actor, params.id);
  requireOwner(actor, f);
  site.store.docDelete('filter', f.id);
  return noContent();
}

/** GET /filter/search: like Cloud, only id, name and self unless `expand` asks for more. */
function search({ site, actor, req }: Call) {
  const name = (req.query.get('filterName') ?? '').toLowerCase();
  const ids = req.query.getAll('id');
  const owner = req.query.get('accountId');
  const expand = new Set(listParam(req.query, 'expand') ?? []);
  const startAt = intParam(req.query, 'startAt', 0, 0);
  const maxResults = intParam(req.query, 'maxResults', 50, 1, 100);
  const all = site.store
    .docList<StoredFilter>('filter')
    .filter(
      (f) =>
        canSee(site, actor, f) &&
        (!name || f.name.toLowerCase().includes(name)) &&
        (ids.length === 0 || ids.includes(f.id)) &&
        (!owner || f.owner === owner),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const values = all.slice(startAt, startAt + maxResults).map((f) => {
    const full = filterJson(site, actor, f);
    return Object.fromEntries(
      Object.entries(full).filter(([k]) => k === 'id' || k === 'name' || k === 'self' || expand.has(k)),
    );
  });
  return ok({
    self: `${site.baseUrl}/rest/api/3/filter/search`,
    maxResults,
    startAt,
    total: all.length,
    isLast: startAt + values.length >= all.length,
    values,
  });
}

export const filterRoutes: Route[] = [
  { method: 'POST', path: '/rest/api/3/filter', handler: create },
  { method: 'GET', path: '/rest/api/3/filter/search', handler: search },
  {
    method: 'GET',
    path: '/rest/api/3/filter/my',
    handler: ({ site, actor }) =>
      ok(
        site.store
          .docList<StoredFilter>('filter')
          .filter((f) => f.owner === actor.accountId)
          .map((f) => filterJson(site, actor, f)),
      ),
  },
  {
    method: 'GET',
    path: '/rest/api/3/filter/{id}',
    handler: ({ site, actor, params }) => ok(filterJson(site, actor, filterOr404(site, actor, params.id))),
  },
  { method: 'PUT', path: '/rest/api/3/filter/{id}', handler: update },
  { method: 'DELETE', path: '/rest/api/3/filter/{id}', handler: remove },
];
