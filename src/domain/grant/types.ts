// The grant record: time-bound access of one user to one tool, created when a
// request is approved. Its id is the approving request's issue id, so
// approving the same request twice can only ever address the same grant.
//
//   pending_fulfilment ─▶ active ─▶ in_review ─▶ (extended) ─▶ active
//                                              ─▶ expired
//                      ─▶ revoked   (agent, requester hand-back, tool suspended/retired, cancelled)
//   pending_fulfilment ─▶ fulfilment_failed ─▶ (retried) pending_fulfilment | manual_action_required ─▶ active
//
// `extended` is a transition (event grant.extended), not a resting state: an
// extended grant is active again with a later expiry and reminders reset.
import * as z from 'zod/mini';
import { RISK_LEVELS } from '../policy/risk-policy';
import { ticketRefSchema } from '../request/types';

export const GRANT_STATUSES = [
  'pending_fulfilment',
  'active',
  'in_review',
  'expired',
  'revoked',
  'fulfilment_failed',
  'manual_action_required',
] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** Statuses in which the user has (or is being given) access and the duplicate lock is held. */
export const LIVE_GRANT_STATUSES: ReadonlySet<GrantStatus> = new Set([
  'pending_fulfilment',
  'active',
  'in_review',
  'fulfilment_failed',
  'manual_action_required',
]);

export function isLive(status: GrantStatus): boolean {
  return LIVE_GRANT_STATUSES.has(status);
}

export const END_REASONS = [
  'expired',
  'revoked',
  'handed_back',
  'tool_suspended',
  'tool_retired',
  'cancelled',
] as const;
export type EndReason = (typeof END_REASONS)[number];

const iso = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'time must be Date#toISOString output'));
const count = (min: number) => z.int().check(z.gte(min));
const text = (max: number) => z.string().check(z.maxLength(max));

// The record's schemas are built on first use (z.lazy builds once and keeps
// it): a cold intake of a new request parses no grant.
export const fulfilmentSchema = z.lazy(() =>
  z.object({
    mode: z.enum(['manual', 'connector']),
    /** Connector binding at approval time (connected mode only). */
    provider: z.optional(z.string()),
    groupId: z.optional(z.string()),
    state: z.enum(['pending', 'done', 'failed', 'manual_action_required']),
    attempts: z._default(count(0), 0),
    lastError: z.optional(text(1000)),
    fulfilledAt: z.optional(iso),
    fulfilledBy: z.optional(z.string()),
  }),
);
export type Fulfilment = z.infer<typeof fulfilmentSchema>;

export const grantDocSchema = z.lazy(() =>
  z.object({
    v: z.literal(1),
    /** = the approving request's issue id. */
    id: z.string(),
    ticket: ticketRefSchema,
    requester: z.string(),
    toolId: z.string(),
    toolName: z.string(),
    risk: z.enum(RISK_LEVELS),
    /** Policy version of the latest decision on this grant (approval or extension). */
    policyVersion: count(0),
    status: z.enum(GRANT_STATUSES),
    /** accountId of the approver, or 'app' for auto-approval. */
    approver: z.string(),
    approvedAt: iso,
    /** Access counts from approval (the expiry a requester is told is approval + days). */
    start: iso,
    expiresAt: iso,
    /** Days of the latest period (initial grant or last extension). */
    days: count(1),
    /** Days across the initial grant and every extension; bounded by maxTotalDays. */
    totalDays: count(1),
    maxTotalDays: count(1),
    review: z.object({
      windowDays: count(0),
      secondReminderDays: count(0),
      firstSentAt: z.optional(iso),
      secondSentAt: z.optional(iso),
      doNotRenew: z.optional(z.object({ at: iso, by: z.string() })),
    }),
    fulfilment: fulfilmentSchema,
    extensions: z._default(
      z.array(
        z.object({
          requestId: z.string(),
          issueKey: z.string(),
          days: z.int(),
          at: iso,
          by: z.string(),
          policyVersion: z.int(),
          /** Set when this extension took the total past the limit: the limit then, and the higher group that approved. Optional: older grants have none. */
          overLimit: z.optional(z.object({ limit: count(1), approvedAs: z.string() })),
        }),
      ),
      [],
    ),
    ended: z.optional(
      z.object({ at: iso, reason: z.enum(END_REASONS), by: z.string(), rationale: z.optional(text(4000)) }),
    ),
    flagged: z.optional(z.object({ at: iso, reason: text(500) })),
    updatedAt: iso,
  }),
);
export type GrantDoc = z.infer<typeof grantDocSchema>;
