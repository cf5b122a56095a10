// plan(desired, site, record): what apply would do, what the admin must do by
// hand, and what is already as the templates say. Pure: no I/O, no clock.
import type { DesiredState, StatusMeaning } from './desired';
import { workflowInstructions } from './manual-steps';
import { planFields } from './plan-fields';
import { planQueues } from './plan-queues';
import { planRequestTypes } from './plan-request-types';
import { planScreens } from './plan-screens';
import { countActions, type CheckResult, type KnownIds, type Plan, type PlanItem } from './plan-types';
import { recordFor, type ProvisioningRecord } from './record';
import type { SiteSnapshot } from './site';

export function plan(desired: DesiredState, site: SiteSnapshot, storedRecord?: ProvisioningRecord): Plan {
  const record = recordFor(storedRecord, desired.projectKey);
  const known: KnownIds = { serviceDeskId: site.serviceDeskId, projectId: site.project.id, fields: {}, contexts: {}, filters: {}, requestTypes: {} };
  const fieldItems = planFields(desired, site, record, known);
  const fieldsToCreate = new Set(fieldItems.filter((i) => i.kind === 'field' && i.action === 'create').map((i) => i.ref));
  const items: PlanItem[] = [
    ...fieldItems,
    ...planScreens(desired, site, known),
    ...planQueues(desired, site, record, known, fieldsToCreate),
    ...planRequestTypes(desired, site, record, known),
    workflowItem(desired, site),
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
  if (!site.statuses) check = { status: 'pending', detail: `the site did not list the statuses of project ${desired.projectKey}` };
  else if (relevant.length === 0) check = { status: 'pending', detail: 'the request types’ issue types are not in the project yet' };
  else {
    missing = Object.entries(desired.workflow.statuses).flatMap(([meaning, names]) => {
      const lacking = relevant.filter((it) => !(names ?? []).some((n) => it.statuses.some((s) => s.toLowerCase() === n.toLowerCase())));
      return lacking.length > 0 ? [{ meaning: meaning as StatusMeaning, names: names ?? [], issueTypes: lacking.map((l) => l.issueTypeName) }] : [];
    });
    check =
      missing.length === 0
        ? { status: 'pass', detail: `every mapped status is in the workflow of ${relevant.map((r) => r.issueTypeName).join(', ')}` }
        : { status: 'fail', detail: missing.map((m) => `${m.meaning} → ${m.names.map((n) => `"${n}"`).join('/')} not found`).join('; ') };
  }
  return {
    key: 'workflowStatuses:all',
    kind: 'workflowStatuses',
    ref: 'workflow',
    name: 'Workflow status mapping',
    action: 'manual',
    sentence: check.status === 'pass' ? `Workflow mapping matches the site: ${check.detail}.` : `Check the workflow mapping (templates/workflow.yml): ${check.detail}.`,
    manual: {
      instructions: missing.length > 0 ? workflowInstructions(desired.projectKey, missing) : ['Nothing to do unless the check fails.'],
      check,
    },
  };
}
