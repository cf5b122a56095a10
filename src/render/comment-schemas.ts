// The data each comment template receives, checked with zod before rendering
// (a use case passing the wrong shape fails loudly, not with a half-empty
// comment) and used at load time to reject templates that reference fields
// that do not exist. Free text has no length limit here: the renderer
// truncates it, so a hostile 1 MB purpose still renders.
//
// Each template's schema is built on first use (commentSchema), not when this
// module loads: an invocation renders one or two templates, and building all
// of them cost a cold start ~3-5 ms. Forge handlers load this module with the
// renderer (render.ts), only when they write a comment; the template names
// are in comment-names.ts.
import * as z from 'zod/mini';
import { COMMENT_NAMES, isCommentName, type CommentName } from './comment-names';
import { RenderError } from './errors';

export { COMMENT_NAMES, isCommentName, type CommentName };

// Field schemas the templates share; each call builds a fresh one for the template schema being built.
const text = () => z.string();
const optText = () => z.optional(z.string());
const name = () => z.string().check(z.minLength(1, 'must not be empty'));
const days = () => z.int().check(z.minimum(0), z.maximum(36_500));
const instant = () => z.iso.datetime({ offset: true });
const issueKey = () =>
  z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/, 'must be an issue key like AIC-12'));
const numericId = () => z.string().check(z.regex(/^\d{1,18}$/, 'must be a numeric id'));
const policyVersion = () =>
  z.union([
    z.int().check(z.minimum(0)),
    z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be a version label like 3 or 2025-01.2')),
  ]);
const fulfilment = () => z.enum(['manual', 'connector']);
const groupRemoval = () => z.enum(['queued', 'manual', 'none']);
/** The request types a comment can link to, when the portal ids are known. */
const portal = () => ({
  portalId: z.optional(numericId()),
  requestTypeId: z.optional(numericId()),
});
const toolList = () => ({
  requestableTools: z.array(name()).check(z.maxLength(50, 'show at most 50 tools; pass the rest as moreToolCount')),
  moreToolCount: z.optional(z.int().check(z.minimum(0))),
});

