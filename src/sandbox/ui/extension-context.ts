// The extension context each Custom UI module gets from its host page (view.getContext().extension), as the
// module reference pages document it, worked out from the sandbox site as the signed-in user sees it:
//   portalRequestCreatePropertyPanel: portal.id, request.typeId, location (UI-6)
//   portalRequestDetail: request.key, request.typeId, portal.id, location (UI-11, unverified)
//   portalProfilePanel: page ('profile'), location (UI-18, unverified)
//   issuePanel: issue.{id,key,type,typeId}, project.{id,key,type}, location
//   globalPage, adminPage, queuePage: type and location only
// https://developer.atlassian.com/platform/forge/manifest-reference/modules/ (each module's "Extension data").
import type { Principal } from '../contracts';
import type { UiModuleDef } from '../forge/manifest';
import { SERVICE_DESK } from '../jira/site-data';
import type { Sandbox } from '../sandbox';

export interface ModuleExtension {
  /** Merged into context.extension (with type and location). */
  extension: Record<string, unknown>;
  location: string;
  product: string;
  heading?: string;
  /** On the portal's create page: the request type's form, rendered by the host around the panel. */
  portal?: {
    serviceDeskId: string;
    requestTypeId: string;
    fields: Array<{ fieldId: string; kind: 'text' | 'number' | 'option' }>;
    formHtml: string;
  };
}

export class HostInputError extends Error {}

