// /rest/servicedeskapi/servicedesk: desks, request types (create takes only
// issueTypeId/name/description/helpText and yields no portal group or
// portal fields, as on Cloud), request type groups, and queues (read only:
// Cloud has no endpoint to create a queue).
import * as z from 'zod';
import { FIELD_TYPES } from '../field-types';
import { activeField, fieldOptions } from '../field-values';
import { intParam, noContent, ok, parseBody, requireExperimentalOptIn, serviceDeskError } from '../http';
import { requestTypeOr404, serviceDeskOr404 } from '../jsm-ops';
import type { StoredQueue, StoredRequestType, StoredRequestTypeGroup } from '../model';
import { renderIssue } from '../render-issue';
import { serviceDeskJson } from '../render-common';
import { paged, requestTypeJson } from '../render-jsm';
import { findIssues } from '../search';
import { ISSUE_TYPES, PROJECT } from '../site-data';
import type { Actor, Call, Route, Site } from '../site';

const SD = '/rest/servicedeskapi/servicedesk';

const CreateRequestType = z.object({
  issueTypeId: z.string({ error: 'issueTypeId is required.' }),
  name: z.string({ error: 'name is required.' }).trim().min(1, 'name is required.').max(60),
  description: z.string().optional(),
  helpText: z.string().optional(),
});

function page(call: Call) {
  return { start: intParam(call.req.query, 'start', 0, 0), limit: intParam(call.req.query, 'limit', 50, 1, 100) };
}

function requireSdAdmin(actor: Actor) {
  if (!actor.isAdmin)
    throw serviceDeskError(403, 'You do not have permission to administer this service project.', 'sd.admin.required');
}

function requireSdAgent(actor: Actor) {
  if (!actor.isAgent)
    throw serviceDeskError(
      403,
      'You must be an agent of this service project to view its queues.',
      'sd.agent.required',
    );
}

function listRequestTypes(call: Call) {
  const { site, actor, params, req } = call;
  serviceDeskOr404(params.serviceDeskId);
  const groupId = req.query.get('groupId');
  const search = (req.query.get('searchQuery') ?? '').toLowerCase();
  const all = site.store
    .docList<StoredRequestType>('requestType', params.serviceDeskId)
    // Customers only see types the portal shows, i.e. those in a group.
    .filter(
      (rt) =>
        (actor.isAgent || rt.groupIds.length > 0) &&
        (!groupId || rt.groupIds.includes(groupId)) &&
        (!search || rt.name.toLowerCase().includes(search)),
    );
  const { start, limit } = page(call);
  return ok(
    paged(
      site,
      `${SD}/${params.serviceDeskId}/requesttype`,
      all.map((rt) => requestTypeJson(site, rt)),
      start,
      limit,
    ),
  );
}

function createRequestType({ site, actor, params, req }: Call) {
  // Experimental in JSM Cloud (https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-post).
  requireExperimentalOptIn(req.headers);
  serviceDeskOr404(params.serviceDeskId);
  requireSdAdmin(actor);
  const body = parseBody(CreateRequestType, req.body);
  if (!ISSUE_TYPES.some((t) => t.id === body.issueTypeId))
    throw serviceDeskError(
      400,
      `The issue type ${body.issueTypeId} is not valid for this service project.`,
      'sd.requesttype.issuetype.invalid',
    );
  if (
    site.store
      .docList<StoredRequestType>('requestType', params.serviceDeskId)
      .some((rt) => rt.name.toLowerCase() === body.name.toLowerCase())
  ) {
    throw serviceDeskError(400, `A request type named '${body.name}' already exists.`, 'sd.requesttype.name.duplicate');
  }
  const id = String(site.store.nextId('requestType', 2));
  // Only the issue type's required field, no portal group: the rest is a manual step on Cloud.
  const rt: StoredRequestType = {
    id,
    serviceDeskId: params.serviceDeskId,
    issueTypeId: body.issueTypeId,
    name: body.name,
    description: body.description ?? '',
    helpText: body.helpText ?? '',
    groupIds: [],
    fields: [{ fieldId: 'summary', required: true }],
  };
  site.store.docPut('requestType', id, rt, rt.serviceDeskId);
  return ok(requestTypeJson(site, rt));
}

function requestTypeFieldJson(site: Site, fieldId: string, required: boolean, label?: string) {
  if (fieldId === 'summary' || fieldId === 'description') {
    return {
      fieldId,
      name: label ?? (fieldId === 'summary' ? 'Summary' : 'Description'),
      required,
      defaultValues: [],
      validValues: [],
      jiraSchema: { type: 'string', system: fieldId },
      visible: true,
    };
  }
  const f = activeField(site.store, fieldId);
  if (!f) return undefined;
  const def = FIELD_TYPES[f.type];
  const validValues = def?.options
    ? fieldOptions(site.store, f.id, PROJECT.id)
        .filter((o) => !o.disabled)
        .map((o) => ({ value: o.id, label: o.value, children: [] }))
    : [];
  return {
    fieldId,
    name: label ?? f.name,
    description: f.description,
    required,
    defaultValues: [],
    validValues,
    jiraSchema: {
      type: def?.schema.type ?? 'any',
      ...(def?.schema.items ? { items: def.schema.items } : {}),
      custom: f.type,
      customId: Number(f.id.replace('customfield_', '')),
    },
    visible: true,
  };
}

