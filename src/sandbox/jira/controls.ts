// Sandbox-only controls (mounted by the lead under /__sandbox/). They do what
// a Jira admin does by hand on Cloud because no REST API exists for it:
// create/edit JSM queues, put a request type in a portal group and choose its
// portal fields, and raise a request from the portal with what the app's
// request-create panel submitted.
import * as z from 'zod';
import { FIELD_TYPES } from './field-types';
import { activeField } from './field-values';
import { JiraHttpFailure } from './http';
import { CreateRequestBody, createCustomerRequest, requestTypeOr404 } from './jsm-ops';
import type { StoredQueue, StoredRequestType, StoredRequestTypeGroup, StoredUser } from './model';
import { requestTypeJson } from './render-jsm';
import { compileOrThrow } from './search';
import { DEFAULT_QUEUE_FIELDS, SANDBOX_API_TOKEN, SERVICE_DESK } from './site-data';
import type { StoredScreen, StoredTransitionScreen } from './screens';
import type { Actor, Site } from './site';
import { AIC_WORKFLOW } from './workflow';
import { actorFor, allUsers, groupsOf, userByEmail, userById } from './users';

/** A control rejected its input; status and message are meant for the /__sandbox/ HTTP answer. */
export class SandboxControlError extends Error {
  readonly code = 'SANDBOX_CONTROL';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const QueueInput = z.object({
  serviceDeskId: z.string().default(SERVICE_DESK.id),
  name: z.string().trim().min(1).max(255),
  jql: z.string().trim().min(1),
  fields: z.array(z.string()).min(1).optional(),
});
export const QueueUpdate = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  jql: z.string().trim().min(1).optional(),
  fields: z.array(z.string()).min(1).optional(),
});
export const RequestTypePortalInput = z.object({
  /** Group names or ids; unknown names create the group, as the admin would in project settings. */
  groups: z.array(z.string().trim().min(1)).optional(),
  fields: z
    .array(z.object({ fieldId: z.string(), required: z.boolean().default(false), name: z.string().optional() }))
    .optional(),
});
/**
 * What the portal's request-create property panel hands the host page: view.submit({fields:[{key,value}], isValid}).
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/
 * ("Form data schema", "Field Object schema").
 */
export const PortalPanelSubmission = z
  .object({
    fields: z.array(
      z
        .object({ key: z.string().min(1), value: z.unknown() })
        .strict()
        .refine((f) => f.value !== undefined, 'value is required'),
    ),
    isValid: z.boolean(),
  })
  .strict();
export const PortalRequestInput = CreateRequestBody.and(
  z.object({
    accountId: z.string(),
    /** The app's request-create panel, as its last view.submit() left it; absent when the panel never submitted. */
    panel: PortalPanelSubmission.optional(),
    /** The portal has no way to set arbitrary issue properties: only the panel's submission becomes one. */
    properties: z
      .undefined({
        message:
          'the portal sets no issue properties itself: send what the request-create panel submitted as "panel": {"fields":[{key,value}], "isValid"}',
      })
      .optional(),
  }),
);

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input ?? {});
  if (!r.success)
    throw new SandboxControlError(
      400,
      r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return r.data;
}

function checkQueueJql(site: Site, actor: Actor, jql: string): void {
  try {
    compileOrThrow(site, actor, jql);
  } catch (e) {
    if (e instanceof JiraHttpFailure)
      throw new SandboxControlError(400, `Invalid queue JQL: ${JSON.stringify(e.body)}`);
    throw e;
  }
}

function queueJson(q: StoredQueue) {
  return { id: q.id, serviceDeskId: q.serviceDeskId, name: q.name, jql: q.jql, fields: q.fields };
}

export function createQueue(site: Site, actor: Actor, input: unknown) {
  const body = parse(QueueInput, input);
  if (body.serviceDeskId !== SERVICE_DESK.id)
    throw new SandboxControlError(404, `Service desk ${body.serviceDeskId} does not exist.`);
  checkQueueJql(site, actor, body.jql);
  const id = String(site.store.nextId('queue', 1));
  const q: StoredQueue = {
    id,
    serviceDeskId: body.serviceDeskId,
    name: body.name,
    jql: body.jql,
    fields: body.fields ?? DEFAULT_QUEUE_FIELDS,
  };
  site.store.docPut('queue', id, q, q.serviceDeskId);
  return queueJson(q);
}

export function updateQueue(site: Site, actor: Actor, id: string, input: unknown) {
  const q = site.store.docGet<StoredQueue>('queue', id);
  if (!q) throw new SandboxControlError(404, `Queue ${id} does not exist.`);
  const body = parse(QueueUpdate, input);
  if (body.jql) checkQueueJql(site, actor, body.jql);
  const next: StoredQueue = { ...q, ...body };
  site.store.docPut('queue', id, next, q.serviceDeskId);
  return queueJson(next);
}

export function deleteQueue(site: Site, id: string): void {
  if (!site.store.docDelete('queue', id)) throw new SandboxControlError(404, `Queue ${id} does not exist.`);
}

