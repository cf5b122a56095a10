// Every state the app can put a request or grant in has a workflow status it drives the ticket
// to (shared/expected-status.ts); this checks that the workflow offers the transitions to get
// there from every status the ticket may be found in: after a race between two decisions (the
// first committed wins, the ticket follows it), and for a grant that expires, is revoked or is
// cancelled before it was marked fulfilled. Pure: the caller passes the workflow's transitions
// as (from status, to status) names and the app's status-meaning map (templates/workflow.yml).
import type { StatusMeaning } from './desired';

export interface WorkflowEdge {
  from: string;
  to: string;
}

/** [where the ticket may be, where the records may send it] by meaning. */
export const REQUIRED_EXITS: ReadonlyArray<readonly [StatusMeaning, StatusMeaning]> = [
  ['pending', 'inFulfilment'],
  ['pending', 'declined'],
  ['pending', 'cancelled'],
  // A decline committed first while an Approve moved the ticket on (or the other way round).
  ['inFulfilment', 'declined'],
  ['active', 'declined'],
  ['declined', 'inFulfilment'],
  ['declined', 'active'],
  // A grant that ends before anyone marked it fulfilled.
  ['inFulfilment', 'active'],
  ['inFulfilment', 'expired'],
  ['inFulfilment', 'revoked'],
  ['inFulfilment', 'cancelled'],
  ['active', 'expired'],
  ['active', 'revoked'],
];

export interface MissingExit {
  from: StatusMeaning;
  to: StatusMeaning;
  fromStatus: string;
  toStatuses: readonly string[];
}

/**
 * The exits the workflow lacks. `statuses` maps each meaning to its status names (an unmapped
 * meaning is skipped: the app falls back as expected-status.ts says). Names compare case-insensitively.
 */
export function missingWorkflowExits(
  statuses: Partial<Record<StatusMeaning, readonly string[]>>,
  edges: readonly WorkflowEdge[],
): MissingExit[] {
  const norm = (s: string) => s.trim().toLowerCase();
  const has = new Set(edges.map((e) => `${norm(e.from)}\u0000${norm(e.to)}`));
  const missing: MissingExit[] = [];
  for (const [from, to] of REQUIRED_EXITS) {
    const toStatuses = statuses[to] ?? [];
    if (toStatuses.length === 0) continue;
    for (const fromStatus of statuses[from] ?? []) {
      if (!toStatuses.some((t) => has.has(`${norm(fromStatus)}\u0000${norm(t)}`)))
        missing.push({ from, to, fromStatus, toStatuses });
    }
  }
  return missing;
}

/** The manual step for an admin: which transitions to add in the workflow editor. */
export function workflowExitInstructions(workflowName: string, missing: readonly MissingExit[]): string[] {
  if (missing.length === 0) return [];
  return [
    `In Jira, open Settings → Issues → Workflows, edit "${workflowName}", and add these transitions (AI Clearance moves tickets along them to match its records, e.g. after two agents decide at once or when access ends before it was marked fulfilled):`,
    ...missing.map((m) => `  • from "${m.fromStatus}" to "${m.toStatuses[0]}"`),
    'Name each after what it does (e.g. Decline, Expire) and list that name under transitions in templates/workflow.yml. Publish the workflow.',
  ];
}
