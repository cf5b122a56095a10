// In-process sandbox for the catalog tests: the Jira emulator and the Forge
// platform running the real manifest, with the admin resolver built from
// registerAdminResolvers (src/entry/resolver/admin-page wires the same).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { forgeJiraTransport } from '../../../src/adapters/jira/forge-transport';
import { jiraApi } from '../../../src/adapters/jira/jira-api';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { AI_CLEARANCE_PROPERTY } from '../../../src/config/templates/entity-property';
import { SandboxClock } from '../../../src/sandbox/clock';
import { openSandboxDb } from '../../../src/sandbox/db';
import { FaultInjector } from '../../../src/sandbox/faults';
import { createForgePlatform, type ForgePlatform } from '../../../src/sandbox/forge';
import { createJiraEmulator, SEEDED_ACCOUNT_IDS, type JiraEmulator } from '../../../src/sandbox/jira';
import type { CatalogDeps } from '../../../src/usecases/catalog';

const ROOT = path.resolve(__dirname, '../../..');
export const ADMIN = SEEDED_ACCOUNT_IDS.admin;
export const ALICE_ID = SEEDED_ACCOUNT_IDS.alice;

export interface CatalogHarness {
  platform: ForgePlatform;
  jira: JiraEmulator;
  clock: SandboxClock;
  faults: FaultInjector;
  /** Calls an admin resolver as `accountId` (default the admin). */
  call(functionName: string, payload?: unknown, accountId?: string): Promise<any>;
  /** Provisions as the admin page does: provision.apply starts a run of queue jobs; settles them; answers provision.status's run. */
  provision(payload?: unknown): Promise<any>;
  /** Runs fn inside an invocation with the app's real KVS store and Jira (as the app). */
  withDeps<T>(fn: (deps: CatalogDeps) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface CatalogHarnessOptions {
  /** Stands between the Forge platform and the emulator (a test's Jira outage); the emulator itself stays reachable as `jira`. */
  wrapJira?: (jira: JiraEmulator) => JiraEmulator;
}

export function createCatalogHarness(options: CatalogHarnessOptions = {}): CatalogHarness {
  const db = openSandboxDb(':memory:');
  const clock = new SandboxClock();
  clock.set('2026-12-01T09:00:00.000Z', { freeze: true });
  const faults = new FaultInjector();
  const jira = createJiraEmulator({
    db,
    clock,
    faults,
    baseUrl: 'http://127.0.0.1:8080',
    entityProperties: AI_CLEARANCE_PROPERTY.paths.map((p) => ({
      propertyKey: AI_CLEARANCE_PROPERTY.propertyKey,
      path: p.path,
      type: p.type,
      searchAlias: p.searchAlias,
    })),
  });
  const platform = createForgePlatform({
    db,
    clock,
    faults,
    jira: options.wrapJira ? options.wrapJira(jira) : jira,
    manifest: path.join(ROOT, 'manifest.yml'),
    // Required lazily: the Forge SDKs read the platform's globals when first loaded.
    loadApp: (file) => {
      const app = require(path.join(ROOT, 'src', file)) as Record<string, unknown>;
      const Resolver = (require('@forge/resolver') as { default: new () => { getDefinitions(): unknown } }).default;
      const { registerAdminResolvers } =
        require('../../../src/entry/resolver/admin-page/resolvers') as typeof import('../../../src/entry/resolver/admin-page/resolvers');
      const resolver = new Resolver();
      registerAdminResolvers(resolver as never);
      return { ...app, adminResolver: resolver.getDefinitions() };
    },
  });
  const call: CatalogHarness['call'] = (functionName, payload, accountId = ADMIN) =>
    platform.invokeResolver({ functionKey: 'admin-resolver', functionName, payload, accountId });
  return {
    platform,
    jira,
    clock,
    faults,
    call,
    async provision(payload = {}) {
      const started = await call('provision.apply', payload);
      if (started.error) throw new Error(`provision.apply: ${JSON.stringify(started.error)}`);
      // Jobs retried after a Jira hiccup are due later on the sandbox clock.
      await platform.settle({ advanceClock: true, timeoutMs: 120_000 });
      return (await call('provision.status', {})).run;
    },
    async withDeps(fn) {
      const { value } = await platform.run(
        () =>
          fn({
            store: kvsStore(),
            jira: jiraApi(forgeJiraTransport({ kind: 'app' })),
            now: () => new Date(clock.nowMs()),
            random: (n) => randomBytes(n),
          }),
        { accountId: ADMIN },
      );
      return value;
    },
    async close() {
      await platform.close();
      db.close();
    },
  };
}
