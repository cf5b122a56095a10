// Typed Jira and JSM calls for provisioning, over the JiraTransport port.
// Every request line comes from the route table (jiraRoute); every answer is checked
// with zod, so a surprising response fails here with a clear message instead
// of turning into a wrong plan.
import { AdapterError } from '../../ports/errors';
import * as z from 'zod/mini';
import { PARSE } from '../../domain/zod-messages';
import { isJiraHttpError, type JiraRequest, type JiraTransport } from '../../ports/jira-transport';
import type { JiraProvisioning, NewFilter } from '../../ports/jira-provisioning';
import { jiraRoute, type JiraRouteCall } from './routes';
import type {
  SiteContext,
  SiteField,
  SiteFilter,
  SiteOption,
  SitePortalField,
  SiteQueue,
  SiteRequestType,
} from '../../domain/provisioning/site';
import {
  ContextJson,
  CreatedId,
  FieldJson,
  FilterJson,
  GroupJson,
  JsmPage,
  MyPermissionsJson,
  OptionJson,
  PageBean,
  ProjectJson,
  ProjectStatusesJson,
  QueueJson,
  RequestTypeFieldsJson,
  RequestTypeJson,
  ScreenJson,
  ScreenSchemeJson,
  ScreenTabFieldsJson,
  ScreenTabsJson,
  IssueTypeScreenSchemeItemJson,
  IssueTypeScreenSchemeProjectsJson,
  ServiceDeskJson,
  WorkflowJson,
} from './provisioning-schemas';

export class UnexpectedJiraResponseError extends AdapterError {
  readonly code = 'JIRA_UNEXPECTED_RESPONSE';
  constructor(method: string, path: string, detail: string) {
    super(
      `Jira's answer to ${method} ${path} did not have the expected shape (${detail}); is --site a Jira Cloud site?`,
    );
  }
}

/**
 * JSM's experimental methods process a request only with this header
 * (https://developer.atlassian.com/server/jira-servicedesk/info/special-headers › Special headers;
 * jira.js 4.x sends 'X-ExperimentalApi': 'opt-in' on each of them).
 * The one experimental method the app calls: POST /rest/servicedeskapi/servicedesk/{id}/requesttype.
 */
export const JSM_EXPERIMENTAL_OPT_IN: Readonly<Record<string, string>> = { 'X-ExperimentalApi': 'opt-in' };

/** Pages are bounded so a misbehaving server cannot loop us forever. */
const MAX_PAGES = 50;

export class ProvisioningJiraClient implements JiraProvisioning {
  constructor(private readonly transport: JiraTransport) {}

