// The typed governance event. Everything in `ChainedBody` is covered by the
// event digest; `personal` (names, emails, purpose text) is covered only
// through `personalDigest`, so retention can drop it without breaking the chain.
import * as z from 'zod/mini';
import type { JsonValue } from './canonical-json';
import { SUBJECT_TYPES, type SubjectType } from './subject-types';

export const EVENT_FORMAT_VERSION = 1;

export { SUBJECT_TYPES, type SubjectType };

/**
 * The verbs the log knows. Append-only list: an action may be added, never
 * renamed or removed, or old events stop parsing (and verifying).
 */
export const GOVERNANCE_ACTIONS = [
  'request.submitted',
  'request.rejected_invalid',
  'request.blocked_duplicate',
  'request.pending_approval',
  'request.auto_approved',
  'request.approved',
  'request.declined',
  'request.cancelled',
  'request.lapsed',
  'request.escalated',
  'request.transition_refused',
  'request.transition_corrected',
  'grant.created',
  'grant.fulfilment_queued',
  'grant.fulfilled',
  'grant.activated',
  'grant.fulfilment_failed',
  'grant.manual_action_required',
  'grant.review_reminder',
  'grant.do_not_renew',
  'grant.extended',
  'grant.expired',
  'grant.revoked',
  'grant.handed_back',
  'grant.flagged',
  'catalog.proposed',
  'catalog.approved',
  'catalog.suspended',
  'catalog.reinstated',
  'catalog.retired',
  'catalog.edited',
  'policy.updated',
  'settings.updated',
  'provisioning.planned',
  'provisioning.applied',
  'provisioning.drift_detected',
  'connector.configured',
  'connector.identity_mapped',
  'connector.job_queued',
  'connector.job_running',
  'connector.job_succeeded',
  'connector.job_retrying',
  'connector.job_manual_action_required',
  'connector.job_failed',
  'connector.drift_detected',
  'retention.minimised',
] as const;
export type GovernanceAction = (typeof GOVERNANCE_ACTIONS)[number];

/** Actions allowed on any subject; every other action must match its subject type. */
const CROSS_SUBJECT_ACTIONS: ReadonlySet<GovernanceAction> = new Set(['retention.minimised']);

export function actionFitsSubject(action: GovernanceAction, type: SubjectType): boolean {
  return CROSS_SUBJECT_ACTIONS.has(action) || action.startsWith(`${type}.`);
}

// Ids end up inside storage keys `gov:{type}:{id}:{seq}`; no ':' keeps keys parseable.
export const SUBJECT_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
export const DIGEST_PATTERN = /^[0-9a-f]{64}$/;
/** Exactly Date#toISOString output, so the same instant always hashes the same. */
export const ISO_UTC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const GENESIS_DIGEST = '0'.repeat(64);
/** Entity integers are 32-bit; seq must fit. */
export const MAX_SEQ = 2_147_483_647;

export const subjectSchema = z.strictObject({
  type: z.enum(SUBJECT_TYPES),
  id: z.string().check(z.regex(SUBJECT_ID_PATTERN, 'subject id must be 1-128 characters of A-Z a-z 0-9 . _ -')),
});
export type SubjectRef = z.infer<typeof subjectSchema>;

export const actorSchema = z
  .strictObject({
    type: z.enum(['user', 'app', 'system']),
    accountId: z.optional(
      z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,128}$/, 'accountId must be an Atlassian account id')),
    ),
  })
  .check(
    z.refine((a) => a.type !== 'user' || a.accountId !== undefined, {
      message: 'a user actor needs an accountId',
      path: ['accountId'],
    }),
  );
export type Actor = z.infer<typeof actorSchema>;

export const ticketSchema = z
  .strictObject({
    id: z.optional(z.string().check(z.regex(/^\d{1,18}$/, 'ticket id must be the numeric issue id'))),
    key: z.optional(
      z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/, 'ticket key must look like ABC-123')),
    ),
  })
  .check(z.refine((t) => t.id !== undefined || t.key !== undefined, { message: 'a ticket needs its id or key' }));
export type TicketRef = z.infer<typeof ticketSchema>;

