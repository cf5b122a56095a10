// Gathers the evidence of one grant (by its request's issue key) or of every
// grant approved in a period, and builds the pack files (domain/evidence/pack.ts).
// Reads only: request and grant records, the governance chains they touch, the
// policy and the anchor tip.
import { buildEvidencePack, subjectsOf, type PackFiles, type PackGrant } from '../../domain/evidence/pack';
import { subjectKeyOf, type GovernanceEvent, type SubjectRef } from '../../domain/governance/event';
import { grantDocSchema } from '../../domain/grant/types';
import type { AppStore } from '../../ports/store';
import { loadGrant, loadRequest } from '../shared/records';
import { loadPolicySet } from '../shared/catalog-repo';
import { parseStored } from '../shared/stored-data';
import { loadAnchorTip } from '../governance/anchor-heads';
import { chainOf, pageAll } from '../governance/subject-chain';
import { ExportError } from './export';

/**
 * A period pack is answered by one resolver call (25 s, 5 MB: platform-contract.md EXP-1): it holds at most
 * this many grants; a longer period is refused with what to do instead.
 */
export const MAX_PERIOD_GRANTS = 50;

async function packOf(
  store: AppStore,
  scope: { issueKey: string } | { from: string; to: string },
  grants: PackGrant[],
  now: Date,
  generatedBy: string | undefined,
): Promise<PackFiles> {
  const subjects = new Map<string, SubjectRef>();
  for (const g of grants) for (const s of subjectsOf(g)) subjects.set(subjectKeyOf(s), s);
  const chains = [];
  for (const subject of subjects.values()) {
    const events = (await chainOf(store, subjectKeyOf(subject))).map((e) => e.doc as GovernanceEvent);
    if (events.length > 0) chains.push({ subject, events });
  }
  const policy = await loadPolicySet(store);
  const tip = await loadAnchorTip(store);
  return buildEvidencePack({
    scope,
    grants,
    policy: { version: policy.version, set: policy },
    chains,
    ...(tip ? { anchorTip: tip.doc.tip } : {}),
    generatedAt: now,
    ...(generatedBy ? { generatedBy } : {}),
  });
}

export async function buildGrantPack(
  store: AppStore,
  issueKey: string,
  now: Date,
  generatedBy?: string,
): Promise<PackFiles> {
  const found = await store.query<unknown>({ index: 'by-issue', partition: [issueKey], limit: 100 });
  const requestRec = found.items.find((r) => r.kind === 'request');
  const request = requestRec ? (await loadRequest(store, requestRec.id))?.doc : undefined;
  if (!request)
    throw new ExportError('EXPORT_NOT_FOUND', `no AI Clearance request has the issue key ${issueKey}; check the key`);
  const grant = request.grantId ? (await loadGrant(store, request.grantId))?.doc : undefined;
  return packOf(store, { issueKey }, [{ issueKey, request, ...(grant ? { grant } : {}) }], now, generatedBy);
}

/** Every grant approved in [from, to] (ISO times), each with its request. */
export async function buildPeriodPack(
  store: AppStore,
  period: { from: string; to: string },
  now: Date,
  generatedBy?: string,
): Promise<PackFiles> {
  const fromMs = Date.parse(period.from);
  const toMs = Date.parse(period.to);
  const grants = (
    await pageAll((cursor) =>
      store.query<unknown>({ index: 'by-kind-due', partition: ['grant'], limit: 100, ...(cursor ? { cursor } : {}) }),
    )
  )
    .map((r) => parseStored(grantDocSchema, r.doc, `grant ${r.id}`))
    .filter((g) => {
      const at = Date.parse(g.approvedAt);
      return at >= fromMs && at <= toMs;
    });
  if (grants.length > MAX_PERIOD_GRANTS)
    throw new ExportError(
      'EXPORT_TOO_LARGE',
      `${grants.length} grants were approved in this period; a pack holds at most ${MAX_PERIOD_GRANTS}: shorten the period, or export grants and events (evidence export) for the whole of it`,
    );
  grants.sort((a, b) => (a.approvedAt < b.approvedAt ? -1 : a.approvedAt > b.approvedAt ? 1 : 0));
  const items: PackGrant[] = [];
  for (const g of grants) {
    const request = (await loadRequest(store, g.id))?.doc;
    if (request) items.push({ issueKey: g.ticket.key, request, grant: g });
  }
  return packOf(store, period, items, now, generatedBy);
}
