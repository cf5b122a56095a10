// servicedeskapi shapes: request types, customer requests, JSM comments,
// approvals and the PagedDTO envelope.
import type { ServiceDeskModels } from 'jira.js/serviceDesk';
import { adfToText } from './adf';
import { FIELD_TYPES } from './field-types';
import { activeField, renderCustomValue } from './field-values';
import { sdDate } from './http';
import type { StoredApproval, StoredComment, StoredIssue, StoredRequestType } from './model';
import { PROJECT, SERVICE_DESK } from './site-data';
import type { Actor, Site } from './site';
import { sdUserJson } from './users';
import { statusById } from './workflow';

export function paged<T>(site: Site, path: string, values: T[], start: number, limit: number): Record<string, unknown> {
  const page = values.slice(start, start + limit);
  const self = `${site.baseUrl}${path}`;
  const links: Record<string, string> = { base: site.baseUrl, context: '', self };
  if (start + limit < values.length) links.next = `${self}?start=${start + limit}&limit=${limit}`;
  if (start > 0) links.prev = `${self}?start=${Math.max(0, start - limit)}&limit=${limit}`;
  return {
    size: page.length,
    start,
    limit,
    isLastPage: start + page.length >= values.length,
    values: page,
    _links: links,
  };
}

/** jira.js names the links `Links`; the wire has `_links` and `_expands`. */
export type RequestTypeJson = Omit<ServiceDeskModels.RequestType, 'Links' | 'Expands' | 'icon'> & {
  _expands: string[];
  _links: { self: string };
  icon: { id: string; _links: { iconUrls: Record<string, string> } };
};

export function requestTypeJson(site: Site, rt: StoredRequestType): RequestTypeJson {
  return {
    _expands: ['field'],
    id: rt.id,
    _links: { self: `${site.baseUrl}/rest/servicedeskapi/servicedesk/${rt.serviceDeskId}/requesttype/${rt.id}` },
    name: rt.name,
    description: rt.description,
    helpText: rt.helpText,
    issueTypeId: rt.issueTypeId,
    serviceDeskId: rt.serviceDeskId,
    portalId: SERVICE_DESK.portalId,
    groupIds: rt.groupIds,
    icon: { id: '10500', _links: { iconUrls: {} } },
  };
}

function currentStatus(issue: StoredIssue, site: Site): Record<string, unknown> {
  const s = statusById(issue.statusId, site.workflow);
  return {
    status: s?.name ?? 'Unknown',
    statusCategory: (s?.category ?? 'new').toUpperCase(),
    statusDate: sdDate(issue.statusCategoryChanged),
  };
}

export function requestTypeFieldValue(site: Site, issue: StoredIssue): unknown {
  if (!issue.requestTypeId) return null;
  const rt = site.store.docGet<StoredRequestType>('requestType', issue.requestTypeId);
  if (!rt) return null;
  return {
    _links: {
      jiraRest: `${site.baseUrl}/rest/api/2/issue/${issue.id}`,
      web: `${site.baseUrl}/servicedesk/customer/portal/${SERVICE_DESK.portalId}/${issue.key}`,
      self: `${site.baseUrl}/rest/servicedeskapi/request/${issue.id}`,
    },
    requestType: requestTypeJson(site, rt),
    currentStatus: currentStatus(issue, site),
  };
}

function fieldValueForRequest(site: Site, issue: StoredIssue, fieldId: string): unknown {
  if (fieldId === 'summary') return issue.summary;
  if (fieldId === 'description') return issue.description ? adfToText(issue.description) : null;
  const stored = issue.customFields[fieldId];
  if (!stored) return null;
  return stored.t === 'adf' ? adfToText(stored.doc) : renderCustomValue(site, stored);
}

function fieldLabel(site: Site, fieldId: string, label?: string): string {
  if (label) return label;
  if (fieldId === 'summary') return 'Summary';
  if (fieldId === 'description') return 'Description';
  return activeField(site.store, fieldId)?.name ?? fieldId;
}

export function customerRequestJson(site: Site, issue: StoredIssue, expand: string[] = []): Record<string, unknown> {
  const rt = issue.requestTypeId ? site.store.docGet<StoredRequestType>('requestType', issue.requestTypeId) : undefined;
  const out: Record<string, unknown> = {
    _expands: ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'],
    issueId: issue.id,
    issueKey: issue.key,
    summary: issue.summary,
    requestTypeId: issue.requestTypeId,
    serviceDeskId: SERVICE_DESK.id,
    createdDate: sdDate(issue.created),
    reporter: issue.reporter ? sdUserJson(site, issue.reporter) : null,
    requestFieldValues: (rt?.fields ?? [])
      .filter((f) => f.fieldId === 'summary' || f.fieldId === 'description' || activeField(site.store, f.fieldId))
      .map((f) => ({
        fieldId: f.fieldId,
        label: fieldLabel(site, f.fieldId, f.name),
        value: fieldValueForRequest(site, issue, f.fieldId),
      })),
    currentStatus: currentStatus(issue, site),
    _links: {
      jiraRest: `${site.baseUrl}/rest/api/2/issue/${issue.id}`,
      web: `${site.baseUrl}/servicedesk/customer/portal/${SERVICE_DESK.portalId}/${issue.key}`,
      self: `${site.baseUrl}/rest/servicedeskapi/request/${issue.id}`,
      agent: `${site.baseUrl}/browse/${issue.key}`,
    },
  };
  if (expand.includes('requestType') && rt) out.requestType = requestTypeJson(site, rt);
  if (expand.includes('serviceDesk'))
    out.serviceDesk = {
      id: SERVICE_DESK.id,
      projectId: PROJECT.id,
      projectName: PROJECT.name,
      projectKey: PROJECT.key,
    };
  if (expand.includes('participant'))
    out.participants = paged(
      site,
      `/rest/servicedeskapi/request/${issue.id}/participant`,
      issue.participants.map((a) => sdUserJson(site, a)),
      0,
      50,
    );
  return out;
}

export function sdCommentJson(site: Site, c: StoredComment): Record<string, unknown> {
  return {
    id: c.id,
    body: adfToText(c.body),
    public: c.jsdPublic,
    author: sdUserJson(site, c.author),
    created: sdDate(c.created),
    _links: { self: `${site.baseUrl}/rest/servicedeskapi/request/${c.issueId}/comment/${c.id}` },
  };
}

export function approvalJson(site: Site, a: StoredApproval, actor: Actor): Record<string, unknown> {
  const mine = a.approvers.find((x) => x.accountId === actor.accountId);
  return {
    id: a.id,
    name: a.name,
    finalDecision: a.finalDecision,
    canAnswerApproval: a.finalDecision === 'pending' && (mine !== undefined || actor.isApp),
    approvers: a.approvers.map((x) => ({ approver: sdUserJson(site, x.accountId), approverDecision: x.decision })),
    createdDate: sdDate(a.created),
    ...(a.completed !== null ? { completedDate: sdDate(a.completed) } : {}),
    _links: { self: `${site.baseUrl}/rest/servicedeskapi/request/${a.issueId}/approval/${a.id}` },
  };
}

export function isRequestTypeField(site: Site, fieldId: string): boolean {
  const f = activeField(site.store, fieldId);
  return f ? FIELD_TYPES[f.type]?.kind === 'requestType' : false;
}
