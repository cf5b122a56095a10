// Production wiring of the admin resolvers (Forge KVS, requestJira, the work
// queue, the system clock). Tests and the sandbox pass their own.
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../adapters/clock';
import { forgeJiraTransport } from '../../adapters/jira/forge-transport';
import { jiraApi } from '../../adapters/jira/jira-api';
import { kvsStore } from '../../adapters/kvs/kvs-store';
import { forgeWorkQueue } from '../../adapters/queue/forge-queue';
import type { LiveGrantSetting } from '../../domain/catalog/consequences';
import type { JiraTransport } from '../../ports/jira-transport';
import type { AppStore } from '../../ports/store';
import type { CatalogDeps } from '../../usecases/catalog/deps';

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
  const rec = await store.get<{ liveGrantsOnLeave?: unknown }>('settings', 'app');
  return rec?.doc?.liveGrantsOnLeave === 'revoke' ? 'revoke' : 'flag';
}

export function forgeAdminDeps(): AdminResolverDeps {
  return {
    store: kvsStore,
    asApp: () => forgeJiraTransport({ kind: 'app' }),
    asUser: () => forgeJiraTransport({ kind: 'user' }),
    catalog: async (store, jira) => ({
      store,
      jira: jiraApi(jira),
      now: () => systemClock.now(),
      random: (n) => randomBytes(n),
      queue: forgeWorkQueue(() => import('@forge/events')),
      liveGrantSetting: await liveGrantSetting(store),
    }),
  };
}
