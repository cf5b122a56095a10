// The catalog safety net: live grants (and pending requests) of tools that
// are suspended or retired but were not handled when the tool left the
// catalog (a crash half way, a failed write, an import) are flagged or
// revoked per the liveGrantsOnLeave setting. The work itself is the catalog
// use case's (applyLeavingConsequences): one commit per record, re-runs touch
// only still-pending requests and still-live, unflagged (or, with 'revoke',
// unrevoked) grants — so a sweep after a clean suspension changes nothing.
import type { CatalogEntry } from '../../domain/catalog/types';
import type { StoredRecord } from '../../ports/store';
import { applyLeavingConsequences } from '../catalog/consequences';
import type { CatalogDeps } from '../catalog/deps';
import type { SweepContext } from './context';

const LEFT = ['suspended', 'retired'] as const;

/** Suspended and retired catalog entries (few: the catalog, not the grants). */
async function leftEntries(ctx: SweepContext): Promise<StoredRecord<unknown>[]> {
  const out: StoredRecord<unknown>[] = [];
  for (const status of LEFT) {
    let cursor: string | undefined;
    do {
      const page = await ctx.deps.store.query<unknown>({
        index: 'by-kind-status',
        partition: ['catalog', status],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  }
  return out;
}

function catalogDeps(ctx: SweepContext): CatalogDeps {
  const d = ctx.deps;
  return {
    store: d.store,
    jira: d.jira,
    now: () => ctx.now,
    random: d.random,
    queue: d.queue,
    liveGrantSetting: ctx.app.liveGrantsOnLeave,
  };
}

/** Runs the net over every left entry; `stop` is the budget check (true = stop here, the continuation redoes the phase). */
export async function sweepCatalog(ctx: SweepContext, stop: () => boolean): Promise<boolean> {
  const deps = catalogDeps(ctx);
  const left = await leftEntries(ctx);
  if (left.length === 0) return false;
  for (const rec of left) {
    if (stop()) return true;
    ctx.items++;
    const entry = rec.doc as CatalogEntry;
    if (entry.status !== 'suspended' && entry.status !== 'retired') continue;
    const report = await applyLeavingConsequences(deps, entry, { type: 'system' });
    ctx.counts.flagged += report.flagged.length;
    ctx.counts.revoked += report.revoked.length;
    ctx.counts.declinedForCatalog += report.declined.length;
    for (const f of report.failed) ctx.errors.push(`catalog ${entry.id}: ${f.id}: ${f.error}`);
  }
  return false;
}
