// Reads what provisioning manages or checks from the site. Only the contexts,
// options and portal forms of items the templates match are read, so the
// number of calls stays small on a busy site.
import type { JiraProvisioning } from '../../ports/jira-provisioning';
import type { DesiredState } from '../../domain/provisioning/desired';
import type { ProvisioningRecord } from '../../domain/provisioning/record';
import type { SiteFilter, SiteScreen, SiteSnapshot } from '../../domain/provisioning/site';
import { isJiraHttpError } from '../../ports/jira-transport';
import { ProvisionError } from './errors';

export async function readSite(
  client: JiraProvisioning,
  desired: DesiredState,
  record: ProvisioningRecord,
): Promise<SiteSnapshot> {
  const key = desired.projectKey;
  const project = await client.getProject(key).catch((err: unknown) => {
    if (isJiraHttpError(err) && err.status === 404) {
      throw new ProvisionError(
        'PROJECT_NOT_FOUND',
        `Project ${key} was not found on the site (or this account cannot see it). Create the JSM project first, or set project in templates/settings.yml or --project.`,
        err,
      );
    }
    throw err;
  });
  const desk = (await client.listServiceDesks()).find(
    (d) => d.projectId === project.id || d.projectKey === project.key,
  );
  if (!desk)
    throw new ProvisionError(
      'NOT_A_SERVICE_DESK',
      `Project ${key} is not a Jira Service Management project (no service desk found); AI Clearance needs a service project.`,
    );

  const fields = await client.listCustomFields();
  const names = new Set(desired.fields.map((f) => f.name.toLowerCase()));
  const recordedFieldIds = new Set(Object.values(record.fields).map((f) => f.id));
  const relevant = fields.filter((f) => recordedFieldIds.has(f.id) || names.has(f.name.toLowerCase()));
  const contexts: SiteSnapshot['contexts'] = {};
  const options: SiteSnapshot['options'] = {};
  const ownOptions = new Set(
    desired.fields.filter((f) => f.options.source === 'template').map((f) => f.type + '\u0000' + f.name.toLowerCase()),
  );
  const recordedContexts = new Set(Object.values(record.fields).flatMap((f) => (f.contextId ? [f.contextId] : [])));
  for (const f of relevant) {
    contexts[f.id] = await client.listContexts(f.id);
    const wantsOptions =
      ownOptions.has((f.type ?? '') + '\u0000' + f.name.toLowerCase()) ||
      desired.fields.some((d) => d.options.source === 'template' && record.fields[d.ref]?.id === f.id);
    if (!wantsOptions) continue;
    for (const c of contexts[f.id]) {
      if (recordedContexts.has(c.id) || c.name.toLowerCase() === desired.fieldContext.name.toLowerCase())
        options[c.id] = await client.listOptions(f.id, c.id);
    }
  }

  const filters = await readFilters(client, desired, record);
  const requestTypes = await client.listRequestTypes(desk.id);
  const rtNames = new Set(desired.requestTypes.map((r) => r.name.toLowerCase()));
  const recordedRts = new Set(Object.values(record.requestTypes).map((r) => r.id));
  const portalFields: SiteSnapshot['portalFields'] = {};
  for (const rt of requestTypes) {
    if (rtNames.has(rt.name.toLowerCase()) || recordedRts.has(rt.id))
      portalFields[rt.id] = await client.requestTypeFields(desk.id, rt.id);
  }
  const groups = await client.listRequestTypeGroups(desk.id);
  const queues = await client.listQueues(desk.id);
  const statuses = await client.projectStatuses(key).catch((err: unknown) => {
    // Some sites do not answer this for every account; the workflow check then says "pending" instead of failing the plan.
    if (isJiraHttpError(err) && (err.status === 404 || err.status === 400)) return undefined;
    throw err;
  });

  const workflows = await client.workflowEdges().catch((err: unknown) => {
    // Needs Administer projects; without it the exits check says "pending" with the exact manual step.
    if (isJiraHttpError(err) && [400, 401, 403, 404].includes(err.status)) return undefined;
    throw err;
  });
  const screens = await readScreens(client, desired, project);

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
    ...(screens ? { screens } : {}),
    ...(statuses ? { statuses } : {}),
    ...(workflows ? { workflows } : {}),
  };
}

async function readFilters(
  client: JiraProvisioning,
  desired: DesiredState,
  record: ProvisioningRecord,
): Promise<SiteFilter[]> {
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

type ScreenOperation = 'create' | 'edit' | 'view';
const OPERATIONS: ScreenOperation[] = ['create', 'edit', 'view'];

/**
 * The screens the request types' issue types use: issue type screen scheme of the project →
 * its mapping for each issue type (or `default`) → screen scheme → create/edit/view screen
 * (unset ones fall back to the scheme's default screen). Undefined when the project has no
 * issue type screen scheme or the account may not read it.
 */
export async function readScreens(
  client: JiraProvisioning,
  desired: DesiredState,
  project: SiteSnapshot['project'],
): Promise<SiteScreen[] | undefined> {
  try {
    const itss = await client.issueTypeScreenSchemeOf(project.id);
    if (!itss) return undefined;
    const mappings = await client.issueTypeScreenSchemeMappings(itss.id);
    const issueTypes = [...new Set(desired.requestTypes.map((r) => r.issueType.toLowerCase()))].flatMap((n) =>
      project.issueTypes.filter((t) => t.name.toLowerCase() === n),
    );
    const byId = new Map<string, SiteScreen>();
    const schemes = new Map<string, Awaited<ReturnType<JiraProvisioning['screenScheme']>>>();
    for (const type of issueTypes) {
      const schemeId = (
        mappings.find((m) => m.issueTypeId === type.id) ?? mappings.find((m) => m.issueTypeId === 'default')
      )?.screenSchemeId;
      if (!schemeId) continue;
      if (!schemes.has(schemeId)) schemes.set(schemeId, await client.screenScheme(schemeId));
      const scheme = schemes.get(schemeId);
      if (!scheme) continue;
      for (const operation of OPERATIONS) {
        const screenId = scheme.screens[operation] ?? scheme.screens.default;
        if (!screenId) continue;
        let screen = byId.get(screenId);
        if (!screen) {
          const meta = await client.screen(screenId);
          const tabs = await client.screenTabs(screenId);
          screen = { id: screenId, name: meta?.name ?? `screen ${screenId}`, uses: [], tabs: [] };
          for (const t of tabs)
            screen.tabs.push({ id: t.id, name: t.name, fieldIds: await client.screenTabFields(screenId, t.id) });
          byId.set(screenId, screen);
        }
        screen.uses.push({ issueTypeName: type.name, operation });
      }
    }
    return [...byId.values()];
  } catch (err) {
    // No screen API for this account or project: the plan lists the manual step instead.
    if (isJiraHttpError(err) && (err.status === 404 || err.status === 400 || err.status === 403)) return undefined;
    throw err;
  }
}
