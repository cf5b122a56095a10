// Does what the plan's manual steps ask, through the sandbox-only controls —
// as a Jira admin would in the UI — so tests can exercise the checks.
import type { DesiredState } from '../domain/provisioning/desired';
import { renderQueue } from '../domain/provisioning/plan-queues';
import type { Plan } from '../domain/provisioning/plan-types';
import type { JiraEmulator } from '../sandbox/jira';
import { AIC_WORKFLOW } from './jira/workflow';

/**
 * Transition screens an admin adds in the workflow editor (no REST API sets them; a transition without
 * a screen takes no fields): a shorter duration typed on Approve, a rationale typed on Decline.
 */
export const TRANSITION_SCREEN_FIELDS: ReadonlyArray<{ transition: 'approve' | 'decline'; field: string }> = [
  { transition: 'approve', field: 'accessDurationDays' },
  { transition: 'decline', field: 'decisionRationale' },
];

export function performManualSteps(emulator: JiraEmulator, desired: DesiredState, plan: Plan): void {
  for (const q of desired.queues) emulator.createQueue({ name: q.name, jql: renderQueue(q, desired, plan.known.fields).queue });
  for (const rt of desired.requestTypes) {
    emulator.setRequestTypePortal(plan.known.requestTypes[rt.ref]!, {
      groups: [rt.portalGroup],
      fields: rt.fields.map((f) => ({ fieldId: plan.known.fields[f.field] ?? f.field, required: f.required, ...(f.label ? { name: f.label } : {}) })),
    });
  }
  for (const { transition, field } of TRANSITION_SCREEN_FIELDS) {
    const names = desired.workflow.transitions[transition] ?? [];
    const fieldId = plan.known.fields[field];
    for (const t of AIC_WORKFLOW.transitions.filter((x) => names.some((n) => n.toLowerCase() === x.name.toLowerCase()))) {
      if (fieldId) emulator.setTransitionScreen(t.id, { fields: [fieldId] });
    }
  }
}
