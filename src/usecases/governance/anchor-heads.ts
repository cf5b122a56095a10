// Anchors the governance log: every run seals the subject heads that moved
// since the last anchor into a chained anchor record, so deleting a subject's
// newest events, or a whole subject, is detectable (per-subject chains alone
// cannot show a truncated tail). Runs after the hourly sweeps; idempotent (a
// run with nothing new writes nothing) and safe to repeat after a crash (the
// tip is moved in the same commit as the anchors it points at).
import type { Anchor, AnchorTip } from '../../domain/governance/anchor';
import type { SubjectHead } from '../../domain/governance/event';
import { anchorTipOf, anchorTipSchema, buildAnchors } from '../../domain/governance/anchor';
import { subjectHeadSchema } from '../../domain/governance/event';
import { isStoreConflict, type AppStore, type RecordPut } from '../../ports/store';

export const ANCHOR_TIP_ID = 'tip';
/** Heads sealed per run at most; the rest wait for the next run (the watermark says where to resume). */
const MAX_HEADS_PER_RUN = 5000;

interface TipDoc {
  tip: AnchorTip;
  /** Heads that moved at or before this epoch second are sealed. */
  watermark: number;
}

export function anchorId(anchorSeq: number): string {
  return String(anchorSeq).padStart(10, '0');
}

export async function loadAnchorTip(store: AppStore): Promise<{ doc: TipDoc; version: number } | undefined> {
  const rec = await store.get<TipDoc>('gov-anchor', ANCHOR_TIP_ID);
  if (!rec) return undefined;
  return { doc: { tip: anchorTipSchema.parse(rec.doc.tip), watermark: rec.doc.watermark }, version: rec.version };
}

export interface AnchorRun {
  sealedHeads: number;
  anchors: number;
  tip?: AnchorTip;
}

export async function anchorGovernanceHeads(store: AppStore, now: Date): Promise<AnchorRun> {
  const current = await loadAnchorTip(store);
  const nowSec = Math.floor(now.getTime() / 1000);
  const from = current ? current.doc.watermark + 1 : 0;
  if (from > nowSec) return { sealedHeads: 0, anchors: 0, ...(current ? { tip: current.doc.tip } : {}) };

  const heads: SubjectHead[] = [];
  let watermark = current?.doc.watermark ?? 0;
  let cursor: string | undefined;
  do {
    const page = await store.query<unknown>({
      index: 'by-kind-due',
      partition: ['gov-head'],
      dueAt: { from, to: nowSec },
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const r of page.items) {
      heads.push(subjectHeadSchema.parse(r.doc));
      watermark = Math.max(watermark, r.dueAt ?? 0);
    }
    cursor = page.cursor;
  } while (cursor && heads.length < MAX_HEADS_PER_RUN);
  // Only whole seconds count as sealed, so a head moving later in the last second read is picked up
  // (and harmlessly sealed again) by the next run.
  watermark = cursor ? watermark - 1 : Math.max(watermark, nowSec - 1);
  if (heads.length === 0) return { sealedHeads: 0, anchors: 0, ...(current ? { tip: current.doc.tip } : {}) };

  const anchors: Anchor[] = buildAnchors(current?.doc.tip, heads, now);
  const last = anchors[anchors.length - 1];
  const tip = anchorTipOf(last);
  const puts: RecordPut[] = anchors.map((a) => ({
    record: { kind: 'gov-anchor', id: anchorId(a.anchorSeq), version: 1, dueAt: a.anchorSeq, doc: a },
    expected: 'absent',
  }));
  puts.push({
    record: {
      kind: 'gov-anchor',
      id: ANCHOR_TIP_ID,
      version: (current?.version ?? 0) + 1,
      dueAt: 0,
      doc: { tip, watermark } satisfies TipDoc,
    },
    expected: current ? current.version : 'absent',
  });
  try {
    await store.commit({ puts });
  } catch (e) {
    // Another run anchored at the same moment: its anchors stand, this run's are not needed.
    if (isStoreConflict(e)) return { sealedHeads: 0, anchors: 0 };
    throw e;
  }
  return { sealedHeads: heads.length, anchors: anchors.length, tip };
}

/** Every stored anchor in anchorSeq order. */
export async function loadAnchors(store: AppStore): Promise<Anchor[]> {
  const out: Anchor[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<Anchor>({
      index: 'by-kind-due',
      partition: ['gov-anchor'],
      dueAt: { from: 1 },
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items.map((r) => r.doc));
    cursor = page.cursor;
  } while (cursor);
  return out;
}
