// What a sweep does to one record at a given time. Pure: `nowS` is epoch
// SECONDS (UTC; no time zones or DST anywhere — due times are instants).
//
// A late sweep (the app was down, the clock jumped) does only the LATEST due
// step: expiry beats the reminders, the final reminder beats the first, a
// lapse beats the escalation. So nobody gets three messages at once, and once
// a step is done the record's next due time is after `nowS` — a rerun at the
// same clock finds nothing to do.
import { reviewTimes } from '../grant/due';
import { isLive, type GrantDoc } from '../grant/types';
import { escalationDueAt, lapseDueAt } from '../request/due';
import type { RequestDoc } from '../request/types';

export const SWEEP_NAMES = ['review', 'expiry', 'escalation', 'retention', 'catalog', 'reconcile'] as const;
export type SweepName = (typeof SWEEP_NAMES)[number];

export type GrantStep = { action: 'review_first' | 'review_second' | 'expire'; at: number };
export type RequestStep = { action: 'escalate' | 'lapse'; at: number };

export function sweepOfAction(a: GrantStep['action'] | RequestStep['action'] | 'minimise'): SweepName {
  if (a === 'review_first' || a === 'review_second') return 'review';
  if (a === 'expire') return 'expiry';
  if (a === 'minimise') return 'retention';
  return 'escalation';
}

export function grantStep(g: GrantDoc, nowS: number): GrantStep | undefined {
  if (!isLive(g.status)) return undefined;
  const t = reviewTimes(g);
  if (t.expiry <= nowS) return { action: 'expire', at: t.expiry };
  const remindable = (g.status === 'active' || g.status === 'in_review') && !g.review.doNotRenew;
  if (!remindable) return undefined;
  if (t.second !== undefined && t.second <= nowS && !g.review.secondSentAt)
    return { action: 'review_second', at: t.second };
  if (t.first !== undefined && t.first <= nowS && !g.review.firstSentAt && !g.review.secondSentAt)
    return { action: 'review_first', at: t.first };
  return undefined;
}

export function requestStep(r: RequestDoc, nowS: number): RequestStep | undefined {
  if (r.status !== 'pending_approval') return undefined;
  const lapse = lapseDueAt(r);
  if (lapse !== undefined && lapse <= nowS) return { action: 'lapse', at: lapse };
  const esc = escalationDueAt(r);
  if (esc !== undefined && esc <= nowS && !r.escalation?.escalatedAt) return { action: 'escalate', at: esc };
  return undefined;
}

const DAY = 86400;
export { DEFAULT_RETENTION_DAYS, MIN_RETENTION_DAYS, retentionDueAt } from './retention-due';

/** Whole days from `fromIso` to `nowS`, never negative (for "waiting N days" in comments). */
export function wholeDaysSince(fromIso: string, nowS: number): number {
  return Math.max(0, Math.floor((nowS - Math.floor(Date.parse(fromIso) / 1000)) / DAY));
}

/** Whole days left until `toIso`, rounded up (a reminder 23 h before expiry says 1 day). */
export function daysLeft(toIso: string, nowS: number): number {
  return Math.max(0, Math.ceil((Math.floor(Date.parse(toIso) / 1000) - nowS) / DAY));
}
