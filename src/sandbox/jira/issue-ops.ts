// The write operations on issues shared by /rest/api/3 and /servicedeskapi:
// each validates everything first, then writes, records the changelog and
// queues the events Jira would fire.
import { onStatusChange } from './approvals';
import { emitCommented, emitCreated, emitDeleted, emitPropertySet, emitUpdated } from './events';
import { jiraError } from './http';
import { applyFieldInput, type ApplyOptions } from './issue-fields';
import type { AdfDoc, ChangelogItem, StoredChangelog, StoredComment, StoredIssue } from './model';
import { RESOLUTIONS } from './site-data';
import type { Actor, Site } from './site';
import { fieldsOn, screenFor, transitionScreen } from './screens';
import { statusById, transitionsFrom } from './workflow';

export interface IssueInput {
  fields?: Record<string, unknown>;
  update?: Record<string, Array<Record<string, unknown>>>;
  properties?: Array<{ key: string; value: unknown }>;
}

const MAX_PROPERTY_BYTES = 32768;

export function checkProperty(key: string, value: unknown): void {
  if (key.length === 0 || key.length > 255)
    throw jiraError(400, ['The property key must be between 1 and 255 characters long.']);
  if (value === undefined) throw jiraError(400, ['The property value must be valid JSON.']);
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_PROPERTY_BYTES) {
    throw jiraError(400, [`The property '${key}' exceeds the maximum size of ${MAX_PROPERTY_BYTES} bytes.`]);
  }
}

export function blankIssue(site: Site, actor: Actor, projectId: string, issueTypeId: string): StoredIssue {
  const now = site.clock.nowMs();
  return {
    id: '',
    key: '',
    projectId,
    issueTypeId,
    statusId: site.workflow.initialStatusId,
    summary: '',
    description: null,
    labels: [],
    priorityId: '3',
    duedate: null,
    reporter: actor.accountId,
    assignee: null,
    creator: actor.accountId,
    created: now,
    updated: now,
    statusCategoryChanged: now,
    resolutionId: null,
    resolutiondate: null,
    customFields: {},
    requestTypeId: null,
    participants: [],
  };
}

/** Fills a blank issue from the input, assigns id and key, stores it and queues the created event. */
export function createIssue(
  site: Site,
  actor: Actor,
  draft: StoredIssue,
  input: IssueInput,
  opts: Pick<ApplyOptions, 'mode'>,
): StoredIssue {
  const issue = structuredClone(draft);
  const { comments } = applyFieldInput(site, issue, input.fields ?? {}, input.update ?? {}, {
    mode: opts.mode,
    creating: true,
  });
  if (issue.summary === '') throw jiraError(400, [], { summary: 'You must specify a summary of the issue.' });
  for (const p of input.properties ?? []) checkProperty(p.key, p.value);
  issue.id = String(site.store.nextId('issue', 10000));
  issue.key = `AIC-${site.store.nextId('issueNumber:AIC', 1)}`;
  site.store.issuePut(issue);
  for (const p of input.properties ?? []) site.store.propertyPut(issue.id, p.key, p.value);
  onStatusChange(site, issue, '', issue.statusId, issue.created);
  emitCreated(site, actor, issue);
  for (const c of comments) addComment(site, actor, issue, c.body, c.jsdPublic);
  return issue;
}

function recordChangelog(site: Site, actor: Actor, issue: StoredIssue, items: ChangelogItem[]): string {
  const id = String(site.store.nextId('changelog', 10000));
  const entry: StoredChangelog = { id, issueId: issue.id, author: actor.accountId, created: site.clock.nowMs(), items };
  site.store.docPut('changelog', id, entry, issue.id);
  return id;
}

/**
 * PUT /issue: fields, update.comment and properties in one call (see README for the events it fires).
 * Only fields on the issue's edit screen may be set (`screen: 'edit'`); Jira's own shortcuts
 * (PUT …/assignee, JSM participants) do not go through a screen (`screen: 'none'`).
 */
