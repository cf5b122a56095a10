// Composes the offline sandbox: one SQLite database, one clock, one fault
// injector, the Jira/JSM emulator and the emulated Forge platform running the
// app's real handlers (src/index.ts) with the real Forge SDKs.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import { SandboxClock } from './clock';
import { openSandboxDb, type SandboxDb } from './db';
import { FaultInjector } from './faults';
import { createForgePlatform, type ForgePlatform } from './forge';
import { createIdpEmulators, type IdpEmulators } from './idp';
import { createJiraEmulator, type JiraEmulator } from './jira';
import type { JqlEntityPropertyDef } from './jira/jql/types';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const MANIFEST_PATH = path.join(REPO_ROOT, 'manifest.yml');

export interface SandboxOptions {
  /** Folder for the SQLite file, or ':memory:' for tests. */
  dataDir: string;
  baseUrl?: string;
  /** 'auto' runs scheduled triggers by their interval on the sandbox clock (npm start). */
  scheduler?: 'manual' | 'auto';
  clock?: SandboxClock;
  concurrency?: number;
  /** Loads a manifest handler module ('index'): src/ by default; tests pass a `forge deploy` build. */
  loadApp?: (file: string) => Record<string, unknown>;
}

export interface Sandbox {
  readonly db: SandboxDb;
  readonly clock: SandboxClock;
  readonly faults: FaultInjector;
  readonly jira: JiraEmulator;
  readonly forge: ForgePlatform;
  /** The emulated Okta org and Entra tenant (Microsoft Graph), also the target of the app's egress. */
  readonly idp: IdpEmulators;
  /** True when this start created the site (first start on this data folder). */
  readonly fresh: boolean;
  /** Wipes Jira, KVS, queues, the log and the IdPs, then seeds the site and the IdPs again. */
  reset(): void;
  close(): Promise<void>;
}

/** The indexed issue-property paths that manifest.yml declares, for JQL. */
export function entityPropertiesFromManifest(manifestPath = MANIFEST_PATH): JqlEntityPropertyDef[] {
  const manifest = parseYaml(fs.readFileSync(manifestPath, 'utf8')) as {
    modules?: {
      'jira:entityProperty'?: Array<{
        propertyKey: string;
        entityType?: string;
        values: Array<{ path: string; type: JqlEntityPropertyDef['type']; searchAlias?: string }>;
      }>;
    };
  };
  return (manifest.modules?.['jira:entityProperty'] ?? [])
    .filter((m) => (m.entityType ?? 'issue') === 'issue')
    .flatMap((m) =>
      m.values.map((v) => ({
        propertyKey: m.propertyKey,
        path: v.path,
        type: v.type,
        ...(v.searchAlias ? { searchAlias: v.searchAlias } : {}),
      })),
    );
}

/**
 * The issue property key the portal request-create panel's submission is stored under: the UUID part of the
 * manifest's app.id (undefined when the manifest declares no such panel).
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/
 */
export function portalPanelPropertyKeyFromManifest(manifestPath = MANIFEST_PATH): string | undefined {
  const manifest = parseYaml(fs.readFileSync(manifestPath, 'utf8')) as {
    app?: { id?: string };
    modules?: Record<string, unknown>;
  };
  if (!manifest.modules?.['jiraServiceManagement:portalRequestCreatePropertyPanel']) return undefined;
  return /^ari:cloud:ecosystem::app\/([0-9a-f-]+)$/i.exec(manifest.app?.id ?? '')?.[1];
}

export function createSandbox(opts: SandboxOptions): Sandbox {
  const dbFile = opts.dataDir === ':memory:' ? ':memory:' : path.join(opts.dataDir, 'sandbox.sqlite');
  const fresh = dbFile === ':memory:' || !fs.existsSync(dbFile);
  const db = openSandboxDb(dbFile);
  const clock = opts.clock ?? new SandboxClock();
  restoreClock(db, clock);
  // Every move is written at once (one row), so a killed sandbox restarts where its clock was.
  clock.onChange(() => saveClock(db, clock));
  clock.installSeam();
  const faults = new FaultInjector();
  const jira = createJiraEmulator({
    db,
    clock,
    faults,
    baseUrl: opts.baseUrl ?? 'http://127.0.0.1:8080',
    entityProperties: entityPropertiesFromManifest(),
    portalPanelPropertyKey: portalPanelPropertyKeyFromManifest(),
  });
  const idp = createIdpEmulators({ db, clock, faults });
  idp.seedIfEmpty(idpPeople(jira));
  const forge = createForgePlatform({
    db,
    clock,
    faults,
    jira,
    manifest: MANIFEST_PATH,
    // The app's outbound fetch to the IdPs' real hosts (after the manifest's egress check).
    external: (url, init) => idp.egress(url, init),
    // Required only now, after the platform installed the Forge globals the SDKs read at load time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loadApp: opts.loadApp ?? ((file) => require(path.join(REPO_ROOT, 'src', file)) as Record<string, unknown>),
    scheduler: opts.scheduler ?? 'manual',
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  });
  return {
    db,
    clock,
    faults,
    jira,
    forge,
    idp,
    fresh,
    reset() {
      forge.reset();
      jira.reset();
      idp.reset(idpPeople(jira));
      faults.reset();
    },
    async close() {
      saveClock(db, clock);
      await forge.close();
      SandboxClock.uninstallSeam();
      db.close();
    },
  };
}

/** The people both IdPs know: the Jira site's users (same emails), not the app's own account. */
function idpPeople(jira: JiraEmulator): Array<{ email: string; displayName: string }> {
  return jira
    .listUsers()
    .filter((u) => !u.roles.includes('app'))
    .map((u) => ({ email: u.email, displayName: u.displayName }));
}

// The clock survives restarts, so a demo that advanced time keeps its "now": a running clock
// keeps its offset from real time (time passed while stopped passes in the sandbox too), a
// frozen one stays at its instant.
const SavedClock = z.union([
  z.object({ offsetMs: z.number().finite(), frozenAt: z.number().finite().optional() }).strict(),
  // Written before the offset was saved: the instant and when it was saved.
  z.object({ nowMs: z.number().finite(), savedAtRealMs: z.number().finite() }).strict(),
]);

function restoreClock(db: SandboxDb, clock: SandboxClock): void {
  db.exec('CREATE TABLE IF NOT EXISTS sandbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM sandbox_meta WHERE key = 'clock'").get() as { value: string } | undefined;
  if (!row) return;
  const saved = SavedClock.safeParse(JSON.parse(row.value));
  if (!saved.success) return;
  const s = saved.data;
  clock.restore('offsetMs' in s ? s : { offsetMs: s.nowMs - s.savedAtRealMs });
}

export function saveClock(db: SandboxDb, clock: SandboxClock): void {
  db.prepare(
    "INSERT INTO sandbox_meta (key, value) VALUES ('clock', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(JSON.stringify(clock.state()));
}
