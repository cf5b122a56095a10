// The seeded sandbox site: fixed ids so tests, the README and demo scripts
// can name them. Sandbox-only credentials — never valid anywhere else.
import { DEFAULT_APPROVER_GROUP, DEFAULT_SECURITY_APPROVER_GROUP } from '../../domain/policy/risk-policy';
import type { StoredField, StoredQueue, StoredRequestType, StoredRequestTypeGroup, StoredUser } from './model';
import type { StoredIssueTypeScreenScheme, StoredScreen, StoredScreenScheme } from './screens';

export const SANDBOX_API_TOKEN = 'sandbox-token';

/** The Forge app's own account (actor of asApp() calls); apps have 24-hex account ids. */
export const APP_ACCOUNT_ID = '63f0a1b2c3d4e5f6a7b8c9d0';

/** The app's approver groups (the default policy's), as an admin sets them up for the two agents. */
const APPROVERS = [DEFAULT_APPROVER_GROUP, DEFAULT_SECURITY_APPROVER_GROUP];

export const SEEDED_USERS: StoredUser[] = [
  user('712020:00000000-0000-4000-8000-000000000001', 'admin@example.com', 'Ada Admin', ['admin', 'agent'], APPROVERS),
  user('712020:00000000-0000-4000-8000-000000000002', 'agent@example.com', 'Avery Agent', ['agent'], APPROVERS),
  user('712020:00000000-0000-4000-8000-000000000003', 'alice@example.com', 'Alice Customer', ['customer'], []),
  user('712020:00000000-0000-4000-8000-000000000004', 'bob@example.com', 'Bob Customer', ['customer'], []),
  {
    accountId: APP_ACCOUNT_ID,
    email: 'ai-clearance@connect.atlassian.com',
    displayName: 'AI Clearance',
    accountType: 'app',
    roles: [],
    timeZone: 'UTC',
    active: true,
  },
];

function user(
  accountId: string,
  email: string,
  displayName: string,
  roles: StoredUser['roles'],
  groups: string[],
): StoredUser {
  return {
    accountId,
    email,
    displayName,
    accountType: 'atlassian',
    roles,
    groups: [...groups],
    token: SANDBOX_API_TOKEN,
    timeZone: 'UTC',
    active: true,
  };
}

export const SEEDED_ACCOUNT_IDS = {
  admin: SEEDED_USERS[0].accountId,
  agent: SEEDED_USERS[1].accountId,
  alice: SEEDED_USERS[2].accountId,
  bob: SEEDED_USERS[3].accountId,
  app: APP_ACCOUNT_ID,
} as const;

export const PROJECT = {
  id: '10000',
  key: 'AIC',
  name: 'AI Clearance',
  description: 'AI tool access requests (sandbox)',
  projectTypeKey: 'service_desk',
  leadAccountId: SEEDED_ACCOUNT_IDS.admin,
} as const;

export const SERVICE_DESK = { id: '1', projectId: PROJECT.id, portalId: '1' } as const;

export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
}

export const ISSUE_TYPES: IssueTypeDef[] = [
  { id: '10010', name: 'Service Request', description: 'Created by Jira Service Management.' },
  { id: '10011', name: 'Task', description: 'A small, distinct piece of work.' },
];

export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
] as const;
export const DEFAULT_PRIORITY_ID = '3';

export const RESOLUTIONS = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue won’t be actioned.' },
  { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { id: '10003', name: 'Declined', description: 'This request was declined.' },
  { id: '10004', name: 'Cancelled', description: 'The requester withdrew the request.' },
  { id: '10005', name: 'Expired', description: 'The access reached its end date.' },
  { id: '10006', name: 'Revoked', description: 'The access was revoked.' },
] as const;

/** JSM's own custom fields, present on every service project. */
export const REQUEST_TYPE_FIELD_ID = 'customfield_10010';
export const PARTICIPANTS_FIELD_ID = 'customfield_10011';
export const FIRST_CUSTOM_FIELD_NUMBER = 10020;

