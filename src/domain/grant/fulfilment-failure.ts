// A connector fulfilment that failed (the queue consumer's outcome): retried,
// or handed to a person. Pure: returns the next grant with its governance
// event, or a typed refusal.
import { err, ok, type Result } from '../policy/result';
import type { Change } from '../request/decisions';
import { refusal, type Refusal } from '../request/refusal';
import { grantEvent } from './events';
import type { ActorRef } from '../request/types';
import type { GrantDoc } from './types';

/**
 * The connector could not add the user. `final` (retries exhausted, or no
 * connector configured) hands the grant to a person: manual_action_required.
 */
export function failFulfilment(
  g: GrantDoc,
  input: { now: Date; error: string; final: boolean },
): Result<Change<GrantDoc>, Refusal> {
  if (g.status !== 'pending_fulfilment' && g.status !== 'fulfilment_failed') {
    return err(
      refusal(
        'GRANT_NOT_PENDING_FULFILMENT',
        `Fulfilment can only fail while it is pending; the grant is ${g.status}.`,
        { status: g.status },
      ),
    );
  }
  const at = input.now.toISOString();
  const status = input.final ? 'manual_action_required' : 'fulfilment_failed';
  const next: GrantDoc = {
    ...g,
    status,
    updatedAt: at,
    fulfilment: {
      ...g.fulfilment,
      state: input.final ? 'manual_action_required' : 'failed',
      attempts: g.fulfilment.attempts + 1,
      lastError: input.error.slice(0, 1000),
    },
  };
  return ok({
    next,
    events: [
      grantEvent(input.final ? 'grant.manual_action_required' : 'grant.fulfilment_failed', { type: 'app' }, g, next),
    ],
  });
}

/**
 * An admin fixed what stopped the connector (mapped the requester, reconnected the IdP) and asks for the
 * add again: the grant waits for it once more (pending_fulfilment), so the connector's outcome decides
 * whether it becomes active, exactly as after approval.
 */
export function retryFulfilment(g: GrantDoc, input: { now: Date; actor: ActorRef }): Result<Change<GrantDoc>, Refusal> {
  if (g.status !== 'manual_action_required' || g.fulfilment.mode !== 'connector') {
    return err(
      refusal(
        'GRANT_NOT_WAITING_FOR_CONNECTOR',
        `Only a connector fulfilment handed to a person can be retried; the grant is ${g.status}.`,
        { status: g.status },
      ),
    );
  }
  const { lastError: _lastError, ...fulfilment } = g.fulfilment;
  const next: GrantDoc = {
    ...g,
    status: 'pending_fulfilment',
    updatedAt: input.now.toISOString(),
    fulfilment: { ...fulfilment, state: 'pending' },
  };
  return ok({ next, events: [grantEvent('grant.fulfilment_queued', input.actor, g, next)] });
}
