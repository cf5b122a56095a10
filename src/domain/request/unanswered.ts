// A pending request left unanswered: the sweeps escalate it, then let it
// lapse. Each returns the new record and its governance event, or a typed
// refusal (NOT_DUE when the clock has not run out).
import { err, ok, type Result } from '../policy/result';
import { notPending, type Change } from './decisions';
import { escalationDueAt, lapseDueAt } from './due';
import { requestEvent } from './events';
import { refusal, type Refusal } from './refusal';
import type { RequestDoc } from './types';

/** NOT_DUE while `now` is before `due` (or there is no due time). */
function notDueYet(due: number | undefined, now: Date, what: string) {
  return due === undefined || Math.floor(now.getTime() / 1000) < due
    ? err(refusal('NOT_DUE', `This request is not due ${what} yet.`, { dueAt: due ?? 0 }))
    : undefined;
}

/** Sweep: a pending request unanswered past its escalation delay. Idempotent through escalatedAt. */
export function escalateRequest(r: RequestDoc, now: Date): Result<Change<RequestDoc>, Refusal> {
  if (r.status !== 'pending_approval' || !r.escalation) return err(notPending(r, 'escalated'));
  if (r.escalation.escalatedAt) return err(refusal('NOT_DUE', 'This request was already escalated.'));
  const early = notDueYet(escalationDueAt(r), now, 'for escalation');
  if (early) return early;
  const next: RequestDoc = {
    ...r,
    updatedAt: now.toISOString(),
    escalation: { ...r.escalation, escalatedAt: now.toISOString() },
  };
  return ok({ next, events: [requestEvent('request.escalated', { type: 'system' }, r, next)] });
}

/** Sweep: a pending request unanswered past its lapse delay. Releases the lock (the use case deletes it). */
export function lapseRequest(r: RequestDoc, now: Date): Result<Change<RequestDoc>, Refusal> {
  if (r.status !== 'pending_approval') return err(notPending(r, 'lapsed'));
  const early = notDueYet(lapseDueAt(r), now, 'to lapse');
  if (early) return early;
  const at = now.toISOString();
  const next: RequestDoc = {
    ...r,
    status: 'lapsed',
    updatedAt: at,
    holdsLock: false,
    decision: { by: 'system', at, auto: true },
  };
  return ok({ next, events: [requestEvent('request.lapsed', { type: 'system' }, r, next)] });
}