function requestTypeFields({ site, actor, params }: Call) {
  serviceDeskOr404(params.serviceDeskId);
  const rt = requestTypeOr404(site, params.serviceDeskId, params.requestTypeId);
  const fields = rt.fields
    .map((f) => requestTypeFieldJson(site, f.fieldId, f.required, f.name))
    .filter((f) => f !== undefined);
  return ok({ requestTypeFields: fields, canRaiseOnBehalfOf: actor.isAgent, canAddRequestParticipants: true });
}

function queueOr404(site: Site, serviceDeskId: string, queueId: string): StoredQueue {
  const q = site.store.docGet<StoredQueue>('queue', queueId);
  if (!q || q.serviceDeskId !== serviceDeskId)
    throw serviceDeskError(404, `The queue ${queueId} does not exist.`, 'sd.queue.not.found');
  return q;
}

function queueJson(call: Call, q: StoredQueue) {
  const withCount = call.req.query.get('includeCount') === 'true';
  return {
    id: q.id,
    name: q.name,
    jql: q.jql,
    fields: q.fields,
    ...(withCount ? { issueCount: findIssues(call.site, call.actor, q.jql, { allowUnbounded: true }).length } : {}),
    _links: { self: `${call.site.baseUrl}${SD}/${q.serviceDeskId}/queue/${q.id}` },
  };
}

function listQueues(call: Call) {
  serviceDeskOr404(call.params.serviceDeskId);
  requireSdAgent(call.actor);
  const all = call.site.store.docList<StoredQueue>('queue', call.params.serviceDeskId);
  const { start, limit } = page(call);
  return ok(
    paged(
      call.site,
      `${SD}/${call.params.serviceDeskId}/queue`,
      all.map((q) => queueJson(call, q)),
      start,
      limit,
    ),
  );
}

function queueIssues(call: Call) {
  const { site, actor, params } = call;
  serviceDeskOr404(params.serviceDeskId);
  requireSdAgent(actor);
  const q = queueOr404(site, params.serviceDeskId, params.queueId);
  const { start, limit } = page(call);
  const views = findIssues(site, actor, q.jql, { allowUnbounded: true });
  const pageIssues = site.store.issuesByIds(views.slice(start, start + limit).map((v) => v.id));
  const rendered = pageIssues.map((i) => renderIssue(site, i, actor, { fields: q.fields, defaultFields: q.fields }));
  const body = paged(site, `${SD}/${params.serviceDeskId}/queue/${q.id}/issue`, rendered, 0, limit);
  return ok({ ...body, start, isLastPage: start + rendered.length >= views.length });
}

export const serviceDeskRoutes: Route[] = [
  {
    method: 'GET',
    path: SD,
    handler: (call) => ok(paged(call.site, SD, [serviceDeskJson(call.site)], page(call).start, page(call).limit)),
  },
  {
    method: 'GET',
    path: `${SD}/{serviceDeskId}`,
    handler: ({ site, params }) => (serviceDeskOr404(params.serviceDeskId), ok(serviceDeskJson(site))),
  },
  { method: 'GET', path: `${SD}/{serviceDeskId}/requesttype`, handler: listRequestTypes },
  { method: 'POST', path: `${SD}/{serviceDeskId}/requesttype`, handler: createRequestType },
  {
    method: 'GET',
    path: `${SD}/{serviceDeskId}/requesttype/{requestTypeId}`,
    handler: ({ site, params }) =>
      ok(requestTypeJson(site, requestTypeOr404(site, params.serviceDeskId, params.requestTypeId))),
  },
  {
    method: 'DELETE',
    path: `${SD}/{serviceDeskId}/requesttype/{requestTypeId}`,
    handler: ({ site, actor, params, req }) => {
      // Experimental too (jira.js 4.x deleteRequestType sends X-ExperimentalApi: opt-in).
      requireExperimentalOptIn(req.headers);
      requireSdAdmin(actor);
      site.store.docDelete('requestType', requestTypeOr404(site, params.serviceDeskId, params.requestTypeId).id);
      return noContent();
    },
  },
  { method: 'GET', path: `${SD}/{serviceDeskId}/requesttype/{requestTypeId}/field`, handler: requestTypeFields },
  {
    method: 'GET',
    path: `${SD}/{serviceDeskId}/requesttypegroup`,
    handler: (call) => {
      serviceDeskOr404(call.params.serviceDeskId);
      const groups = call.site.store
        .docList<StoredRequestTypeGroup>('requestTypeGroup', call.params.serviceDeskId)
        .map((g) => ({ id: g.id, name: g.name }));
      return ok(
        paged(
          call.site,
          `${SD}/${call.params.serviceDeskId}/requesttypegroup`,
          groups,
          page(call).start,
          page(call).limit,
        ),
      );
    },
  },
  { method: 'GET', path: `${SD}/{serviceDeskId}/queue`, handler: listQueues },
  {
    method: 'GET',
    path: `${SD}/{serviceDeskId}/queue/{queueId}`,
    handler: (call) => {
      serviceDeskOr404(call.params.serviceDeskId);
      requireSdAgent(call.actor);
      return ok(queueJson(call, queueOr404(call.site, call.params.serviceDeskId, call.params.queueId)));
    },
  },
  { method: 'GET', path: `${SD}/{serviceDeskId}/queue/{queueId}/issue`, handler: queueIssues },
];
