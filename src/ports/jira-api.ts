// The typed Jira operations the use cases call, and the shapes they pass. The Jira
// REST adapters (src/adapters/jira/) implement them over a JiraTransport, parsing every
// answer with zod; the composition roots (src/entry/, the CLI, the sandbox, tests)
// bind them to a transport and hand them in. Use cases never import an adapter
// (enforced by .dependency-cruiser.cjs).
import { AdapterError } from './errors';
import type { JiraProvisioning } from './jira-provisioning';
import type { JiraTransport } from './jira-transport';

export interface AvailableTransition {
  id: string;
  name: string;
  toId: string;
  toName: string;
}

/** The JSM view of a request: its request type and the form's field values (by field id). */
export interface CustomerRequest {
  issueId: string;
  issueKey: string;
  requestTypeId?: string | null | undefined;
  reporter?: { accountId: string; active?: boolean | undefined; displayName?: string | undefined } | null | undefined;
  requestFieldValues: Array<{ fieldId: string; label?: string | undefined; value: unknown }>;
}

/** A comment already on a ticket. */
export interface PostedComment {
  id: string;
  authorId: string | undefined;
  authorName: string | undefined;
  body: unknown;
  created: string;
}

/** A comment to add with a ticket write. */
export interface TicketComment {
  adf: unknown;
  internal: boolean;
}

export interface TicketWrite {
  transitionId?: string | undefined;
  fields: Record<string, unknown>;
  comments: TicketComment[];
  properties: Array<{ key: string; value: unknown }>;
}

export interface TicketWriteResult {
  /** Jira calls made (1 normally; 2 after a recovery). */
  calls: number;
  transitioned: boolean;
  droppedFields: string[];
}

/** The ticket is no longer in a status the transition starts from: re-read its transitions. */
export class TransitionUnavailableError extends AdapterError {
  readonly code = 'TRANSITION_UNAVAILABLE';
  constructor(
    readonly issueKey: string,
    readonly transitionId: string,
    readonly calls: number,
  ) {
    super(
      `transition ${transitionId} is not available on ${issueKey} any more (the ticket was moved meanwhile); re-read its transitions`,
    );
    this.name = 'TransitionUnavailableError';
  }
}

export interface JiraUser {
  accountId: string;
  displayName?: string | undefined;
  active?: boolean | undefined;
  accountType?: string | undefined;
  emailAddress?: string | undefined;
  /** With `groups: true`: group names, and whether that is all of them; undefined when Jira did not list them. */
  groups?: { names: string[]; complete: boolean } | undefined;
}

export interface RecentIssue {
  id: string;
  key: string;
  projectKey: string | undefined;
  status: { id: string; name: string };
  created: string;
  updated: string;
  reporter:
    | {
        accountId: string;
        displayName?: string | undefined;
        accountType?: string | undefined;
        active?: boolean | undefined;
      }
    | undefined;
}

export interface StatusChange {
  changelogId: string;
  actorId: string | undefined;
  created: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  /** The other items of the same change (a rationale or a shortened duration set on the transition). */
  changes: Array<{ fieldId?: string | undefined; field: string; to: string | null; toString: string | null }>;
}

/** The *AI tool* custom field and the context its options live in. */
export interface FieldRef {
  fieldId: string;
  contextId: string;
}

export interface FieldOption {
  id: string;
  value: string;
  disabled: boolean;
}

/** Reads and writes of one ticket, its users and the AI tool field's options, as one caller (the app). */
export interface JiraApi {
  /** Transitions available from the ticket's current status. */
  getTransitions(issueKey: string): Promise<AvailableTransition[]>;
  getCustomerRequest(issueKey: string): Promise<CustomerRequest>;
  /** One issue property's value, or undefined when the ticket has none. */
  getIssueProperty(issueKey: string, propertyKey: string): Promise<unknown>;
  /** The newest comments first. */
  getRecentComments(issueKey: string, max?: number): Promise<PostedComment[]>;
  /** Fields, comments and properties in one edit, after a bare transition when `transitionId` is set. */
  writeTicket(issueKey: string, write: TicketWrite): Promise<TicketWriteResult>;
  /** A user (with `groups: true` also their groups); undefined when Jira will not say. */
  getUser(accountId: string, opts?: { groups?: boolean }): Promise<JiraUser | undefined>;
  /** One page of the tickets a JQL query finds. */
  searchIssues(
    jql: string,
    nextPageToken?: string,
    maxResults?: number,
  ): Promise<{ issues: RecentIssue[]; nextPageToken: string | undefined }>;
  /** Every status change of a ticket, oldest first. */
  statusChanges(issueKey: string): Promise<StatusChange[]>;
  /** The AI tool field and its context: the hint's ids when given (no read), else found by name. */
  findAiToolField(hint?: { id: string; contextId?: string | undefined }): Promise<FieldRef>;
  listOptions(ref: FieldRef): Promise<FieldOption[]>;
  createOptions(ref: FieldRef, values: readonly string[]): Promise<FieldOption[]>;
  /** Enables or disables existing options (values unchanged). */
  setOptionsDisabled(ref: FieldRef, changes: ReadonlyArray<{ id: string; disabled: boolean }>): Promise<void>;
  /** Provisioning reads and writes over the same transport. */
  provisioning(): JiraProvisioning;
}

/** Binds the typed operations to a transport (a composition root passes the adapters' implementation). */
export type JiraApiFactory = (transport: JiraTransport) => JiraApi;
