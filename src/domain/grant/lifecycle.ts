// Grant transitions after creation that a decision on the ticket can make:
// fulfil, extend, expire. The others have modules of their own, so that a
// cold decision loads only these: ending early (end.ts), the review before
// expiry (review.ts), a failed connector fulfilment (fulfilment-failure.ts)
// and flagging (flag.ts). Every function is pure and returns the next grant
// with its governance events, or a typed refusal. Repeating a transition that
// already happened is refused with a specific code so use cases can tell
// "duplicate delivery" (no-op) from "wrong move" (comment).
import { err, ok, type Result } from '../policy/result';
import type { RiskLevel } from '../policy/risk-policy';
import { checkApproverGroup, type ApproverGroups } from '../request/approver-group';
import type { Change } from '../request/decisions';
import { refusal, type Refusal } from '../request/refusal';
import { actorId, type ActorRef } from '../request/types';
import { notLive } from './end';
import { grantEvent } from './events';
import { isLive, type GrantDoc } from './types';

const DAY_MS = 86_400_000;

/** An agent (or the connector) confirms the user now has access. */
export function fulfilGrant(g: GrantDoc, input: { actor: ActorRef; now: Date }): Result<Change<GrantDoc>, Refusal> {
  if (g.status === 'active' || g.status === 'in_review')
    return err(refusal('GRANT_ALREADY_ACTIVE', 'Access is already active; nothing to fulfil.'));
  if (!isLive(g.status)) return err(notLive(g, 'fulfilled'));
  const at = input.now.toISOString();
  const next: GrantDoc = {
    ...g,
    status: 'active',
    updatedAt: at,
    fulfilment: { ...g.fulfilment, state: 'done', fulfilledAt: at, fulfilledBy: actorId(input.actor) },
  };
  return ok({ next, events: [grantEvent('grant.fulfilled', input.actor, g, next)] });
}

export interface ExtendInput {
  readonly actor: ActorRef;
  readonly now: Date;
  readonly days: number;
  readonly extension: { readonly requestId: string; readonly issueKey: string };
  readonly policyVersion: number;
  /** Current maxTotalDays of the tool's policy (may be tighter than at approval). */
  readonly maxTotalDays: number;
  /** The current policy's approver group and risk level (the tool may have been reclassified since approval). */
  readonly required: { readonly group: string; readonly riskLevel: RiskLevel };
  /** The approving person's groups, read fresh; undefined when Jira would not say. */
  readonly approverGroups: ApproverGroups | undefined;
  /**
   * The higher tier: members of this group (the policy set's high-risk approver
   * group) may approve past the total limit. Absent: nobody may.
   */
  readonly overrideGroup?: string | undefined;
}

/**
 * Adds days to a live grant, from its current expiry (not from today: asking
 * early never loses time). Total time stays within maxTotalDays unless a
 * person in the higher tier (`overrideGroup`) approves; the app never goes past it.
 */
