// The exact clicks for what Jira Cloud's REST API cannot do (JSDCLOUD-14305,
// JSDCLOUD-15657, no queue-creation endpoint). Written for an admin following
// along in the Jira UI; every value to type is quoted in full.
import type { DesiredQueue, DesiredRequestType } from './desired';
import type { CheckResult, PlanItem } from './plan-types';

/**
 * A plan item for a step a person does in the Jira UI, with the check that tells whether it is done: its
 * sentence is `done` when the check passes, else `todo`.
 */
export function manualItem(
  item: Omit<PlanItem, 'action' | 'sentence' | 'manual'>,
  check: CheckResult,
  sentence: { done: string; todo: string },
  instructions: string[],
): PlanItem {
  return {
    ...item,
    action: 'manual',
    sentence: check.status === 'pass' ? sentence.done : sentence.todo,
    manual: { instructions, check },
  };
}

export interface PortalFieldLine {
  name: string;
  fieldId: string | undefined;
  required: boolean;
  label?: string;
  default?: string | number;
}

export function portalFieldInstructions(
  rt: DesiredRequestType,
  projectKey: string,
  fields: PortalFieldLine[],
): string[] {
  return [
    `In Jira, open project ${projectKey} → Project settings → Request types, and select "${rt.name}".`,
    'Open the Request form tab. Add each field below from the Fields panel on the right (search by name), set its label and whether it is required, in this order:',
    ...fields.map(
      (f) =>
        `  • ${f.name}${f.fieldId ? ` (${f.fieldId})` : ''} — ${f.required ? 'required' : 'optional'}${f.label ? ` — field name on the form: "${f.label}"` : ''}${f.default !== undefined ? ` — preset value ${JSON.stringify(f.default)}` : ''}`,
    ),
    'Remove any other required field the form shows, then click Save changes.',
  ];
}

export function portalGroupInstructions(rt: DesiredRequestType, projectKey: string, groupExists: boolean): string[] {
  return [
    `In Jira, open project ${projectKey} → Project settings → Request types.`,
    ...(groupExists ? [] : [`Under Portal groups, click + Add portal group and name it "${rt.portalGroup}".`]),
    `On the "${rt.name}" row, open Portal groups (or drag the row) and tick "${rt.portalGroup}". Save.`,
  ];
}

export function requestTypeDetailInstructions(rt: DesiredRequestType, projectKey: string, changes: string[]): string[] {
  return [
    `In Jira, open project ${projectKey} → Project settings → Request types, and select "${rt.name}".`,
    ...changes.map((c) => `Set ${c}.`),
    'Save changes. (Jira Cloud has no API to edit a request type after it is created.)',
  ];
}

export function queueInstructions(
  queue: DesiredQueue,
  projectKey: string,
  jql: string,
  fix: 'create' | 'edit',
): string[] {
  return [
    `In Jira Service Management, open project ${projectKey} → Queues.`,
    fix === 'edit'
      ? `Open the queue "${queue.name}" → ⋯ → Edit queue.`
      : 'Click + New queue (or Manage queues → + Add queue).',
    `Queue name: "${queue.name}".`,
    'Switch the filter to JQL and paste exactly (JSM adds the project clause itself):',
    `  ${jql}`,
    'Click Create (or Save). Meanwhile the AI Clearance queue page lists the same requests from the shared filter.',
  ];
}

export function workflowInstructions(
  projectKey: string,
  missing: Array<{ meaning: string; names: string[]; issueTypes: string[] }>,
): string[] {
  return [
    ...missing.map(
      (m) =>
        `Status for "${m.meaning}": none of ${m.names.map((n) => `"${n}"`).join(', ')} is in the workflow of ${m.issueTypes.join(', ')} in project ${projectKey}. Add the status to that workflow (Project settings → Workflows → Edit), or change statuses.${m.meaning} in templates/workflow.yml to a status your workflow has.`,
    ),
  ];
}
