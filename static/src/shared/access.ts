// What the requester resolvers answer about a person's own access (src/handlers/resolvers/portal.ts,
// src/domain/grant/requester-view.ts).
export type RequesterAction = 'extend' | 'hand_back' | 'cancel' | 'do_not_renew';

export interface GrantView {
  id: string;
  issueKey: string;
  toolId: string;
  toolName: string;
  status: string;
  live: boolean;
  expiresAt: string;
  daysLeft: number;
  policyVersion: number;
  nextReviewAt: string | null;
  doNotRenew: boolean;
  totalDays: number;
  maxTotalDays: number;
  actions: RequesterAction[];
}

export interface RequestView {
  id: string;
  issueKey: string;
  kind: 'access' | 'extension' | 'hand_back';
  status: string;
  toolId: string | null;
  toolName: string | null;
  requestedDays: number | null;
  policyVersion?: number | null;
  submittedAt: string;
  decision?: { at: string; days: number | null; auto: boolean };
  rejection?: string;
}

export interface RequestDetail {
  request: RequestView | null;
  grant?: GrantView | null;
  actions?: RequesterAction[];
}

export interface MyAccess {
  grants: GrantView[];
  requests: Array<Omit<RequestView, 'policyVersion' | 'decision' | 'rejection'>>;
}
