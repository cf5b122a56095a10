// The seam for connected mode: where a use case gets the group directory of a
// provider. `undefined` means the provider is not connected: connector jobs
// then end in manual_action_required with a visible task on the ticket.
// Production: src/adapters/idp/directories.ts (credentials from Forge secret
// storage, the vendors' APIs through @forge/api fetch).
import type { Connection } from '../../domain/connectors/connection';
import type { ConnectorProvider } from '../../domain/connectors/provider';
import type { GroupDirectory } from '../../ports/group-directory';

export interface DirectoryProvider {
  /** The connected directory of `provider`, or undefined when no connection is stored. */
  get(provider: ConnectorProvider): Promise<GroupDirectory | undefined>;
  /** A directory for credentials that are not stored yet (connect's test). */
  forConnection(c: Connection): GroupDirectory;
}

/** Where the credentials live: Forge secret storage, and nowhere else. */
export interface ConnectionSecrets {
  get(provider: ConnectorProvider): Promise<Connection | undefined>;
  set(c: Connection): Promise<void>;
  delete(provider: ConnectorProvider): Promise<void>;
}
