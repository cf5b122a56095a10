// What the agent resolvers answer (src/handlers/resolvers/agent.ts), as the agent surfaces read it.
// The decision preview and bulk rows are the use cases' own types (type-only: nothing of src/ is bundled).
export type { ActionCheck, DecisionPreview } from '../../../src/usecases/decision-preview';
export type { BulkRow } from '../../../src/usecases/decide-many';

export interface DataHandling {
  trainsOnCustomerData: string;
  retention: string;
  sso: boolean;
  soc2: boolean;
  iso27001: boolean;
  iso42001: boolean;
  dataResidency: string[];
}

export interface TimelineEvent {
  id: string;
  at: string;
  action: string;
  subject: { type: string; id: string };
  actor: { type: string; accountId?: string };
  seq: number;
}

export interface ChainStatus {
  ok: boolean;
  events: number;
  message: string | null;
}

export interface RequestDetail {
  request: {
    id: string;
    ticket: { id: string; key: string };
    kind: string;
    status: string;
    requester: string;
    requesterName?: string;
    toolId: string | null;
    toolName: string | null;
    purpose: string | null;
    requestedDays: number | null;
    risk: string | null;
    policyVersion: number | null;
    submittedAt: string;
    decision?: { by: string; at: string; auto: boolean; days?: number; rationale?: string };
    escalation?: { approverGroup: string; afterHours: number; escalatedAt?: string };
  };
  grant: { id: string; status: string; days: number; expiresAt?: string | null; policyVersion: number } | null;
  status: string;
  tool: {
    id: string;
    name: string;
    vendor: string;
    risk: string;
    status: string;
    riskRationale: string;
    dataHandling: DataHandling;
  } | null;
  chains: { request: ChainStatus; grant: ChainStatus | null };
  timeline: TimelineEvent[];
}

export interface PendingItem {
  id: string;
  issueKey: string;
  status: string;
  toolId: string | null;
  toolName: string | null;
  requester: string;
  requesterName: string | null;
  days: number | null;
  risk: string | null;
  submittedAt: string | null;
}

export interface DecisionResult {
  outcome: string;
  requestId: string;
  issueKey: string;
  ticket?: 'written' | 'catching_up';
}
