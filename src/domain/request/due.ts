// When a sweep must next look at a request, in epoch SECONDS (KVS entity
// integers are 32-bit; the record's `dueAt` attribute holds this value and
// the by-kind-status index finds due pending requests by range).
import type { RequestDoc } from './types';

const HOUR = 3600;
const DAY = 86400;

function submittedAtSeconds(r: RequestDoc): number {
  return Math.floor(Date.parse(r.submittedAt) / 1000);
}

export function escalationDueAt(r: RequestDoc): number | undefined {
  if (r.status !== 'pending_approval' || !r.escalation || r.escalation.afterHours <= 0) return undefined;
  return submittedAtSeconds(r) + r.escalation.afterHours * HOUR;
}

export function lapseDueAt(r: RequestDoc): number | undefined {
  if (r.status !== 'pending_approval' || !r.escalation || r.escalation.lapseAfterDays <= 0) return undefined;
  return submittedAtSeconds(r) + r.escalation.lapseAfterDays * DAY;
}

export type RequestSweepAction = 'escalate' | 'lapse';

/** The next thing a sweep must do to a pending request, and when; undefined when nothing will ever be due. */
export function nextRequestDue(r: RequestDoc): { at: number; action: RequestSweepAction } | undefined {
  if (r.status !== 'pending_approval') return undefined;
  const esc = escalationDueAt(r);
  const lapse = lapseDueAt(r);
  if (esc !== undefined && !r.escalation?.escalatedAt && (lapse === undefined || esc < lapse))
    return { at: esc, action: 'escalate' };
  if (lapse !== undefined) return { at: lapse, action: 'lapse' };
  return undefined;
}

/** Value for the record's `dueAt` attribute. */
export function requestDueAt(r: RequestDoc): number | undefined {
  return nextRequestDue(r)?.at;
}