async function asUser(sandbox: Sandbox, principal: Principal, path: string): Promise<Record<string, unknown>> {
  const res = await sandbox.jira.handle({
    method: 'GET',
    path,
    query: new URLSearchParams(),
    headers: {},
    body: undefined,
    principal,
  });
  if (res.status !== 200)
    throw new HostInputError(`GET ${path} as the signed-in user answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

interface PortalField {
  fieldId: string;
  name: string;
  required: boolean;
  validValues?: Array<{ value: string; label: string }>;
  jiraSchema?: { type?: string };
}

/** The request type's portal form fields as JSM's customer portal shows them (GET .../requesttype/{id}/field). */
function portalForm(fields: PortalField[]): NonNullable<ModuleExtension['portal']>['fields'] {
  return fields.map((f) => ({
    fieldId: f.fieldId,
    kind: f.jiraSchema?.type === 'number' ? 'number' : f.validValues && f.validValues.length > 0 ? 'option' : 'text',
  }));
}

function fieldHtml(f: PortalField): string {
  const id = `field-${esc(f.fieldId)}`;
  const label = `<label for="${id}">${esc(f.name)}${f.required ? ' (required)' : ''}</label>`;
  const req = f.required ? ' required aria-required="true"' : '';
  if (f.validValues && f.validValues.length > 0)
    return `<div class="host-field">${label}<select id="${id}" name="${esc(f.fieldId)}"${req}><option value="">Select…</option>${f.validValues.map((v) => `<option value="${esc(v.value)}">${esc(v.label)}</option>`).join('')}</select></div>`;
  const type = f.jiraSchema?.type === 'number' ? 'number' : 'text';
  if (f.fieldId === 'description' || (f.jiraSchema?.type === 'string' && f.fieldId !== 'summary'))
    return `<div class="host-field">${label}<textarea id="${id}" name="${esc(f.fieldId)}" rows="2"${req}></textarea></div>`;
  return `<div class="host-field">${label}<input id="${id}" name="${esc(f.fieldId)}" type="${type}"${req}></div>`;
}

export async function extensionFor(
  sandbox: Sandbox,
  mod: UiModuleDef,
  principal: Principal,
  q: URLSearchParams,
): Promise<ModuleExtension> {
  const site = sandbox.forge.identity.siteUrl;
  const issueKey = q.get('issue');
  switch (mod.moduleType) {
    case 'jiraServiceManagement:portalRequestCreatePropertyPanel': {
      const sd = SERVICE_DESK.id;
      const types = (await asUser(sandbox, principal, `/rest/servicedeskapi/servicedesk/${sd}/requesttype`)) as {
        values: Array<{ id: string; name: string }>;
      };
      const wanted = q.get('requestType');
      const rt = wanted
        ? types.values.find((t) => t.id === wanted || t.name === wanted)
        : (types.values.find((t) => t.name === 'Request access to an AI tool') ?? types.values[0]);
      if (!rt)
        throw new HostInputError(
          `no request type ${wanted ?? ''} on service desk ${sd}; request types: ${types.values.map((t) => `${t.id} ${t.name}`).join(', ')}`,
        );
      const fields = (
        (await asUser(sandbox, principal, `/rest/servicedeskapi/servicedesk/${sd}/requesttype/${rt.id}/field`)) as {
          requestTypeFields: PortalField[];
        }
      ).requestTypeFields;
      return {
        extension: { portal: { id: Number(SERVICE_DESK.portalId) }, request: { typeId: Number(rt.id) } },
        location: `${site}/servicedesk/customer/portal/${SERVICE_DESK.portalId}/create/${rt.id}`,
        product: 'the Jira Service Management customer portal',
        heading: rt.name,
        portal: {
          serviceDeskId: sd,
          requestTypeId: rt.id,
          fields: portalForm(fields),
          formHtml: fields.map(fieldHtml).join(''),
        },
      };
    }
    case 'jiraServiceManagement:portalRequestDetail': {
      if (!issueKey) throw new HostInputError(`${mod.key} shows on a portal request: add &issue=<KEY>`);
      const req = (await asUser(
        sandbox,
        principal,
        `/rest/servicedeskapi/request/${encodeURIComponent(issueKey)}`,
      )) as {
        issueKey: string;
        requestTypeId: string;
        serviceDeskId: string;
        requestFieldValues?: Array<{ fieldId: string; value: unknown }>;
      };
      const summary = req.requestFieldValues?.find((f) => f.fieldId === 'summary')?.value;
      return {
        extension: {
          request: { key: req.issueKey, typeId: Number(req.requestTypeId) },
          portal: { id: Number(SERVICE_DESK.portalId) },
        },
        location: `${site}/servicedesk/customer/portal/${SERVICE_DESK.portalId}/${req.issueKey}`,
        product: 'the Jira Service Management customer portal',
        heading: `${req.issueKey}${typeof summary === 'string' ? ` · ${summary}` : ''}`,
      };
    }
    // The customer's Profile page of the help center; the module's reference page is the source of the
    // module, its context fields are not in the stored copy (platform-contract.md UI-18).
    case 'jiraServiceManagement:portalProfilePanel':
      return {
        extension: { page: 'profile' },
        location: `${site}/servicedesk/customer/user/profile`,
        product: 'the Jira Service Management customer portal',
        heading: 'Profile',
      };
    case 'jira:issuePanel': {
      if (!issueKey) throw new HostInputError(`${mod.key} shows on an issue: add &issue=<KEY>`);
      const issue = (await asUser(sandbox, principal, `/rest/api/3/issue/${encodeURIComponent(issueKey)}`)) as {
        id: string;
        key: string;
        fields: {
          issuetype: { id: string; name: string };
          project: { id: string; key: string; projectTypeKey?: string };
          summary?: string;
        };
      };
      return {
        extension: {
          issue: { id: issue.id, key: issue.key, type: issue.fields.issuetype.name, typeId: issue.fields.issuetype.id },
          project: {
            id: issue.fields.project.id,
            key: issue.fields.project.key,
            type: issue.fields.project.projectTypeKey ?? 'service_desk',
          },
        },
        location: `${site}/browse/${issue.key}`,
        product: 'the Jira issue view',
        heading: `${issue.key}${issue.fields.summary ? ` · ${issue.fields.summary}` : ''}`,
      };
    }
    case 'jira:adminPage':
      return { extension: {}, location: `${site}/jira/settings/apps/${mod.key}`, product: 'Jira settings (Apps)' };
    case 'jiraServiceManagement:queuePage':
      return {
        extension: {},
        location: `${site}/jira/servicedesk/projects/AIC/${mod.key}`,
        product: 'a Jira Service Management project',
      };
    default:
      return { extension: {}, location: `${site}/jira/apps/${mod.key}`, product: 'Jira (apps)' };
  }
}
