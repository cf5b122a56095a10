// What the connected-mode admin resolvers answer (src/entry/resolver/admin-page/resolvers.ts, connectors.* and
// identity.*), as the console reads it. No answer carries a credential: a connection is shown by its public view.
export type Provider = 'okta' | 'entra';
export const PROVIDERS: readonly Provider[] = ['okta', 'entra'];
export const PROVIDER_NAMES: Record<Provider, string> = { okta: 'Okta', entra: 'Microsoft Entra ID' };

export interface Proof {
  canRead: boolean;
  canChangeMembers: boolean;
  detail: string;
}

export interface ConnectionView {
  provider: Provider;
  /** The Okta org URL or the Entra tenant. */
  target: string;
  clientId?: string;
  authType: string;
}

export interface ProviderStatus {
  provider: Provider;
  connected: boolean;
  view?: ConnectionView;
  connectedBy?: string;
  connectedAt?: string;
  proof?: Proof;
  authoritative?: boolean;
}

/** connectors.connect and connectors.test. */
export interface ConnectAnswer {
  connection: ConnectionView;
  proof: Proof;
  authoritative: boolean;
}

export interface Binding {
  toolId: string;
  provider: Provider;
  groupId: string;
  groupName: string;
  groupKind: string;
  boundBy: string;
  boundAt: string;
}

export interface Mapping {
  accountId: string;
  provider: Provider;
  idpUserId: string;
  idpLogin?: string;
  source: 'admin' | 'csv' | 'suggestion';
  mappedAt: string;
}

export interface Suggestion {
  accountId: string;
  email?: string;
  suggestions: Array<{ id: string; login?: string; email?: string }>;
  note: string;
}

export interface CsvImportAnswer {
  imported: number;
  unchanged: number;
  errors: Array<{ line: number; message: string }>;
}

export interface GrantTask {
  grantId: string;
  issueKey: string;
  toolId: string;
  requester: string;
  provider?: Provider;
  /** The requester has a mapped IdP user now. */
  mapped: boolean;
  attempts: number;
  lastError?: string;
  /** Approved longer ago than the grace period, and its add has not run (a lost queue push). */
  notRun?: { since: string };
}

export interface JobTask {
  key: string;
  type: 'connector.add' | 'connector.remove' | 'connector.check';
  provider: Provider;
  grantId: string;
  toolId: string;
  accountId: string;
  issueKey?: string;
  lastError?: string;
  outcome?: string;
  attempts: number;
}

export interface Tasks {
  grants: GrantTask[];
  jobs: JobTask[];
}

export interface RetryAnswer {
  queued: string;
  retryOf: string;
  alreadyQueued: boolean;
}

export interface ReconcileReport {
  toolId: string;
  provider: Provider;
  groupId: string;
  groupName: string;
  checkedAt: string;
  authoritative: boolean;
  members: number;
  missing: Array<{ grantId: string; accountId: string; idpUserId: string }>;
  strays: Array<{ idpUserId: string; login?: string; accountId?: string }>;
  unmapped: Array<{ grantId: string; accountId: string }>;
  removed: string[];
  removalErrors: Array<{ idpUserId: string; error: string }>;
  /** Authoritative, yet nobody removed: a live grant is unmapped and its holder could be any stray. */
  removalsWithheld?: 'unmapped_live_grants';
}

export type ReconcileResult =
  | { toolId: string; outcome: 'not_bound' | 'not_connected' }
  | { toolId: string; outcome: 'checked'; report: ReconcileReport };
