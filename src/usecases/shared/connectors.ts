// The seam for connected mode: the ports a use case gets its group directory and credentials
// through (ports/group-directory.ts). Undefined from DirectoryProvider.get means the provider is
// not connected: connector jobs then end in manual_action_required with a visible task on the ticket.
// Production: src/adapters/idp/directories.ts (credentials from Forge secret storage, the vendors'
// APIs through @forge/api fetch).
export type { ConnectionSecrets, DirectoryProvider } from '../../ports/group-directory';
