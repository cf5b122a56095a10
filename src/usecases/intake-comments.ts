// Builds the data of the comments only intake writes: accepted, rejected,
// blocked as a duplicate (templates/comments/*.hbs; data shapes in
// src/render/comment-schemas.ts). User text (purpose, names, tool names from
// stale forms) is passed as data only; the renderer turns every value into a
// plain text node, so it can never become markup.
import type { GrantDoc } from '../domain/grant/types';
import type { Refusal } from '../domain/request/refusal';
import type { RequestDoc } from '../domain/request/types';
import type { StoredCatalogEntry } from './shared/catalog-repo';
import { comment, type CommentSpec } from './shared/ticket-sync';

const MAX_LISTED_TOOLS = 25;

export function toolList(tools: readonly StoredCatalogEntry[]): { requestableTools: string[]; moreToolCount?: number } {
  const names = tools.map((t) => t.name);
  const shown = names.slice(0, MAX_LISTED_TOOLS);
  return names.length > shown.length
    ? { requestableTools: shown, moreToolCount: names.length - shown.length }
    : { requestableTools: shown };
}

export function rejectedComment(
  r: RequestDoc,
  why: Refusal,
  requestable: readonly StoredCatalogEntry[],
  requestedTool: string | null,
  portalId?: string,
): CommentSpec {
  if (r.source === 'email')
    return comment('rejected-unstructured', { ...toolList(requestable), ...(portalId ? { portalId } : {}) });
  return comment('rejected-invalid', {
    ...(requestedTool ? { requestedTool: requestedTool.slice(0, 200) } : {}),
    reasons: [why.message],
    ...toolList(requestable),
  });
}

export function blockedComment(r: RequestDoc, liveGrant: GrantDoc | undefined, portalId?: string): CommentSpec {
  const toolName = r.toolName ?? r.toolId ?? 'the tool';
  const originalKey = r.blockedBy!.issueKey;
  if (r.blockedBy!.holds === 'grant' && liveGrant)
    return comment('blocked-duplicate-active', {
      toolName,
      originalKey,
      expiresAt: liveGrant.expiresAt,
      ...(portalId ? { portalId } : {}),
    });
  return comment('blocked-duplicate-pending', { toolName, originalKey, ...(portalId ? { portalId } : {}) });
}

export function intakeAcceptedComment(
  r: RequestDoc,
  requesterName: string,
  approverGroup: string | undefined,
): CommentSpec {
  const risk = r.risk === 'low' || r.risk === 'medium' || r.risk === 'high' ? r.risk : 'high';
  return comment('intake-accepted', {
    requesterName,
    toolName: r.toolName ?? 'the tool',
    durationDays: r.requestedDays ?? 0,
    purpose: r.purpose ?? '',
    riskLevel: risk,
    ...(approverGroup ? { approverGroup } : {}),
    policyVersion: r.policyVersion ?? 0,
  });
}
