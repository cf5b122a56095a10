// Shared fixtures for the JQL engine tests: five issues over two projects, custom
// fields of every schema type, an aiClearance issue property with declared paths,
// three users, and a fixed clock (2026-01-31T12:00:00Z).
import { compileJql, type JqlCatalog, type JqlCompileContext } from '../../../src/sandbox/jira/jql';
import type { JqlFieldDef, JqlIssueView } from '../../../src/sandbox/jira/jql/types';

export const NOW = Date.UTC(2026, 0, 31, 12, 0, 0);
const at = (iso: string) => Date.parse(iso);

export const USERS = [
  { accountId: 'acc-alice', email: 'alice@example.com', displayName: 'Alice Able' },
  { accountId: 'acc-bob', email: 'bob@example.com', displayName: 'Bob Baker' },
  { accountId: 'acc-agent', email: 'agent@example.com', displayName: 'Agent Smith' },
];

export const FIELDS: JqlFieldDef[] = [
  { id: 'customfield_10010', name: 'Grant status', custom: true, schemaType: 'option', customId: 10010 },
  { id: 'customfield_10011', name: 'AI tools', custom: true, schemaType: 'array', customId: 10011 },
  { id: 'customfield_10012', name: 'Risk score', custom: true, schemaType: 'number', customId: 10012 },
  { id: 'customfield_10013', name: 'Grant expires', custom: true, schemaType: 'datetime', customId: 10013 },
  { id: 'customfield_10014', name: 'Review date', custom: true, schemaType: 'date', customId: 10014 },
  { id: 'customfield_10015', name: 'Justification', custom: true, schemaType: 'string', customId: 10015 },
  { id: 'customfield_10016', name: 'Approver', custom: true, schemaType: 'user', customId: 10016 },
];

export const CATALOG: JqlCatalog = {
  projects: [
    { id: '10000', key: 'AIC', name: 'AI Clearance' },
    { id: '10001', key: 'OPS', name: 'Operations' },
  ],
  issueTypes: [
    { id: '10100', name: 'Request' },
    { id: '10101', name: 'Task' },
  ],
  statuses: [
    { id: '10204', name: 'Open' },
    { id: '10200', name: 'Waiting for approval' },
    { id: '10201', name: 'In Progress' },
    { id: '10202', name: 'Done' },
    { id: '10203', name: 'Declined' },
  ],
  resolutions: [
    { id: '1', name: 'Done' },
    { id: '2', name: "Won't Do" },
  ],
  fieldOptions: {
    customfield_10010: [
      { id: '1', value: 'Pending' },
      { id: '2', value: 'Active' },
      { id: '3', value: 'Expired' },
    ],
  },
  userDisplayName: (id) => USERS.find((u) => u.accountId === id)?.displayName,
};

function issue(over: Partial<JqlIssueView> & Pick<JqlIssueView, 'id' | 'key'>): JqlIssueView {
  return {
    projectId: '10000',
    projectKey: 'AIC',
    projectName: 'AI Clearance',
    issueTypeId: '10100',
    issueTypeName: 'Request',
    statusId: '10200',
    statusName: 'Waiting for approval',
    statusCategoryKey: 'new',
    resolutionName: null,
    reporterAccountId: null,
    assigneeAccountId: null,
    creatorAccountId: null,
    created: NOW,
    updated: NOW,
    resolutiondate: null,
    summary: '',
    descriptionText: '',
    labels: [],
    customFields: {},
    properties: {},
    ...over,
  };
}

