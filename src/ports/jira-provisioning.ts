// The Jira and JSM calls provisioning makes (read the site, create what is missing), and the
// shapes they pass. src/adapters/jira/provisioning-client.ts implements them over a
// JiraTransport, checking every answer with zod.
import type {
  SiteContext,
  SiteField,
  SiteFilter,
  SiteOption,
  SitePortalField,
  SiteQueue,
  SiteRequestType,
} from '../domain/provisioning/site';
import type { JiraTransport } from './jira-transport';

export interface NewFilter {
  name: string;
  description: string;
  jql: string;
  sharePermissions: Array<{ type: 'project'; project: { id: string } }>;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  issueTypes: Array<{ id: string; name: string }>;
}

export interface ScreenSchemeScreens {
  default?: string | undefined;
  create?: string | undefined;
  edit?: string | undefined;
  view?: string | undefined;
}

export interface JiraProvisioning {
  myPermissions(keys: string[], projectKey: string): Promise<Record<string, boolean>>;
  getProject(key: string): Promise<JiraProject>;
  projectStatuses(key: string): Promise<Array<{ issueTypeId: string; issueTypeName: string; statuses: string[] }>>;
  /** Active workflows as (from status → to status) names; a transition with no `from` leaves every status. */
  workflowEdges(): Promise<Array<{ workflow: string; statuses: string[]; edges: Array<{ from: string; to: string }> }>>;
  listServiceDesks(): Promise<Array<{ id: string; projectId: string; projectKey?: string | undefined }>>;
  listCustomFields(): Promise<SiteField[]>;
  /** Every field this caller may view (system fields included); needs no Jira permission. */
  listAllFields(): Promise<SiteField[]>;
  createField(body: { name: string; description: string; type: string; searcherKey: string }): Promise<string>;
  updateField(id: string, body: { name: string; description: string; searcherKey: string }): Promise<void>;
  listContexts(fieldId: string): Promise<SiteContext[]>;
  createContext(
    fieldId: string,
    body: { name: string; description: string; projectIds: string[]; issueTypeIds: string[] },
  ): Promise<string>;
  listOptions(fieldId: string, contextId: string): Promise<SiteOption[]>;
  createOptions(fieldId: string, contextId: string, values: string[]): Promise<void>;
  enableOptions(fieldId: string, contextId: string, ids: string[]): Promise<void>;
  /** Filters whose name contains `name` (case-insensitive, in part). */
  searchFilters(name: string): Promise<SiteFilter[]>;
  /** A filter by id, or undefined when it does not exist (or the caller may not see it). */
  getFilter(id: string): Promise<SiteFilter | undefined>;
  createFilter(body: NewFilter): Promise<string>;
  updateFilter(id: string, body: { name: string; description: string; jql: string }): Promise<void>;
  listRequestTypes(serviceDeskId: string): Promise<SiteRequestType[]>;
  createRequestType(
    serviceDeskId: string,
    body: { issueTypeId: string; name: string; description: string; helpText: string },
  ): Promise<string>;
  requestTypeFields(serviceDeskId: string, requestTypeId: string): Promise<SitePortalField[]>;
  listRequestTypeGroups(serviceDeskId: string): Promise<Array<{ id: string; name: string }>>;
  listQueues(serviceDeskId: string): Promise<SiteQueue[]>;
  /** The issue type screen scheme of a project, or undefined when it has none (team-managed projects). */
  issueTypeScreenSchemeOf(projectId: string): Promise<{ id: string; name: string } | undefined>;
  issueTypeScreenSchemeMappings(
    issueTypeScreenSchemeId: string,
  ): Promise<Array<{ issueTypeScreenSchemeId: string; issueTypeId: string; screenSchemeId: string }>>;
  screenScheme(id: string): Promise<{ id: string; name: string; screens: ScreenSchemeScreens } | undefined>;
  screen(id: string): Promise<{ id: string; name: string } | undefined>;
  screenTabs(screenId: string): Promise<Array<{ id: string; name: string }>>;
  screenTabFields(screenId: string, tabId: string): Promise<string[]>;
  addScreenTabField(screenId: string, tabId: string, fieldId: string): Promise<string>;
}

/** Binds provisioning's calls to a transport (site-ops wraps the transport with retries first). */
export type JiraProvisioningFactory = (transport: JiraTransport) => JiraProvisioning;
