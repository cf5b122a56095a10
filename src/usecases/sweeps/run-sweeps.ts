// The lifecycle sweep run. Every phase reads ONLY due items through the
// by-kind-due index (dueAt ≤ runAt), so the cost follows due items, not all
// grants. A done item's dueAt moves past runAt (next step, retention time, or
// none), so it leaves the range by itself; items that stay (skipped, failed)
// are remembered for this invocation and paged past.
//
// Before each item the budget is checked; when it runs out the run stops at a
// checkpoint (runAt + phase) and queues `sweep.continue` for the rest.
import { SWEEP_PHASES, type SweepCheckpoint, type SweepPhase } from '../../domain/sweeps/continuation';
import type { SweepName } from '../../domain/sweeps/plan';
import type { RecordKind, StoredRecord } from '../../ports/store';
import { sweepCatalog } from './catalog';
import { makeContext, wants, type SweepBudget, type SweepContext, type SweepCounts, type SweepDeps } from './context';
import { sweepGrant, type ItemOutcome } from './grant-steps';
import { resumeMarker } from './outbox';
import { reconcileTickets } from './reconcile';
import { sweepRequest } from './request-steps';
import { sweepRetention } from './retention';
import { dateUndatedExportRuns, sweepExportRetention } from './export-retention';
import { grantDocSchema } from '../../domain/grant/types';
import { isLive } from '../../domain/grant/types';
import { isRetryLater } from '../shared/errors';

const PAGE = 50;
const MAX_HOPS = 200;

export interface SweepRunInput {
  only?: SweepName | undefined;
  budget?: SweepBudget;
  /** Set by a continuation: carry on from here with the original run's clock. */
  checkpoint?: SweepCheckpoint | undefined;
}

export interface SweepRunResult {
  runAt: string;
  counts: SweepCounts;
  /** Items looked at in this invocation. */
  items: number;
  /** Set when the run stopped early and queued the rest. */
  continuedFrom?: SweepCheckpoint;
  errors: string[];
}

type Handler = (ctx: SweepContext, rec: StoredRecord<unknown>) => Promise<ItemOutcome>;

function phaseQuery(phase: SweepPhase): { kind: RecordKind; handle: Handler } | undefined {
  switch (phase) {
    case 'outbox':
      return {
        kind: 'sweep',
        handle: async (ctx, rec) => ((await resumeMarker(ctx, rec)) === 'done' ? 'done' : 'retry'),
      };
    case 'grants':
      return {
        kind: 'grant',
        handle: async (ctx, rec) => (isLiveRecord(rec) ? sweepGrant(ctx, rec) : sweepRetention(ctx, rec)),
      };
    case 'requests':
      return {
        kind: 'request',
        handle: async (ctx, rec) =>
          rec.status === 'pending_approval' ? sweepRequest(ctx, rec) : sweepRetention(ctx, rec),
      };
    case 'exports':
      return { kind: 'export', handle: sweepExportRetention };
    default:
      // The catalog phase is not driven by due times (see runPhase and catalog.ts).
      return undefined;
  }
}

function isLiveRecord(rec: StoredRecord<unknown>): boolean {
  const g = grantDocSchema.safeParse(rec.doc);
  return g.success ? isLive(g.data.status) : true;
}

function outOfBudget(ctx: SweepContext, budget: SweepBudget): boolean {
  if (budget.maxItems !== undefined && ctx.items >= budget.maxItems) return true;
  return budget.deadlineMs !== undefined && (budget.realNow ?? Date.now)() >= budget.deadlineMs;
}

/** Runs the phases from the checkpoint (or the start); true when a phase had to stop early. */
async function runPhase(ctx: SweepContext, phase: SweepPhase, runAt: number, budget: SweepBudget): Promise<boolean> {
  if (phase === 'catalog') return wants(ctx, 'catalog') ? sweepCatalog(ctx, () => outOfBudget(ctx, budget)) : false;
  if (phase === 'reconcile')
    return wants(ctx, 'reconcile') ? reconcileTickets(ctx, () => outOfBudget(ctx, budget)) : false;
  const q = phaseQuery(phase);
  if (!q) return false;
  if (phase === 'exports') await dateUndatedExportRuns(ctx);
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await ctx.deps.store.query<unknown>({
      index: 'by-kind-due',
      partition: [q.kind],
      dueAt: { to: runAt },
      sort: 'ASC',
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    const fresh = page.items.filter((r) => !seen.has(r.id));
    for (const rec of fresh) {
      if (outOfBudget(ctx, budget)) return true;
      ctx.items++;
      seen.add(rec.id);
      let outcome: ItemOutcome;
      try {
        outcome = await q.handle(ctx, rec);
      } catch (e) {
        // One broken item must not stop the sweep; it stays due and is retried next run.
        if (isRetryLater(e)) ctx.counts.failed++;
        ctx.errors.push(`${q.kind} ${rec.id}: ${e instanceof Error ? e.message : String(e)}`);
        outcome = 'retry';
      }
      if (outcome === 'skipped') ctx.counts.skipped++;
    }
    // Done items left the range, so the first page is new again; only follow the cursor past items we keep seeing.
    if (fresh.length > 0 && fresh.length === page.items.length) cursor = undefined;
    else if (page.cursor) cursor = page.cursor;
    else return false;
    if (page.items.length === 0) return false;
  }
}

export async function runSweeps(deps: SweepDeps, input: SweepRunInput = {}): Promise<SweepRunResult> {
  const cp = input.checkpoint;
  const now = cp ? new Date(cp.runAt * 1000) : deps.clock.now();
  const ctx = await makeContext(deps, now, input.only);
  const budget = input.budget ?? {};
  const start = cp ? SWEEP_PHASES.indexOf(cp.phase) : 0;
  const result: SweepRunResult = { runAt: now.toISOString(), counts: ctx.counts, items: 0, errors: ctx.errors };
  for (const phase of SWEEP_PHASES.slice(start)) {
    if (await runPhase(ctx, phase, ctx.nowS, budget)) {
      const hop = (cp?.hop ?? 0) + 1;
      const next: SweepCheckpoint = { runAt: ctx.nowS, phase, hop: Math.min(hop, MAX_HOPS) };
      if (hop < MAX_HOPS) {
        await deps.continuation.push({ type: 'sweep.continue', sweep: input.only ?? 'all', checkpoint: next });
        result.continuedFrom = next;
      } else {
        ctx.errors.push(`sweep stopped after ${MAX_HOPS} continuations; the next scheduled run picks up the rest`);
      }
      break;
    }
  }
  result.items = ctx.items;
  return result;
}
