// Decisions on a pending request: approve, decline, cancel (the two
// clock-driven outcomes sweeps apply, escalate and lapse: unanswered.ts).
// Each returns the new record and its governance event, or a typed refusal
// the use case turns into a comment or a corrected transition. Grant creation
// on approval lives in grant/create.ts, which composes approveRequest.
import type { EventDraft } from '../governance/event';
import { validateShortenedDuration } from '../policy/durations';
import type { EffectivePolicy } from '../policy/effective-policy';
import { err, ok, type Result } from '../policy/result';
import { checkApproverGroup, type ApproverGroups } from './approver-group';
import { requestEvent } from './events';
import { checkTool, type ToolView } from './requested-tool';
import { refusal, type Refusal } from './refusal';
import { actorId, type ActorRef, type RequestDoc } from './types';

export interface Change<T> {
  readonly next: T;
  readonly events: EventDraft[];
}

export const RATIONALE_MIN_CHARS = 3;
export const RATIONALE_MAX_CHARS = 4000;

export function notPending(r: RequestDoc, verb: string): Refusal {
  const already =
    r.status === 'approved' || r.status === 'auto_approved'
      ? 'it was already approved'
      : `it is ${r.status.replace(/_/g, ' ')}`;
  return refusal('REQUEST_NOT_PENDING', `This request cannot be ${verb}: ${already}.`, { status: r.status });
}

export interface ApproveInput {
  readonly approver: string;
  readonly now: Date;
  /** Days to grant; defaults to the requested days. May shorten, never lengthen. */
  readonly days?: number | undefined;
  readonly rationale?: string | undefined;
  /** The tool and policy as they are NOW (the catalog may have changed since intake). */
  readonly tool: ToolView | undefined;
  readonly policy: EffectivePolicy | undefined;
  /** The approver's Jira groups, read fresh for this approval; undefined when Jira would not say. */
  readonly approverGroups: ApproverGroups | undefined;
}

export function approveRequest(
  r: RequestDoc,
  input: ApproveInput,
): Result<Change<RequestDoc> & { days: number; policy: EffectivePolicy; tool: ToolView }, Refusal> {
  if (r.status !== 'pending_approval') return err(notPending(r, 'approved'));
  // Separation of duties: whoever asked can never be the one who says yes.
  if (input.approver === r.requester) {
    return err(
      refusal(
        'SELF_APPROVAL',
        'You filed this request, so you cannot approve it. Another approver has to decide (separation of duties).',
      ),
    );
  }
  const toolCheck = checkTool(r.toolId, input.tool, input.policy);
  if (!toolCheck.ok) return toolCheck;
  const { tool, policy } = toolCheck.value;
  // Only the group the policy names may approve (checked against the policy as it is now).
  const notApprover = checkApproverGroup(input.approverGroups, {
    group: policy.approverGroup,
    riskLevel: policy.riskLevel,
    what: r.kind === 'extension' ? 'extension' : 'access',
  });
  if (notApprover) return err(notApprover);
  const requested = r.requestedDays ?? policy.defaultDays;
  const wanted = input.days ?? requested;
  const days = validateShortenedDuration(requested, wanted, policy);
  if (!days.ok) {
    const code =
      days.error.code === 'DURATION_LONGER_THAN_REQUESTED'
        ? 'DURATION_LONGER_THAN_REQUESTED'
        : days.error.code === 'TOOL_NOT_REQUESTABLE'
          ? 'TOOL_NOT_REQUESTABLE'
          : days.error.code;
    return err(
      refusal(code, days.error.message, days.error.limit !== undefined ? { limit: days.error.limit } : undefined),
    );
  }
  const at = input.now.toISOString();
  const rationale = input.rationale?.trim();
  const next: RequestDoc = {
    ...r,
    status: 'approved',
    risk: tool.risk,
    policyVersion: policy.policyVersion,
    updatedAt: at,
    decision: {
      by: input.approver,
      at,
      auto: false,
      days: days.value,
      ...(rationale ? { rationale: rationale.slice(0, RATIONALE_MAX_CHARS) } : {}),
    },
  };
  const personal = rationale ? { rationale: rationale.slice(0, RATIONALE_MAX_CHARS) } : undefined;
  return ok({
    next,
    events: [requestEvent('request.approved', { type: 'user', accountId: input.approver }, r, next, personal)],
    days: days.value,
    policy,
    tool,
  });
}

export function declineRequest(
  r: RequestDoc,
  input: { actor: ActorRef; now: Date; rationale: string | null | undefined },
): Result<Change<RequestDoc>, Refusal> {
  if (r.status !== 'pending_approval') return err(notPending(r, 'declined'));
  const rationale = (input.rationale ?? '').trim();
  if (rationale.length < RATIONALE_MIN_CHARS) {
    return err(
      refusal(
        'DECLINE_NEEDS_RATIONALE',
        'A decline needs a rationale the requester can read: add it as the comment of the Decline transition or in the Decision rationale field, then decline again.',
      ),
    );
  }
  const at = input.now.toISOString();
  const text = rationale.slice(0, RATIONALE_MAX_CHARS);
  const next: RequestDoc = {
    ...r,
    status: 'declined',
    updatedAt: at,
    holdsLock: false,
    decision: { by: actorId(input.actor), at, auto: false, rationale: text },
  };
  return ok({ next, events: [requestEvent('request.declined', input.actor, r, next, { rationale: text })] });
}

/** The requester withdraws a pending request (agents may do it on their behalf; the event records who). */
export function cancelRequest(
  r: RequestDoc,
  input: { actor: ActorRef; now: Date },
): Result<Change<RequestDoc>, Refusal> {
  if (r.status !== 'pending_approval') return err(notPending(r, 'cancelled'));
  const at = input.now.toISOString();
  const next: RequestDoc = {
    ...r,
    status: 'cancelled',
    updatedAt: at,
    holdsLock: false,
    decision: { by: actorId(input.actor), at, auto: false },
  };
  return ok({ next, events: [requestEvent('request.cancelled', input.actor, r, next)] });
}
