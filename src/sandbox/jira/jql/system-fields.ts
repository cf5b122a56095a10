// Jira's system fields that the sandbox evaluates, keyed by every JQL name Jira
// accepts for them (case-insensitive). Operator sets follow Jira's field reference.
import type { JqlCompileContext } from './catalog';
import { catalogIds, catalogSortKey, dateTimeField, textField, userField } from './common-fields';
import { ci, discreteField, present, type FieldModel } from './field-model';
import { issueKeyField } from './issue-key-field';
import { fail, msg } from './messages';
import { plainValue } from './operands';
import type { JqlIssueView } from './types';

type Builder = (name: string, ctx: JqlCompileContext) => FieldModel;

const project: Builder = (name, ctx) => {
  const list = ctx.catalog?.projects;
  return discreteField<JqlIssueView>({
    name,
    values: (i) => [i],
    operand(atom) {
      const v = plainValue(atom, name);
      if (list) {
        // Jira resolves a project by key, then name, then id; unknown is a 400.
        const ids = list.filter((p) => ci(p.key, v) || ci(p.name, v) || p.id === v).map((p) => p.id);
        if (ids.length === 0) fail(msg.valueDoesNotExist(v, name));
        return (i) => ids.includes(i.projectId);
      }
      return (i) => ci(i.projectKey, v) || ci(i.projectName, v) || i.projectId === v;
    },
    sortKey: (i) => i.projectName.toLowerCase(),
  });
};

/** status / issuetype: name (case-insensitive) or id, validated against the catalog when given. */
function namedEntity(
  pick: (ctx: JqlCompileContext) => readonly { id: string; name: string }[] | undefined,
  id: (i: JqlIssueView) => string,
  label: (i: JqlIssueView) => string,
): Builder {
  return (name, ctx) => {
    const list = pick(ctx);
    return discreteField<JqlIssueView>({
      name,
      values: (i) => [i],
      operand(atom) {
        const v = plainValue(atom, name);
        const ids = catalogIds(list, v, name);
        return ids ? (i) => ids.has(id(i)) : (i) => ci(label(i), v) || id(i) === v;
      },
      sortKey: (i) => catalogSortKey(list, id(i), label(i)),
    });
  };
}

const CATEGORIES: Record<string, JqlIssueView['statusCategoryKey'] | 'undefined'> = {
  new: 'new',
  'to do': 'new',
  '2': 'new',
  indeterminate: 'indeterminate',
  'in progress': 'indeterminate',
  '4': 'indeterminate',
  done: 'done',
  '3': 'done',
  undefined: 'undefined',
  'no category': 'undefined',
  '1': 'undefined',
};
// Workflow order, the order Jira shows categories in.
const CATEGORY_ORDER = ['new', 'indeterminate', 'done'];

const statusCategory: Builder = (name) =>
  discreteField<string>({
    name,
    ops: new Set(['=', '!=', 'in', 'not in']),
    values: (i) => [i.statusCategoryKey],
    operand(atom) {
      const v = plainValue(atom, name);
      const key = CATEGORIES[v.toLowerCase()];
      if (!key) fail(msg.valueDoesNotExist(v, name));
      return (c) => c === key;
    },
    sortKey: (i) => CATEGORY_ORDER.indexOf(i.statusCategoryKey),
  });

const resolution: Builder = (name, ctx) => {
  const list = ctx.catalog?.resolutions;
  const base = discreteField<string>({
    name,
    values: (i) => present(i.resolutionName),
    operand(atom) {
      const v = plainValue(atom, name);
      const ids = catalogIds(list, v, name);
      const names =
        ids && list ? list.filter((r) => ids.has(r.id)).map((r) => r.name.toLowerCase()) : [v.toLowerCase()];
      return (r) => names.includes(r.toLowerCase());
    },
    sortKey: (i) => {
      if (i.resolutionName === null) return undefined;
      const idx = list ? list.findIndex((r) => ci(r.name, i.resolutionName!)) : -1;
      return idx >= 0 ? idx : i.resolutionName.toLowerCase();
    },
  });
  return {
    ...base,
    equals(atom) {
      // "Unresolved" is Jira's name for the empty resolution, unless a real one has that name.
      const v = atom.kind === 'value' ? atom.value : '';
      if (ci(v, 'unresolved') && !list?.some((r) => ci(r.name, v))) return base.isEmpty;
      return base.equals!(atom);
    },
  };
};