export function extendGrant(g: GrantDoc, input: ExtendInput): Result<Change<GrantDoc>, Refusal> {
  if (g.extensions.some((e) => e.requestId === input.extension.requestId))
    return err(refusal('NOT_DUE', 'This extension was already applied.'));
  if (g.status !== 'active' && g.status !== 'in_review') {
    return isLive(g.status)
      ? err(
          refusal('GRANT_NOT_LIVE', 'Access has not been fulfilled yet; extend it once it is active.', {
            status: g.status,
          }),
        )
      : err(notLive(g, 'extended'));
  }
  if (input.actor.type === 'user' && input.actor.accountId === g.requester)
    return err(refusal('SELF_APPROVAL', 'You cannot approve an extension of your own access (separation of duties).'));
  if (input.actor.type === 'user') {
    const notApprover = checkApproverGroup(input.approverGroups, { ...input.required, what: 'extension' });
    if (notApprover) return err(notApprover);
  }
  const limit = Math.min(g.maxTotalDays, input.maxTotalDays);
  const total = g.totalDays + input.days;
  if (!Number.isInteger(input.days) || input.days < 1)
    return err(refusal('DURATION_TOO_SHORT', 'An extension adds at least one whole day.'));
  const overLimit = total > limit ? overLimitApproval(g, input, total, limit) : undefined;
  if (overLimit && !overLimit.ok) return overLimit;
  const at = input.now.toISOString();
  const expiresAt = new Date(Date.parse(g.expiresAt) + input.days * DAY_MS).toISOString();
  const next: GrantDoc = {
    ...g,
    status: 'active',
    expiresAt,
    days: input.days,
    totalDays: total,
    policyVersion: input.policyVersion,
    updatedAt: at,
    review: { windowDays: g.review.windowDays, secondReminderDays: g.review.secondReminderDays },
    extensions: [
      ...g.extensions,
      {
        requestId: input.extension.requestId,
        issueKey: input.extension.issueKey,
        days: input.days,
        at,
        by: actorId(input.actor),
        policyVersion: input.policyVersion,
        ...(overLimit ? { overLimit: overLimit.value } : {}),
      },
    ],
  };
  const event = grantEvent('grant.extended', input.actor, g, next);
  // The audit trail must show that this extension went past the limit, and on whose authority.
  if (overLimit) event.after = { ...event.after, overLimit: { ...overLimit.value } };
  return ok({ next, events: [event] });
}

/**
 * Whether an extension past the limit may go ahead: only when a person in the
 * override group approves it. The app (auto-approval, sweeps) is held to the limit.
 */
function overLimitApproval(
  g: GrantDoc,
  input: ExtendInput,
  total: number,
  limit: number,
): Result<{ limit: number; approvedAs: string }, Refusal> {
  const more = Math.max(0, limit - g.totalDays);
  const detail = { limit, totalDays: g.totalDays };
  if (input.actor.type !== 'user' || !input.overrideGroup) {
    return err(
      refusal(
        'GRANT_TOTAL_EXCEEDED',
        `Extending by ${input.days} days would bring the total to ${total} days, over this tool's limit of ${limit} days. Ask for at most ${more} more days, or file a new request after this access ends.`,
        detail,
      ),
    );
  }
  const group = input.overrideGroup;
  // Same membership rule as every approval (fail closed on a partial group list), against the higher group.
  const notMember = checkApproverGroup(input.approverGroups, {
    group,
    riskLevel: input.required.riskLevel,
    what: 'extension',
  });
  if (!notMember) return ok({ limit, approvedAs: group });
  // At the limit already, fewer days is no way out: only a new request after this access ends is.
  const alternative =
    more > 0
      ? `or the requester can ask for at most ${more} more days`
      : 'or the requester can file a new request after this access ends';
  const unverified =
    notMember.code === 'APPROVER_UNVERIFIED'
      ? ' Jira did not share all of your groups, so AI Clearance could not confirm your membership.'
      : '';
  return err(
    refusal(
      'EXTENSION_NEEDS_HIGHER_APPROVAL',
      `Extending by ${input.days} days would bring the total to ${total} days, past this tool's limit of ${limit} days. Going past the limit needs a higher approval: a member of ${group} must approve it, ${alternative}.${unverified}`,
      { ...detail, group },
    ),
  );
}

/** Sweep (or an agent's Expire transition with `manual`): the grant has reached its end date. */
export function expireGrant(
  g: GrantDoc,
  input: { actor: ActorRef; now: Date; manual?: boolean },
): Result<Change<GrantDoc>, Refusal> {
  if (!isLive(g.status)) return err(notLive(g, 'expired'));
  if (!input.manual && input.now.getTime() < Date.parse(g.expiresAt))
    return err(refusal('NOT_DUE', `This access runs until ${g.expiresAt}.`, { expiresAt: g.expiresAt }));
  const at = input.now.toISOString();
  const next: GrantDoc = {
    ...g,
    status: 'expired',
    updatedAt: at,
    ended: { at, reason: 'expired', by: actorId(input.actor) },
  };
  return ok({ next, events: [grantEvent('grant.expired', input.actor, g, next)] });
}
