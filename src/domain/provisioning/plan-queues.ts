// Plans the shared filter of each queue (created by API) and the JSM queue
// itself (Cloud has no API to create queues: a manual step plus a check that
// compares the admin's queue with the template).
import type { DesiredQueue, DesiredState, StatusMeaning } from './desired';
import { cfClause, filterJql, queueJql, renderJqlTemplate, sameJql, placeholdersIn } from './jql-template';
import { manualItem, queueInstructions } from './manual-steps';
import type { CheckResult, KnownIds, PlanItem } from './plan-types';
import type { ProvisioningRecord } from './record';
import type { SiteSnapshot } from './site';

/** Renders a queue template's JQL with the ids this site uses (or a readable stand-in for fields not created yet). */
export function renderQueue(
  queue: DesiredQueue,
  desired: DesiredState,
  fieldIds: Record<string, string>,
): { filter: string; queue: string; pendingFields: string[] } {
  const pendingFields: string[] = [];
  const render = (s: string) =>
    renderJqlTemplate(s, {
      projectKey: desired.projectKey,
      fieldClause: (ref) => {
        const id = fieldIds[ref];
        if (id) return cfClause(id);
        pendingFields.push(ref);
        const name = desired.fields.find((f) => f.ref === ref)?.name ?? ref;
        return `"${name}"`;
      },
      statuses: (m: StatusMeaning) => desired.workflow.statuses[m] ?? [],
    });
  const condition = render(queue.jql);
  const orderBy = queue.orderBy ? render(queue.orderBy) : undefined;
  return {
    filter: filterJql(condition, desired.projectKey, orderBy),
    queue: queueJql(condition, orderBy),
    pendingFields: [...new Set(pendingFields)],
  };
}

export function planQueues(
  desired: DesiredState,
  site: SiteSnapshot,
  record: ProvisioningRecord,
  known: KnownIds,
  fieldsToCreate: Set<string>,
): PlanItem[] {
  const items: PlanItem[] = [];
  for (const queue of desired.queues) {
    const jql = renderQueue(queue, desired, known.fields);
    const waitsFor = placeholdersIn(`${queue.jql} ${queue.orderBy ?? ''}`).flatMap((p) =>
      p.kind === 'field' && fieldsToCreate.has(p.ref) ? [`field:${p.ref}`] : [],
    );
    items.push(planFilter(queue, desired, site, record, known, jql.filter, waitsFor));
    items.push(planJsmQueue(queue, desired, site, jql.queue, jql.pendingFields.length > 0));
  }
  return items;
}

function planFilter(
  queue: DesiredQueue,
  desired: DesiredState,
  site: SiteSnapshot,
  record: ProvisioningRecord,
  known: KnownIds,
  jql: string,
  waitsFor: string[],
): PlanItem {
  const recordedId = record.filters[queue.ref]?.id;
  const base = {
    key: `filter:${queue.ref}`,
    kind: 'filter' as const,
    ref: queue.ref,
    name: queue.filterName,
    ...(recordedId ? { recordedId } : {}),
  };
  const existing =
    site.filters.find((f) => f.id === recordedId) ??
    site.filters.find((f) => f.name.toLowerCase() === queue.filterName.toLowerCase());
  if (!existing) {
    return {
      ...base,
      action: 'create',
      sentence: `Create shared filter "${queue.filterName}"${desired.filterShare === 'project' ? ` (shared with project ${desired.projectKey})` : ''} with JQL: ${jql}`,
      op: { type: 'createFilter', queueRef: queue.ref },
      ...(waitsFor.length > 0 ? { dependsOn: waitsFor } : {}),
    };
  }
  known.filters[queue.ref] = existing.id;
  const changes: string[] = [];
  if (existing.name !== queue.filterName) changes.push(`name "${existing.name}" → "${queue.filterName}"`);
  if (waitsFor.length > 0) changes.push('JQL (a field it uses will be created)');
  else if (!sameJql(existing.jql, jql, desired.projectKey)) changes.push(`JQL "${existing.jql}" → "${jql}"`);
  if (existing.description !== undefined && existing.description !== queue.description) changes.push('description');
  if (changes.length === 0)
    return {
      ...base,
      siteId: existing.id,
      action: 'unchanged',
      sentence: `Shared filter "${queue.filterName}" (${existing.id}) is as the template says.`,
    };
  return {
    ...base,
    siteId: existing.id,
    action: 'update',
    changes,
    sentence: `Update shared filter "${queue.filterName}" (${existing.id}): ${changes.join('; ')}.`,
    op: { type: 'updateFilter', queueRef: queue.ref, filterId: existing.id },
    ...(waitsFor.length > 0 ? { dependsOn: waitsFor } : {}),
  };
}

function planJsmQueue(
  queue: DesiredQueue,
  desired: DesiredState,
  site: SiteSnapshot,
  jql: string,
  idsPending: boolean,
): PlanItem {
  const byName = site.queues.find((q) => q.name.toLowerCase() === queue.name.toLowerCase());
  const byJql = site.queues.find((q) => sameJql(q.jql, jql, desired.projectKey));
  let check: CheckResult;
  if (idsPending) check = { status: 'pending', detail: 'runs after apply has created the fields this queue uses' };
  else if (byName && sameJql(byName.jql, jql, desired.projectKey))
    check = { status: 'pass', detail: `queue "${byName.name}" (${byName.id}) has the template's JQL` };
  else if (byName)
    check = {
      status: 'fail',
      detail: `queue "${byName.name}" (${byName.id}) has JQL "${byName.jql}", the template says "${jql}"`,
    };
  else if (byJql)
    check = {
      status: 'pass',
      detail: `queue "${byJql.name}" (${byJql.id}) has the template's JQL (under another name)`,
    };
  else check = { status: 'fail', detail: `no queue named "${queue.name}" in project ${desired.projectKey}` };
  const fix = byName && check.status === 'fail' ? 'edit' : 'create';
  return manualItem(
    {
      key: `queue:${queue.ref}`,
      kind: 'queue',
      ref: queue.ref,
      name: queue.name,
      ...(byName ? { siteId: byName.id } : byJql ? { siteId: byJql.id } : {}),
    },
    check,
    {
      done: `JSM queue "${queue.name}" is set up (${check.detail}).`,
      todo: `${fix === 'edit' ? 'Fix' : 'Create'} JSM queue "${queue.name}" by hand (Jira Cloud has no API for queues): ${check.detail}.`,
    },
    queueInstructions(queue, desired.projectKey, jql, fix),
  );
}