export function editIssue(
  site: Site,
  actor: Actor,
  issue: StoredIssue,
  input: IssueInput,
  screen: 'edit' | 'none' = 'edit',
): void {
  const next = structuredClone(issue);
  const screenFields =
    screen === 'edit' ? fieldsOn(screenFor(site.store, issue.projectId, issue.issueTypeId, 'edit')) : undefined;
  const { items, comments } = applyFieldInput(site, next, input.fields ?? {}, input.update ?? {}, {
    mode: 'rest',
    creating: false,
    ...(screenFields ? { screenFields } : {}),
  });
  for (const p of input.properties ?? []) checkProperty(p.key, p.value);
  if (items.length) {
    next.updated = site.clock.nowMs();
    site.store.issuePut(next);
    emitUpdated(site, actor, next, recordChangelog(site, actor, next, items), items);
  }
  for (const c of comments) addComment(site, actor, next, c.body, c.jsdPublic);
  for (const p of input.properties ?? []) setProperty(site, actor, next, p.key, p.value);
}

export function transitionIssue(
  site: Site,
  actor: Actor,
  issue: StoredIssue,
  transitionId: string,
  input: IssueInput,
): void {
  const t = transitionsFrom(issue.statusId, site.workflow).find((x) => x.id === transitionId);
  if (!t) throw jiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
  const next = structuredClone(issue);
  // A transition without a screen takes no fields at all.
  const screenFields = fieldsOn(transitionScreen(site.store, t.id));
  const { items, comments } = applyFieldInput(site, next, input.fields ?? {}, input.update ?? {}, {
    mode: 'rest',
    creating: false,
    allowResolution: true,
    screenFields,
  });
  for (const p of input.properties ?? []) checkProperty(p.key, p.value);
  const now = site.clock.nowMs();
  const from = statusById(issue.statusId, site.workflow)!;
  const to = statusById(t.to, site.workflow)!;
  next.statusId = to.id;
  if (from.category !== to.category) next.statusCategoryChanged = now;
  const resolutionGiven = input.fields !== undefined && 'resolution' in input.fields;
  next.resolutionId = to.category === 'done' ? (resolutionGiven ? next.resolutionId : to.resolutionId) : null;
  if (next.resolutionId !== issue.resolutionId) next.resolutiondate = next.resolutionId ? now : null;
  next.updated = now;
  const statusItem: ChangelogItem = {
    field: 'status',
    fieldtype: 'jira',
    fieldId: 'status',
    from: from.id,
    fromString: from.name,
    to: to.id,
    toString: to.name,
  };
  const resolutionItems: ChangelogItem[] =
    next.resolutionId !== issue.resolutionId && !items.some((i) => i.fieldId === 'resolution')
      ? [
          {
            field: 'resolution',
            fieldtype: 'jira',
            fieldId: 'resolution',
            from: issue.resolutionId,
            fromString: resolutionName(issue.resolutionId),
            to: next.resolutionId,
            toString: resolutionName(next.resolutionId),
          },
        ]
      : [];
  const all = [...items, ...resolutionItems, statusItem];
  site.store.issuePut(next);
  onStatusChange(site, next, from.id, to.id, now);
  emitUpdated(site, actor, next, recordChangelog(site, actor, next, all), all, { from: from.id, to: to.id });
  for (const c of comments) addComment(site, actor, next, c.body, c.jsdPublic);
  for (const p of input.properties ?? []) setProperty(site, actor, next, p.key, p.value);
}

function resolutionName(id: string | null): string | null {
  return RESOLUTIONS.find((r) => r.id === id)?.name ?? null;
}

export function addComment(
  site: Site,
  actor: Actor,
  issue: StoredIssue,
  body: AdfDoc,
  jsdPublic: boolean,
): StoredComment {
  const now = site.clock.nowMs();
  const id = String(site.store.nextId('comment', 10000));
  const comment: StoredComment = {
    id,
    issueId: issue.id,
    author: actor.accountId,
    body,
    created: now,
    updated: now,
    updateAuthor: actor.accountId,
    jsdPublic,
  };
  site.store.docPut('comment', id, comment, issue.id);
  // A comment moves the issue's `updated`, as on Cloud.
  const current = site.store.issueByIdOrKey(issue.id) ?? issue;
  site.store.issuePut({ ...current, updated: now });
  emitCommented(site, actor, issue, comment);
  return comment;
}

export function setProperty(site: Site, actor: Actor, issue: StoredIssue, key: string, value: unknown): boolean {
  checkProperty(key, value);
  const created = site.store.propertyPut(issue.id, key, value);
  emitPropertySet(site, actor, issue, key, value);
  return created;
}

export function deleteIssue(site: Site, actor: Actor, issue: StoredIssue): void {
  emitDeleted(site, actor, issue);
  site.store.issueDelete(issue.id);
}
