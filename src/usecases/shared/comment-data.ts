// Builds the data of the comments that approvals and grant endings share
// (templates/comments/*.hbs; data shapes in src/render/comment-schemas.ts;
// intake's own: ../intake-comments.ts). User text (rationale, names) is
// passed as data only; the renderer turns every value into a plain text
// node, so it can never become markup.
import type { GrantDoc } from '../../domain/grant/types';
import { comment, type CommentSpec } from './ticket-sync';

export function approvedComments(
  g: GrantDoc,
  requestedDays: number | null,
  approverName: string,
  auto: boolean,
  requesterName: string,
): CommentSpec[] {
  const fulfilment = g.fulfilment.mode;
  const out: CommentSpec[] = auto
    ? [
        comment('auto-approved', {
          toolName: g.toolName,
          durationDays: g.days,
          expiresAt: g.expiresAt,
          policyVersion: g.policyVersion,
          fulfilment,
        }),
      ]
    : [
        comment('approved', {
          toolName: g.toolName,
          durationDays: g.days,
          ...(requestedDays !== null ? { requestedDays } : {}),
          expiresAt: g.expiresAt,
          policyVersion: g.policyVersion,
          approverName,
          fulfilment,
        }),
      ];
  if (fulfilment === 'manual') out.push(fulfilmentNeeded(g, requesterName, 'no_connector'));
  return out;
}

export function fulfilmentNeeded(
  g: GrantDoc,
  requesterName: string,
  reason: 'no_connector' | 'connector_failed' | 'identity_unmapped',
  detail?: string,
): CommentSpec {
  return comment('fulfilment-needed', {
    toolName: g.toolName,
    requesterName,
    durationDays: g.totalDays,
    expiresAt: g.expiresAt,
    reason,
    ...(detail ? { detail: detail.slice(0, 500) } : {}),
  });
}

export function groupRemoval(g: GrantDoc): 'queued' | 'manual' | 'none' {
  if (g.fulfilment.mode === 'connector') return 'queued';
  return g.fulfilment.state === 'done' ? 'manual' : 'none';
}
