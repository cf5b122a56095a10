// Loads what a decision needs for one request: its grant (or, for an
// extension, the grant it extends and that grant's ticket), the lock it may
// move or release, and — for approvals — the tool and policy as they are now.
import { isLive } from '../domain/grant/types';
import { lockId } from '../domain/request/lock';
import type { ActorRef } from '../domain/request/types';
import { loadCatalogEntry, loadPolicySet, policyOf, toToolView } from './shared/catalog-repo';
import type { DecisionContext, Intent } from './shared/decision-plan';
import type { CoreDeps } from './shared/deps';
import { loadGrant, loadLock, loadRequest, type Loaded, type RequestRecord } from './shared/records';

export async function loadDecisionContext(
  deps: CoreDeps,
  request: Loaded<RequestRecord>,
  intent: Intent,
  actor: ActorRef & { type: 'user' },
  actorName: string,
  now: Date,
  extra: Pick<DecisionContext, 'days' | 'rationale' | 'approverGroups'> = {},
): Promise<DecisionContext> {
  const r = request.doc;
  const ctx: DecisionContext = { request, actor, actorName, now, ...extra };
  if (r.kind === 'access' && r.grantId) ctx.grant = await loadGrant(deps.store, r.grantId);
  if (r.kind === 'extension' && r.grantId && r.status === 'pending_approval') {
    const g = await loadGrant(deps.store, r.grantId);
    const owner = g && isLive(g.doc.status) ? await loadRequest(deps.store, g.doc.id) : undefined;
    if (g && owner) ctx.target = { grant: g, request: owner };
  }
  if (r.toolId) {
    const id = lockId(r.requester, r.toolId, r.kind === 'extension' ? 'extension' : 'access');
    const lock = await loadLock(deps.store, id);
    if (lock) ctx.lock = { ...lock, id };
  }
  if ((intent === 'approve' || intent === 'approve_and_fulfil') && r.toolId && r.status === 'pending_approval') {
    const entry = await loadCatalogEntry(deps.store, r.toolId);
    if (entry) {
      ctx.tool = toToolView(entry);
      const set = await loadPolicySet(deps.store);
      ctx.policy = policyOf(set, entry);
      // The high-risk approvers are the higher tier for extensions past maxTotalDays; read from the set so a renamed group is respected.
      ctx.overrideGroup = set.levels.high.approverGroup;
    }
  }
  return ctx;
}