export const SEEDED_FIELDS: StoredField[] = [
  {
    id: REQUEST_TYPE_FIELD_ID,
    name: 'Request Type',
    description: 'Holds information about which Service Desk was used to create a ticket.',
    type: 'com.atlassian.servicedesk:vp-origin',
    searcherKey: 'com.atlassian.servicedesk:vp-origin-searcher',
    locked: true,
    state: 'active',
  },
  {
    id: PARTICIPANTS_FIELD_ID,
    name: 'Request participants',
    description: 'Request participants',
    type: 'com.atlassian.servicedesk:sd-request-participants',
    searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:userpickergroupsearcher',
    locked: true,
    state: 'active',
  },
];

export const SEEDED_GROUPS: StoredRequestTypeGroup[] = [{ id: '1', serviceDeskId: SERVICE_DESK.id, name: 'General' }];

export const SEEDED_REQUEST_TYPES: StoredRequestType[] = [
  {
    id: '1',
    serviceDeskId: SERVICE_DESK.id,
    issueTypeId: '10010',
    name: 'Get IT help',
    description: 'Get assistance for general IT problems and questions.',
    helpText: '',
    groupIds: ['1'],
    fields: [
      { fieldId: 'summary', required: true },
      { fieldId: 'description', required: false },
    ],
  },
];

export const DEFAULT_QUEUE_FIELDS = ['issuetype', 'issuekey', 'summary', 'reporter', 'status', 'created'];

export const SEEDED_QUEUES: StoredQueue[] = [
  {
    id: '1',
    serviceDeskId: SERVICE_DESK.id,
    name: 'All open',
    jql: 'project = AIC AND statusCategory != Done ORDER BY created DESC',
    fields: DEFAULT_QUEUE_FIELDS,
  },
  {
    id: '2',
    serviceDeskId: SERVICE_DESK.id,
    name: 'Waiting for approval',
    jql: 'project = AIC AND status = "Waiting for approval" ORDER BY created ASC',
    fields: DEFAULT_QUEUE_FIELDS,
  },
];

// Screens of project AIC, as a company-managed JSM project gets them: an issue
// type screen scheme whose default mapping covers Task, and a screen scheme of
// its own for Service Request with a separate edit screen. A custom field
// created later is on none of them until an admin (or provisioning) adds it.
const SCREEN_SYSTEM_FIELDS = [
  'summary',
  'issuetype',
  'reporter',
  'assignee',
  'priority',
  'duedate',
  'labels',
  'description',
  'attachment',
  REQUEST_TYPE_FIELD_ID,
  PARTICIPANTS_FIELD_ID,
];

function screen(id: string, name: string): StoredScreen {
  return {
    id,
    name,
    description: '',
    tabs: [{ id: String(Number(id) + 10000), name: 'Field Tab', fields: [...SCREEN_SYSTEM_FIELDS] }],
  };
}

export const SEEDED_SCREENS: StoredScreen[] = [
  screen('10000', 'AIC: Jira Service Management Screen'),
  screen('10001', 'AIC: Jira Service Management Create Issue Screen'),
  screen('10002', 'AIC: Service Request Screen'),
  screen('10003', 'AIC: Service Request Edit Screen'),
];

export const SEEDED_SCREEN_SCHEMES: StoredScreenScheme[] = [
  {
    id: '10000',
    name: 'AIC: Jira Service Management Screen Scheme',
    description: '',
    screens: { default: '10000', create: '10001' },
  },
  {
    id: '10001',
    name: 'AIC: Service Request Screen Scheme',
    description: '',
    screens: { default: '10002', edit: '10003' },
  },
];

export const SEEDED_ISSUE_TYPE_SCREEN_SCHEMES: StoredIssueTypeScreenScheme[] = [
  {
    id: '10000',
    name: 'AIC: Jira Service Management Issue Type Screen Scheme',
    description: '',
    mappings: [
      { issueTypeId: 'default', screenSchemeId: '10000' },
      { issueTypeId: '10010', screenSchemeId: '10001' },
    ],
    projectIds: [PROJECT.id],
  },
];
