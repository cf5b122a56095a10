// Approval of an access request: the request becomes approved and its grant
// is created, in one change. Apart from create.ts so that intake, which
// creates grants only by auto-approval, never loads the approval rules.
import type { EventDraft } from '../governance/event';
import type { EffectivePolicy } from '../policy/effective-policy';
import { err, ok, type Result } from '../policy/result';
import { approveRequest, type ApproveInput } from '../request/decisions';
import type { Refusal } from '../request/refusal';
import type { RequestDoc } from '../request/types';
import { newGrant } from './create';
import type { GrantDoc } from './types';

/** A person approves a pending access request: the request becomes approved and its grant is created, in one change. */
export function approveAccess(
  r: RequestDoc,
  input: ApproveInput,
): Result<
  { request: RequestDoc; grant: GrantDoc; events: EventDraft[]; days: number; policy: EffectivePolicy },
  Refusal
> {
  if (r.kind !== 'access')
    return err({
      code: 'REQUEST_NOT_PENDING',
      message: 'Only access requests create grants; extension requests extend the existing grant.',
    });
  const approved = approveRequest(r, input);
  if (!approved.ok) return approved;
  const { next, events, days, policy, tool } = approved.value;
  const g = newGrant({
    request: next,
    approver: { type: 'user', accountId: input.approver },
    now: input.now,
    days,
    tool,
    policy,
  });
  return ok({
    request: { ...next, grantId: g.grant.id },
    grant: g.grant,
    events: [...events, ...g.events],
    days,
    policy,
  });
}
