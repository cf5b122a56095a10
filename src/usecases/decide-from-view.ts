// Decisions from the approvals view and the portal (resolvers): the same
// rules as the workflow transitions (shared/decision-plan.ts), but a refusal
// is answered to the caller (code + message) instead of commented on the
// ticket, because the person is looking at the screen. The ticket is then
// moved by the app (a transition carrying the comment, fields and property).
import { markDoNotRenew } from '../domain/grant/review';
import { loadDecisionContext } from './decision-context';
import { withConflictRetry } from './shared/commit';
import { commitDecision, deliverDecision } from './shared/decision-commit';
import { planDecision, type DecisionPlan, type Intent } from './shared/decision-plan';
import type { CoreDeps } from './shared/deps';
import { ForbiddenError, isRetryLater, NotFoundError, UseCaseRefusal } from './shared/errors';
import { approverIdentity, displayName } from './shared/names';
import { findRequest, grantPut, loadGrant } from './shared/records';
import { comment } from './shared/ticket-sync';
import { loadSyncEnv } from './shared/sync-env';

export const VIEW_ACTIONS = ['approve', 'decline', 'fulfil', 'revoke', 'cancel', 'hand_back', 'do_not_renew'] as const;
export type ViewAction = (typeof VIEW_ACTIONS)[number];

export interface ViewDecision {
  /** Issue id (= request id) or issue key. */
  request: string;
  action: ViewAction;
  actorId: string;
  days?: number | undefined;
  rationale?: string | undefined;
}

export interface ViewDecisionResult {
  outcome: string;
  requestId: string;
  issueKey: string;
  /** 'catching_up': the decision is saved, Jira was busy, and a queued job writes the ticket (a resolver has 25 s and no retries). */
  ticket?: 'written' | 'catching_up';
}

const INTENT: Record<Exclude<ViewAction, 'do_not_renew'>, Intent> = {
  approve: 'approve',
  decline: 'decline',
  fulfil: 'fulfil',
  revoke: 'revoke',
  cancel: 'cancel',
  hand_back: 'revoke',
};

/**
 * A decision made in the approvals view or the portal (approve, decline, fulfil, revoke, cancel, hand back,
 * stop renewing), committed with its governance events; the ticket write follows (or is queued).
 * @throws NotFoundError REQUEST_NOT_FOUND when no request has that key or id.
 * @throws ForbiddenError NOT_YOUR_REQUEST when someone else's access is handed back or stopped.
 * @throws UseCaseRefusal with the domain's refusal code (GRANT_NOT_LIVE, a state the decision does not apply to, …).
 * @throws RetryLaterError when storage kept conflicting or Jira was busy before anything was saved; a JiraHttpError
 *   (429/5xx) from the reads before the commit.
 */
export async function decideFromView(deps: CoreDeps, d: ViewDecision): Promise<ViewDecisionResult> {
  const { env } = await loadSyncEnv(deps);
  const actor = { type: 'user' as const, accountId: d.actorId };
  // Approving needs the approver's groups, read fresh; the same read gives the name.
  const approver = d.action === 'approve' ? await approverIdentity(deps, d.actorId) : undefined;
  const actorName = approver?.name ?? (await displayName(deps, d.actorId));
  return withConflictRetry(`${d.action} of ${d.request}`, async () => {
    const loaded = await findRequest(deps.store, d.request);
    if (!loaded)
      throw new NotFoundError('REQUEST_NOT_FOUND', `No AI access request ${d.request}; check the ticket key.`);
    const r = loaded.doc;
    // Requester-only actions: a person can only hand back or stop renewing their own access.
    if ((d.action === 'hand_back' || d.action === 'do_not_renew') && d.actorId !== r.requester) {
      throw new ForbiddenError('NOT_YOUR_REQUEST', 'Only the person who holds this access can do that.');
    }
    const now = deps.clock.now();
    let plan: DecisionPlan;
    let grant;
    if (d.action === 'do_not_renew') {
      const g = r.grantId ? await loadGrant(deps.store, r.grantId) : undefined;
      if (!g) throw new UseCaseRefusal('GRANT_NOT_LIVE', 'There is no access on this request to stop renewing.');
      const m = markDoNotRenew(g.doc, { actor, now });
      if (!m.ok) throw new UseCaseRefusal(m.error.code, m.error.message);
      grant = m.value.next;
      plan = {
        outcome: 'do_not_renew',
        grant,
        puts: [grantPut(grant, g.version)],
        deletes: [],
        events: m.value.events,
        comments: [comment('do-not-renew-ack', { toolName: g.doc.toolName, expiresAt: g.doc.expiresAt })],
        jobs: [],
        fresh: [],
      };
    } else {
      const ctx = await loadDecisionContext(deps, loaded, INTENT[d.action], actor, actorName, now, {
        days: d.days,
        rationale: d.rationale,
        approverGroups: approver?.groups,
      });
      const result = planDecision(ctx, INTENT[d.action]);
      if (!result.ok) throw new UseCaseRefusal(result.refusal.code, result.refusal.message);
      plan = result.plan;
      grant = ctx.grant?.doc;
    }
    const committed = await commitDecision(env, loaded, plan, now, { issueKey: r.ticket.key }, grant);
    try {
      await deliverDecision(env, committed, { statusFresh: false });
    } catch (e) {
      // Saved, but Jira is busy: the aic-work queue writes the ticket with its retries (a resolver has none).
      if (!isRetryLater(e)) throw e;
      await deps.queue.push(
        [{ type: 'ticket.sync', requestId: r.id, idempotencyKey: `${r.id}:view:${now.getTime()}` }],
        { delayInSeconds: Math.min(900, Math.ceil(e.retryAfterSeconds)) },
      );
      return { outcome: plan.outcome, requestId: r.id, issueKey: r.ticket.key, ticket: 'catching_up' };
    }
    return { outcome: plan.outcome, requestId: r.id, issueKey: r.ticket.key, ticket: 'written' };
  });
}