/** How to build each template's schema, for every template name (comment-names.ts) and no other. */
const BUILDERS = {
  'intake-accepted': () =>
    z.strictObject({
      requesterName: text(),
      toolName: name(),
      durationDays: days(),
      purpose: text(),
      riskLevel: z.enum(['low', 'medium', 'high']),
      approverGroup: optText(),
      policyVersion: policyVersion(),
    }),
  'auto-approved': () =>
    z.strictObject({
      toolName: name(),
      durationDays: days(),
      expiresAt: instant(),
      policyVersion: policyVersion(),
      fulfilment: fulfilment(),
    }),
  'blocked-duplicate-pending': () =>
    z.strictObject({ toolName: name(), originalKey: issueKey(), portalId: z.optional(numericId()) }),
  'blocked-duplicate-active': () =>
    z.strictObject({ toolName: name(), originalKey: issueKey(), expiresAt: instant(), ...portal() }),
  'rejected-invalid': () =>
    z.strictObject({ requestedTool: optText(), reasons: z.array(text()).check(z.minLength(1)), ...toolList() }),
  'rejected-unstructured': () => z.strictObject({ ...toolList(), ...portal() }),
  approved: () =>
    z.strictObject({
      toolName: name(),
      durationDays: days(),
      requestedDays: z.optional(days()),
      expiresAt: instant(),
      policyVersion: policyVersion(),
      approverName: text(),
      fulfilment: fulfilment(),
    }),
  declined: () => z.strictObject({ toolName: name(), rationale: text(), deciderName: text() }),
  cancelled: () =>
    z.strictObject({ toolName: name(), cancelledBy: z.enum(['requester', 'agent']), actorName: optText() }),
  fulfilled: () =>
    z.strictObject({ toolName: name(), expiresAt: instant(), method: fulfilment(), groupName: optText() }),
  'fulfilment-needed': () =>
    z.strictObject({
      toolName: name(),
      requesterName: text(),
      requesterEmail: optText(),
      durationDays: days(),
      expiresAt: instant(),
      reason: z.enum(['no_connector', 'connector_failed', 'identity_unmapped']),
      detail: optText(),
    }),
  'review-reminder': () =>
    z.strictObject({
      stage: z.enum(['first', 'final']),
      toolName: name(),
      expiresAt: instant(),
      daysLeft: days(),
      ...portal(),
    }),
  'do-not-renew-ack': () => z.strictObject({ toolName: name(), expiresAt: instant() }),
  'status-repaired': () => z.strictObject({ foundStatus: text(), correctedTo: text(), recordState: text() }),
  expired: () => z.strictObject({ toolName: name(), expiredAt: instant(), groupRemoval: groupRemoval() }),
  revoked: () =>
    z.strictObject({
      toolName: name(),
      reason: z.enum(['agent', 'tool_suspended', 'tool_retired', 'policy']),
      revokedByName: optText(),
      rationale: optText(),
      groupRemoval: groupRemoval(),
    }),
  extended: () =>
    z.strictObject({
      toolName: name(),
      previousExpiresAt: instant(),
      expiresAt: instant(),
      addedDays: days(),
      policyVersion: policyVersion(),
      approverName: optText(),
      /** Set when the extension went past the tool's usual total limit with the higher approval. */
      overLimit: z.optional(z.strictObject({ limitDays: days(), totalDays: days(), approvedAs: name() })),
    }),
  'handed-back': () => z.strictObject({ toolName: name(), handedBackAt: instant(), groupRemoval: groupRemoval() }),
  escalated: () =>
    z.strictObject({
      toolName: name(),
      requesterName: text(),
      pendingSince: instant(),
      waitingDays: days(),
      escalationTarget: text(),
      lapseAt: instant(),
    }),
  lapsed: () => z.strictObject({ toolName: name(), pendingSince: instant(), waitingDays: days() }),
  'transition-refused': () =>
    z.strictObject({
      attemptedStatus: text(),
      currentStatus: text(),
      reason: z.enum([
        'prohibited_tool',
        'not_requestable',
        'self_approval',
        'not_approver',
        'approver_unverified',
        'needs_higher_approval',
        'already_active',
        'already_closed',
        'duration_exceeds_policy',
        'missing_rationale',
        'unexpected',
      ]),
      correctedTo: optText(),
      actorName: optText(),
      detail: optText(),
    }),
  'tool-suspended': () =>
    z.strictObject({ toolName: name(), catalogStatus: z.enum(['suspended', 'retired']), note: optText() }),
  'grant-flagged': () =>
    z.strictObject({
      toolName: name(),
      requesterName: text(),
      reason: z.enum([
        'tool_suspended',
        'tool_retired',
        'missing_from_group',
        'unexpected_member',
        'identity_unmapped',
      ]),
      detail: optText(),
    }),
  'connector-result': () =>
    z.strictObject({
      toolName: name(),
      requesterName: optText(),
      provider: z.enum(['okta', 'entra']),
      operation: z.enum(['add', 'remove']),
      outcome: z.enum(['succeeded', 'retrying', 'manual_action_required', 'failed']),
      groupName: text(),
      attempts: z.int().check(z.minimum(1)),
      nextRetryAt: z.optional(instant()),
      error: optText(),
    }),
} satisfies { readonly [N in CommentName]: () => z.ZodMiniType };

/** Each template's data schema, by template name. */
export type CommentSchemas = { readonly [N in CommentName]: ReturnType<(typeof BUILDERS)[N]> };
export type CommentData<N extends CommentName> = z.input<CommentSchemas[N]>;

const built = new Map<CommentName, CommentSchemas[CommentName]>();

/** The data schema of one template, built on its first use and the same object after that. */
export function commentSchema<N extends CommentName>(name: N): CommentSchemas[N] {
  if (!isCommentName(name))
    throw new RenderError(
      'TEMPLATE_UNKNOWN',
      `no comment data schema named "${String(name)}"; known: ${COMMENT_NAMES.join(', ')}`,
    );
  let schema = built.get(name);
  if (!schema) built.set(name, (schema = BUILDERS[name]()));
  return schema as CommentSchemas[N];
}

/** Every template's schema by name (for tools and tests that walk them all); each is built when first read, by commentSchema. */
export const COMMENT_SCHEMAS: CommentSchemas = /* @__PURE__ */ schemaTable();

function schemaTable(): CommentSchemas {
  const table = {};
  for (const n of COMMENT_NAMES) Object.defineProperty(table, n, { enumerable: true, get: () => commentSchema(n) });
  return table as CommentSchemas;
}
