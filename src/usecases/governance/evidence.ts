// Evidence exports and whole-log verification for auditors. An export holds
// the full chains of the subjects it covers (a chain cut in the middle could
// not be verified), the anchors, and the manifest; `ai-clearance
// evidence verify <file>` checks it offline.
import type { GovernanceEvent, SubjectRef } from '../../domain/governance/event';
import { buildEvidenceBundle, type EvidenceBundle } from '../../domain/governance/evidence';
import { verifyLog, type VerifyResult } from '../../domain/governance/verify';
import type { AppStore } from '../../ports/store';
import { loadAnchors, loadAnchorTip } from './anchor-heads';
import { chainOf, pageAll } from './subject-chain';

export interface EvidenceRequest {
  /** ISO times; subjects with any event in [from, to] are exported with their whole chains. Default: everything. */
  from?: string;
  to?: string;
  personalData?: 'include' | 'omit';
  generatedBy?: string;
  site?: string;
}

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Stored subjects are `${type}:${id}` (ids never contain ':'), as written by usecases/shared/governance. */
function subjectRefOf(key: string): SubjectRef {
  const i = key.indexOf(':');
  return { type: key.slice(0, i), id: key.slice(i + 1) } as SubjectRef;
}

async function subjectsTouched(store: AppStore, fromSec: number, toSec: number): Promise<string[]> {
  const events = await pageAll((cursor) =>
    store.eventsBetween(fromSec, toSec, { limit: 100, ...(cursor ? { cursor } : {}) }),
  );
  return [...new Set(events.map((e) => e.subject))].sort();
}

export async function exportEvidence(store: AppStore, req: EvidenceRequest, now: Date): Promise<EvidenceBundle> {
  const everything = req.from === undefined && req.to === undefined;
  const subjects = await subjectsTouched(
    store,
    req.from ? epoch(req.from) : 0,
    req.to ? epoch(req.to) : Math.floor(now.getTime() / 1000),
  );
  const events: GovernanceEvent[] = [];
  for (const s of subjects) for (const stored of await chainOf(store, s)) events.push(stored.doc as GovernanceEvent);
  const tip = await loadAnchorTip(store);
  return buildEvidenceBundle(events, await loadAnchors(store), {
    generatedAt: now,
    scope: everything ? 'complete' : 'partial',
    personalData: req.personalData ?? 'include',
    ...(req.generatedBy ? { generatedBy: req.generatedBy } : {}),
    ...(req.site ? { site: req.site } : {}),
    ...(tip ? { anchorTip: tip.doc.tip } : {}),
    description: everything
      ? 'The whole AI Clearance governance log.'
      : `Every subject with an event between ${req.from ?? 'the start'} and ${req.to ?? now.toISOString()}, with its whole chain.`,
  });
}

/** Walks every chain, every head and every anchor; names the first broken link. */
export async function verifyWholeLog(store: AppStore, now: Date): Promise<VerifyResult> {
  const subjects = await subjectsTouched(store, 0, Math.floor(now.getTime() / 1000));
  const input = [];
  const heads: unknown[] = [];
  for (const s of subjects) {
    input.push({ subject: subjectRefOf(s), events: (await chainOf(store, s)).map((e) => e.doc) });
    const head = await store.get<unknown>('gov-head', s);
    if (head) heads.push(head.doc);
  }
  const tip = await loadAnchorTip(store);
  return verifyLog({
    subjects: input,
    anchors: await loadAnchors(store),
    heads,
    ...(tip ? { anchorTip: tip.doc.tip } : {}),
    scope: 'complete',
  });
}
