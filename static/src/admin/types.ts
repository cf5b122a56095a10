// What the admin resolvers answer (src/handlers/resolvers/admin.ts), as the console reads it.
import type { DataHandling } from '../agent/types';

export interface CatalogEntry {
  id: string;
  name: string;
  vendor: string;
  category: string;
  tier: string;
  vendorUrl: string;
  dataHandling: DataHandling;
  riskRationale: string;
  defaultDays: number;
  maxDays: number;
  reviewWindowDays: number;
  connector: { provider: string; groupId: string } | null;
  assessedOn: string;
  risk: string;
  status: string;
  statusReason: string | null;
  policyOverrides: Record<string, unknown>;
  updatedAt: string;
  version: number;
}

export interface LevelPolicy {
  maxDays: number;
  defaultDays: number;
  reviewWindowDays: number;
  secondReminderDays: number;
  autoApprovalAllowed: boolean;
  autoApprovalMaxDays: number;
  approverGroup: string;
  escalationAfterHours: number;
  lapseAfterDays: number;
  maxTotalDays: number;
}

export interface PolicySet {
  version: number;
  levels: Record<'low' | 'medium' | 'high', LevelPolicy>;
  updatedAt: string;
  updatedBy: { type: string; accountId?: string };
}

export interface GovernanceEvent {
  id: string;
  at: string;
  seq: number;
  action: string;
  subject: { type: string; id: string };
  actor: { type: string; accountId?: string };
  ticket?: { id?: string; key?: string };
  before?: unknown;
  after?: unknown;
}

export interface VerifyResult {
  ok: boolean;
  counts: { subjects: number; events: number; redacted: number; anchors: number; anchoredHeads: number };
  message?: string;
}

export interface PlanItem {
  key: string;
  kind: string;
  name: string;
  action: string;
  sentence: string;
  manual?: { instructions: string[]; check?: { status: string; detail: string } };
}

export interface Plan {
  projectKey: string;
  items: PlanItem[];
  counts: Record<string, number>;
  manualOpen: number;
}

export interface ProvisionStatus {
  run: {
    runId: string;
    state: 'running' | 'done' | 'failed';
    stepsDone: number;
    total: number;
    current?: string;
    error?: { code: string; message: string };
    manualOpen?: number;
  } | null;
  ids: { source: string; problems: Array<{ sentence: string }> };
}

export interface Settings {
  projectKey: string;
  portalId: string | null;
  escalationTarget: string | null;
  retentionDays: number;
  liveGrantsOnLeave: 'flag' | 'revoke';
  version: number;
}

export interface Overview {
  requests: Record<string, number>;
  grants: Record<string, number>;
  expiringIn14Days: number;
  stalePending: number;
  lastVerification: { at: string; ok: boolean; events: number; subjects: number; message: string | null } | null;
}

// The insights answer, as the domain defines it (type only: nothing of the backend is bundled).
export type { DayBucket, InsightsOverview as Insights, Segment } from '../../../src/domain/evidence/insights';
