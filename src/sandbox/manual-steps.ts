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

/** One manual step as the sandbox-only control that performs it (README, Control API): the same call over HTTP. */
export type ManualStepControl =
  | { method: 'POST'; path: '/__sandbox/queues'; body: { name: string; jql: string } }
  | {
      method: 'PUT';
      path: `/__sandbox/request-types/${string}/portal`;
      requestTypeId: string;
      body: { groups: string[]; fields: Array<{ fieldId: string; required: boolean; name?: string }> };
    }
  | {
      method: 'PUT';
      path: `/__sandbox/transitions/${string}/screen`;
      transitionId: string;
      body: { fields: string[] };
    };

/**
 * The manual steps for a site whose ids are `known` (a plan's, or the record of a provisioning run, e.g. the
 * CLI's state file): JSM queues, each request type's portal group and form fields, the transition screens.
 */
export function manualStepControls(
  desired: DesiredState,
  known: { fields: Record<string, string>; requestTypes: Record<string, string> },
): ManualStepControl[] {
  const out: ManualStepControl[] = [];
  for (const q of desired.queues)
    out.push({
      method: 'POST',
      path: '/__sandbox/queues',
      body: { name: q.name, jql: renderQueue(q, desired, known.fields).queue },
    });
  for (const rt of desired.requestTypes) {
    const requestTypeId = known.requestTypes[rt.ref];
    out.push({
      method: 'PUT',
      path: `/__sandbox/request-types/${requestTypeId}/portal`,
      requestTypeId,
      body: {
        groups: [rt.portalGroup],
        fields: rt.fields.map((f) => ({
          fieldId: known.fields[f.field] ?? f.field,
          required: f.required,
          ...(f.label ? { name: f.label } : {}),
        })),
      },
    });
  }
  for (const { transition, field } of TRANSITION_SCREEN_FIELDS) {
    const names = desired.workflow.transitions[transition] ?? [];
    const fieldId = known.fields[field];
    for (const t of AIC_WORKFLOW.transitions.filter((x) =>
      names.some((n) => n.toLowerCase() === x.name.toLowerCase()),
    )) {
      if (fieldId)
        out.push({
          method: 'PUT',
          path: `/__sandbox/transitions/${t.id}/screen`,
          transitionId: t.id,
          body: { fields: [fieldId] },
        });
    }
  }
  return out;
}

export function performManualSteps(emulator: JiraEmulator, desired: DesiredState, plan: Plan): void {
  for (const c of manualStepControls(desired, plan.known)) {
    if (c.path === '/__sandbox/queues') emulator.createQueue(c.body);
    else if ('requestTypeId' in c) emulator.setRequestTypePortal(c.requestTypeId, c.body);
    else emulator.setTransitionScreen(c.transitionId, c.body);
  }
}
