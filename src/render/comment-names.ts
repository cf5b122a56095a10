// The comment templates, by name (templates/comments/<name>.hbs). A module of
// its own so that loading templates (templates.ts, precompiled.ts) needs none
// of the data schemas (comment-schemas.ts, which the renderer loads).
const NAMES = [
  'intake-accepted',
  'auto-approved',
  'blocked-duplicate-pending',
  'blocked-duplicate-active',
  'rejected-invalid',
  'rejected-unstructured',
  'approved',
  'declined',
  'cancelled',
  'fulfilled',
  'fulfilment-needed',
  'review-reminder',
  'do-not-renew-ack',
  'status-repaired',
  'expired',
  'revoked',
  'extended',
  'handed-back',
  'escalated',
  'lapsed',
  'transition-refused',
  'tool-suspended',
  'grant-flagged',
  'connector-result',
] as const;

export type CommentName = (typeof NAMES)[number];
export const COMMENT_NAMES: CommentName[] = [...NAMES];

const KNOWN: ReadonlySet<string> = new Set(NAMES);

export function isCommentName(s: string): s is CommentName {
  return KNOWN.has(s);
}
