// Connected mode's admin resolvers' wiring (loaded by the calls that need it:
// resolvers.ts's `connectors` loader), so a cold catalog call never parses the IdP
// clients. Production: credentials in Forge secret storage, IdP calls through
// @forge/api fetch (adapters/idp/directories.ts).
import { randomBytes } from 'node:crypto';
import { forgeDirectories, kvsConnectionSecrets } from '../../../adapters/idp/directories';
import { systemClock } from '../../../adapters/clock';
import type { ConnectorAdminDeps } from '../../../usecases/connectors/deps';
import type { AppStore } from '../../../ports/store';
import type { JiraTransport } from '../../../ports/jira-transport';
import type { CatalogDeps } from '../../../usecases/catalog/deps';

export * as connection from '../../../usecases/connectors/connection';
export * as binding from '../../../usecases/connectors/binding';
export * as identity from '../../../usecases/connectors/identity';
export * as reconcile from '../../../usecases/connectors/reconcile';
export { retryConnectorTask } from '../../../usecases/connectors/retry';
export { connectorTasks } from '../../../usecases/connectors/records';

export function connectorAdminDeps(
  store: AppStore,
  asApp: JiraTransport,
  catalog: () => Promise<CatalogDeps>,
): ConnectorAdminDeps {
  return {
    store,
    secrets: kvsConnectionSecrets(),
    directories: forgeDirectories(),
    clock: systemClock,
    random: (n) => new Uint8Array(randomBytes(n)),
    catalog,
    accountEmail: async (accountId) => {
      const { getUser } = await import('../../../adapters/jira/user-read');
      return (await getUser(asApp, accountId))?.emailAddress;
    },
  };
}
