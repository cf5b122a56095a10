// Production wiring of the admin resolvers (Forge KVS, requestJira, the work
// queue, the system clock). Tests and the sandbox pass their own.
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../../adapters/clock';
import { forgeJiraTransport } from '../../../adapters/jira/forge-transport';
import { kvsStore } from '../../../adapters/kvs/kvs-store';
import { forgeWorkQueue } from '../../../adapters/queue/forge-queue';
import type { LiveGrantSetting } from '../../../domain/catalog/consequences';
import type { JiraTransport } from '../../../ports/jira-transport';
import type { AppStore } from '../../../ports/store';
import type { CatalogDeps } from '../../../usecases/catalog';
import { loadSettings } from '../../../usecases/shared/app-settings';

export interface AdminResolverDeps {
  store: () => AppStore;
  /** Jira as the app (options, provisioning). */
  asApp: () => JiraTransport;
  /** Jira as the calling user (the admin check). */
  asUser: () => JiraTransport;
  catalog: (store: AppStore, jira: JiraTransport) => Promise<CatalogDeps>;
}

/** settings/app (admin setting) may say `liveGrantsOnLeave: revoke`; anything else means flag for review. */
export async function liveGrantSetting(store: AppStore): Promise<LiveGrantSetting> {
  return (await loadSettings(store)).liveGrantsOnLeave;
}

export function forgeAdminDeps(): AdminResolverDeps {
  return {
    store: kvsStore,
    asApp: () => forgeJiraTransport({ kind: 'app' }),
    asUser: () => forgeJiraTransport({ kind: 'user' }),
    catalog: async (store, jira) => ({
      store,
      jira,
      now: () => systemClock.now(),
      random: (n) => randomBytes(n),
      queue: forgeWorkQueue(),
      liveGrantSetting: await liveGrantSetting(store),
    }),
  };
}
