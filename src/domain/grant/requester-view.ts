// What a requester sees of one request and the access it gave them, and what they may do about it: the
// portal request detail and My AI access both show this (pure; `now` passed in).
import type { RequestDoc } from '../request/types';
import { isLive, type GrantDoc } from './types';

export const REQUESTER_ACTIONS = ['extend', 'hand_back', 'cancel', 'do_not_renew'] as const;
export type RequesterAction = (typeof REQUESTER_ACTIONS)[number];

const DAY_MS = 86_400_000;

/** A request as its requester sees it in a list. */
export function requestSummary(d: RequestDoc) {
  return {
    id: d.id,
    issueKey: d.ticket.key,
    kind: d.kind,
    status: d.status,
    toolId: d.toolId,
    toolName: d.toolName,
    requestedDays: d.requestedDays,
    submittedAt: d.submittedAt,
  };
}

export interface GrantView {
  id: string;
  issueKey: string;
  toolId: string;
  toolName: string;
  status: GrantDoc['status'];
  live: boolean;
  expiresAt: string;
  /** Whole days until expiry (0 on the last day; negative once past). */
  daysLeft: number;
  policyVersion: number;
  /** When the review reminder is due: expiry minus the review window. */
  nextReviewAt: string | null;
  doNotRenew: boolean;
  totalDays: number;
  maxTotalDays: number;
  /** What the holder may do with this access. */
  actions: RequesterAction[];
}

export function grantView(g: GrantDoc, now: Date): GrantView {
  const expires = Date.parse(g.expiresAt);
  const live = isLive(g.status);
  const review = expires - g.review.windowDays * DAY_MS;
  return {
    id: g.id,
    issueKey: g.ticket.key,
    toolId: g.toolId,
    toolName: g.toolName,
    status: g.status,
    live,
    expiresAt: g.expiresAt,
    daysLeft: Math.floor((expires - now.getTime()) / DAY_MS),
    policyVersion: g.policyVersion,
    nextReviewAt: live && g.review.windowDays > 0 ? new Date(review).toISOString() : null,
    doNotRenew: Boolean(g.review.doNotRenew),
    totalDays: g.totalDays,
    maxTotalDays: g.maxTotalDays,
    actions: grantActions(g),
  };
}

/** What the holder may do with a grant: extend it (below its limit), hand it back, stop renewing it (once). */
export function grantActions(g: GrantDoc): RequesterAction[] {
  if (!isLive(g.status)) return [];
  const out: RequesterAction[] = [];
  if (g.totalDays < g.maxTotalDays) out.push('extend');
  out.push('hand_back');
  if (!g.review.doNotRenew) out.push('do_not_renew');
  return out;
}

/** The actions the requester may take on their request, given the grant it concerns (if any). */
export function requesterActions(r: RequestDoc, g: GrantDoc | undefined): RequesterAction[] {
  return [
    ...(r.status === 'pending_approval' ? (['cancel'] as const) : []),
    ...(g && r.kind !== 'hand_back' ? grantActions(g) : []),
  ];
}
