// plan(desired, site, record): what apply would do, what the admin must do by
// hand, and what is already as the templates say. Pure: no I/O, no clock.
import type { DesiredState, StatusMeaning } from './desired';
import { manualItem, workflowInstructions } from './manual-steps';
import { missingWorkflowExits, REQUIRED_EXITS, workflowExitInstructions } from './workflow-exits';
import { planFields } from './plan-fields';
import { planQueues } from './plan-queues';
import { planRequestTypes } from './plan-request-types';
import { planScreens } from './plan-screens';
import { countActions, type CheckResult, type KnownIds, type Plan, type PlanItem } from './plan-types';
import { recordFor, type ProvisioningRecord } from './record';
import type { SiteSnapshot } from './site';

export function plan(desired: DesiredState, site: SiteSnapshot, storedRecord?: ProvisioningRecord): Plan {
  const record = recordFor(storedRecord, desired.projectKey);
  const known: KnownIds = {
    serviceDeskId: site.serviceDeskId,
    projectId: site.project.id,
    fields: {},
    contexts: {},
    filters: {},
    requestTypes: {},
  };
  const fieldItems = planFields(desired, site, record, known);
  const fieldsToCreate = new Set(
    fieldItems.filter((i) => i.kind === 'field' && i.action === 'create').map((i) => i.ref),
  );
  const items: PlanItem[] = [
    ...fieldItems,
    ...planScreens(desired, site, known),
    ...planQueues(desired, site, record, known, fieldsToCreate),
    ...planRequestTypes(desired, site, record, known),
    workflowItem(desired, site),
    workflowExitsItem(desired, site),
  ];
  return {
    projectKey: desired.projectKey,
    items,
    known,
    counts: countActions(items),
    manualOpen: items.filter((i) => i.manual && i.manual.check.status !== 'pass').length,
  };
}

function workflowItem(desired: DesiredState, site: SiteSnapshot): PlanItem {
  const issueTypeNames = [...new Set(desired.requestTypes.map((r) => r.issueType.toLowerCase()))];
  const relevant = (site.statuses ?? []).filter((s) => issueTypeNames.includes(s.issueTypeName.toLowerCase()));
  let check: CheckResult;
  let missing: Array<{ meaning: string; names: string[]; issueTypes: string[] }> = [];
  if (!site.statuses)
    check = { status: 'pending', detail: `the site did not list the statuses of project ${desired.projectKey}` };
  else if (relevant.length === 0)
    check = { status: 'pending', detail: 'the request types’ issue types are not in the project yet' };
  else {
    missing = Object.entries(desired.workflow.statuses).flatMap(([meaning, names]) => {
      const lacking = relevant.filter(
        (it) => !(names ?? []).some((n) => it.statuses.some((s) => s.toLowerCase() === n.toLowerCase())),
      );
      return lacking.length > 0
        ? [{ meaning: meaning as StatusMeaning, names: names ?? [], issueTypes: lacking.map((l) => l.issueTypeName) }]
        : [];
    });
    check =
      missing.length === 0
        ? {
            status: 'pass',
            detail: `every mapped status is in the workflow of ${relevant.map((r) => r.issueTypeName).join(', ')}`,
          }
        : {
            status: 'fail',
            detail: missing.map((m) => `${m.meaning} → ${m.names.map((n) => `"${n}"`).join('/')} not found`).join('; '),
          };
  }
  return manualItem(
    { key: 'workflowStatuses:all', kind: 'workflowStatuses', ref: 'workflow', name: 'Workflow status mapping' },
    check,
    {
      done: `Workflow mapping matches the site: ${check.detail}.`,
      todo: `Check the workflow mapping (templates/workflow.yml): ${check.detail}.`,
    },
    missing.length > 0 ? workflowInstructions(desired.projectKey, missing) : ['Nothing to do unless the check fails.'],
  );
}

/**
 * The transitions the app moves tickets along to match its records (a race between two decisions, access that
 * ends before it was marked fulfilled): checked against the workflow(s) holding the mapped statuses.
 */
function workflowExitsItem(desired: DesiredState, site: SiteSnapshot): PlanItem {
  const mapped = desired.workflow.statuses;
  const pendingNames = (mapped.pending ?? []).map((n) => n.toLowerCase());
  const flows = (site.workflows ?? []).filter((w) => w.statuses.some((s) => pendingNames.includes(s.toLowerCase())));
  let check: CheckResult;
  let instructions: string[];
  if (!site.workflows) {
    check = { status: 'pending', detail: 'the site did not list its workflows (needs Administer projects)' };
    const all = REQUIRED_EXITS.map(([from, to]) => ({
      from,
      to,
      fromStatus: mapped[from]?.[0] ?? from,
      toStatuses: mapped[to] ?? [to],
    })).filter((m) => mapped[m.from]?.length && mapped[m.to]?.length);
    instructions = workflowExitInstructions('the workflow of the request types', all);
  } else if (flows.length === 0) {
    check = {
      status: 'pending',
      detail: `no active workflow has the pending status (${(mapped.pending ?? []).join(', ')})`,
    };
    instructions = ['Nothing to check until the workflow mapping (templates/workflow.yml) matches the site.'];
  } else {
    const missing = flows.flatMap((w) =>
      missingWorkflowExits(mapped, w.edges).map((m) => ({ ...m, workflow: w.workflow })),
    );
    check =
      missing.length === 0
        ? {
            status: 'pass',
            detail: `${flows.map((w) => `"${w.workflow}"`).join(', ')} offers every transition AI Clearance needs`,
          }
        : {
            status: 'fail',
            detail: missing
              .map(
                (m) => `"${m.fromStatus}" → ${m.toStatuses.map((t) => `"${t}"`).join('/')} missing in "${m.workflow}"`,
              )
              .join('; '),
          };
    instructions =
      missing.length === 0
        ? ['Nothing to do unless the check fails.']
        : flows.flatMap((w) =>
            workflowExitInstructions(
              w.workflow,
              missing.filter((m) => m.workflow === w.workflow),
            ),
          );
  }
  return manualItem(
    {
      key: 'workflowExits:all',
      kind: 'workflowStatuses',
      ref: 'workflowExits',
      name: 'Workflow transitions the app needs',
    },
    check,
    { done: `Workflow transitions: ${check.detail}.`, todo: `Check the workflow's transitions: ${check.detail}.` },
    instructions,
  );
}