export const ISSUES: JqlIssueView[] = [
  issue({
    id: '10001',
    key: 'AIC-1',
    reporterAccountId: 'acc-alice',
    assigneeAccountId: 'acc-agent',
    creatorAccountId: 'acc-alice',
    created: at('2026-01-30T09:30:00Z'),
    updated: at('2026-01-31T10:00:00Z'),
    summary: 'Grant access to ChatGPT for marketing',
    descriptionText: 'Marketing team needs ChatGPT access for copywriting.',
    labels: ['ai', 'urgent'],
    customFields: {
      customfield_10010: { id: '1', value: 'Pending' },
      customfield_10011: [
        { id: '11', value: 'ChatGPT' },
        { id: '12', value: 'Claude' },
      ],
      customfield_10012: 3,
      customfield_10013: null,
      customfield_10014: '2026-02-01',
      customfield_10015: 'Copywriting drafts',
      customfield_10016: { accountId: 'acc-agent' },
    },
    properties: {
      aiClearance: {
        status: 'pending',
        risk: 3,
        notes: 'Needs legal review',
        owner: 'acc-alice',
        grant: { expiresAt: null },
        tags: ['marketing', 'gpt'],
      },
    },
  }),
  issue({
    id: '10002',
    key: 'AIC-2',
    statusId: '10201',
    statusName: 'In Progress',
    statusCategoryKey: 'indeterminate',
    reporterAccountId: 'acc-bob',
    creatorAccountId: 'acc-bob',
    created: at('2026-01-20T08:00:00Z'),
    updated: at('2026-01-25T08:00:00Z'),
    summary: 'Revoke Claude access',
    customFields: {
      customfield_10010: { id: '2', value: 'Active' },
      customfield_10011: [{ id: '12', value: 'Claude' }],
      customfield_10012: 7,
      customfield_10013: '2026-02-15T00:00:00.000+0000',
      customfield_10014: '2026-01-31',
    },
    properties: {
      aiClearance: {
        status: 'active',
        risk: 7,
        owner: 'acc-bob',
        grant: { expiresAt: '2026-02-15T00:00:00Z' },
        escalated: true,
      },
    },
  }),
  issue({
    id: '10003',
    key: 'AIC-3',
    statusId: '10202',
    statusName: 'Done',
    statusCategoryKey: 'done',
    resolutionName: 'Done',
    resolutiondate: at('2026-01-29T15:00:00Z'),
    reporterAccountId: 'acc-alice',
    assigneeAccountId: 'acc-bob',
    creatorAccountId: 'acc-alice',
    created: at('2025-12-31T23:59:00Z'),
    updated: at('2026-01-29T15:00:00Z'),
    summary: 'Copilot licence request',
    descriptionText: 'Requesting GitHub Copilot for the platform team',
    labels: ['AI'],
    customFields: {
      customfield_10010: { id: '3', value: 'Expired' },
      customfield_10011: [{ id: '13', value: 'Copilot' }],
      customfield_10012: 1.5,
      customfield_10013: '2026-01-15T10:00:00.000+0000',
    },
    // risk stored as a numeric string: Jira's number index still reads it as 1.5.
    properties: { aiClearance: { status: 'expired', risk: '1.5', grant: { expiresAt: '2026-01-15' } } },
  }),
  issue({
    id: '10004',
    key: 'AIC-4',
    statusId: '10203',
    statusName: 'Declined',
    statusCategoryKey: 'done',
    resolutionName: "Won't Do",
    resolutiondate: at('2026-01-12T10:00:00Z'),
    reporterAccountId: 'acc-bob',
    assigneeAccountId: 'acc-bob',
    creatorAccountId: 'acc-bob',
    created: at('2026-01-10T10:00:00Z'),
    updated: at('2026-01-12T10:00:00Z'),
    summary: 'Access to image generators',
  }),
  issue({
    id: '10005',
    key: 'OPS-1',
    projectId: '10001',
    projectKey: 'OPS',
    projectName: 'Operations',
    issueTypeId: '10101',
    issueTypeName: 'Task',
    statusId: '10204',
    statusName: 'Open',
    statusCategoryKey: 'new',
    reporterAccountId: 'acc-agent',
    assigneeAccountId: 'acc-alice',
    creatorAccountId: 'acc-agent',
    created: at('2026-01-31T11:00:00Z'),
    updated: at('2026-01-31T11:30:00Z'),
    summary: 'Rotate API keys',
    descriptionText: 'Rotate keys on Windows servers',
    labels: ['ops'],
    // "Active" vs "active" on AIC-2: string properties are exact.
    properties: { aiClearance: { status: 'Active' } },
  }),
];

export const ALL = ISSUES.map((i) => i.key);

export function context(over: Partial<JqlCompileContext> = {}): JqlCompileContext {
  return {
    nowMs: NOW,
    currentAccountId: 'acc-alice',
    fields: FIELDS,
    entityProperties: [
      { propertyKey: 'aiClearance', path: 'status', type: 'string', searchAlias: 'aicStatus' },
      { propertyKey: 'aiClearance', path: 'grant.expiresAt', type: 'date', searchAlias: 'aicExpires' },
      { propertyKey: 'aiClearance', path: 'risk', type: 'number', searchAlias: 'aicRisk' },
      { propertyKey: 'aiClearance', path: 'notes', type: 'text' },
      { propertyKey: 'aiClearance', path: 'owner', type: 'user', searchAlias: 'aicOwner' },
      { propertyKey: 'aiClearance', path: 'tags', type: 'string' },
      { propertyKey: 'aiClearance', path: 'escalated', type: 'string', searchAlias: 'aicEscalated' },
    ],
    users: {
      resolve: (v) => {
        const l = v.toLowerCase();
        return USERS.find((u) => u.accountId === v || u.email === l || u.displayName.toLowerCase() === l)?.accountId;
      },
    },
    ...over,
  };
}

/** Keys of the fixture issues matching `jql`, in fixture order. */
export function matching(jql: string, over: Partial<JqlCompileContext> = {}): string[] {
  const q = compileJql(jql, context(over));
  return ISSUES.filter((i) => q.matches(i)).map((i) => i.key);
}

/** Keys of the matching issues sorted by the query's ORDER BY. */
export function ordered(jql: string, over: Partial<JqlCompileContext> = {}): string[] {
  const q = compileJql(jql, context(over));
  return ISSUES.filter((i) => q.matches(i))
    .sort(q.compare)
    .map((i) => i.key);
}

/** The JqlError messages compileJql raises for `jql` (fails the test when it does not raise). */
export function errorOf(jql: string, over: Partial<JqlCompileContext> = {}): string {
  try {
    compileJql(jql, context(over));
  } catch (e) {
    const messages = (e as { errorMessages?: string[] }).errorMessages;
    if (!messages) throw e;
    return messages.join(' ');
  }
  throw new Error(`expected a JqlError for: ${jql}`);
}

/** Table rows: [jql, expected keys]. */
export type Row = [string, string[]];
