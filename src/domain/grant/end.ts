// Ending a live grant early (revoke, hand back). Its own module because intake
// needs it (a hand-back request ends the live grant) without the rest of the
// grant lifecycle: a cold intake loads only what it runs.
import { err, ok, type Result } from '../policy/result';
import type { Change } from '../request/decisions';
import { refusal, type Refusal } from '../request/refusal';
import { actorId, type ActorRef } from '../request/types';
import { grantEvent } from './events';
import { isLive, type EndReason, type GrantDoc } from './types';

export function notLive(g: GrantDoc, verb: string): Refusal {
  return refusal(
    'GRANT_NOT_LIVE',
    `This access cannot be ${verb}: it has ${g.status === 'expired' ? 'expired' : 'been revoked'}.`,
    { status: g.status },
  );
}

/** Ends a live grant early: an agent revokes, the requester hands back, the tool leaves the catalog, or an approved request is cancelled before fulfilment. */
export function revokeGrant(
  g: GrantDoc,
  input: { actor: ActorRef; now: Date; reason: Exclude<EndReason, 'expired'>; rationale?: string | undefined },
): Result<Change<GrantDoc>, Refusal> {
  if (!isLive(g.status)) return err(notLive(g, 'revoked'));
  if (
    input.reason === 'handed_back' &&
    !(input.actor.type === 'user' && input.actor.accountId === g.requester) &&
    input.actor.type !== 'app'
  ) {
    return err(
      refusal(
        'HAND_BACK_NOT_REQUESTER',
        'Only the person who holds the access can hand it back; agents revoke instead.',
      ),
    );
  }
  const at = input.now.toISOString();
  const rationale = input.rationale?.trim().slice(0, 4000);
  const next: GrantDoc = {
    ...g,
    status: 'revoked',
    updatedAt: at,
    ended: { at, reason: input.reason, by: actorId(input.actor), ...(rationale ? { rationale } : {}) },
  };
  const action = input.reason === 'handed_back' ? 'grant.handed_back' : 'grant.revoked';
  return ok({ next, events: [grantEvent(action, input.actor, g, next, rationale ? { rationale } : undefined)] });
}
