// What the agent's issue panel shows before anyone clicks: may this person
// approve or decline this request, and if not, why. It runs the same
// decision rules as a real decision (planDecision over the same context:
// separation of duties, the approver group read fresh from Jira, the tool and
// policy as they are now) and saves nothing, so the panel can never say
// "you may" where the decision would then refuse.
import { RATIONALE_MIN_CHARS } from '../domain/request/decisions';
import { lockId } from '../domain/request/lock';
import { loadDecisionContext } from './decision-context';
import { planDecision } from './shared/decision-plan';
import type { CoreDeps } from './shared/deps';
import { UseCaseRefusal } from './shared/errors';
import { approverIdentity } from './shared/names';
import { findRequest, loadLock, type RequestRecord } from './shared/records';

export interface ActionCheck {
  allowed: boolean;
  /** The refusal code a decision would answer (SELF_APPROVAL, APPROVER_NOT_IN_GROUP, ...). */
  code?: string;
  message?: string;
}

export interface DecisionPreview {
  requestId: string;
  issueKey: string;
  approve: ActionCheck & {
    /** The days a decision may grant: at most what was asked and what the policy allows now. */
    maxDays?: number;
    requestedDays?: number;
  };
  decline: ActionCheck & { rationaleMinChars: number };
  policy: {
    version: number;
    riskLevel: string;
    maxDays: number;
    defaultDays: number;
    approverGroup: string;
  } | null;
  /** The (requester, tool) duplicate check: who holds the lock that keeps one open request or grant per tool. */
  duplicate: { result: 'unique' | 'blocked' | 'not_checked'; holderIssueKey?: string; message: string };
}

function duplicateOf(r: RequestRecord, holder: { issueKey: string } | undefined): DecisionPreview['duplicate'] {
  if (r.blockedBy)
    return {
      result: 'blocked',
      holderIssueKey: r.blockedBy.issueKey,
      message: `Blocked as a duplicate of ${r.blockedBy.issueKey}, which holds the open ${r.blockedBy.holds} for this tool.`,
    };
  if (!r.toolId) return { result: 'not_checked', message: 'No tool on this request, so there is nothing to compare.' };
  if (r.holdsLock)
    return { result: 'unique', message: 'No other open request or live access for this person and tool.' };
  return holder
    ? {
        result: 'blocked',
        holderIssueKey: holder.issueKey,
        message: `${holder.issueKey} holds this person's open request or access for this tool.`,
      }
    : { result: 'unique', message: 'No other open request or live access for this person and tool.' };
}

export async function previewDecision(
  deps: CoreDeps,
  input: { request: string; actorId: string },
): Promise<DecisionPreview> {
  const loaded = await findRequest(deps.store, input.request);
  if (!loaded) throw new UseCaseRefusal('REQUEST_NOT_FOUND', `No AI access request ${input.request}.`);
  const r = loaded.doc;
  const actor = { type: 'user' as const, accountId: input.actorId };
  const approver = await approverIdentity(deps, input.actorId);
  const ctx = await loadDecisionContext(deps, loaded, 'approve', actor, approver.name, deps.clock.now(), {
    approverGroups: approver.groups,
  });
  const approve = planDecision(ctx, 'approve');
  const declined = planDecision({ ...ctx, rationale: 'x'.repeat(RATIONALE_MIN_CHARS) }, 'decline');
  const p = ctx.policy;
  const requestedDays = r.requestedDays ?? p?.defaultDays;
  const lock =
    r.toolId && !r.holdsLock && !r.blockedBy
      ? await loadLock(deps.store, lockId(r.requester, r.toolId, r.kind === 'extension' ? 'extension' : 'access'))
      : undefined;
  const holder = lock && lock.doc.holderIssueId !== r.id ? { issueKey: lock.doc.holderIssueKey } : undefined;
  return {
    requestId: r.id,
    issueKey: r.ticket.key,
    approve: approve.ok
      ? {
          allowed: true,
          ...(p && requestedDays !== undefined ? { maxDays: Math.min(requestedDays, p.maxDays) } : {}),
          ...(requestedDays !== undefined ? { requestedDays } : {}),
        }
      : { allowed: false, code: approve.refusal.code, message: approve.refusal.message },
    decline: declined.ok
      ? { allowed: true, rationaleMinChars: RATIONALE_MIN_CHARS }
      : {
          allowed: false,
          code: declined.refusal.code,
          message: declined.refusal.message,
          rationaleMinChars: RATIONALE_MIN_CHARS,
        },
    policy: p
      ? {
          version: p.policyVersion,
          riskLevel: p.riskLevel,
          maxDays: p.maxDays,
          defaultDays: p.defaultDays,
          approverGroup: p.approverGroup,
        }
      : null,
    duplicate: duplicateOf(r, holder),
  };
}
