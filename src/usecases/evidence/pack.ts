// Gathers one grant's evidence (by the issue key of its request) and builds the
// pack files (domain/evidence/pack.ts). Reads only: the request and grant
// records, the governance chains they touch, the policy and the anchor tip.
import { buildEvidencePack, type PackFiles } from '../../domain/evidence/pack';
import type { GovernanceEvent, SubjectRef } from '../../domain/governance/event';
import type { AppStore } from '../../ports/store';
import { loadGrant, loadRequest } from '../shared/records';
import { loadPolicySet } from '../shared/catalog-repo';
import { loadAnchorTip } from '../governance/anchor-heads';
import { ExportError } from './export';

async function chainOf(store: AppStore, subject: SubjectRef): Promise<GovernanceEvent[]> {
  const out: GovernanceEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.eventsOf(`${subject.type}:${subject.id}`, { limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.map((e) => e.doc as GovernanceEvent));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

export async function buildGrantPack(
  store: AppStore,
  issueKey: string,
  now: Date,
  generatedBy?: string,
): Promise<PackFiles> {
  const found = await store.query<unknown>({ index: 'by-issue', partition: [issueKey], limit: 100 });
  const requestRec = found.items.find((r) => r.kind === 'request');
  if (!requestRec)
    throw new ExportError('EXPORT_NOT_FOUND', `no AI Clearance request has the issue key ${issueKey}; check the key`);
  const request = (await loadRequest(store, requestRec.id))?.doc;
  if (!request) throw new ExportError('EXPORT_NOT_FOUND', `the request of ${issueKey} could not be read`);
  const grant = request.grantId ? (await loadGrant(store, request.grantId))?.doc : undefined;

  const subjects: SubjectRef[] = [{ type: 'request', id: request.id }];
  if (grant) {
    subjects.push({ type: 'grant', id: grant.id });
    for (const x of grant.extensions)
      if (x.requestId !== request.id) subjects.push({ type: 'request', id: x.requestId });
  }
  const toolId = grant?.toolId ?? request.toolId;
  if (toolId) subjects.push({ type: 'catalog', id: toolId });
  subjects.push({ type: 'policy', id: 'risk-policy' });
  const chains = [];
  for (const subject of subjects) {
    const events = await chainOf(store, subject);
    if (events.length > 0) chains.push({ subject, events });
  }
  const policy = await loadPolicySet(store);
  const tip = await loadAnchorTip(store);
  return buildEvidencePack({
    issueKey,
    request,
    ...(grant ? { grant } : {}),
    policy: { version: policy.version, set: policy },
    chains,
    ...(tip ? { anchorTip: tip.doc.tip } : {}),
    generatedAt: now,
    ...(generatedBy ? { generatedBy } : {}),
  });
}