export const TransitionScreenInput = z.object({ fields: z.array(z.string().min(1)).max(50) }).strict();

/**
 * The admin's manual step of giving a workflow transition a screen (Jira's workflow editor; no REST API
 * sets it): an empty list takes the screen away. Only then can a transition carry those fields
 * (a decline rationale, a shortened duration).
 */
export function setTransitionScreen(site: Site, transitionId: string, input: unknown) {
  const body = parse(TransitionScreenInput, input);
  const t = AIC_WORKFLOW.transitions.find((x) => x.id === transitionId);
  if (!t)
    throw new SandboxControlError(
      404,
      `Transition ${transitionId} does not exist; the workflow's transitions are ${AIC_WORKFLOW.transitions.map((x) => `${x.id} ${x.name}`).join(', ')}.`,
    );
  for (const f of body.fields) {
    if (f !== 'summary' && f !== 'description' && !activeField(site.store, f))
      throw new SandboxControlError(400, `Field ${f} does not exist.`);
  }
  if (body.fields.length === 0) {
    site.store.docDelete('transitionScreen', transitionId);
    return { transitionId, screen: null };
  }
  const existing = site.store.docGet<StoredTransitionScreen>('transitionScreen', transitionId);
  const id = existing?.screenId ?? String(site.store.nextId('screen', 20000));
  const screen: StoredScreen = {
    id,
    name: `${t.name} transition screen`,
    description: `Shown on the "${t.name}" transition.`,
    tabs: [{ id: String(Number(id) + 10000), name: 'Field Tab', fields: [...new Set(body.fields)] }],
  };
  site.store.docPut('screen', id, screen);
  site.store.docPut('transitionScreen', transitionId, { transitionId, screenId: id } satisfies StoredTransitionScreen);
  return { transitionId, screen: { id, name: screen.name, fields: screen.tabs[0].fields } };
}

export function setRequestTypePortal(site: Site, requestTypeId: string, input: unknown) {
  const body = parse(RequestTypePortalInput, input);
  let rt: StoredRequestType;
  try {
    rt = requestTypeOr404(site, SERVICE_DESK.id, requestTypeId);
  } catch {
    throw new SandboxControlError(404, `Request type ${requestTypeId} does not exist.`);
  }
  const next: StoredRequestType = { ...rt };
  if (body.groups) {
    const groups = site.store.docList<StoredRequestTypeGroup>('requestTypeGroup', rt.serviceDeskId);
    next.groupIds = body.groups.map((ref) => {
      const found = groups.find((g) => g.id === ref || g.name.toLowerCase() === ref.toLowerCase());
      if (found) return found.id;
      const g: StoredRequestTypeGroup = {
        id: String(site.store.nextId('requestTypeGroup', 1)),
        serviceDeskId: rt.serviceDeskId,
        name: ref,
      };
      site.store.docPut('requestTypeGroup', g.id, g, g.serviceDeskId);
      groups.push(g);
      return g.id;
    });
  }
  if (body.fields) {
    for (const f of body.fields) {
      const known =
        f.fieldId === 'summary' ||
        f.fieldId === 'description' ||
        (activeField(site.store, f.fieldId) && FIELD_TYPES[activeField(site.store, f.fieldId)!.type]);
      if (!known)
        throw new SandboxControlError(400, `Field ${f.fieldId} does not exist or cannot be on a portal form.`);
    }
    // Summary is always on the form: the issue cannot exist without it.
    const fields = body.fields.some((f) => f.fieldId === 'summary')
      ? body.fields
      : [{ fieldId: 'summary', required: true }, ...body.fields];
    next.fields = fields.map((f) => ({
      fieldId: f.fieldId,
      required: f.required,
      ...(f.name ? { name: f.name } : {}),
    }));
  }
  site.store.docPut('requestType', rt.id, next, rt.serviceDeskId);
  return { ...requestTypeJson(site, next), portalFields: next.fields };
}

/**
 * Raises a request as the portal does for `accountId`. The app's request-create panel's last submission is
 * stored as Jira documents it: ONE issue property whose key is the UUID part of the manifest's app.id, holding
 * an object of the submitted fields keyed by field key; a submission with isValid false keeps the form from
 * being submitted. (`panelPropertyKey`: that UUID, or undefined when the installed app has no such panel.)
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/
 * ("Portal Request Create Property Panel Lifecycle")
 */
export function submitPortalRequest(site: Site, input: unknown, panelPropertyKey: string | undefined) {
  const body = parse(PortalRequestInput, input);
  const actor = actorFor(site.store, { kind: 'user', accountId: body.accountId });
  if (!actor) throw new SandboxControlError(404, `User ${body.accountId} does not exist.`);
  const properties: Array<{ key: string; value: unknown }> = [];
  if (body.panel) {
    if (!panelPropertyKey)
      throw new SandboxControlError(
        400,
        'No installed app has a jiraServiceManagement:portalRequestCreatePropertyPanel module: there is no panel to submit.',
      );
    if (!body.panel.isValid)
      throw new SandboxControlError(
        400,
        "The app's request-create panel reports its fields as not valid (isValid: false): the portal form cannot be submitted.",
      );
    // UNVERIFIED: whether Jira stores a property for a submission with no fields; the app treats {} as no panel values.
    if (body.panel.fields.length > 0)
      properties.push({
        key: panelPropertyKey,
        value: Object.fromEntries(body.panel.fields.map((f) => [f.key, f.value])),
      });
  }
  try {
    const issue = createCustomerRequest(site, actor, body, properties);
    return { issueId: issue.id, issueKey: issue.key };
  } catch (e) {
    if (e instanceof JiraHttpFailure) throw new SandboxControlError(e.status, JSON.stringify(e.body));
    throw e;
  }
}

