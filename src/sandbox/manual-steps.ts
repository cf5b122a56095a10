// Does what the plan's manual steps ask, through the sandbox-only controls —
// as a Jira admin would in the UI — so tests can exercise the checks.
import type { DesiredState } from '../domain/provisioning/desired';
import { renderQueue } from '../domain/provisioning/plan-queues';
import type { Plan } from '../domain/provisioning/plan-types';
import type { JiraEmulator } from '../sandbox/jira';

export function performManualSteps(emulator: JiraEmulator, desired: DesiredState, plan: Plan): void {
  for (const q of desired.queues) emulator.createQueue({ name: q.name, jql: renderQueue(q, desired, plan.known.fields).queue });
  for (const rt of desired.requestTypes) {
    emulator.setRequestTypePortal(plan.known.requestTypes[rt.ref]!, {
      groups: [rt.portalGroup],
      fields: rt.fields.map((f) => ({ fieldId: plan.known.fields[f.field] ?? f.field, required: f.required, ...(f.label ? { name: f.label } : {}) })),
    });
  }
}
