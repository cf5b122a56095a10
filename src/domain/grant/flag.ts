// Flagging a live grant for review when its tool leaves the catalog and the
// catalog says "flag, don't revoke". Pure: returns the next grant with its
// governance event, or a typed refusal.
import { err, ok, type Result } from '../policy/result';
import type { Change } from '../request/decisions';
import { refusal, type Refusal } from '../request/refusal';
import { notLive } from './end';
import { grantEvent } from './events';
import { isLive, type GrantDoc } from './types';

/** The tool was suspended or retired and the catalog setting says "flag, don't revoke". */
export function flagGrant(g: GrantDoc, input: { now: Date; reason: string }): Result<Change<GrantDoc>, Refusal> {
  if (!isLive(g.status)) return err(notLive(g, 'flagged'));
  if (g.flagged) return err(refusal('NOT_DUE', 'This grant is already flagged for review.'));
  const at = input.now.toISOString();
  const next: GrantDoc = { ...g, updatedAt: at, flagged: { at, reason: input.reason.slice(0, 500) } };
  return ok({ next, events: [grantEvent('grant.flagged', { type: 'system' }, g, next)] });
}