// z.number() rejects NaN and ±Infinity, which canonical JSON cannot represent.
const jsonValue: z.ZodMiniType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);
export const jsonObjectSchema = z.record(z.string(), jsonValue);
export type JsonObject = z.infer<typeof jsonObjectSchema>;

export const digestSchema = z.string().check(z.regex(DIGEST_PATTERN, 'digest must be 64 lowercase hex characters'));
export const isoSchema = z
  .string()
  .check(z.regex(ISO_UTC_PATTERN, 'time must be an ISO-8601 UTC instant with milliseconds (Date#toISOString)'));
export const seqSchema = z.int().check(z.minimum(1), z.maximum(MAX_SEQ));
export const policyVersionSchema = z.union([
  z.int().check(z.minimum(0)),
  z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,64}$/, 'policy version must be 1-64 characters of A-Z a-z 0-9 . _ : -')),
]);

/** The fields the event digest covers. */
export const chainedBodyShape = {
  v: z.literal(EVENT_FORMAT_VERSION),
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'event id must be 8-64 characters of A-Z a-z 0-9 _ -')),
  subject: subjectSchema,
  seq: seqSchema,
  action: z.enum(GOVERNANCE_ACTIONS),
  actor: actorSchema,
  at: isoSchema,
  ticket: z.optional(ticketSchema),
  policyVersion: z.optional(policyVersionSchema),
  before: z.optional(jsonObjectSchema),
  after: z.optional(jsonObjectSchema),
  personalDigest: z.optional(digestSchema),
  prevDigest: digestSchema,
};

// The stored event's schemas (personalSchema, governanceEventSchema,
// subjectHeadSchema) are built on first use (z.lazy builds once and keeps it):
// appending parses only the draft, and a subject's head only once it has one;
// stored events are parsed when they are verified or redacted.
export const personalSchema = z.lazy(() =>
  z.strictObject({
    /** Random per event, so a redacted digest cannot be brute-forced from guessable names. */
    salt: z.string().check(z.regex(/^[0-9a-f]{32}$/, 'salt must be 32 lowercase hex characters')),
    data: jsonObjectSchema,
  }),
);
export type PersonalPart = z.infer<typeof personalSchema>;

export const governanceEventSchema = z.lazy(() =>
  z
    .strictObject({
      ...chainedBodyShape,
      digest: digestSchema,
      personal: z.optional(personalSchema),
      /** Set by redaction; outside the digest on purpose. */
      redactedAt: z.optional(isoSchema),
    })
    .check(
      z.refine((e) => actionFitsSubject(e.action, e.subject.type), {
        message: 'action does not belong to the subject type',
        path: ['action'],
      }),
    ),
);
export type GovernanceEvent = z.infer<typeof governanceEventSchema>;

export type ChainedBody = Omit<GovernanceEvent, 'digest' | 'personal' | 'redactedAt'>;

/** The latest event of one subject: what the next append links to. */
export const subjectHeadSchema = z.lazy(() =>
  z.strictObject({
    v: z.literal(EVENT_FORMAT_VERSION),
    subject: subjectSchema,
    seq: seqSchema,
    digest: digestSchema,
    at: isoSchema,
  }),
);
export type SubjectHead = z.infer<typeof subjectHeadSchema>;

/** What a use case hands to appendEvent; the chain fields are filled in. */
export const eventDraftSchema = z
  .strictObject({
    id: z.optional(chainedBodyShape.id),
    subject: subjectSchema,
    action: z.enum(GOVERNANCE_ACTIONS),
    actor: actorSchema,
    ticket: z.optional(ticketSchema),
    policyVersion: z.optional(policyVersionSchema),
    before: z.optional(jsonObjectSchema),
    after: z.optional(jsonObjectSchema),
    personal: z.optional(jsonObjectSchema),
  })
  .check(
    z.refine((d) => actionFitsSubject(d.action, d.subject.type), {
      message: 'action does not belong to the subject type',
      path: ['action'],
    }),
  );
export type EventDraft = z.input<typeof eventDraftSchema>;

export function subjectKeyOf(s: SubjectRef): string {
  return `${s.type}:${s.id}`;
}

export function sameSubject(a: SubjectRef, b: SubjectRef): boolean {
  return a.type === b.type && a.id === b.id;
}
