// Everything one sweep invocation needs, read once per run: the ports, the
// run's clock, settings, the workflow mapping and field ids for ticket stamps.
import * as z from 'zod/mini';
import { randomBytes } from 'node:crypto';
import { PARSE } from '../../domain/zod-messages';
import { DEFAULT_RETENTION_DAYS, MIN_RETENTION_DAYS, type SweepName } from '../../domain/sweeps/plan';
import type { CoreDeps } from '../shared/deps';
import { SETTINGS_RECORD_ID, settingsOf, type AppSettings } from '../shared/app-settings';
import { loadSyncEnv } from '../shared/sync-env';
import type { SyncEnv } from '../shared/ticket-sync';
import type { SweepContinueJob } from '../../domain/sweeps/continuation';

/** Where continuation jobs go (the aic-work queue inside Forge). */
export interface SweepQueue {
  push(job: SweepContinueJob, opts?: { delayInSeconds?: number }): Promise<void>;
}

export interface SweepDeps extends CoreDeps {
  continuation: SweepQueue;
  /** The account the app acts as: the reconciliation tells the app's own status changes from people's. */
  appAccountId?: () => Promise<string | undefined>;
  /** The issue property the portal panel's submission is stored under (the app id's UUID), for intakes the reconciliation runs. */
  panelPropertyKey?: () => Promise<string | undefined>;
}

/** When to stop and hand the rest to a continuation. Real time, not the sandbox clock: the limit is the invocation's. */
export interface SweepBudget {
  /** Stop after this many items (tests, benchmarks). */
  maxItems?: number;
  /** Stop when realNow() passes this (epoch ms). */
  deadlineMs?: number;
  realNow?: () => number;
}

/** Sweep settings in the settings/app record (the shared schema keeps unknown keys). */
const sweepSettingsSchema = z.looseObject({
  /** Days after a record closes before its personal data is minimised. */
  retentionDays: z._default(z.int().check(z.minimum(MIN_RETENTION_DAYS), z.maximum(36_500)), DEFAULT_RETENTION_DAYS),
  /** Live grants of a suspended/retired tool: flag for review (default) or revoke. The admin setting's name; anything else means flag. */
  // Not z.catch: zod/mini's catch reaches its whole util namespace, ~7 KB in every Forge chunk.
  liveGrantsOnLeave: z.pipe(
    z.optional(z.unknown()),
    z.transform((v): 'flag' | 'revoke' => (v === 'revoke' ? 'revoke' : 'flag')),
  ),
});
export type SweepSettings = z.infer<typeof sweepSettingsSchema>;

/** The sweep settings in a stored settings/app doc (defaults for what is missing; a bad retentionDays throws, naming it). */
export function parseSweepSettings(doc: unknown): SweepSettings {
  return sweepSettingsSchema.parse(doc ?? {}, PARSE);
}

export interface SweepCounts {
  reminded: number;
  expired: number;
  escalated: number;
  lapsed: number;
  minimised: number;
  flagged: number;
  revoked: number;
  /** Pending requests of a suspended/retired tool declined by the catalog net. */
  declinedForCatalog: number;
  resumed: number;
  /** Tickets the reconciliation brought back in line (intake, decision, owed write, status repair). */
  reconciled: number;
  skipped: number;
  failed: number;
}

export interface SweepContext {
  deps: SweepDeps;
  env: SyncEnv;
  now: Date;
  nowS: number;
  /** Only this sweep (CLI --only); undefined = all. */
  only: SweepName | undefined;
  app: AppSettings;
  sweep: SweepSettings;
  counts: SweepCounts;
  /** Items looked at in this invocation (budget). */
  items: number;
  errors: string[];
}

export function zeroCounts(): SweepCounts {
  return {
    reminded: 0,
    expired: 0,
    escalated: 0,
    lapsed: 0,
    minimised: 0,
    flagged: 0,
    revoked: 0,
    declinedForCatalog: 0,
    resumed: 0,
    reconciled: 0,
    skipped: 0,
    failed: 0,
  };
}

export async function makeContext(deps: SweepDeps, now: Date, only: SweepName | undefined): Promise<SweepContext> {
  const [settings, { env }] = await Promise.all([
    deps.store.get<unknown>('settings', SETTINGS_RECORD_ID),
    loadSyncEnv(deps, { discover: false }),
  ]);
  // One read of settings/app: the app settings and the sweep settings are two views of it.
  const app = settingsOf(settings?.doc);
  const sweep = parseSweepSettings(settings?.doc);
  return {
    deps,
    env,
    now,
    nowS: Math.floor(now.getTime() / 1000),
    only,
    app,
    sweep,
    counts: zeroCounts(),
    items: 0,
    errors: [],
  };
}

export function wants(ctx: SweepContext, sweep: SweepName): boolean {
  return ctx.only === undefined || ctx.only === sweep;
}

export const cryptoRandom = (n: number): Uint8Array => randomBytes(n);
