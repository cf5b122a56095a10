// The review before a grant expires: the sweeps' reminders (which put the
// grant in review) and the requester's "do not renew". Pure: each returns the
// next grant with its governance event, or a typed refusal.
import { err, ok, type Result } from '../policy/result';
import type { Change } from '../request/decisions';
import { refusal, type Refusal } from '../request/refusal';
import { actorId, type ActorRef } from '../request/types';
import { reviewTimes } from './due';
import { notLive } from './end';
import { grantEvent } from './events';
import { isLive, type GrantDoc } from './types';

/** Sweep: the grant entered its review window (first) or the last day (second). Sets in_review. */
export function sendReviewReminder(
  g: GrantDoc,
  input: { now: Date; which: 'first' | 'second' },
): Result<Change<GrantDoc>, Refusal> {
  if (g.status !== 'active' && g.status !== 'in_review')
    return err(refusal('GRANT_NOT_LIVE', `No reminder for a grant that is ${g.status}.`, { status: g.status }));
  if (g.review.doNotRenew) return err(refusal('NOT_DUE', 'The requester chose not to renew; no more reminders.'));
  const t = reviewTimes(g);
  const due = input.which === 'first' ? t.first : t.second;
  const sent = input.which === 'first' ? g.review.firstSentAt : g.review.secondSentAt;
  if (due === undefined || sent !== undefined || Math.floor(input.now.getTime() / 1000) < due)
    return err(refusal('NOT_DUE', `The ${input.which} review reminder is not due.`));
  const at = input.now.toISOString();
  const review =
    input.which === 'first'
      ? { ...g.review, firstSentAt: at }
      : { ...g.review, secondSentAt: at, firstSentAt: g.review.firstSentAt ?? at };
  const next: GrantDoc = { ...g, status: 'in_review', updatedAt: at, review };
  return ok({
    next,
    events: [grantEvent('grant.review_reminder', { type: 'system' }, g, next, { reminder: input.which })],
  });
}

/** The requester lets the grant run out: no further reminders. */
export function markDoNotRenew(g: GrantDoc, input: { actor: ActorRef; now: Date }): Result<Change<GrantDoc>, Refusal> {
  if (!isLive(g.status)) return err(notLive(g, 'marked do-not-renew'));
  if (g.review.doNotRenew) return err(refusal('NOT_DUE', 'Already marked as do not renew.'));
  const at = input.now.toISOString();
  const next: GrantDoc = { ...g, updatedAt: at, review: { ...g.review, doNotRenew: { at, by: actorId(input.actor) } } };
  return ok({ next, events: [grantEvent('grant.do_not_renew', input.actor, g, next)] });
}
