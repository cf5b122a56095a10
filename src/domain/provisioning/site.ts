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
  /** Status names per issue type of the project; undefined when the site would not say. */
  statuses?: Array<{ issueTypeId: string; issueTypeName: string; statuses: string[] }>;
}
