// Contract between the Jira emulator (which stores issues) and the JQL engine
// (which parses with @atlaskit/jql-ast and evaluates against these views).

/** The searchable view of one stored issue. Times are ms since epoch (UTC). */
export interface JqlIssueView {
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  projectName: string;
  issueTypeId: string;
  issueTypeName: string;
  statusId: string;
  statusName: string;
  /** Jira status category key. */
  statusCategoryKey: 'new' | 'indeterminate' | 'done';
  resolutionName: string | null;
  reporterAccountId: string | null;
  assigneeAccountId: string | null;
  creatorAccountId: string | null;
  created: number;
  updated: number;
  resolutiondate: number | null;
  summary: string;
  /** Plain text of the ADF description, for `~` matching. */
  descriptionText: string;
  labels: string[];
  /**
   * Custom field values keyed by id (customfield_10010). Stored as Jira returns them:
   * select → {id, value}; multiselect → [{id,value}]; text → string; number → number;
   * datetime → ISO string; user → {accountId}.
   */
  customFields: Record<string, unknown>;
  /** Issue properties keyed by property key. */
  properties: Record<string, unknown>;
}

export interface JqlFieldDef {
  /** 'customfield_10010' for custom fields. */
  id: string;
  name: string;
  custom: boolean;
  /** Jira schema type of the field's values. */
  schemaType: 'option' | 'array' | 'string' | 'number' | 'datetime' | 'date' | 'user';
  /** The numeric part, for cf[10010]. */
  customId?: number;
}

/** One indexed property path, from manifest.yml jira:entityProperty modules. */
export interface JqlEntityPropertyDef {
  propertyKey: string;
  /** Dotted path inside the property value, e.g. "status" or "grant.expiresAt". */
  path: string;
  type: 'number' | 'string' | 'text' | 'user' | 'date';
  searchAlias?: string;
}

export interface JqlUserDirectory {
  /** Resolves what a JQL user value may be (accountId, email, display name) to an accountId. */
  resolve(value: string): string | undefined;
}

export interface JqlContext {
  /** accountId of the searching user, for currentUser(). Undefined for anonymous. */
  currentAccountId?: string;
  /** Sandbox clock, ms since epoch: now(), relative dates like -7d. */
  nowMs: number;
  fields: JqlFieldDef[];
  entityProperties: JqlEntityPropertyDef[];
  users: JqlUserDirectory;
}

/** A compiled query: a predicate plus the ORDER BY comparator. */
export interface CompiledJql {
  matches(issue: JqlIssueView): boolean;
  compare: (a: JqlIssueView, b: JqlIssueView) => number;
}

/** Raised for syntax errors and anything unsupported; the emulator answers 400 with these messages. */
export class JqlError extends Error {
  readonly code = 'JQL_INVALID';
  constructor(readonly errorMessages: string[]) {
    super(errorMessages.join(' '));
  }
}
