// What the requester resolvers answer about a person's own access (src/handlers/resolvers/portal.ts,
// src/domain/grant/requester-view.ts).
export type { RequesterAction } from '../../../src/domain/grant/requester-view';
import type { RequesterAction } from '../../../src/domain/grant/requester-view';

// The grant as the resolvers answer it: the domain's type (a type-only import; nothing of src/ is bundled).
export type { GrantView } from '../../../src/domain/grant/requester-view';
import type { GrantView } from '../../../src/domain/grant/requester-view';

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
