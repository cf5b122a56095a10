// The desired state of a JSM site, as the templates describe it. Pure data:
// the loaders in src/config/templates build it, the planner compares it with
// what the site has.

/**
 * What a workflow status means to AI Clearance. Optional meanings: `submitted`
 * (a workflow may start straight in pending), `approved` (many workflows go
 * straight from approval into fulfilment) and `lapsed` (without a status of its
 * own a lapsed request is shown as declined; the property still says lapsed).
 */
export const STATUS_MEANINGS = [
  'submitted',
  'pending',
  'approved',
  'inFulfilment',
  'active',
  'declined',
  'expired',
  'revoked',
  'cancelled',
  'lapsed',
] as const;
export type StatusMeaning = (typeof STATUS_MEANINGS)[number];
export const OPTIONAL_STATUS_MEANINGS: readonly StatusMeaning[] = ['submitted', 'approved', 'lapsed'];

/** Transitions people (or the app) perform; all optional: the app can also pick a transition by its target status. */
export const TRANSITION_MEANINGS = [
  'requestApproval',
  'approve',
  'decline',
  'cancel',
  'fulfil',
  'revoke',
  'expire',
  'lapse',
  'reopen',
] as const;
export type TransitionMeaning = (typeof TRANSITION_MEANINGS)[number];

export interface WorkflowMapping {
  /** Meaning → status names (as Jira spells them; matched case-insensitively). */
  statuses: Partial<Record<StatusMeaning, string[]>>;
  transitions: Partial<Record<TransitionMeaning, string[]>>;
}

export interface DesiredFieldOption {
  /** Stable key the app uses (e.g. a risk level), independent of the label Jira shows. */
  key: string;
  value: string;
}

export type DesiredOptions =
  | { source: 'none' }
  /** Options are owned by the catalog sync (issue 4): provisioning creates the context but never touches its options. */
  | { source: 'catalog' }
  | { source: 'template'; values: DesiredFieldOption[] };

export interface DesiredField {
  ref: string;
  name: string;
  description: string;
  /** Full Jira type key, com.atlassian.jira.plugin.system.customfieldtypes:select. */
  type: string;
  searcherKey: string;
  options: DesiredOptions;
}

export interface DesiredQueue {
  ref: string;
  name: string;
  description: string;
  /** Queue condition without the project clause; may hold {field:ref}, {statuses:meaning} and {project} placeholders. */
  jql: string;
  orderBy?: string;
  /** Name of the shared filter created for this queue. */
  filterName: string;
}

/** System fields a request type may collect besides the template's custom fields. */
export const SYSTEM_FIELDS: Record<string, string> = {
  summary: 'Summary',
  description: 'Description',
  attachment: 'Attachment',
  duedate: 'Due date',
  priority: 'Priority',
  labels: 'Labels',
};

export interface DesiredRequestTypeField {
  /** A field ref from fields.yml or a system field id (summary, description, ...). */
  field: string;
  required: boolean;
  default?: string | number;
  label?: string;
}

export interface DesiredRequestType {
  ref: string;
  name: string;
  issueType: string;
  description: string;
  helpText: string;
  portalGroup: string;
  fields: DesiredRequestTypeField[];
}

export interface DesiredState {
  projectKey: string;
  fieldContext: { name: string; scope: 'project' | 'global' };
  filterShare: 'project' | 'none';
  fields: DesiredField[];
  queues: DesiredQueue[];
  requestTypes: DesiredRequestType[];
  workflow: WorkflowMapping;
}
