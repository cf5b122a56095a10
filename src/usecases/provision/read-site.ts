// Reads what provisioning manages or checks from the site. Only the contexts,
// options and portal forms of items the templates match are read, so the
// number of calls stays small on a busy site.
import type { ProvisioningJiraClient } from '../../adapters/jira/provisioning-client';
import type { DesiredState } from '../../domain/provisioning/desired';
import type { ProvisioningRecord } from '../../domain/provisioning/record';
import type { SiteFilter, SiteSnapshot } from '../../domain/provisioning/site';
import { isJiraHttpError } from '../../ports/jira-transport';
import { ProvisionError } from './errors';

export async function readSite(client: ProvisioningJiraClient, desired: DesiredState, record: ProvisioningRecord): Promise<SiteSnapshot> {
  const key = desired.projectKey;
  const project = await client.getProject(key).catch((err: unknown) => {
    if (isJiraHttpError(err) && err.status === 404) {
      throw new ProvisionError('PROJECT_NOT_FOUND', `Project ${key} was not found on the site (or this account cannot see it). Create the JSM project first, or set project in templates/settings.yml or --project.`, err);
    }
    throw err;
  });
  const desk = (await client.listServiceDesks()).find((d) => d.projectId === project.id || d.projectKey === project.key);
  if (!desk) throw new ProvisionError('NOT_A_SERVICE_DESK', `Project ${key} is not a Jira Service Management project (no service desk found); AI Clearance needs a service project.`);

  const fields = await client.listCustomFields();
  const names = new Set(desired.fields.map((f) => f.name.toLowerCase()));
  const recordedFieldIds = new Set(Object.values(record.fields).map((f) => f.id));
  const relevant = fields.filter((f) => recordedFieldIds.has(f.id) || names.has(f.name.toLowerCase()));
  const contexts: SiteSnapshot['contexts'] = {};
  const options: SiteSnapshot['options'] = {};
  const ownOptions = new Set(desired.fields.filter((f) => f.options.source === 'template').map((f) => f.type + '\u0000' + f.name.toLowerCase()));
  const recordedContexts = new Set(Object.values(record.fields).flatMap((f) => (f.contextId ? [f.contextId] : [])));
  for (const f of relevant) {
    contexts[f.id] = await client.listContexts(f.id);
    const wantsOptions = ownOptions.has((f.type ?? '') + '\u0000' + f.name.toLowerCase()) || desired.fields.some((d) => d.options.source === 'template' && record.fields[d.ref]?.id === f.id);
    if (!wantsOptions) continue;
    for (const c of contexts[f.id]!) {
      if (recordedContexts.has(c.id) || c.name.toLowerCase() === desired.fieldContext.name.toLowerCase()) options[c.id] = await client.listOptions(f.id, c.id);
    }
  }

  const filters = await readFilters(client, desired, record);
  const requestTypes = await client.listRequestTypes(desk.id);
  const rtNames = new Set(desired.requestTypes.map((r) => r.name.toLowerCase()));
  const recordedRts = new Set(Object.values(record.requestTypes).map((r) => r.id));
  const portalFields: SiteSnapshot['portalFields'] = {};
  for (const rt of requestTypes) {
    if (rtNames.has(rt.name.toLowerCase()) || recordedRts.has(rt.id)) portalFields[rt.id] = await client.requestTypeFields(desk.id, rt.id);
  }
  const groups = await client.listRequestTypeGroups(desk.id);
  const queues = await client.listQueues(desk.id);
  const statuses = await client.projectStatuses(key).catch((err: unknown) => {
    // Some sites do not answer this for every account; the workflow check then says "pending" instead of failing the plan.
    if (isJiraHttpError(err) && (err.status === 404 || err.status === 400)) return undefined;
    throw err;
  });

  return {
    project,
    serviceDeskId: desk.id,
    fields,
    contexts,
    options,
    filters,
    requestTypes,
    portalFields,
    groups,
    queues,
    ...(statuses ? { statuses } : {}),
  };
}

async function readFilters(client: ProvisioningJiraClient, desired: DesiredState, record: ProvisioningRecord): Promise<SiteFilter[]> {
  const byId = new Map<string, SiteFilter>();
  for (const q of desired.queues) {
    for (const f of await client.searchFilters(q.filterName)) byId.set(f.id, f);
  }
  // A filter renamed in Jira is still ours: fetch recorded ones the name search missed.
  for (const r of Object.values(record.filters)) {
    if (byId.has(r.id)) continue;
    const f = await client.getFilter(r.id);
    if (f) byId.set(f.id, f);
  }
  return [...byId.values()];
}
