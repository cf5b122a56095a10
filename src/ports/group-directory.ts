// The identity-provider port: one group directory (an Okta org, or an Entra
// tenant through Microsoft Graph) as connected mode needs it. The adapters are
// thin typed clients (src/adapters/idp/); the use cases never see HTTP, tokens
// or credentials, only these answers and DirectoryError.
import type { Connection } from '../domain/connectors/connection';
import type { DirectoryFailureKind, DirectoryGroupFacts } from '../domain/connectors/directory';
import type { ConnectorProvider } from '../domain/connectors/provider';

export type { DirectoryFailureKind, DirectoryGroupFacts } from '../domain/connectors/directory';

export interface DirectoryUser {
  id: string;
  /** Okta login / Entra userPrincipalName: shown to the admin, never used to match by itself. */
  login?: string | undefined;
  email?: string | undefined;
}

/** A failed IdP call. `message` never holds a credential or a token. */
export class DirectoryError extends Error {
  constructor(
    readonly kind: DirectoryFailureKind,
    message: string,
    readonly status?: number,
    /** For rate_limited / unavailable: the wait the IdP asked for, if it named one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}

export function isDirectoryError(e: unknown): e is DirectoryError {
  return e instanceof DirectoryError;
}

export interface ConnectionProof {
  /** Could list groups. */
  canRead: boolean;
  /** The credentials carry a role or permission that changes group membership. */
  canChangeMembers: boolean;
  /** What the check saw, for the admin (no secrets). */
  detail: string;
}

export interface GroupDirectory {
  readonly provider: ConnectorProvider;
  /** Proves the credentials can read groups and change their members (nothing is changed). */
  testConnection(): Promise<ConnectionProof>;
  getGroup(groupId: string): Promise<DirectoryGroupFacts>;
  /** Idempotent: a user already in the group is 'already_member'. */
  addMember(groupId: string, userId: string): Promise<'added' | 'already_member'>;
  /** Idempotent: a user not in the group is 'not_member'. */
  removeMember(groupId: string, userId: string): Promise<'removed' | 'not_member'>;
  isMember(groupId: string, userId: string): Promise<boolean>;
  listMembers(groupId: string): Promise<DirectoryUser[]>;
  /** Users whose email is exactly this one: SUGGESTIONS for the admin to confirm, never a mapping. */
  findUsersByEmail(email: string): Promise<DirectoryUser[]>;
}

/** Where a use case gets the group directory of a provider; undefined when the provider is not connected. */
export interface DirectoryProvider {
  get(provider: ConnectorProvider): Promise<GroupDirectory | undefined>;
  /** A directory for credentials that are not stored yet (connect's test). */
  forConnection(c: Connection): GroupDirectory;
  /** The connection an admin entered, with the key material the app makes itself (Okta: its DPoP key). */
  prepare(c: Connection): Connection;
}

/** Where the credentials live: Forge secret storage, and nowhere else. */
export interface ConnectionSecrets {
  get(provider: ConnectorProvider): Promise<Connection | undefined>;
  set(c: Connection): Promise<void>;
  delete(provider: ConnectorProvider): Promise<void>;
}
