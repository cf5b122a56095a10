// Screens, screen tabs, screen tab fields, screen schemes and issue type screen
// schemes: the reads provisioning needs to find the screens a project's issue
// types use, and adding/removing a field on a screen tab. Paths and shapes are
// those of Jira's OpenAPI (groups "Screens", "Screen tabs", "Screen tab fields",
// "Screen schemes", "Issue type screen schemes";
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-screen-tab-fields/ and siblings).
// Every one needs the Administer Jira global permission.
import * as z from 'zod';
import { SYSTEM_FIELDS } from '../field-types';
import { activeField } from '../field-values';
import { intParam, jiraError, listParam, noContent, ok, parseBody } from '../http';
import { requireAdmin } from '../permissions';
import {
  screenById,
  type StoredIssueTypeScreenScheme,
  type StoredScreen,
  type StoredScreenScheme,
  type StoredScreenTab,
} from '../screens';
import type { Call, Route, Site } from '../site';

function page<T>(site: Site, path: string, all: T[], req: Call['req']) {
  const startAt = intParam(req.query, 'startAt', 0, 0);
  const maxResults = intParam(req.query, 'maxResults', 100, 1, 100);
  const values = all.slice(startAt, startAt + maxResults);
  return {
    self: `${site.baseUrl}${path}`,
    maxResults,
    startAt,
    total: all.length,
    isLast: startAt + values.length >= all.length,
    values,
  };
}

const idFilter = (req: Call['req']) => listParam(req.query, 'id');

function screenOr404(site: Site, id: string): StoredScreen {
  const s = screenById(site.store, id);
  if (!s) throw jiraError(404, [`The screen with id '${id}' does not exist.`]);
  return s;
}

function tabOr404(screen: StoredScreen, tabId: string): StoredScreenTab {
  const t = screen.tabs.find((x) => x.id === tabId);
  if (!t) throw jiraError(404, [`The screen tab with id '${tabId}' does not exist.`]);
  return t;
}

function fieldName(site: Site, id: string): string | undefined {
  return activeField(site.store, id)?.name ?? SYSTEM_FIELDS.find((f) => f.id === id)?.name;
}

function listScreens({ site, actor, req }: Call) {
  requireAdmin(actor);
  const ids = idFilter(req);
  const q = (req.query.get('queryString') ?? '').toLowerCase();
  const all = site.store
    .docList<StoredScreen>('screen')
    .filter((s) => (!ids || ids.includes(s.id)) && (!q || s.name.toLowerCase().includes(q)))
    .map((s) => ({ id: Number(s.id), name: s.name, description: s.description }));
  return ok(page(site, '/rest/api/3/screens', all, req));
}

function listTabs({ site, actor, params }: Call) {
  requireAdmin(actor);
  return ok(screenOr404(site, params.screenId).tabs.map((t) => ({ id: Number(t.id), name: t.name })));
}

function listTabFields({ site, actor, params }: Call) {
  requireAdmin(actor);
  const tab = tabOr404(screenOr404(site, params.screenId), params.tabId);
  return ok(tab.fields.map((id) => ({ id, name: fieldName(site, id) ?? id })));
}

const AddField = z.object({
  fieldId: z.string({ error: 'The field ID is required.' }).min(1, 'The field ID is required.'),
});

function addTabField({ site, actor, req, params }: Call) {
  requireAdmin(actor);
  const screen = screenOr404(site, params.screenId);
  const tab = tabOr404(screen, params.tabId);
  const { fieldId } = parseBody(AddField, req.body);
  const name = fieldName(site, fieldId);
  if (!name) throw jiraError(404, [`The field with id '${fieldId}' does not exist.`]);
  if (screen.tabs.some((t) => t.fields.includes(fieldId)))
    throw jiraError(400, [`The field '${fieldId}' is already on screen '${screen.name}'.`]);
  site.store.docPut('screen', screen.id, {
    ...screen,
    tabs: screen.tabs.map((t) => (t.id === tab.id ? { ...t, fields: [...t.fields, fieldId] } : t)),
  });
  return ok({ id: fieldId, name });
}

function removeTabField({ site, actor, params }: Call) {
  requireAdmin(actor);
  const screen = screenOr404(site, params.screenId);
  const tab = tabOr404(screen, params.tabId);
  if (!tab.fields.includes(params.id))
    throw jiraError(404, [`The field with id '${params.id}' is not on the screen tab.`]);
  site.store.docPut('screen', screen.id, {
    ...screen,
    tabs: screen.tabs.map((t) => (t.id === tab.id ? { ...t, fields: t.fields.filter((f) => f !== params.id) } : t)),
  });
  return noContent();
}

function screenTypes(s: StoredScreenScheme['screens']) {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(v)]));
}

function listScreenSchemes({ site, actor, req }: Call) {
  requireAdmin(actor);
  const ids = idFilter(req);
  const all = site.store
    .docList<StoredScreenScheme>('screenScheme')
    .filter((s) => !ids || ids.includes(s.id))
    .map((s) => ({ id: Number(s.id), name: s.name, description: s.description, screens: screenTypes(s.screens) }));
  return ok(page(site, '/rest/api/3/screenscheme', all, req));
}

function itssForProjects({ site, actor, req }: Call) {
  requireAdmin(actor);
  const projectIds = listParam(req.query, 'projectId');
  if (!projectIds) throw jiraError(400, ['The projectId parameter is required.']);
  const all = site.store
    .docList<StoredIssueTypeScreenScheme>('issueTypeScreenScheme')
    .filter((s) => s.projectIds.some((p) => projectIds.includes(p)))
    .map((s) => ({
      issueTypeScreenScheme: { id: s.id, name: s.name, description: s.description },
      projectIds: s.projectIds.filter((p) => projectIds.includes(p)),
    }));
  return ok(page(site, '/rest/api/3/issuetypescreenscheme/project', all, req));
}

function itssMappings({ site, actor, req }: Call) {
  requireAdmin(actor);
  const ids = listParam(req.query, 'issueTypeScreenSchemeId');
  const all = site.store
    .docList<StoredIssueTypeScreenScheme>('issueTypeScreenScheme')
    .filter((s) => !ids || ids.includes(s.id))
    .flatMap((s) =>
      s.mappings.map((m) => ({
        issueTypeScreenSchemeId: s.id,
        issueTypeId: m.issueTypeId,
        screenSchemeId: m.screenSchemeId,
      })),
    );
  return ok(page(site, '/rest/api/3/issuetypescreenscheme/mapping', all, req));
}

export const screenRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/screens', handler: listScreens },
  { method: 'GET', path: '/rest/api/3/screens/{screenId}/tabs', handler: listTabs },
  { method: 'GET', path: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields', handler: listTabFields },
  { method: 'POST', path: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields', handler: addTabField },
  { method: 'DELETE', path: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields/{id}', handler: removeTabField },
  { method: 'GET', path: '/rest/api/3/screenscheme', handler: listScreenSchemes },
  { method: 'GET', path: '/rest/api/3/issuetypescreenscheme/project', handler: itssForProjects },
  { method: 'GET', path: '/rest/api/3/issuetypescreenscheme/mapping', handler: itssMappings },
];
