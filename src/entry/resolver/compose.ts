// The composition root of the resolvers (admin page, queue page, portal panel):
// the Forge implementations of what each page's calls need. Tests and the
// sandbox pass their own. Only what every call needs is built up front; the
// core loop's wiring (comment templates, Handlebars) loads with import() when a
// decision runs.
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../adapters/clock';
import { kvsStore } from '../../adapters/kvs/kvs-store';
import { forgeWorkQueue } from '../../adapters/queue/forge-queue';
import type { Clock } from '../../ports/clock';
import type { JiraTransport } from '../../ports/jira-transport';
import type { AppStore } from '../../ports/store';
import type { CatalogDeps } from '../../usecases/catalog/deps';
import { loadSettings } from '../../usecases/shared/app-settings';
import type { CoreDeps } from '../../usecases/shared/deps';

export interface AdminResolverDeps {
  store: () => AppStore;
  /** Jira as the app (options, provisioning). */
  asApp: () => JiraTransport;
  /** Jira as the calling user (the admin check). */
  asUser: () => JiraTransport;
  catalog: (store: AppStore, jira: JiraTransport) => Promise<CatalogDeps>;
}

export interface AgentResolverDeps {
  /** The app store: the permission check reads the settings, the lists and the detail read records. */
  store: () => AppStore;
  /** The core loop's wiring (Jira as the app, the comment templates, the work queue), which only a decision needs. */
  core: () => Promise<CoreDeps>;
  asUser: () => JiraTransport;
}

export interface PortalResolverDeps {
  /** The app store: the picker, the draft check and the person's own access read it. */
  store: () => AppStore;
  /** The core loop's wiring (Jira as the app, the comment templates, the work queue), which only an action needs. */
  core: () => Promise<CoreDeps>;
  /** Jira as the signed-in person (an extension is their own request on the portal). */
  asUser: () => JiraTransport;
  clock: Clock;
}

/**
 * Jira through requestJira, loaded on the first request: the portal panel never asks Jira itself, so its calls
 * do not parse @forge/api; the pages that do ask it first thing (the permission check).
 */
function forgeJira(kind: 'app' | 'user'): JiraTransport {
  let jira: Promise<JiraTransport> | undefined;
  return {
    request: async (req) =>
      (
        await (jira ??= import('../../adapters/jira/forge-transport').then((m) => m.forgeJiraTransport({ kind })))
      ).request(req),
  };
}
const asUser = () => forgeJira('user');
const core = async () => (await import('../core-deps')).coreDeps();

export function forgeAdminDeps(): AdminResolverDeps {
  return {
    store: kvsStore,
    asApp: () => forgeJira('app'),
    asUser,
    catalog: async (store, jira) => ({
      store,
      jira: (await import('../../adapters/jira/jira-api')).jiraApi(jira),
      now: () => systemClock.now(),
      random: (n) => randomBytes(n),
      queue: forgeWorkQueue(() => import('@forge/events')),
      liveGrantSetting: (await loadSettings(store)).liveGrantsOnLeave,
    }),
  };
}

export function forgeAgentDeps(): AgentResolverDeps {
  return { store: kvsStore, core, asUser };
}

export function forgePortalDeps(): PortalResolverDeps {
  return { store: kvsStore, core, asUser, clock: systemClock };
}
