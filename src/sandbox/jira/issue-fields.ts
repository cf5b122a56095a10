// Applies a `fields` map and `update` operations to an issue copy, checking
// every value the way Jira does and gathering all field errors into one 400.
// Returns the changelog items and the comments to add; writes nothing.
import { adfToText, isAdfDoc, textToAdf } from './adf';
import { FIELD_TYPES } from './field-types';
import {
  ADF_REQUIRED,
  NOT_ON_SCREEN,
  activeField,
  changelogPair,
  coerceCustomValue,
  type InputMode,
} from './field-values';
import { JiraHttpFailure, jiraError, type JiraErrorBody } from './http';
import type { AdfDoc, ChangelogItem, StoredIssue } from './model';
import { PRIORITIES, RESOLUTIONS } from './site-data';
import type { Site } from './site';
import { userById } from './users';

export interface CommentToAdd {
  body: AdfDoc;
  jsdPublic: boolean;
}

export interface FieldApplyResult {
  items: ChangelogItem[];
  comments: CommentToAdd[];
}

type Op = { set?: unknown; add?: unknown; remove?: unknown; edit?: unknown };

export interface ApplyOptions {
  mode: InputMode;
  creating: boolean;
  /** Transition screens may set the resolution. */
  allowResolution?: boolean;
  /**
   * The fields on the screen the call goes through (edit or transition screen);
   * any other field answers 400 "not on the appropriate screen". Absent on create
   * paths that check their own form (portal request types).
   */
  screenFields?: ReadonlySet<string>;
}

const SYSTEM_SETTABLE = new Set(['summary', 'description', 'labels', 'priority', 'assignee', 'reporter', 'duedate']);

export function applyFieldInput(
  site: Site,
  issue: StoredIssue,
  fields: Record<string, unknown>,
  update: Record<string, Op[]>,
  opts: ApplyOptions,
): FieldApplyResult {
  const errors: Record<string, string> = {};
  const before = structuredClone(issue);
  const touched = new Set<string>();
  const comments: CommentToAdd[] = [];
  const attempt = (id: string, fn: () => void) => {
    try {
      fn();
      touched.add(id);
    } catch (e) {
      if (!(e instanceof JiraHttpFailure)) throw e;
      const body = e.body as JiraErrorBody;
      Object.assign(errors, body.errors);
      if (body.errorMessages?.length) errors[id] = body.errorMessages.join(' ');
    }
  };

  for (const [id, value] of Object.entries(fields)) {
    if (opts.creating && (id === 'project' || id === 'issuetype')) continue;
    attempt(id, () => setField(site, issue, id, value, opts));
  }
  for (const [id, ops] of Object.entries(update)) {
    if (!Array.isArray(ops)) {
      errors[id] = `Operations on field '${id}' must be an array, e.g. [{"set": ...}].`;
      continue;
    }
    if (id === 'comment') {
      for (const op of ops) attempt('comment', () => comments.push(commentFromOp(op)));
      continue;
    }
    for (const op of ops) {
      attempt(id, () => {
        if ('set' in op) setField(site, issue, id, op.set, opts);
        else if (id === 'labels' && ('add' in op || 'remove' in op)) {
          if (opts.screenFields && !opts.screenFields.has(id)) throw jiraError(400, [], { [id]: NOT_ON_SCREEN(id) });
          editLabels(issue, op);
        } else throw jiraError(400, [], { [id]: `Field '${id}' supports only the 'set' operation here.` });
      });
    }
  }
  if (Object.keys(errors).length) throw jiraError(400, [], errors);
  touched.delete('comment');
  return { items: opts.creating ? [] : diff(site, before, issue, touched), comments };
}

function setField(site: Site, issue: StoredIssue, id: string, value: unknown, opts: ApplyOptions): void {
  const fail = (message: string) => jiraError(400, [], { [id]: message });
  if (opts.screenFields && !opts.screenFields.has(id)) throw fail(NOT_ON_SCREEN(id));
  if (id.startsWith('customfield_')) {
    const field = activeField(site.store, id);
    if (!field) throw fail(NOT_ON_SCREEN(id));
    const kind = FIELD_TYPES[field.type]?.kind;
    if (kind === 'participants') {
      if (!Array.isArray(value))
        throw fail('Request participants expects an array of users, e.g. [{"accountId": "..."}].');
      issue.participants = value.map((v) => {
        const accountId = (v as { accountId?: unknown } | null)?.accountId;
        if (typeof accountId !== 'string' || !userById(site.store, accountId))
          throw fail('Specified user does not exist or you do not have required permissions');
        return accountId;
      });
      return;
    }
    if (kind === 'requestType') throw fail(NOT_ON_SCREEN(id));
    const stored = coerceCustomValue(site, field, value, opts.mode, issue.projectId);
    if (stored) issue.customFields[id] = stored;
    else delete issue.customFields[id];
    return;
  }
  if (id === 'resolution' && opts.allowResolution) {
    const r = findByIdOrName(RESOLUTIONS, value);
    if (value !== null && !r) throw fail('Specify a valid resolution.');
    issue.resolutionId = r?.id ?? null;
    return;
  }
  if (!SYSTEM_SETTABLE.has(id)) throw fail(NOT_ON_SCREEN(id));
  switch (id) {
    case 'summary':
      if (typeof value !== 'string' || value.trim() === '') throw fail('You must specify a summary of the issue.');
      if (value.length > 255) throw fail('Summary must be less than 255 characters.');
      issue.summary = value;
      return;
    case 'description':
      if (value === null) issue.description = null;
      else if (opts.mode === 'jsm' && typeof value === 'string') issue.description = textToAdf(value);
      else if (isAdfDoc(value)) issue.description = value;
      else throw fail(ADF_REQUIRED);
      return;
    case 'labels':
      if (!Array.isArray(value) || value.some((l) => typeof l !== 'string'))
        throw fail('Labels must be an array of strings.');
      issue.labels = checkLabels(value as string[]);
      return;
    case 'priority': {
      const p = findByIdOrName(PRIORITIES, value);
      if (!p) throw fail('Specify the Priority (id or name) in the correct format');
      issue.priorityId = p.id;
      return;
    }
    case 'assignee':
    case 'reporter': {
      if (value === null) {
        if (id === 'reporter') throw fail('Reporter is required.');
        issue.assignee = null;
        return;
      }
      const accountId = (value as { accountId?: unknown }).accountId;
      const u = typeof accountId === 'string' ? userById(site.store, accountId) : undefined;
      if (!u) throw fail('Specified user does not exist or you do not have required permissions');
      // Only agents can be assignees of a service project request.
      if (id === 'assignee' && !u.roles.some((r) => r === 'agent' || r === 'admin'))
        throw fail(`User '${u.accountId}' cannot be assigned issues.`);
      issue[id] = u.accountId;
      return;
    }
    case 'duedate':
      if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)))
        throw fail("Error parsing date string: use the format 'yyyy-MM-dd'.");
      issue.duedate = value;
      return;
  }
}

