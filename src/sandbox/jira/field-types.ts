// The custom field types the sandbox supports, with the searcher each may
// use (Jira rejects other pairs), and the system fields GET /field lists.
import type { Version3Models } from 'jira.js';
import type { JqlFieldDef } from './jql/types';
import type { StoredField, StoredFieldValue } from './model';

export const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';

export interface FieldTypeDef {
  searchers: string[];
  schema: { type: string; items?: string };
  jql: JqlFieldDef['schemaType'];
  kind: StoredFieldValue['t'] | 'requestType' | 'participants';
  /** Select lists keep options in contexts. */
  options: boolean;
}

export const FIELD_TYPES: Record<string, FieldTypeDef> = {
  [`${CF}select`]: {
    searchers: [`${CF}multiselectsearcher`],
    schema: { type: 'option' },
    jql: 'option',
    kind: 'option',
    options: true,
  },
  [`${CF}multiselect`]: {
    searchers: [`${CF}multiselectsearcher`],
    schema: { type: 'array', items: 'option' },
    jql: 'array',
    kind: 'options',
    options: true,
  },
  [`${CF}textfield`]: {
    searchers: [`${CF}textsearcher`, `${CF}exacttextsearcher`],
    schema: { type: 'string' },
    jql: 'string',
    kind: 'string',
    options: false,
  },
  [`${CF}textarea`]: {
    searchers: [`${CF}textsearcher`],
    schema: { type: 'string' },
    jql: 'string',
    kind: 'adf',
    options: false,
  },
  [`${CF}float`]: {
    searchers: [`${CF}exactnumber`, `${CF}numberrange`],
    schema: { type: 'number' },
    jql: 'number',
    kind: 'number',
    options: false,
  },
  [`${CF}datetime`]: {
    searchers: [`${CF}datetimerange`],
    schema: { type: 'datetime' },
    jql: 'datetime',
    kind: 'datetime',
    options: false,
  },
  [`${CF}datepicker`]: {
    searchers: [`${CF}daterange`],
    schema: { type: 'date' },
    jql: 'date',
    kind: 'date',
    options: false,
  },
  [`${CF}userpicker`]: {
    searchers: [`${CF}userpickergroupsearcher`],
    schema: { type: 'user' },
    jql: 'user',
    kind: 'user',
    options: false,
  },
  // JSM's own fields: present on the site, not creatable through POST /field.
  'com.atlassian.servicedesk:vp-origin': {
    searchers: ['com.atlassian.servicedesk:vp-origin-searcher'],
    schema: { type: 'sd-customerrequesttype' },
    jql: 'option',
    kind: 'requestType',
    options: false,
  },
  'com.atlassian.servicedesk:sd-request-participants': {
    searchers: [`${CF}userpickergroupsearcher`],
    schema: { type: 'array', items: 'user' },
    jql: 'array',
    kind: 'participants',
    options: false,
  },
};

export const CREATABLE_FIELD_TYPES = Object.keys(FIELD_TYPES).filter((k) => k.startsWith(CF));

export function customNumber(fieldId: string): number {
  return Number(fieldId.replace('customfield_', ''));
}

export function customFieldDetails(f: StoredField): Version3Models.FieldDetails {
  const def = FIELD_TYPES[f.type];
  const n = customNumber(f.id);
  return {
    id: f.id,
    key: f.id,
    name: f.name,
    untranslatedName: f.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: f.searcherKey !== null,
    clauseNames: [`cf[${n}]`, f.name],
    schema: {
      type: def?.schema.type ?? 'any',
      ...(def?.schema.items ? { items: def.schema.items } : {}),
      custom: f.type,
      customId: n,
    },
    ...(f.description ? { description: f.description } : {}),
  } as Version3Models.FieldDetails;
}

interface SystemField {
  id: string;
  name: string;
  schema?: { type: string; items?: string };
  clauseNames: string[];
  orderable?: boolean;
}

export const SYSTEM_FIELDS: SystemField[] = [
  { id: 'issuekey', name: 'Key', clauseNames: ['id', 'issue', 'issuekey', 'key'] },
  { id: 'summary', name: 'Summary', schema: { type: 'string' }, clauseNames: ['summary'], orderable: true },
  { id: 'description', name: 'Description', schema: { type: 'string' }, clauseNames: ['description'], orderable: true },
  {
    id: 'issuetype',
    name: 'Issue Type',
    schema: { type: 'issuetype' },
    clauseNames: ['issuetype', 'type'],
    orderable: true,
  },
  { id: 'project', name: 'Project', schema: { type: 'project' }, clauseNames: ['project'], orderable: true },
  { id: 'status', name: 'Status', schema: { type: 'status' }, clauseNames: ['status'] },
  {
    id: 'statusCategory',
    name: 'Status Category',
    schema: { type: 'statusCategory' },
    clauseNames: ['statusCategory'],
  },
  {
    id: 'resolution',
    name: 'Resolution',
    schema: { type: 'resolution' },
    clauseNames: ['resolution'],
    orderable: true,
  },
  { id: 'resolutiondate', name: 'Resolved', schema: { type: 'datetime' }, clauseNames: ['resolutiondate', 'resolved'] },
  { id: 'priority', name: 'Priority', schema: { type: 'priority' }, clauseNames: ['priority'], orderable: true },
  {
    id: 'labels',
    name: 'Labels',
    schema: { type: 'array', items: 'string' },
    clauseNames: ['labels'],
    orderable: true,
  },
  { id: 'reporter', name: 'Reporter', schema: { type: 'user' }, clauseNames: ['reporter'], orderable: true },
  { id: 'assignee', name: 'Assignee', schema: { type: 'user' }, clauseNames: ['assignee'], orderable: true },
  { id: 'creator', name: 'Creator', schema: { type: 'user' }, clauseNames: ['creator'] },
  { id: 'created', name: 'Created', schema: { type: 'datetime' }, clauseNames: ['created', 'createdDate'] },
  { id: 'updated', name: 'Updated', schema: { type: 'datetime' }, clauseNames: ['updated', 'updatedDate'] },
  {
    id: 'statuscategorychangedate',
    name: 'Status Category Changed',
    schema: { type: 'datetime' },
    clauseNames: ['statusCategoryChangedDate'],
  },
  { id: 'duedate', name: 'Due date', schema: { type: 'date' }, clauseNames: ['due', 'duedate'], orderable: true },
  { id: 'comment', name: 'Comment', schema: { type: 'comments-page' }, clauseNames: ['comment'], orderable: true },
];

export function systemFieldDetails(f: SystemField): Version3Models.FieldDetails {
  return {
    id: f.id,
    key: f.id,
    name: f.name,
    untranslatedName: f.name,
    custom: false,
    orderable: f.orderable ?? false,
    navigable: true,
    searchable: true,
    clauseNames: f.clauseNames,
    ...(f.schema ? { schema: { ...f.schema, system: f.id } } : {}),
  } as Version3Models.FieldDetails;
}
