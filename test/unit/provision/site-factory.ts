// Site snapshots for planner tests: an empty AIC service desk, or one where
// everything the templates describe (manual steps included) is in place.
import { loadTemplates } from '../../../src/config/templates/load-templates';
import type { DesiredState } from '../../../src/domain/provisioning/desired';
import { renderQueue } from '../../../src/domain/provisioning/plan-queues';
import type { SiteSnapshot } from '../../../src/domain/provisioning/site';
import { AIC_WORKFLOW } from '../../../src/sandbox/jira/workflow';
import { REPO_ROOT } from './template-dir';

export const desired: DesiredState = loadTemplates(REPO_ROOT).desired;

const STATUSES = [
  'Waiting for support',
  'Waiting for approval',
  'In fulfilment',
  'Active',
  'Declined',
  'Expired',
  'Revoked',
  'Cancelled',
];

/** The sandbox workflow as status-name edges (it offers every exit the app needs). */
export function sandboxWorkflow(): NonNullable<SiteSnapshot['workflows']>[number] {
  const name = new Map(AIC_WORKFLOW.statuses.map((s) => [s.id, s.name]));
  return {
    workflow: AIC_WORKFLOW.name,
    statuses: AIC_WORKFLOW.statuses.map((s) => s.name),
    edges: AIC_WORKFLOW.transitions.flatMap((t) => t.from.map((f) => ({ from: name.get(f)!, to: name.get(t.to)! }))),
  };
}

export function emptySite(): SiteSnapshot {
  return {
    project: { id: '10000', key: 'AIC', name: 'AI Clearance', issueTypes: [{ id: '10010', name: 'Service Request' }] },
    serviceDeskId: '1',
    fields: [],
    contexts: {},
    options: {},
    filters: [],
    requestTypes: [],
    portalFields: {},
    groups: [{ id: '1', name: 'General' }],
    queues: [],
    statuses: [{ issueTypeId: '10010', issueTypeName: 'Service Request', statuses: STATUSES }],
    workflows: [sandboxWorkflow()],
    // Service Request's screen scheme: a default screen (create, view) and an edit screen.
    screens: [
      {
        id: '10002',
        name: 'AIC: Service Request Screen',
        uses: [
          { issueTypeName: 'Service Request', operation: 'create' },
          { issueTypeName: 'Service Request', operation: 'view' },
        ],
        tabs: [{ id: '20002', name: 'Field Tab', fieldIds: ['summary', 'description'] }],
      },
      {
        id: '10003',
        name: 'AIC: Service Request Edit Screen',
        uses: [{ issueTypeName: 'Service Request', operation: 'edit' }],
        tabs: [{ id: '20003', name: 'Field Tab', fieldIds: ['summary', 'description'] }],
      },
    ],
  };
}

/** Field ids are customfield_20000 + index; everything else follows from them. */
export function convergedSite(d: DesiredState = desired): SiteSnapshot {
  const site = emptySite();
  const ids: Record<string, string> = {};
  d.fields.forEach((f, i) => {
    const id = `customfield_${20000 + i}`;
    ids[f.ref] = id;
    site.fields.push({ id, name: f.name, type: f.type, searcherKey: f.searcherKey, description: f.description });
    site.contexts[id] = [
      { id: `${900 + i}`, name: `Default Configuration Scheme for ${f.name}` },
      { id: `${100 + i}`, name: d.fieldContext.name },
    ];
    if (f.options.source === 'template')
      site.options[`${100 + i}`] = f.options.values.map((o, j) => ({
        id: `${i}${j}`,
        value: o.value,
        disabled: false,
      }));
  });
  for (const screen of site.screens!) screen.tabs[0].fieldIds.push(...Object.values(ids));
  site.groups.push({ id: '2', name: 'AI tools' });
  d.queues.forEach((q, i) => {
    const jql = renderQueue(q, d, ids);
    site.filters.push({ id: `${500 + i}`, name: q.filterName, jql: jql.filter, description: q.description });
    site.queues.push({ id: `${50 + i}`, name: q.name, jql: jql.filter });
  });
  d.requestTypes.forEach((rt, i) => {
    const id = `${70 + i}`;
    site.requestTypes.push({
      id,
      name: rt.name,
      description: rt.description,
      helpText: rt.helpText,
      issueTypeId: '10010',
      groupIds: ['2'],
    });
    site.portalFields[id] = rt.fields.map((f) => ({ fieldId: ids[f.field] ?? f.field, required: f.required }));
  });
  return site;
}
