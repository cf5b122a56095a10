// Due times of a grant, in epoch SECONDS, for the lifecycle sweeps (issue 6):
//   first reminder  = expiresAt − review.windowDays     (default 14 days)
//   second reminder = expiresAt − review.secondReminderDays (default 1 day; 0 = off)
//   expiry          = expiresAt
// The record's `dueAt` attribute holds grantDueAt(grant); a sweep queries
// by-kind-due ['grant'] with dueAt ≤ now and applies nextGrantDue(grant).action.
import { isLive, type GrantDoc } from './types';

const DAY = 86400;

export function expirySeconds(g: GrantDoc): number {
  return Math.floor(Date.parse(g.expiresAt) / 1000);
}

export function reviewTimes(g: GrantDoc): { first?: number; second?: number; expiry: number } {
  const expiry = expirySeconds(g);
  const out: { first?: number; second?: number; expiry: number } = { expiry };
  if (g.review.windowDays > 0) out.first = expiry - g.review.windowDays * DAY;
  if (g.review.secondReminderDays > 0 && g.review.secondReminderDays < g.review.windowDays)
    out.second = expiry - g.review.secondReminderDays * DAY;
  return out;
}

export type GrantSweepAction = 'review_first' | 'review_second' | 'expire';

/**
 * The next thing a sweep must do to this grant and when. Reminders are only
 * for fulfilled grants whose requester has not opted out; a grant that is
 * still pending fulfilment still expires on time.
 */
export function nextGrantDue(g: GrantDoc): { at: number; action: GrantSweepAction } | undefined {
  if (!isLive(g.status)) return undefined;
  const t = reviewTimes(g);
  const remindable = (g.status === 'active' || g.status === 'in_review') && !g.review.doNotRenew;
  if (remindable) {
    if (t.first !== undefined && !g.review.firstSentAt && !g.review.secondSentAt)
      return { at: t.first, action: 'review_first' };
    if (t.second !== undefined && !g.review.secondSentAt) return { at: t.second, action: 'review_second' };
  }
  return { at: t.expiry, action: 'expire' };
}

/** Value for the record's `dueAt` attribute (undefined once the grant has ended). */
export function grantDueAt(g: GrantDoc): number | undefined {
  return nextGrantDue(g)?.at;
}
