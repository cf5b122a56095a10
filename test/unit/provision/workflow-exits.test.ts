// Issue 12 (b): every app state has a workflow status it drives the ticket to, and the
// workflow must offer the transitions to get there. The sandbox's seeded workflow does; a
// workflow without them yields a manual step naming each missing transition.
import {
  missingWorkflowExits,
  workflowExitInstructions,
  type WorkflowEdge,
} from '../../../src/domain/provisioning/workflow-exits';
import { AIC_WORKFLOW } from '../../../src/sandbox/jira/workflow';
import { DEFAULT_WORKFLOW } from '../../../src/usecases/shared/workflow-map';

const name = (id: string) => AIC_WORKFLOW.statuses.find((s) => s.id === id)!.name;
const seededEdges: WorkflowEdge[] = AIC_WORKFLOW.transitions.flatMap((t) =>
  t.from.map((f) => ({ from: name(f), to: name(t.to) })),
);

it('the sandbox workflow offers every exit the app drives tickets along', () => {
  expect(missingWorkflowExits(DEFAULT_WORKFLOW.statuses, seededEdges)).toEqual([]);
});

it('names the missing exits of the old seed (no way out of In fulfilment to Declined or Expired) as a manual step', () => {
  const old = seededEdges.filter(
    (e) =>
      !(e.from === 'In fulfilment' && (e.to === 'Declined' || e.to === 'Expired')) &&
      !(e.from === 'Active' && e.to === 'Declined'),
  );
  const missing = missingWorkflowExits(DEFAULT_WORKFLOW.statuses, old);
  expect(missing.map((m) => `${m.fromStatus} → ${m.toStatuses[0]}`)).toEqual([
    'In fulfilment → Declined',
    'Active → Declined',
    'In fulfilment → Expired',
  ]);
  const steps = workflowExitInstructions('AI Clearance access workflow', missing);
  expect(steps[0]).toContain('"AI Clearance access workflow"');
  expect(steps).toContain('  • from "In fulfilment" to "Expired"');
  expect(workflowExitInstructions('x', [])).toEqual([]);
});

it('compares status names case-insensitively and skips meanings the mapping leaves out', () => {
  const statuses = { pending: ['waiting for approval'], declined: ['DECLINED'] };
  expect(missingWorkflowExits(statuses, [{ from: 'Waiting for Approval', to: 'Declined' }])).toEqual([]);
});
