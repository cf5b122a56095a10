// What the connected-mode admin use cases need: ports only.
import type { RandomBytes } from '../../domain/governance/chain';
import type { Clock } from '../../ports/clock';
import type { AppStore } from '../../ports/store';
import type { CatalogDeps } from '../catalog/deps';
import type { ConnectionSecrets, DirectoryProvider } from '../shared/connectors';

export interface ConnectorAdminDeps {
  store: AppStore;
  secrets: ConnectionSecrets;
  directories: DirectoryProvider;
  clock: Clock;
  random: RandomBytes;
  /** The catalog use cases' deps (binding a tool edits its catalog entry). */
  catalog: () => Promise<CatalogDeps>;
  /** The Atlassian account's email as Jira shows it to the app (undefined when hidden): suggestions only. */
  accountEmail: (accountId: string) => Promise<string | undefined>;
}

export type AdminActor = { type: 'user'; accountId: string };
