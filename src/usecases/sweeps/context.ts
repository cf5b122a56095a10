// Everything one sweep invocation needs, read once per run: the ports, the
// run's clock, settings, the workflow mapping and field ids for ticket stamps.
import type { SweepName } from '../../domain/sweeps/plan';
import type { CoreDeps } from '../shared/deps';
import { loadSettingsRead, type AppSettings } from '../shared/app-settings';
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
  /** Connector jobs an outbox record still held, never run, pushed to the queue again. */
  requeued: number;
  /** Tickets the reconciliation brought back in line (intake, decision, owed write, status repair). */
  reconciled: number;
  /** Evidence export runs deleted (with their chunks) after EXPORT_RETENTION_DAYS. */
  exportsDeleted: number;
  exportChunksDeleted: number;
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
  /** settings/app, read once per invocation (the retention period, the escalation target, live grants of a leaving tool). */
  app: AppSettings;
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
    requeued: 0,
    reconciled: 0,
    exportsDeleted: 0,
    exportChunksDeleted: 0,
    skipped: 0,
    failed: 0,
  };
}

export async function makeContext(deps: SweepDeps, now: Date, only: SweepName | undefined): Promise<SweepContext> {
  const [{ settings: app, problems }, { env }] = await Promise.all([
    loadSettingsRead(deps.store),
    loadSyncEnv(deps, { discover: false }),
  ]);
  return {
    deps,
    env,
    now,
    nowS: Math.floor(now.getTime() / 1000),
    only,
    app,
    counts: zeroCounts(),
    items: 0,
    // A setting that fell back to its default is reported in the run's result, every run until it is fixed.
    errors: [...problems],
  };
}

export function wants(ctx: SweepContext, sweep: SweepName): boolean {
  return ctx.only === undefined || ctx.only === sweep;
}
