// The plan: one item per managed or checked thing, each with a sentence a
// person can read, and (for creates and updates) the operation apply runs.

export type PlanAction = 'create' | 'update' | 'unchanged' | 'manual' | 'conflict';

export type ResourceKind =
  | 'field'
  | 'fieldContext'
  | 'fieldOptions'
  | 'filter'
  | 'requestType'
  | 'requestTypeDetails'
  | 'portalFields'
  | 'portalGroup'
  | 'queue'
  | 'screenField'
  | 'screens'
  | 'workflowStatuses';

export type ApplyOp =
  | { type: 'createField'; fieldRef: string }
  | { type: 'updateField'; fieldRef: string; fieldId: string }
  | { type: 'createContext'; fieldRef: string }
  | { type: 'createOptions'; fieldRef: string; values: string[] }
  | { type: 'enableOptions'; fieldRef: string; options: Array<{ id: string; value: string }> }
  | { type: 'createFilter'; queueRef: string }
  | { type: 'updateFilter'; queueRef: string; filterId: string }
  | { type: 'createRequestType'; requestTypeRef: string; issueTypeId: string }
  | { type: 'addScreenField'; fieldRef: string; screenId: string; tabId: string };

export type CheckStatus = 'pass' | 'fail' | 'pending';

export interface CheckResult {
  /** pending: the check can only run once apply has created what it looks at. */
  status: CheckStatus;
  detail: string;
}

export interface ManualStep {
  /** Exactly what to click and type, in order. */
  instructions: string[];
  check: CheckResult;
}

export interface PlanItem {
  /** Stable key, e.g. field:aiTool, filter:pendingRequests, queue:pendingRequests. */
  key: string;
  kind: ResourceKind;
  /** Template ref of the field, queue or request type. */
  ref: string;
  name: string;
  action: PlanAction;
  sentence: string;
  /** Id on the site when the item exists there. */
  siteId?: string;
  /** Id the record holds from an earlier apply (lets drift say "deleted" instead of "missing"). */
  recordedId?: string;
  /** For update: what differs, one phrase each. */
  changes?: string[];
  op?: ApplyOp;
  manual?: ManualStep;
  /** Keys of items that must succeed first. */
  dependsOn?: string[];
}

/** Ids known before apply runs: what the site already has, by template ref. */
export interface KnownIds {
  serviceDeskId: string;
  projectId: string;
  fields: Record<string, string>;
  contexts: Record<string, string>;
  filters: Record<string, string>;
  requestTypes: Record<string, string>;
}

export interface Plan {
  projectKey: string;
  items: PlanItem[];
  known: KnownIds;
  counts: Record<PlanAction, number>;
  /** Manual steps whose check does not pass yet. */
  manualOpen: number;
}

export function countActions(items: PlanItem[]): Record<PlanAction, number> {
  const counts: Record<PlanAction, number> = { create: 0, update: 0, unchanged: 0, manual: 0, conflict: 0 };
  for (const i of items) counts[i.action]++;
  return counts;
}

/** True when apply has nothing to create or update. */
export function isConverged(plan: Plan): boolean {
  return plan.counts.create === 0 && plan.counts.update === 0;
}
