// Turns a validated (or refused) intake into the stored request and its
// governance events. The use case decides nothing itself: it reads the
// catalog, the policy and the lock, and this function says what happens.
import type { EventDraft } from '../governance/event';
import { recordableDays } from '../policy/durations';
import type { Result } from '../policy/result';
import { requestEvent } from './events';
import { shouldAutoApprove, type RawRequest, type ValidRequest } from './intake';
import type { LockDoc } from './lock';
import { refusal, type Refusal } from './refusal';
import type { ActorRef, RequestDoc, TicketRef } from './types';

export interface IntakeContext {
  readonly ticket: TicketRef;
  readonly raw: RawRequest;
  /** The reporter's account id (whether or not it passed validation); null when the ticket has none. */
  readonly requester: string | null;
  readonly requesterName?: string | undefined;
  readonly validation: Result<ValidRequest, Refusal>;
  /** The current holder of this request's lock (see lockId), if any. */
  readonly lock: LockDoc | undefined;
  /** Extension and hand-back: the live grant of (requester, tool), found through the access lock. */
  readonly liveGrant?: { readonly id: string; readonly key: string } | undefined;
  readonly now: Date;
}

export type IntakeOutcome = 'rejected_invalid' | 'blocked_duplicate' | 'pending_approval' | 'auto_approved';

export interface IntakeResult {
  readonly outcome: IntakeOutcome;
  readonly request: RequestDoc;
  readonly events: EventDraft[];
  /** True when this request must create the lock in the same commit. */
  readonly takesLock: boolean;
  /** The refusal behind a rejection (for the comment). */
  readonly refusal?: Refusal;
  /** The valid request behind pending/auto outcomes (for grant creation and comments). */
  readonly valid?: ValidRequest;
}

const APP: ActorRef = { type: 'app' };

export function evaluateIntake(ctx: IntakeContext): IntakeResult {
  const iso = ctx.now.toISOString();
  const v = ctx.validation;
  const base: RequestDoc = {
    v: 1,
    id: ctx.ticket.id,
    ticket: ctx.ticket,
    kind: ctx.raw.kind,
    source: ctx.raw.source,
    status: 'submitted',
    requester: ctx.requester ?? 'unknown',
    ...(ctx.requesterName ? { requesterName: ctx.requesterName.slice(0, 255) } : {}),
    toolId: v.ok ? v.value.tool.id : null,
    toolName: v.ok ? v.value.tool.name : null,
    purpose: v.ok ? v.value.purpose : (ctx.raw.purpose?.slice(0, 4000) ?? null),
    requestedDays: v.ok ? v.value.days : recordableDays(ctx.raw.days),
    risk: v.ok ? v.value.tool.risk : null,
    policyVersion: v.ok ? v.value.policy.policyVersion : null,
    submittedAt: iso,
    updatedAt: iso,
    holdsLock: false,
  };
  const submittedPersonal = base.purpose !== null ? { purpose: base.purpose } : undefined;
  const submitted = requestEvent('request.submitted', requesterActor(ctx.requester), null, base, submittedPersonal);

  const reject = (why: Refusal): IntakeResult => {
    const request: RequestDoc = {
      ...base,
      status: 'rejected_invalid',
      rejection: { code: why.code, message: why.message },
    };
    return {
      outcome: 'rejected_invalid',
      request,
      events: [submitted, requestEvent('request.rejected_invalid', APP, base, request)],
      takesLock: false,
      refusal: why,
    };
  };
  if (!v.ok) return reject(v.error);
  const valid = v.value;

  if (valid.kind !== 'access' && !ctx.liveGrant) {
    const verb = valid.kind === 'extension' ? 'extend' : 'hand back';
    return reject(
      refusal(
        'NO_LIVE_GRANT',
        `You have no live access to ${valid.tool.name} to ${verb}. To get access, file *Request access to an AI tool*.`,
        { toolId: valid.tool.id },
      ),
    );
  }

  // The lock is held by another ticket: this one is a duplicate. (Held by this ticket only on redelivery, which the use case handles before calling.)
  if (ctx.lock && ctx.lock.holderIssueId !== ctx.ticket.id) {
    const request: RequestDoc = {
      ...base,
      status: 'blocked_duplicate',
      blockedBy: { issueId: ctx.lock.holderIssueId, issueKey: ctx.lock.holderIssueKey, holds: ctx.lock.holds },
    };
    return {
      outcome: 'blocked_duplicate',
      request,
      events: [submitted, requestEvent('request.blocked_duplicate', APP, base, request)],
      takesLock: false,
      valid,
    };
  }

  const grantId = valid.kind === 'access' ? undefined : ctx.liveGrant?.id;
  const withGrant = grantId !== undefined ? { grantId } : {};
  if (valid.kind === 'hand_back') {
    // Handing back needs nobody's approval; the use case revokes the grant in the same commit.
    const request: RequestDoc = {
      ...base,
      ...withGrant,
      status: 'auto_approved',
      decision: { by: 'app', at: iso, auto: true },
    };
    return {
      outcome: 'auto_approved',
      request,
      events: [submitted, requestEvent('request.auto_approved', APP, base, request)],
      takesLock: false,
      valid,
    };
  }
  if (shouldAutoApprove(valid)) {
    const request: RequestDoc = {
      ...base,
      status: 'auto_approved',
      decision: { by: 'app', at: iso, auto: true, days: valid.days },
      grantId: ctx.ticket.id,
      holdsLock: true,
    };
    return {
      outcome: 'auto_approved',
      request,
      events: [submitted, requestEvent('request.auto_approved', APP, base, request)],
      takesLock: true,
      valid,
    };
  }
  const p = valid.policy;
  const request: RequestDoc = {
    ...base,
    ...withGrant,
    status: 'pending_approval',
    holdsLock: true,
    escalation: {
      afterHours: p.escalationAfterHours,
      lapseAfterDays: p.lapseAfterDays,
      approverGroup: p.approverGroup,
    },
  };
  return {
    outcome: 'pending_approval',
    request,
    events: [submitted, requestEvent('request.pending_approval', APP, base, request)],
    takesLock: true,
    valid,
  };
}

function requesterActor(requester: string | null): ActorRef {
  return requester ? { type: 'user', accountId: requester } : { type: 'system' };
}
