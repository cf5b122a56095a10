// What the provisioning engine read from the site: only the parts it manages
// or checks. The reader (src/usecases/provision/read-site.ts) fills it in.

export interface SiteField {
  id: string;
  name: string;
  /** Full Jira type key (schema.custom); undefined for system fields. */
  type?: string;
  searcherKey?: string;
  description?: string;
}

export interface SiteContext {
  id: string;
  name: string;
}

export interface SiteOption {
  id: string;
  value: string;
  disabled: boolean;
}

export interface SiteFilter {
  id: string;
  name: string;
  jql: string;
  description?: string;
}

export interface SiteRequestType {
  id: string;
  name: string;
  description: string;
  helpText: string;
  issueTypeId: string;
  groupIds: string[];
}

export interface SitePortalField {
  fieldId: string;
  name?: string;
  required: boolean;
}

export interface SiteQueue {
  id: string;
  name: string;
  jql: string;
}

/** A screen the project's request issue types use, with the operations it serves. */
export interface SiteScreen {
  id: string;
  name: string;
  /** create / edit / view, for the issue types named (from the screen scheme; unset types fall back to default). */
  uses: Array<{ issueTypeName: string; operation: 'create' | 'edit' | 'view' }>;
  tabs: Array<{ id: string; name: string; fieldIds: string[] }>;
}

export interface SiteSnapshot {
  project: { id: string; key: string; name: string; issueTypes: Array<{ id: string; name: string }> };
  serviceDeskId: string;
  /** Custom fields of the site. */
  fields: SiteField[];
  /** Contexts, read for the fields the templates match (keyed by field id). */
  contexts: Record<string, SiteContext[]>;
  /** Options, read for the contexts whose options the templates own (keyed by context id). */
  options: Record<string, SiteOption[]>;
  filters: SiteFilter[];
  requestTypes: SiteRequestType[];
  /** Portal form fields, read for the request types the templates match (keyed by request type id). */
  portalFields: Record<string, SitePortalField[]>;
  groups: Array<{ id: string; name: string }>;
  queues: SiteQueue[];
  /**
   * Screens the request types' issue types use for create, edit and view; undefined when the
   * site would not say (no issue type screen scheme for the project, e.g. a team-managed one).
   */
  screens?: SiteScreen[];
  /** Status names per issue type of the project; undefined when the site would not say. */
  statuses?: Array<{ issueTypeId: string; issueTypeName: string; statuses: string[] }>;
  /** The site's active workflows as status-name edges (undefined: the site would not list them). */
  workflows?: Array<{ workflow: string; statuses: string[]; edges: Array<{ from: string; to: string }> }>;
}
