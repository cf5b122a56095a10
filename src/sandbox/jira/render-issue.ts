// Stored issue → Jira Cloud's issue JSON, honouring the `fields`, `expand`
// and `properties` parameters of GET issue and search.
import type { Version3Models } from 'jira.js';
import { FIELD_TYPES } from './field-types';
import { activeFields, renderCustomValue } from './field-values';
import { jiraDateTime } from './http';
import type { StoredChangelog, StoredIssue } from './model';
import { issueTypeJson, priorityJson, projectRef, resolutionJson, statusJson } from './render-common';
import { requestTypeFieldValue } from './render-jsm';
import { commentJson, visibleComments } from './render-comment';
import type { Actor, Site } from './site';
import { userJson, userOrNull } from './users';
import { transitionsJson } from './transitions-view';
import { SYSTEM_FIELDS } from './field-types';

/** Every field of the issue, system and custom (custom fields without a value are null, as on Cloud). */
export function allFields(site: Site, issue: StoredIssue, actor?: Actor): Record<string, unknown> {
  const comments = visibleComments(site, issue, actor);
  const fields: Record<string, unknown> = {
    summary: issue.summary,
    description: issue.description,
    issuetype: issueTypeJson(site, issue.issueTypeId),
    project: projectRef(site),
    status: statusJson(site, issue.statusId),
    resolution: resolutionJson(site, issue.resolutionId),
    resolutiondate: issue.resolutiondate === null ? null : jiraDateTime(issue.resolutiondate),
    priority: priorityJson(site, issue.priorityId),
    labels: issue.labels,
    reporter: userOrNull(site, issue.reporter),
    assignee: userOrNull(site, issue.assignee),
    creator: userJson(site, issue.creator),
    created: jiraDateTime(issue.created),
    updated: jiraDateTime(issue.updated),
    statuscategorychangedate: jiraDateTime(issue.statusCategoryChanged),
    duedate: issue.duedate,
    comment: {
      comments: comments.map((c) => commentJson(site, c)),
      self: `${site.baseUrl}/rest/api/3/issue/${issue.id}/comment`,
      maxResults: comments.length,
      total: comments.length,
      startAt: 0,
    },
    issuelinks: [],
    subtasks: [],
    attachment: [],
    components: [],
    fixVersions: [],
    versions: [],
    watches: { self: `${site.baseUrl}/rest/api/3/issue/${issue.key}/watchers`, watchCount: 0, isWatching: false },
    votes: { self: `${site.baseUrl}/rest/api/3/issue/${issue.key}/votes`, votes: 0, hasVoted: false },
  };
  for (const f of activeFields(site.store)) {
    const kind = FIELD_TYPES[f.type]?.kind;
    if (kind === 'requestType') fields[f.id] = requestTypeFieldValue(site, issue);
    else if (kind === 'participants') fields[f.id] = issue.participants.map((a) => userJson(site, a));
    else {
      const v = issue.customFields[f.id];
      fields[f.id] = v ? renderCustomValue(site, v) : null;
    }
  }
  return fields;
}

const NAVIGABLE_EXCLUDED = new Set(['comment']);

/** Applies Jira's `fields` parameter: ids, *all, *navigable, and -id exclusions. */
export function selectFields(
  all: Record<string, unknown>,
  requested: string[] | undefined,
  defaultSpec: string[],
): Record<string, unknown> {
  const spec = requested && requested.length ? requested : defaultSpec;
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const s of spec) {
    if (s === '*all') Object.keys(all).forEach((k) => include.add(k));
    else if (s === '*navigable')
      Object.keys(all)
        .filter((k) => !NAVIGABLE_EXCLUDED.has(k))
        .forEach((k) => include.add(k));
    else if (s.startsWith('-')) exclude.add(s.slice(1));
    else include.add(s);
  }
  const out: Record<string, unknown> = {};
  for (const k of include) if (!exclude.has(k) && k in all) out[k] = all[k];
  return out;
}

export interface RenderOptions {
  fields?: string[];
  /** Default when `fields` is absent: GET issue uses *all, search/jql uses id only. */
  defaultFields: string[];
  expand?: string[];
  properties?: string[];
}

export function renderIssue(site: Site, issue: StoredIssue, actor: Actor, opts: RenderOptions): Version3Models.Issue {
  const all = allFields(site, issue, actor);
  const expand = new Set(opts.expand ?? []);
  const out: Version3Models.Issue & Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: selectFields(all, opts.fields, opts.defaultFields) as Version3Models.Fields,
  };
  if (opts.properties && opts.properties.length) {
    const props = site.store.properties(issue.id);
    const wanted = opts.properties.includes('*all') ? Object.keys(props) : opts.properties;
    out.properties = Object.fromEntries(wanted.filter((k) => k in props).map((k) => [k, props[k]]));
  }
  if (expand.has('names')) out.names = fieldNames(site, Object.keys(out.fields));
  if (expand.has('transitions')) out.transitions = transitionsJson(site, issue, actor);
  if (expand.has('renderedFields'))
    out.renderedFields = Object.fromEntries(Object.keys(out.fields).map((k) => [k, null]));
  if (expand.has('changelog')) {
    const histories = site.store.docList<StoredChangelog>('changelog', issue.id).reverse();
    out.changelog = {
      startAt: 0,
      maxResults: histories.length,
      total: histories.length,
      histories: histories.map((h) => changelogJson(site, h)),
    };
  }
  return out;
}

export function changelogJson(site: Site, h: StoredChangelog): Version3Models.Changelog {
  return {
    id: h.id,
    author: userJson(site, h.author),
    created: jiraDateTime(h.created),
    items: h.items,
  } as Version3Models.Changelog;
}

function fieldNames(site: Site, ids: string[]): Record<string, string> {
  const names = new Map<string, string>(SYSTEM_FIELDS.map((f) => [f.id, f.name]));
  for (const f of activeFields(site.store)) names.set(f.id, f.name);
  return Object.fromEntries(ids.map((id) => [id, names.get(id) ?? id]));
}