function findByIdOrName<T extends { id: string; name: string }>(list: readonly T[], value: unknown): T | undefined {
  const ref = value as { id?: unknown; name?: unknown } | null;
  if (!ref || typeof ref !== 'object') return undefined;
  return (
    list.find((x) => x.id === ref.id) ??
    list.find((x) => typeof ref.name === 'string' && x.name.toLowerCase() === ref.name.toLowerCase())
  );
}

function checkLabels(labels: string[]): string[] {
  for (const l of labels)
    if (/\s/.test(l)) throw jiraError(400, [], { labels: `The label '${l}' contains spaces which is invalid.` });
  return [...new Set(labels)];
}

function editLabels(issue: StoredIssue, op: Op): void {
  if (typeof op.add === 'string') issue.labels = checkLabels([...issue.labels, op.add]);
  if (typeof op.remove === 'string') issue.labels = issue.labels.filter((l) => l !== op.remove);
}

function commentFromOp(op: Op): CommentToAdd {
  const add = op.add as { body?: unknown; properties?: Array<{ key?: unknown; value?: unknown }> } | undefined;
  if (!add || !isAdfDoc(add.body)) throw jiraError(400, [], { comment: 'Comment body is not valid!' });
  return { body: add.body, jsdPublic: !isInternal(add.properties) };
}

export function isInternal(properties: Array<{ key?: unknown; value?: unknown }> | undefined): boolean {
  const p = properties?.find((x) => x.key === 'sd.public.comment');
  return (p?.value as { internal?: unknown } | undefined)?.internal === true;
}

function diff(site: Site, a: StoredIssue, b: StoredIssue, touched: Set<string>): ChangelogItem[] {
  const items: ChangelogItem[] = [];
  const user = (id: string | null) => (id ? (userById(site.store, id)?.displayName ?? id) : null);
  const push = (
    field: string,
    fieldId: string,
    from: string | null,
    fromString: string | null,
    to: string | null,
    toString: string | null,
    fieldtype = 'jira',
  ) => {
    if (from !== to || fromString !== toString)
      items.push({ field, fieldtype, fieldId, from, fromString, to, toString });
  };
  for (const id of touched) {
    if (id === 'summary') push('summary', id, null, a.summary, null, b.summary);
    else if (id === 'description')
      push(
        'description',
        id,
        null,
        a.description ? adfToText(a.description) : null,
        null,
        b.description ? adfToText(b.description) : null,
      );
    else if (id === 'labels') push('labels', id, null, a.labels.join(' ') || null, null, b.labels.join(' ') || null);
    else if (id === 'priority')
      push(
        'priority',
        id,
        a.priorityId,
        PRIORITIES.find((p) => p.id === a.priorityId)?.name ?? null,
        b.priorityId,
        PRIORITIES.find((p) => p.id === b.priorityId)?.name ?? null,
      );
    else if (id === 'assignee' || id === 'reporter') push(id, id, a[id], user(a[id]), b[id], user(b[id]));
    else if (id === 'duedate') push('duedate', id, a.duedate, a.duedate, b.duedate, b.duedate);
    else if (id === 'resolution')
      push(
        'resolution',
        id,
        a.resolutionId,
        RESOLUTIONS.find((r) => r.id === a.resolutionId)?.name ?? null,
        b.resolutionId,
        RESOLUTIONS.find((r) => r.id === b.resolutionId)?.name ?? null,
      );
    else if (id.startsWith('customfield_')) {
      const field = activeField(site.store, id);
      if (!field) continue;
      if (FIELD_TYPES[field.type]?.kind === 'participants') {
        push(
          field.name,
          id,
          a.participants.join(',') || null,
          a.participants.map(user).join(', ') || null,
          b.participants.join(',') || null,
          b.participants.map(user).join(', ') || null,
          'custom',
        );
        continue;
      }
      const from = changelogPair(site.store, a.customFields[id] ?? null);
      const to = changelogPair(site.store, b.customFields[id] ?? null);
      push(field.name, id, from.raw, from.text, to.raw, to.text, 'custom');
    }
  }
  return items;
}