export const EmailInput = z.object({
  from: z.string().email(),
  subject: z.string().trim().min(1).max(255),
  body: z.string().max(32_000).default(''),
  requestTypeId: z.string().min(1),
  serviceDeskId: z.string().default('1'),
});

/** A customer's email arriving on a JSM email channel that files into `requestTypeId`. */
export function receiveEmail(site: Site, input: unknown) {
  const mail = parse(EmailInput, input);
  const accountId = userByEmail(site.store, mail.from)?.accountId;
  if (!accountId) throw new SandboxControlError(404, `No sandbox user has the email ${mail.from}.`);
  const actor = actorFor(site.store, { kind: 'user', accountId });
  if (!actor) throw new SandboxControlError(404, `User ${mail.from} does not exist.`);
  try {
    const values: Record<string, unknown> = { summary: mail.subject, ...(mail.body ? { description: mail.body } : {}) };
    const issue = createCustomerRequest(
      site,
      actor,
      { serviceDeskId: mail.serviceDeskId, requestTypeId: mail.requestTypeId, requestFieldValues: values },
      [],
      'email',
    );
    return { issueId: issue.id, issueKey: issue.key };
  } catch (e) {
    if (e instanceof JiraHttpFailure) throw new SandboxControlError(e.status, JSON.stringify(e.body));
    throw e;
  }
}

export interface SandboxUserInfo {
  accountId: string;
  email: string;
  displayName: string;
  accountType: string;
  roles: string[];
  /** Every Jira group the user is in (implied by roles, then added), as `GET /user?expand=groups` lists them. */
  groups: string[];
  /** Basic-auth token (sandbox only); absent for the app account, which cannot log in. */
  apiToken?: string;
}

function userInfo(u: StoredUser): SandboxUserInfo {
  return {
    accountId: u.accountId,
    email: u.email,
    displayName: u.displayName,
    accountType: u.accountType,
    roles: u.accountType === 'app' ? ['app'] : u.roles,
    groups: groupsOf(u),
    ...(u.token ? { apiToken: u.token } : {}),
  };
}

export function listUsers(site: Site): SandboxUserInfo[] {
  return allUsers(site.store).map(userInfo);
}

const GroupNames = z.array(z.string().trim().min(1).max(255)).max(100);
const Roles = z.array(z.enum(['admin', 'agent', 'customer'])).min(1);
export const UserInput = z.object({
  email: z.string().trim().email(),
  displayName: z.string().trim().min(1).max(255),
  roles: Roles.default(['customer']),
  groups: GroupNames.default([]),
});
export const UserUpdate = z.object({
  displayName: z.string().trim().min(1).max(255).optional(),
  roles: Roles.optional(),
  groups: GroupNames.optional(),
  active: z.boolean().optional(),
});

/** The admin adds a person to the site (Cloud: invite in admin.atlassian.com), with roles and group memberships. */
export function createUser(site: Site, input: unknown): SandboxUserInfo {
  const v = parse(UserInput, input);
  if (userByEmail(site.store, v.email))
    throw new SandboxControlError(
      409,
      `A user with email ${v.email} already exists; update it with PUT /__sandbox/users/{accountId}.`,
    );
  const seq = site.store.nextId('sandbox-user', 100);
  const accountId = `712020:00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  const u: StoredUser = {
    accountId,
    email: v.email,
    displayName: v.displayName,
    accountType: 'atlassian',
    roles: v.roles,
    groups: [...new Set(v.groups)],
    token: SANDBOX_API_TOKEN,
    timeZone: 'UTC',
    active: true,
  };
  site.store.docPut('user', accountId, u);
  return userInfo(u);
}

/** The admin changes a person's roles or group memberships (`groups` replaces the added groups). */
export function updateUser(site: Site, accountId: string, input: unknown): SandboxUserInfo {
  const v = parse(UserUpdate, input);
  const u = userById(site.store, accountId);
  if (!u || u.accountType === 'app')
    throw new SandboxControlError(404, `No sandbox user ${accountId}; GET /__sandbox/users lists them.`);
  const next: StoredUser = {
    ...u,
    ...(v.groups ? { groups: [...new Set(v.groups)] } : {}),
    ...(v.displayName !== undefined ? { displayName: v.displayName } : {}),
    ...(v.roles !== undefined ? { roles: v.roles } : {}),
    ...(v.active !== undefined ? { active: v.active } : {}),
  };
  site.store.docPut('user', accountId, next);
  return userInfo(next);
}