  private async call<S extends z.ZodMiniType>(schema: S, req: JiraRequest): Promise<z.infer<S>> {
    const res = await this.transport.request(req);
    const parsed = schema.safeParse(res.body, PARSE);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UnexpectedJiraResponseError(
        req.method,
        req.path,
        issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid',
      );
    }
    return parsed.data;
  }

  private async pages<T extends z.ZodMiniType>(
    item: T,
    route: JiraRouteCall<'GET'>,
    query: Record<string, string | number | boolean | undefined> = {},
  ): Promise<Array<z.infer<T>>> {
    const out: Array<z.infer<T>> = [];
    for (let page = 0, startAt = 0; page < MAX_PAGES; page++) {
      const body = await this.call(PageBean(item), { ...route, query: { ...query, startAt, maxResults: 50 } });
      out.push(...body.values);
      startAt += body.values.length;
      if (body.isLast !== false || body.values.length === 0) break;
    }
    return out;
  }

  private async jsmPages<T extends z.ZodMiniType>(
    item: T,
    route: JiraRouteCall<'GET'>,
    query: Record<string, string | number | boolean | undefined> = {},
  ): Promise<Array<z.infer<T>>> {
    const out: Array<z.infer<T>> = [];
    for (let page = 0, start = 0; page < MAX_PAGES; page++) {
      const body = await this.call(JsmPage(item), { ...route, query: { ...query, start, limit: 50 } });
      out.push(...body.values);
      start += body.values.length;
      if (body.isLastPage !== false || body.values.length === 0) break;
    }
    return out;
  }

  async myPermissions(keys: string[], projectKey: string): Promise<Record<string, boolean>> {
    const body = await this.call(MyPermissionsJson, {
      ...jiraRoute('GET /rest/api/3/mypermissions'),
      query: { permissions: keys.join(','), projectKey },
    });
    return Object.fromEntries(Object.entries(body.permissions).map(([k, v]) => [k, v.havePermission]));
  }

  getProject(key: string) {
    return this.call(ProjectJson, jiraRoute('GET /rest/api/3/project/{projectIdOrKey}', { projectIdOrKey: key }));
  }

  async projectStatuses(
    key: string,
  ): Promise<Array<{ issueTypeId: string; issueTypeName: string; statuses: string[] }>> {
    const body = await this.call(
      ProjectStatusesJson,
      jiraRoute('GET /rest/api/3/project/{projectIdOrKey}/statuses', { projectIdOrKey: key }),
    );
    return body.map((t) => ({ issueTypeId: t.id, issueTypeName: t.name, statuses: t.statuses.map((s) => s.name) }));
  }

  /**
   * The site's active workflows as (from status → to status) names, for the exits check. A transition with no
   * `from` (global, or initial) leaves from every status of its workflow.
   */
  async workflowEdges(): Promise<
    Array<{ workflow: string; statuses: string[]; edges: Array<{ from: string; to: string }> }>
  > {
    const flows = await this.pages(WorkflowJson, jiraRoute('GET /rest/api/3/workflow/search'), {
      expand: 'transitions,statuses',
      isActive: true,
    });
    return flows.map((w) => {
      const name = new Map(w.statuses.map((s) => [s.id, s.name]));
      const edges = w.transitions.flatMap((t) => {
        const to = name.get(t.to);
        const from = t.from.length > 0 ? t.from : w.statuses.map((s) => s.id);
        return to ? from.flatMap((f) => (name.has(f) ? [{ from: name.get(f) as string, to }] : [])) : [];
      });
      return { workflow: w.id.name, statuses: w.statuses.map((s) => s.name), edges };
    });
  }

  listServiceDesks() {
    return this.jsmPages(ServiceDeskJson, jiraRoute('GET /rest/servicedeskapi/servicedesk'));
  }

  async listCustomFields(): Promise<SiteField[]> {
    const fields = await this.pages(FieldJson, jiraRoute('GET /rest/api/3/field/search'), {
      type: 'custom',
      expand: 'searcherKey',
    });
    return fields.map((f) => ({
      id: f.id,
      name: f.name,
      ...(f.schema?.custom ? { type: f.schema.custom } : {}),
      ...(f.searcherKey ? { searcherKey: f.searcherKey } : {}),
      ...(f.description !== undefined ? { description: f.description } : {}),
    }));
  }

  /**
   * Every field this caller may view (GET /rest/api/3/field: one unpaged array, system fields included; a custom
   * field carries its type key in `schema.custom`). Needs no Jira permission, unlike /field/search, which needs
   * Administer Jira (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get).
   */
  async listAllFields(): Promise<SiteField[]> {
    const fields = await this.call(z.array(FieldJson), jiraRoute('GET /rest/api/3/field'));
    return fields.map((f) => ({ id: f.id, name: f.name, ...(f.schema?.custom ? { type: f.schema.custom } : {}) }));
  }

  async createField(body: { name: string; description: string; type: string; searcherKey: string }): Promise<string> {
    return (await this.call(CreatedId, { ...jiraRoute('POST /rest/api/3/field'), body })).id;
  }

  async updateField(id: string, body: { name: string; description: string; searcherKey: string }): Promise<void> {
    await this.transport.request({ ...jiraRoute('PUT /rest/api/3/field/{fieldId}', { fieldId: id }), body });
  }

  listContexts(fieldId: string): Promise<SiteContext[]> {
    return this.pages(ContextJson, jiraRoute('GET /rest/api/3/field/{fieldId}/context', { fieldId }));
  }

  async createContext(
    fieldId: string,
    body: { name: string; description: string; projectIds: string[]; issueTypeIds: string[] },
  ): Promise<string> {
    return (await this.call(CreatedId, { ...jiraRoute('POST /rest/api/3/field/{fieldId}/context', { fieldId }), body }))
      .id;
  }

  listOptions(fieldId: string, contextId: string): Promise<SiteOption[]> {
    return this.pages(
      OptionJson,
      jiraRoute('GET /rest/api/3/field/{fieldId}/context/{contextId}/option', { fieldId, contextId }),
    );
  }

  async createOptions(fieldId: string, contextId: string, values: string[]): Promise<void> {
    await this.transport.request({
      ...jiraRoute('POST /rest/api/3/field/{fieldId}/context/{contextId}/option', { fieldId, contextId }),
      body: { options: values.map((value) => ({ value, disabled: false })) },
    });
  }

  async enableOptions(fieldId: string, contextId: string, ids: string[]): Promise<void> {
    await this.transport.request({
      ...jiraRoute('PUT /rest/api/3/field/{fieldId}/context/{contextId}/option', { fieldId, contextId }),
      body: { options: ids.map((id) => ({ id, disabled: false })) },
    });
  }

  /** Filters whose name contains `name` (Jira matches case-insensitively, in part). */
  searchFilters(name: string): Promise<SiteFilter[]> {
    return this.pages(FilterJson, jiraRoute('GET /rest/api/3/filter/search'), {
      filterName: name,
      expand: 'jql,description',
    });
  }

  /** A filter by id, or undefined when Jira says it does not exist (or we may not see it). */
  async getFilter(id: string): Promise<SiteFilter | undefined> {
    try {
      return await this.call(FilterJson, {
        ...jiraRoute('GET /rest/api/3/filter/{id}', { id }),
        query: { expand: 'jql,description' },
      });
    } catch (err) {
      // Cloud answers 400 ("not available to you, perhaps it has been deleted") for a deleted filter.
      if (isJiraHttpError(err) && (err.status === 404 || err.status === 400)) return undefined;
      throw err;
    }
  }

  async createFilter(body: NewFilter): Promise<string> {
    return (await this.call(CreatedId, { ...jiraRoute('POST /rest/api/3/filter'), body })).id;
  }

  async updateFilter(id: string, body: { name: string; description: string; jql: string }): Promise<void> {
    await this.transport.request({ ...jiraRoute('PUT /rest/api/3/filter/{id}', { id }), body });
  }

  listRequestTypes(serviceDeskId: string): Promise<SiteRequestType[]> {
    return this.jsmPages(
      RequestTypeJson,
      jiraRoute('GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype', { serviceDeskId }),
    );
  }

  async createRequestType(
    serviceDeskId: string,
    body: { issueTypeId: string; name: string; description: string; helpText: string },
  ): Promise<string> {
    return (
      await this.call(CreatedId, {
        ...jiraRoute('POST /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype', { serviceDeskId }),
        headers: JSM_EXPERIMENTAL_OPT_IN,
        body,
      })
    ).id;
  }

  async requestTypeFields(serviceDeskId: string, requestTypeId: string): Promise<SitePortalField[]> {
    const body = await this.call(
      RequestTypeFieldsJson,
      jiraRoute('GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field', {
        serviceDeskId,
        requestTypeId,
      }),
    );
    return body.requestTypeFields.map((f) => ({
      fieldId: f.fieldId,
      required: f.required,
      ...(f.name ? { name: f.name } : {}),
    }));
  }

  listRequestTypeGroups(serviceDeskId: string) {
    return this.jsmPages(
      GroupJson,
      jiraRoute('GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttypegroup', { serviceDeskId }),
    );
  }

  listQueues(serviceDeskId: string): Promise<SiteQueue[]> {
    return this.jsmPages(
      QueueJson,
      jiraRoute('GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/queue', { serviceDeskId }),
    );
  }

  // ---- screens (OpenAPI groups "Issue type screen schemes", "Screen schemes", "Screens", "Screen tabs", "Screen tab fields")

  /** The issue type screen scheme of a project, or undefined when it has none (team-managed projects). */
  async issueTypeScreenSchemeOf(projectId: string): Promise<{ id: string; name: string } | undefined> {
    const values = await this.pages(
      IssueTypeScreenSchemeProjectsJson,
      jiraRoute('GET /rest/api/3/issuetypescreenscheme/project'),
      { projectId },
    );
    return values.find((v) => v.projectIds.includes(projectId))?.issueTypeScreenScheme;
  }

  issueTypeScreenSchemeMappings(issueTypeScreenSchemeId: string) {
    return this.pages(IssueTypeScreenSchemeItemJson, jiraRoute('GET /rest/api/3/issuetypescreenscheme/mapping'), {
      issueTypeScreenSchemeId,
    });
  }

  // `id` is a repeated query parameter (id=1&id=2); one id per call keeps the query portable.
  async screenScheme(id: string) {
    return (await this.pages(ScreenSchemeJson, jiraRoute('GET /rest/api/3/screenscheme'), { id })).find(
      (s) => s.id === id,
    );
  }

  async screen(id: string) {
    return (await this.pages(ScreenJson, jiraRoute('GET /rest/api/3/screens'), { id })).find((s) => s.id === id);
  }

  screenTabs(screenId: string) {
    return this.call(ScreenTabsJson, jiraRoute('GET /rest/api/3/screens/{screenId}/tabs', { screenId }));
  }

  async screenTabFields(screenId: string, tabId: string): Promise<string[]> {
    return (
      await this.call(
        ScreenTabFieldsJson,
        jiraRoute('GET /rest/api/3/screens/{screenId}/tabs/{tabId}/fields', { screenId, tabId }),
      )
    ).map((f) => f.id);
  }

  async addScreenTabField(screenId: string, tabId: string, fieldId: string): Promise<string> {
    await this.transport.request({
      ...jiraRoute('POST /rest/api/3/screens/{screenId}/tabs/{tabId}/fields', { screenId, tabId }),
      body: { fieldId },
    });
    return fieldId;
  }
}
