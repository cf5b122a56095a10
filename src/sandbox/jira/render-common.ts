// REST shapes of the site's fixed entities (status, issue type, project,
// priority, resolution) — one place, so every endpoint renders them alike.
import type { Version3Models } from 'jira.js';
import { ISSUE_TYPES, PRIORITIES, PROJECT, RESOLUTIONS, SERVICE_DESK } from './site-data';
import type { Site } from './site';
import { userJson } from './users';
import { STATUS_CATEGORIES, statusById, type StatusCategoryKey } from './workflow';

export function statusCategoryJson(site: Site, key: StatusCategoryKey): Version3Models.StatusCategory {
  const c = STATUS_CATEGORIES[key];
  return {
    self: `${site.baseUrl}/rest/api/3/statuscategory/${c.id}`,
    id: c.id,
    key: c.key,
    colorName: c.colorName,
    name: c.name,
  };
}

export function statusJson(site: Site, statusId: string): Version3Models.StatusDetails {
  const s = statusById(statusId, site.workflow);
  return {
    self: `${site.baseUrl}/rest/api/3/status/${statusId}`,
    description: s?.description ?? '',
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name: s?.name ?? 'Unknown',
    id: statusId,
    statusCategory: statusCategoryJson(site, s?.category ?? 'new'),
  };
}

export function issueTypeJson(site: Site, id: string): Version3Models.IssueTypeDetails {
  const t = ISSUE_TYPES.find((x) => x.id === id);
  return {
    self: `${site.baseUrl}/rest/api/3/issuetype/${id}`,
    id,
    description: t?.description ?? '',
    iconUrl: `${site.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${id}`,
    name: t?.name ?? 'Unknown',
    subtask: false,
    avatarId: Number(id),
    hierarchyLevel: 0,
  };
}

export function projectRef(site: Site): Version3Models.Project {
  return {
    self: `${site.baseUrl}/rest/api/3/project/${PROJECT.id}`,
    id: PROJECT.id,
    key: PROJECT.key,
    name: PROJECT.name,
    projectTypeKey: PROJECT.projectTypeKey,
    simplified: false,
    avatarUrls: { '48x48': `${site.baseUrl}/rest/api/3/universal_avatar/view/type/project/avatar/10400` },
  } as Version3Models.Project;
}

export function projectFull(site: Site): Version3Models.Project {
  return {
    ...projectRef(site),
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    description: PROJECT.description,
    lead: userJson(site, PROJECT.leadAccountId),
    issueTypes: ISSUE_TYPES.map((t) => issueTypeJson(site, t.id)),
    assigneeType: 'UNASSIGNED',
    style: 'classic',
    isPrivate: false,
    properties: {},
    components: [],
    versions: [],
    roles: {},
  };
}

export function priorityJson(site: Site, id: string | null): Version3Models.Priority | null {
  const p = PRIORITIES.find((x) => x.id === id);
  if (!p) return null;
  return {
    self: `${site.baseUrl}/rest/api/3/priority/${p.id}`,
    iconUrl: `${site.baseUrl}/images/icons/priorities/${p.name.toLowerCase()}.svg`,
    name: p.name,
    id: p.id,
  };
}

export function resolutionJson(site: Site, id: string | null): Version3Models.Resolution | null {
  const r = RESOLUTIONS.find((x) => x.id === id);
  if (!r) return null;
  return { self: `${site.baseUrl}/rest/api/3/resolution/${r.id}`, id: r.id, description: r.description, name: r.name };
}

export function serviceDeskJson(site: Site): Record<string, unknown> {
  return {
    id: SERVICE_DESK.id,
    projectId: PROJECT.id,
    projectName: PROJECT.name,
    projectKey: PROJECT.key,
    _links: { self: `${site.baseUrl}/rest/servicedeskapi/servicedesk/${SERVICE_DESK.id}` },
  };
}