const user =
  (get: (i: JqlIssueView) => string | null): Builder =>
  (name, ctx) =>
    userField(name, (i) => present(get(i)), ctx);

const date =
  (get: (i: JqlIssueView) => number | null): Builder =>
  (name, ctx) =>
    dateTimeField(name, (i) => present(get(i)), ctx, { defaultDesc: true });

const labels: Builder = (name) =>
  discreteField<string>({
    name,
    values: (i) => i.labels,
    operand(atom) {
      const v = plainValue(atom, name);
      return (l) => ci(l, v);
    },
  });

/** Text of every custom field of schema "string", for the `text` master field. */
function customTexts(ctx: JqlCompileContext): (i: JqlIssueView) => string[] {
  const ids = ctx.fields.filter((f) => f.custom && f.schemaType === 'string').map((f) => f.id);
  return (i) => ids.map((id) => i.customFields[id]).filter((v): v is string => typeof v === 'string');
}

const BUILDERS: [string[], Builder][] = [
  [['project'], project],
  [
    ['issuetype', 'type'],
    namedEntity(
      (c) => c.catalog?.issueTypes,
      (i) => i.issueTypeId,
      (i) => i.issueTypeName,
    ),
  ],
  [
    ['status'],
    namedEntity(
      (c) => c.catalog?.statuses,
      (i) => i.statusId,
      (i) => i.statusName,
    ),
  ],
  [['statuscategory'], statusCategory],
  [['resolution'], resolution],
  [['reporter'], user((i) => i.reporterAccountId)],
  [['assignee'], user((i) => i.assigneeAccountId)],
  [['creator'], user((i) => i.creatorAccountId)],
  [['created', 'createddate'], date((i) => i.created)],
  [['updated', 'updateddate'], date((i) => i.updated)],
  [['resolved', 'resolutiondate'], date((i) => i.resolutiondate)],
  [['summary'], (name) => textField(name, (i) => [i.summary], { sortable: true })],
  [['description'], (name) => textField(name, (i) => [i.descriptionText])],
  [
    ['text'],
    (name, ctx) => {
      const custom = customTexts(ctx);
      return textField(name, (i) => [i.summary, i.descriptionText, ...custom(i)], { ops: new Set(['~']) });
    },
  ],
  [['labels'], labels],
  [['key', 'issuekey', 'issue', 'id'], issueKeyField],
];

const BY_NAME = new Map<string, Builder>(BUILDERS.flatMap(([names, b]) => names.map((n) => [n, b] as const)));

export function systemField(name: string, ctx: JqlCompileContext): FieldModel | undefined {
  return BY_NAME.get(name.toLowerCase())?.(name, ctx);
}

/** Real Jira fields the sandbox does not model: a sandbox gap, not an unknown field. */
const JIRA_ONLY = new Set(
  [
    'priority',
    'component',
    'components',
    'fixVersion',
    'affectedVersion',
    'version',
    'due',
    'duedate',
    'comment',
    'environment',
    'attachments',
    'parent',
    'epic link',
    'sprint',
    'watcher',
    'watchers',
    'voter',
    'votes',
    'timespent',
    'timeestimate',
    'timeoriginalestimate',
    'originalEstimate',
    'remainingEstimate',
    'workratio',
    'worklogAuthor',
    'worklogComment',
    'worklogDate',
    'lastViewed',
    'level',
    'category',
    'filter',
    'request',
    'savedfilter',
    'searchrequest',
    'subtasks',
    'issueLinkType',
    'hierarchyLevel',
    'statusCategoryChangedDate',
    'approvals',
    'request-channel-type',
    'organizations',
    'request type',
    'customer request type',
    'satisfaction',
    'development',
    'team',
    'updatedBy',
  ].map((n) => n.toLowerCase()),
);

export function isJiraOnlyField(name: string): boolean {
  return JIRA_ONLY.has(name.toLowerCase());
}
