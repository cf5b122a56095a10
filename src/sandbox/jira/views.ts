// The searchable view of every issue for the JQL engine, cached per issue
// revision so a search over ~10k issues re-reads only what changed.
import { adfToText } from './adf';
import { FIELD_TYPES, customNumber } from './field-types';
import { activeFields, fieldOptions, viewCustomValue } from './field-values';
import type { JqlCatalog, JqlCompileContext } from './jql';
import type { JqlFieldDef, JqlIssueView } from './jql/types';
import type { StoredIssue, StoredRequestType } from './model';
import { ISSUE_TYPES, PROJECT, REQUEST_TYPE_FIELD_ID, RESOLUTIONS } from './site-data';
import type { Actor, Site } from './site';
import type { JiraStore } from './store/store';
import { allUsers, userDirectory } from './users';
import { statusById, type WorkflowDefinition } from './workflow';

export class ViewCache {
  private readonly byId = new Map<string, { rev: number; view: JqlIssueView; participants: string[] }>();
  private configGeneration = -1;
  private generation = -1;
  private list: JqlIssueView[] = [];

  constructor(
    private readonly store: JiraStore,
    private readonly workflow: WorkflowDefinition,
  ) {}

  /** Views of all issues, in id order. */
  all(): JqlIssueView[] {
    if (this.store.generation === this.generation) return this.list;
    if (this.store.configGeneration !== this.configGeneration) {
      this.byId.clear();
      this.configGeneration = this.store.configGeneration;
    }
    const revs = this.store.issueRevisions();
    const stale = revs.filter((r) => this.byId.get(r.id)?.rev !== r.rev);
    const revOf = new Map(revs.map((r) => [r.id, r.rev]));
    // Many stale issues (cold start): read all properties at once instead of one query per issue.
    const props = stale.length > 200 ? this.store.propertiesOf(stale.map((r) => r.id)) : undefined;
    for (const issue of this.store.issuesByIds(stale.map((r) => r.id))) {
      const view = buildView(this.store, this.workflow, issue, props?.get(issue.id));
      this.byId.set(issue.id, { rev: revOf.get(issue.id)!, view, participants: issue.participants });
    }
    for (const id of this.byId.keys()) if (!revOf.has(id)) this.byId.delete(id);
    this.list = revs.map((r) => this.byId.get(r.id)?.view).filter((v): v is JqlIssueView => v !== undefined);
    this.generation = this.store.generation;
    return this.list;
  }

  /** Participants of an issue as of the last all() call. */
  participants(issueId: string): string[] {
    return this.byId.get(issueId)?.participants ?? [];
  }

  /** Same rule as permissions.canBrowse, on a view (participants are not part of the view contract). */
  visible(actor: Actor, view: JqlIssueView): boolean {
    return (
      actor.isAgent ||
      view.reporterAccountId === actor.accountId ||
      (this.byId.get(view.id)?.participants.includes(actor.accountId) ?? false)
    );
  }
}

export function buildView(
  store: JiraStore,
  workflow: WorkflowDefinition,
  issue: StoredIssue,
  properties?: Record<string, unknown>,
): JqlIssueView {
  const status = statusById(issue.statusId, workflow);
  const customFields: Record<string, unknown> = {};
  for (const [id, v] of Object.entries(issue.customFields)) customFields[id] = viewCustomValue(store, v);
  if (issue.requestTypeId) {
    const rt = store.docGet<StoredRequestType>('requestType', issue.requestTypeId);
    if (rt) customFields[REQUEST_TYPE_FIELD_ID] = { id: rt.id, value: rt.name };
  }
  return {
    id: issue.id,
    key: issue.key,
    projectId: PROJECT.id,
    projectKey: PROJECT.key,
    projectName: PROJECT.name,
    issueTypeId: issue.issueTypeId,
    issueTypeName: ISSUE_TYPES.find((t) => t.id === issue.issueTypeId)?.name ?? '',
    statusId: issue.statusId,
    statusName: status?.name ?? '',
    statusCategoryKey: status?.category ?? 'new',
    resolutionName: RESOLUTIONS.find((r) => r.id === issue.resolutionId)?.name ?? null,
    reporterAccountId: issue.reporter,
    assigneeAccountId: issue.assignee,
    creatorAccountId: issue.creator,
    created: issue.created,
    updated: issue.updated,
    resolutiondate: issue.resolutiondate,
    summary: issue.summary,
    descriptionText: issue.description ? adfToText(issue.description) : '',
    labels: issue.labels,
    customFields,
    properties: properties ?? store.properties(issue.id),
  };
}

/**
 * Custom fields JQL can name. A field without a searcher is not searchable
 * on Cloud either, so it is left out (the engine then reports it unknown).
 * Request participants is left out: its values are users in an array, which
 * the view contract does not describe.
 */
export function jqlFields(store: JiraStore): JqlFieldDef[] {
  return activeFields(store)
    .filter((f) => f.searcherKey !== null && FIELD_TYPES[f.type] && FIELD_TYPES[f.type].kind !== 'participants')
    .map((f) => ({
      id: f.id,
      name: f.name,
      custom: true,
      schemaType: FIELD_TYPES[f.type].jql,
      customId: customNumber(f.id),
    }));
}

/** What exists on the site, so the engine rejects unknown values (400) and sorts in configured order, as Jira does. */
export function jqlCatalog(site: Site): JqlCatalog {
  const fieldOptionsById: Record<string, Array<{ id: string; value: string }>> = {};
  for (const f of jqlFields(site.store)) {
    if (f.id === REQUEST_TYPE_FIELD_ID)
      fieldOptionsById[f.id] = site.store
        .docList<StoredRequestType>('requestType')
        .map((rt) => ({ id: rt.id, value: rt.name }));
    else if (f.schemaType === 'option' || f.schemaType === 'array')
      fieldOptionsById[f.id] = fieldOptions(site.store, f.id, PROJECT.id).map((o) => ({ id: o.id, value: o.value }));
  }
  const names = new Map(allUsers(site.store).map((u) => [u.accountId, u.displayName]));
  return {
    projects: [{ id: PROJECT.id, key: PROJECT.key, name: PROJECT.name }],
    issueTypes: ISSUE_TYPES.map((t) => ({ id: t.id, name: t.name })),
    statuses: site.workflow.statuses.map((s) => ({ id: s.id, name: s.name })),
    resolutions: RESOLUTIONS.map((r) => ({ id: r.id, name: r.name })),
    fieldOptions: fieldOptionsById,
    userDisplayName: (accountId) => names.get(accountId),
  };
}

export function jqlContext(site: Site, actor: Actor | undefined): JqlCompileContext {
  return {
    ...(actor ? { currentAccountId: actor.accountId } : {}),
    nowMs: site.clock.nowMs(),
    fields: jqlFields(site.store),
    entityProperties: site.entityProperties,
    users: userDirectory(site.store),
    catalog: jqlCatalog(site),
  };
}
