// The duplicate lock: at most one open request or live grant per (user, tool).
// It is a record created with expected version 'absent' in the SAME commit as
// the request that takes it, so of N concurrent filings exactly one commit
// succeeds; the others see a conflict, re-read, and find the lock held.
//
// The holder is the Jira issue id of the request (which is also the grant's
// id), so a redelivered event for the holder is recognised as the holder, not
// as a duplicate. The lock moves from holding the request to holding the
// grant on approval, and is deleted when the request or grant ends.
import * as z from 'zod/mini';
import type { RequestKind } from './types';

/** Built on first use (z.lazy): most intakes find no lock to parse. */
export const lockDocSchema = z.lazy(() =>
  z.object({
    v: z.literal(1),
    holderIssueId: z.string(),
    holderIssueKey: z.string(),
    holds: z.enum(['request', 'grant']),
    requester: z.string(),
    toolId: z.string(),
    since: z.string(),
  }),
);
export type LockDoc = z.infer<typeof lockDocSchema>;

/**
 * Lock record id. Access requests and grants share one lock per (user, tool);
 * extension and hand-back requests take their own so a second extension is
 * blocked while one is pending, without blocking on the grant itself.
 */
export function lockId(accountId: string, toolId: string, kind: RequestKind = 'access'): string {
  return kind === 'access' ? `${accountId}:${toolId}` : `${accountId}:${toolId}:${kind}`;
}

export function newLock(
  holder: { id: string; key: string },
  requester: string,
  toolId: string,
  holds: LockDoc['holds'],
  now: Date,
): LockDoc {
  return {
    v: 1,
    holderIssueId: holder.id,
    holderIssueKey: holder.key,
    holds,
    requester,
    toolId,
    since: now.toISOString(),
  };
}
