// Gathers the evidence of one grant (by its request's issue key) or of every
// grant approved in a period, and builds the pack files (domain/evidence/pack.ts).
// Reads only: request and grant records, the governance chains they touch, the
// policy and the anchor tip.
import {
  buildEvidencePack,
  subjectsOf,
  type PackFiles,
  type PackGrant,
  type PackScope,
} from '../../domain/evidence/pack';
import { subjectKeyOf, type GovernanceEvent, type SubjectRef } from '../../domain/governance/event';
import { grantDocSchema } from '../../domain/grant/types';
import type { AppStore } from '../../ports/store';
import { loadGrant, loadRequest, recordsOf } from '../shared/records';
import { loadPolicySet } from '../shared/catalog-repo';
import { parseStored } from '../shared/stored-data';
import { loadAnchorTip } from '../governance/anchor-heads';
import { chainOf } from '../governance/subject-chain';
import { ExportError } from './export';

/**
 * A period pack is answered by resolver calls (25 s, 5 MB: platform-contract.md EXP-1): one call packs at most
 * this many grants, so a longer period is packed in parts, each a whole pack with its own manifest.
 */
export const GRANTS_PER_PACK_PART = 25;

/** Which part of a period pack an answer is, and how many grants the period has. */
export interface PackPart {
  n: number;
  of: number;
  grants: number;
  total: number;
}

async function packOf(
  store: AppStore,
  scope: PackScope,
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
    throw new ExportError(
      'PACK_NOT_FOUND',
      `no AI Clearance request has the issue key ${issueKey}; give the Jira issue key of an access request ticket (e.g. AIC-1)`,
    );
  const grant = request.grantId ? (await loadGrant(store, request.grantId))?.doc : undefined;
  return packOf(store, { issueKey }, [{ issueKey, request, ...(grant ? { grant } : {}) }], now, generatedBy);
}

/**
 * Part `part` (1-based) of the pack of every grant approved in [from, to] (ISO times), of one tool if `toolId`
 * is given, each with its request:
 * grants in approval order (then id), GRANTS_PER_PACK_PART a part. Grants approved later sort after the
 * period's earlier ones, so the parts already downloaded keep their grants.
 */
export async function buildPeriodPack(
  store: AppStore,
  period: { from: string; to: string; toolId?: string; part?: number },
  now: Date,
  generatedBy?: string,
): Promise<{ files: PackFiles; part: PackPart }> {
  const fromMs = Date.parse(period.from);
  const toMs = Date.parse(period.to);
  // Only the ids and approval times of the period's grants are kept while listing, not the records.
  const inPeriod: Array<{ id: string; approvedAt: string }> = [];
  for await (const r of recordsOf(store, 'grant')) {
    const g = parseStored(grantDocSchema, r.doc, `grant ${r.id}`);
    const at = Date.parse(g.approvedAt);
    if (at >= fromMs && at <= toMs && (!period.toolId || g.toolId === period.toolId))
      inPeriod.push({ id: g.id, approvedAt: g.approvedAt });
  }
  inPeriod.sort((a, b) =>
    a.approvedAt < b.approvedAt ? -1 : a.approvedAt > b.approvedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const of = Math.max(1, Math.ceil(inPeriod.length / GRANTS_PER_PACK_PART));
  const n = period.part ?? 1;
  if (n > of)
    throw new ExportError(
      'PACK_PART_NOT_FOUND',
      `${inPeriod.length} grants were approved in this period: ${of} part${of === 1 ? '' : 's'} of at most ${GRANTS_PER_PACK_PART}; ask for part 1..${of}`,
    );
  const items: PackGrant[] = [];
  for (const { id } of inPeriod.slice((n - 1) * GRANTS_PER_PACK_PART, n * GRANTS_PER_PACK_PART)) {
    const grant = (await loadGrant(store, id))?.doc;
    const request = (await loadRequest(store, id))?.doc;
    if (grant && request) items.push({ issueKey: grant.ticket.key, request, grant });
  }
  const scope: PackScope = {
    from: period.from,
    to: period.to,
    ...(period.toolId ? { toolId: period.toolId } : {}),
    ...(of > 1 ? { part: { n, of } } : {}),
  };
  const files = await packOf(store, scope, items, now, generatedBy);
  return { files, part: { n, of, grants: items.length, total: inPeriod.length } };
}
