// The request record: one per ticket, keyed by the Jira issue id so that a
// redelivered "issue created" event is recognised as the same request, never
// as a duplicate. Statuses follow the product's lifecycle (README):
//
//   submitted ─▶ rejected_invalid | blocked_duplicate | auto_approved
//             ─▶ pending_approval ─▶ approved | declined | cancelled | lapsed
//
// `submitted` exists only inside the intake transaction (the record is first
// stored already evaluated); it appears in the governance log as the first event.
import * as z from 'zod/mini';
import { RISK_LEVELS } from '../policy/risk-policy';

export const REQUEST_STATUSES = [
  'submitted',
  'rejected_invalid',
  'blocked_duplicate',
  'pending_approval',
  'approved',
  'auto_approved',
  'declined',
  'cancelled',
  'lapsed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** No further decision can change these. */
export const TERMINAL_REQUEST_STATUSES: ReadonlySet<RequestStatus> = new Set([
  'rejected_invalid',
  'blocked_duplicate',
  'approved',
  'auto_approved',
  'declined',
  'cancelled',
  'lapsed',
]);

/** What the ticket asks for: new access, more time on a live grant, or ending a live grant. */
export const REQUEST_KINDS = ['access', 'extension', 'hand_back'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Where the request's details came from. `email` = only summary/description (email channel, API, a stale form). */
export const REQUEST_SOURCES = ['portal_panel', 'fields', 'email'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

export const ticketRefSchema = z.object({
  id: z.string().check(z.regex(/^\d{1,18}$/, 'issue id must be numeric')),
  key: z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/, 'issue key must look like ABC-123')),
});
export type TicketRef = z.infer<typeof ticketRefSchema>;

const iso = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'time must be Date#toISOString output'));
const accountId = z.string().check(z.minLength(1), z.maxLength(128));
const count = (min: number) => z.int().check(z.gte(min));
const text = (max: number) => z.string().check(z.maxLength(max));

// The stored record's schemas are built on first use (z.lazy builds once and
// keeps it): a cold intake of a new ticket parses no stored request.
export const decisionSchema = z.lazy(() =>
  z.object({
    /** accountId of the person, or 'app' for automatic decisions. */
    by: accountId,
    at: iso,
    auto: z._default(z.boolean(), false),
    /** Days granted (approval/extension) — may be shorter than requested. */
    days: z.optional(count(1)),
    rationale: z.optional(text(4000)),
  }),
);
export type Decision = z.infer<typeof decisionSchema>;

/** The request record's fields, built when called (records.ts adds the ticket sync state to them). */
export function requestDocShape() {
  return {
    v: z.literal(1),
    /** Jira issue id; also the record id, the governance subject id and (after approval) the grant id. */
    id: z.string().check(z.regex(/^\d{1,18}$/)),
    ticket: ticketRefSchema,
    kind: z.enum(REQUEST_KINDS),
    source: z.enum(REQUEST_SOURCES),
    status: z.enum(REQUEST_STATUSES),
    requester: accountId,
    /** Display name as the ticket showed it at intake (personal data: retention blanks it), for later comments. */
    requesterName: z.optional(text(255)),
    toolId: z.nullable(z.string()),
    toolName: z.nullable(z.string()),
    purpose: z.nullable(z.string()),
    requestedDays: z.nullable(z.int()),
    risk: z.nullable(z.enum(RISK_LEVELS)),
    policyVersion: z.nullable(count(0)),
    submittedAt: iso,
    updatedAt: iso,
    decision: z.optional(decisionSchema),
    /** Why intake rejected it (code + the sentence shown to the requester). */
    rejection: z.optional(z.object({ code: z.string(), message: z.string() })),
    /** The ticket that holds the (user, tool) lock this one ran into. */
    blockedBy: z.optional(z.object({ issueId: z.string(), issueKey: z.string(), holds: z.enum(['request', 'grant']) })),
    /** Access requests: the grant created on approval (same id as the request). Extension/hand-back: the grant acted on. */
    grantId: z.optional(z.string()),
    /** Pending requests: escalation and lapse clocks (policy snapshot at intake, so sweeps need no policy read). */
    escalation: z.optional(
      z.object({
        afterHours: count(0),
        lapseAfterDays: count(0),
        approverGroup: z.string(),
        escalatedAt: z.optional(iso),
      }),
    ),
    /** True when the lock for (requester, tool) is held by this request (so every path that ends it knows to release it). */
    holdsLock: z._default(z.boolean(), false),
  };
}

export const requestDocSchema = z.lazy(() => z.object(requestDocShape()));
export type RequestDoc = z.infer<typeof requestDocSchema>;

/** Who acts: a person (accountId), the app itself (auto decisions), or the scheduler (sweeps). */
export type ActorRef = { type: 'user'; accountId: string } | { type: 'app' } | { type: 'system' };

export function actorId(actor: ActorRef): string {
  return actor.type === 'user' ? actor.accountId : actor.type;
}

/**
 * The request status as the ticket's indexed property carries it (`decision`, JQL alias aicDecision): the status,
 * but `pending` while it waits for approval. Insights' JQL asks for the same values the stamp writes.
 */
export function decisionPropertyValue(status: RequestStatus): string {
  return status === 'pending_approval' ? 'pending' : status;
}
