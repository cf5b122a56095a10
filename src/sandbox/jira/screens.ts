// Screens, screen schemes and issue type screen schemes of the emulated site,
// and which screen an edit or a transition uses. Jira sets through the REST
// API only the fields on the issue's edit screen, or on the transition's
// screen: "the request includes one or more fields that are not found or are
// not associated with the issue's edit screen" answers 400
// (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put,
// Responses › 400) and a transition refuses "a field that isn't included on
// the transition screen" (…/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post,
// Responses › 400). A transition without a screen therefore takes no fields.
import type { JiraStore } from './store/store';

export interface StoredScreenTab {
  id: string;
  name: string;
  /** Field ids, in order. */
  fields: string[];
}

export interface StoredScreen {
  id: string;
  name: string;
  description: string;
  tabs: StoredScreenTab[];
}

/** Screen ids per screen type; create, edit and view fall back to default (Jira's screen scheme rule). */
export interface StoredScreenScheme {
  id: string;
  name: string;
  description: string;
  screens: { default: string; create?: string; edit?: string; view?: string };
}

export interface StoredIssueTypeScreenScheme {
  id: string;
  name: string;
  description: string;
  /** issueTypeId → screen scheme; the `default` entry covers every issue type without one of its own. */
  mappings: Array<{ issueTypeId: string; screenSchemeId: string }>;
  projectIds: string[];
}

export interface StoredTransitionScreen {
  transitionId: string;
  screenId: string;
}

export type ScreenOperation = 'create' | 'edit' | 'view';

export function screenById(store: JiraStore, id: string): StoredScreen | undefined {
  return store.docGet<StoredScreen>('screen', id);
}

export function screenSchemeFor(
  store: JiraStore,
  projectId: string,
  issueTypeId: string,
): StoredScreenScheme | undefined {
  const itss = store
    .docList<StoredIssueTypeScreenScheme>('issueTypeScreenScheme')
    .find((s) => s.projectIds.includes(projectId));
  if (!itss) return undefined;
  const mapping =
    itss.mappings.find((m) => m.issueTypeId === issueTypeId) ?? itss.mappings.find((m) => m.issueTypeId === 'default');
  return mapping ? store.docGet<StoredScreenScheme>('screenScheme', mapping.screenSchemeId) : undefined;
}

/** The screen an operation on an issue of this project and type uses; undefined when the project has no scheme. */
export function screenFor(
  store: JiraStore,
  projectId: string,
  issueTypeId: string,
  op: ScreenOperation,
): StoredScreen | undefined {
  const scheme = screenSchemeFor(store, projectId, issueTypeId);
  if (!scheme) return undefined;
  return screenById(store, scheme.screens[op] ?? scheme.screens.default);
}

/** The screen a workflow transition shows; undefined when it has none (the usual case). */
export function transitionScreen(store: JiraStore, transitionId: string): StoredScreen | undefined {
  const link = store.docGet<StoredTransitionScreen>('transitionScreen', transitionId);
  return link ? screenById(store, link.screenId) : undefined;
}

export function fieldsOn(screen: StoredScreen | undefined): Set<string> {
  return new Set(screen ? screen.tabs.flatMap((t) => t.fields) : []);
}
