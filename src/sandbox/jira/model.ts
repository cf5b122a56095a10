// Stored shapes of the emulated Jira site. These are the emulator's own
// records, not REST shapes: rendering (render-*.ts) turns them into what
// Jira Cloud answers, so a renamed option or user shows up everywhere at once.

export type Role = 'admin' | 'agent' | 'customer';

export interface StoredUser {
  accountId: string;
  email: string;
  displayName: string;
  accountType: 'atlassian' | 'app' | 'customer';
  roles: Role[];
  /** Jira groups the user was added to (beyond those their roles imply); absent in sites stored before groups existed. */
  groups?: string[];
  /** Basic-auth API token; undefined for accounts that cannot log in (the app). */
  token?: string;
  timeZone: string;
  active: boolean;
}

/** Custom field values in stored form (see field-types.ts for the REST form). */
export type StoredFieldValue =
  | { t: 'option'; id: string }
  | { t: 'options'; ids: string[] }
  | { t: 'string'; v: string }
  | { t: 'adf'; doc: AdfDoc }
  | { t: 'number'; v: number }
  | { t: 'datetime'; ms: number }
  | { t: 'date'; v: string }
  | { t: 'user'; accountId: string };

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: unknown[];
}

export interface StoredIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  summary: string;
  description: AdfDoc | null;
  labels: string[];
  priorityId: string | null;
  duedate: string | null;
  reporter: string | null;
  assignee: string | null;
  creator: string;
  created: number;
  updated: number;
  statusCategoryChanged: number;
  resolutionId: string | null;
  resolutiondate: number | null;
  customFields: Record<string, StoredFieldValue>;
  /** JSM: the request type the issue was raised with (null for plain Jira issues). */
  requestTypeId: string | null;
  participants: string[];
}

export interface StoredComment {
  id: string;
  issueId: string;
  author: string;
  body: AdfDoc;
  created: number;
  updated: number;
  updateAuthor: string;
  /** JSM: false for internal notes (sd.public.comment {internal:true}). */
  jsdPublic: boolean;
}

export interface ChangelogItem {
  field: string;
  fieldtype: string;
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface StoredChangelog {
  id: string;
  issueId: string;
  author: string;
  created: number;
  items: ChangelogItem[];
}

export interface StoredField {
  id: string;
  name: string;
  description: string;
  type: string;
  searcherKey: string | null;
  /** JSM-managed fields (Request Type, Request participants) cannot be deleted. */
  locked: boolean;
  state: 'active' | 'trashed' | 'deleted';
}

export interface StoredFieldContext {
  id: string;
  fieldId: string;
  name: string;
  description: string;
  projectIds: string[];
  issueTypeIds: string[];
}

export interface StoredFieldOption {
  id: string;
  contextId: string;
  value: string;
  disabled: boolean;
}

export interface SharePermission {
  type: string;
  project?: { id: string };
  group?: { name?: string; groupId?: string };
  user?: { accountId: string };
  role?: { id: number };
}

export interface StoredFilter {
  id: string;
  name: string;
  description: string;
  jql: string;
  owner: string;
  sharePermissions: SharePermission[];
  editPermissions: SharePermission[];
  favourite: boolean;
}

export interface PortalField {
  fieldId: string;
  required: boolean;
  /** Label on the portal form; defaults to the field name. */
  name?: string;
}

export interface StoredRequestType {
  id: string;
  serviceDeskId: string;
  issueTypeId: string;
  name: string;
  description: string;
  helpText: string;
  groupIds: string[];
  /** Portal form fields; only the sandbox control (the admin's manual step) changes them. */
  fields: PortalField[];
}

export interface StoredRequestTypeGroup {
  id: string;
  serviceDeskId: string;
  name: string;
}

export interface StoredQueue {
  id: string;
  serviceDeskId: string;
  name: string;
  jql: string;
  fields: string[];
}

export interface StoredApproval {
  id: string;
  issueId: string;
  name: string;
  finalDecision: 'pending' | 'approved' | 'declined';
  approvers: Array<{ accountId: string; decision: 'pending' | 'approved' | 'declined' }>;
  created: number;
  completed: number | null;
}

export interface StoredTask {
  id: string;
  description: string;
  submittedBy: string;
  submitted: number;
  finished: number;
}
