// Every Jira and JSM REST route the app calls, and the OAuth scopes each one
// needs. Adapters build their requests with jiraRoute(key, params) (routes.ts,
// which takes its keys from this table as a type only: none of this text is
// loaded by a Forge function), so a call to a route that is not in this table
// does not typecheck, and
// test/contract/platform/scopes.test.ts fails on any /rest/ path written
// anywhere else in src/ (outside the sandbox). The same test checks that
// manifest.yml declares the classic scopes of every route here and nothing
// more (docs/platform-contract.md, RT-1..).
//
// `forge lint` does this route-to-scope check against Atlassian's published
// OpenAPI files, which cannot be fetched offline; this table is our copy.
//
// Scopes, per route, as Atlassian documents them:
// - Jira platform routes: the operation's `x-atlassian-oauth2-scopes` in Jira's
//   OpenAPI spec ("Current" = classic, "Beta" = granular), shown on each
//   operation's page under "Scopes"; the docs URL is in `docs`.
//   test/fixtures/jira-openapi-scopes.json (scripts/extract-openapi-scopes.ts)
//   holds the spec's entries for these routes and the test compares them.
// - JSM routes: the operation's "Scopes" on its JSM REST page
//   (https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/ etc.);
//   granular names are listed at
//   https://developer.atlassian.com/platform/forge/manifest-reference/scopes-product-jsm/.
//
// The app declares classic scopes: "When choosing your scopes, the
// recommendation is to use classic scopes"
// (https://developer.atlassian.com/cloud/jira/service-desk/scopes-for-oauth-2-3LO-and-forge-apps/ ›
// "Setting your app's scopes"), and every route below has a classic scope
// (or needs none).

import type { HttpMethod } from '../../ports/jira-transport';

export type ClassicScope =
  | 'read:jira-work'
  | 'write:jira-work'
  | 'read:jira-user'
  | 'manage:jira-configuration'
  | 'manage:jira-project'
  | 'read:servicedesk-request'
  | 'write:servicedesk-request'
  | 'manage:servicedesk-customer';

export interface RouteScopes {
  /** Classic scopes, all of which are needed ([] = the operation needs none). */
  readonly classic: readonly ClassicScope[];
  /** The granular alternative, all of which are needed. */
  readonly granular: readonly string[];
  /** The operation's public reference page (its "Scopes" section). */
  readonly docs: string;
  /** False where no stored Atlassian source states the scopes; `note` says what we assumed and why the app survives. */
  readonly verified: boolean;
  readonly note?: string;
  /** A route another change adds (the screens work); kept here so its scopes are declared with the rest. */
  readonly expected?: true;
}

const PLATFORM = 'https://developer.atlassian.com/cloud/jira/platform/rest/v3';
const JSM = 'https://developer.atlassian.com/cloud/jira/service-desk/rest';
const JSM_UNVERIFIED =
  "No stored Atlassian source shows this operation's scopes; the classic JSM read scope is assumed. Without it Forge answers 401/403, which the app reports as a failed call (nothing is half-written).";

export const JIRA_ROUTES = {
  // --- permissions (admin guard, agent resolver, provisioning preflight) ---
  'GET /rest/api/3/mypermissions': {
    classic: [],
    granular: ['read:permission:jira'],
    docs: `${PLATFORM}/api-group-permissions/#api-rest-api-3-mypermissions-get`,
    verified: true,
  },

  // --- projects ---
  'GET /rest/api/3/project/{projectIdOrKey}': {
    classic: ['read:jira-work'],
    granular: [
      'read:issue-type:jira',
      'read:project:jira',
      'read:project.property:jira',
      'read:user:jira',
      'read:application-role:jira',
      'read:avatar:jira',
      'read:group:jira',
      'read:issue-type-hierarchy:jira',
      'read:project-category:jira',
      'read:project-version:jira',
      'read:project.component:jira',
    ],
    docs: `${PLATFORM}/api-group-projects/#api-rest-api-3-project-projectidorkey-get`,
    verified: true,
  },
  'GET /rest/api/3/project/{projectIdOrKey}/statuses': {
    classic: ['read:jira-work'],
    granular: ['read:issue-status:jira', 'read:issue-type:jira', 'read:status:jira'],
    docs: `${PLATFORM}/api-group-projects/#api-rest-api-3-project-projectidorkey-statuses-get`,
    verified: true,
  },

  // --- custom fields, contexts, options ---
  // Every field the caller may view, system and custom, each with `schema.custom` (its type key) for custom ones;
  // needs no Jira permission (Administer Jira is needed for /field/search). The app discovers its fields by name
  // and type with it when its provisioning record is missing or incomplete (src/usecases/shared/provisioning-discovery.ts).
  'GET /rest/api/3/field': {
    classic: ['read:jira-work'],
    granular: [
      'read:field:jira',
      'read:avatar:jira',
      'read:project-category:jira',
      'read:project:jira',
      'read:field-configuration:jira',
    ],
    docs: `${PLATFORM}/api-group-issue-fields/#api-rest-api-3-field-get`,
    verified: true,
  },
  'GET /rest/api/3/field/search': {
    classic: ['read:jira-work'],
    granular: ['read:field:jira', 'read:field-configuration:jira'],
    docs: `${PLATFORM}/api-group-issue-fields/#api-rest-api-3-field-search-get`,
    verified: true,
  },
  'POST /rest/api/3/field': {
    classic: ['manage:jira-configuration'],
    granular: [
      'write:field:jira',
      'read:avatar:jira',
      'read:field:jira',
      'read:project-category:jira',
      'read:project:jira',
      'read:field-configuration:jira',
    ],
    docs: `${PLATFORM}/api-group-issue-fields/#api-rest-api-3-field-post`,
    verified: true,
  },
  'PUT /rest/api/3/field/{fieldId}': {
    classic: ['manage:jira-configuration'],
    granular: ['write:field:jira'],
    docs: `${PLATFORM}/api-group-issue-fields/#api-rest-api-3-field-fieldid-put`,
    verified: true,
  },
  'GET /rest/api/3/field/{fieldId}/context': {
    classic: ['manage:jira-configuration'],
    granular: ['read:field:jira', 'read:custom-field-contextual-configuration:jira'],
    docs: `${PLATFORM}/api-group-issue-custom-field-contexts/#api-rest-api-3-field-fieldid-context-get`,
    verified: true,
  },
  'POST /rest/api/3/field/{fieldId}/context': {
    classic: ['manage:jira-configuration'],
    granular: ['read:field:jira', 'write:field:jira', 'read:custom-field-contextual-configuration:jira'],
    docs: `${PLATFORM}/api-group-issue-custom-field-contexts/#api-rest-api-3-field-fieldid-context-post`,
    verified: true,
  },
  'GET /rest/api/3/field/{fieldId}/context/{contextId}/option': {
    classic: ['manage:jira-configuration'],
    granular: ['read:field.option:jira'],
    docs: `${PLATFORM}/api-group-issue-custom-field-options/#api-rest-api-3-field-fieldid-context-contextid-option-get`,
    verified: true,
  },
  'POST /rest/api/3/field/{fieldId}/context/{contextId}/option': {
    classic: ['manage:jira-configuration'],
    granular: ['read:field.option:jira', 'write:field.option:jira'],
    docs: `${PLATFORM}/api-group-issue-custom-field-options/#api-rest-api-3-field-fieldid-context-contextid-option-post`,
    verified: true,
  },
  'PUT /rest/api/3/field/{fieldId}/context/{contextId}/option': {
    classic: ['manage:jira-configuration'],
    granular: ['read:field.option:jira', 'write:field.option:jira'],
    docs: `${PLATFORM}/api-group-issue-custom-field-options/#api-rest-api-3-field-fieldid-context-contextid-option-put`,
    verified: true,
  },

  // --- filters (queue filters) ---
  'GET /rest/api/3/filter/search': {
    classic: ['read:jira-work'],
    granular: [
      'read:filter:jira',
      'read:group:jira',
      'read:project:jira',
      'read:project-role:jira',
      'read:user:jira',
      'read:jql:jira',
      'read:application-role:jira',
      'read:avatar:jira',
      'read:issue-type-hierarchy:jira',
    ],
    docs: `${PLATFORM}/api-group-filters/#api-rest-api-3-filter-search-get`,
    verified: true,
  },
  'GET /rest/api/3/filter/{id}': {
    classic: ['read:jira-work'],
    granular: [
      'read:filter:jira',
      'read:group:jira',
      'read:project:jira',
      'read:project-role:jira',
      'read:user:jira',
      'read:jql:jira',
      'read:application-role:jira',
      'read:avatar:jira',
      'read:issue-type-hierarchy:jira',
    ],
    docs: `${PLATFORM}/api-group-filters/#api-rest-api-3-filter-id-get`,
    verified: true,
  },
  'POST /rest/api/3/filter': {
    classic: ['write:jira-work'],
    granular: [
      'read:filter:jira',
      'read:group:jira',
      'read:project:jira',
      'read:project-role:jira',
      'read:user:jira',
      'write:filter:jira',
      'read:application-role:jira',
      'read:avatar:jira',
      'read:issue-type-hierarchy:jira',
      'read:issue-type:jira',
      'read:project-category:jira',
      'read:project-version:jira',
      'read:project.component:jira',
    ],
    docs: `${PLATFORM}/api-group-filters/#api-rest-api-3-filter-post`,
    verified: true,
  },
  'PUT /rest/api/3/filter/{id}': {
    classic: ['write:jira-work'],
    granular: [
      'write:filter:jira',
      'read:filter:jira',
      'read:group:jira',
      'read:project:jira',
      'read:project-role:jira',
      'read:user:jira',
      'read:jql:jira',
      'read:application-role:jira',
      'read:avatar:jira',
      'read:issue-type-hierarchy:jira',
    ],
    docs: `${PLATFORM}/api-group-filters/#api-rest-api-3-filter-id-put`,
    verified: true,
  },

  // --- users ---
  'GET /rest/api/3/user': {
    classic: ['read:jira-user'],
    granular: ['read:application-role:jira', 'read:group:jira', 'read:user:jira', 'read:avatar:jira'],
    docs: `${PLATFORM}/api-group-users/#api-rest-api-3-user-get`,
    verified: true,
  },

  // --- tickets: read, write (fields + comments + properties in one call), transitions ---
  'GET /rest/api/3/issue/{issueIdOrKey}/transitions': {
    classic: ['read:jira-work'],
    granular: ['read:issue.transition:jira', 'read:status:jira', 'read:field-configuration:jira'],
    docs: `${PLATFORM}/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get`,
    verified: true,
  },
  'POST /rest/api/3/issue/{issueIdOrKey}/transitions': {
    classic: ['write:jira-work'],
    granular: ['write:issue:jira', 'write:issue.property:jira'],
    docs: `${PLATFORM}/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post`,
    verified: true,
  },
  'PUT /rest/api/3/issue/{issueIdOrKey}': {
    classic: ['write:jira-work'],
    granular: ['write:issue:jira'],
    docs: `${PLATFORM}/api-group-issues/#api-rest-api-3-issue-issueidorkey-put`,
    verified: true,
  },
  'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': {
    classic: ['read:jira-work'],
    granular: ['read:issue.property:jira'],
    docs: `${PLATFORM}/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-get`,
    verified: true,
  },
  // --- the workflow exits check (provisioning plan) ---
  'GET /rest/api/3/workflow/search': {
    classic: ['manage:jira-project'],
    granular: [
      'read:group:jira',
      'read:issue-security-level:jira',
      'read:project-role:jira',
      'read:screen:jira',
      'read:status:jira',
      'read:user:jira',
      'read:workflow:jira',
      'read:webhook:jira',
      'read:avatar:jira',
      'read:project-category:jira',
      'read:project:jira',
    ],
    docs: `${PLATFORM}/api-group-workflows/#api-rest-api-3-workflow-search-get`,
    verified: true,
  },
  // --- the hourly reconciliation (usecases/sweeps/reconcile.ts) ---
  'POST /rest/api/3/search/jql': {
    classic: ['read:jira-work'],
    granular: [
      'read:issue-details:jira',
      'read:field.default-value:jira',
      'read:field.option:jira',
      'read:field:jira',
      'read:group:jira',
    ],
    docs: `${PLATFORM}/api-group-issue-search/#api-rest-api-3-search-jql-post`,
    verified: false,
    note: "The stored copy of Jira's OpenAPI spec predates this endpoint (it replaced POST /rest/api/3/search, which now answers 410: changelog CHANGE-2046); the scopes of the operation it replaced are assumed. read:jira-work is declared for the issue reads anyway; without the scope Forge answers 401/403 and the reconciliation reports the failed call, nothing else changes.",
  },
  'GET /rest/api/3/issue/{issueIdOrKey}/changelog': {
    classic: ['read:jira-work'],
    granular: ['read:issue-meta:jira', 'read:avatar:jira', 'read:issue.changelog:jira'],
    docs: `${PLATFORM}/api-group-issues/#api-rest-api-3-issue-issueidorkey-changelog-get`,
    verified: true,
  },
  'GET /rest/api/3/myself': {
    classic: ['read:jira-user'],
    granular: ['read:application-role:jira', 'read:group:jira', 'read:user:jira', 'read:avatar:jira'],
    docs: `${PLATFORM}/api-group-myself/#api-rest-api-3-myself-get`,
    verified: true,
  },
  'GET /rest/api/3/issue/{issueIdOrKey}/comment': {
    classic: ['read:jira-work'],
    granular: [
      'read:comment:jira',
      'read:comment.property:jira',
      'read:group:jira',
      'read:project:jira',
      'read:project-role:jira',
      'read:user:jira',
      'read:avatar:jira',
    ],
    docs: `${PLATFORM}/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get`,
    verified: true,
  },

  // --- screens (provisioning places the app's fields on the project's screens) ---
  'GET /rest/api/3/screens': {
    classic: ['manage:jira-project'],
    granular: ['read:project:jira', 'read:screen:jira', 'read:avatar:jira', 'read:project-category:jira'],
    docs: `${PLATFORM}/api-group-screens/#api-rest-api-3-screens-get`,
    verified: true,
  },
  'GET /rest/api/3/screens/{screenId}/tabs': {
    classic: ['manage:jira-project'],
    granular: ['read:screen-tab:jira'],
    docs: `${PLATFORM}/api-group-screen-tabs/#api-rest-api-3-screens-screenid-tabs-get`,
    verified: true,
  },
  'GET /rest/api/3/screens/{screenId}/tabs/{tabId}/fields': {
    classic: ['manage:jira-project'],
    granular: ['read:screenable-field:jira'],
    docs: `${PLATFORM}/api-group-screen-tab-fields/#api-rest-api-3-screens-screenid-tabs-tabid-fields-get`,
    verified: true,
  },
  'POST /rest/api/3/screens/{screenId}/tabs/{tabId}/fields': {
    classic: ['manage:jira-project'],
    granular: ['read:screenable-field:jira', 'write:screenable-field:jira'],
    docs: `${PLATFORM}/api-group-screen-tab-fields/#api-rest-api-3-screens-screenid-tabs-tabid-fields-post`,
    verified: true,
  },
  'GET /rest/api/3/issuetypescreenscheme/project': {
    classic: ['manage:jira-configuration'],
    granular: ['read:issue-type-screen-scheme:jira'],
    docs: `${PLATFORM}/api-group-issue-type-screen-schemes/#api-rest-api-3-issuetypescreenscheme-project-get`,
    verified: true,
  },
  'GET /rest/api/3/issuetypescreenscheme/mapping': {
    classic: ['manage:jira-configuration'],
    granular: ['read:issue-type-screen-scheme:jira'],
    docs: `${PLATFORM}/api-group-issue-type-screen-schemes/#api-rest-api-3-issuetypescreenscheme-mapping-get`,
    verified: true,
  },
  'GET /rest/api/3/screenscheme': {
    classic: ['manage:jira-project'],
    granular: ['read:screen-scheme:jira', 'read:issue-type-screen-scheme:jira'],
    docs: `${PLATFORM}/api-group-screen-schemes/#api-rest-api-3-screenscheme-get`,
    verified: true,
  },

  // --- JSM ---
  'GET /rest/servicedeskapi/servicedesk': {
    classic: ['read:servicedesk-request'],
    granular: ['read:servicedesk:jira-service-management'],
    docs: `${JSM}/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-get`,
    verified: true,
  },
  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype': {
    classic: ['read:servicedesk-request'],
    granular: ['read:requesttype:jira-service-management'],
    docs: `${JSM}/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-get`,
    verified: false,
    note: JSM_UNVERIFIED,
  },
  'POST /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype': {
    classic: ['write:servicedesk-request'],
    granular: ['write:requesttype:jira-service-management'],
    docs: `${JSM}/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-post`,
    verified: false,
    note: 'No stored Atlassian source shows this EXPERIMENTAL operation\'s scopes; the classic JSM write scope and the granular "Create and update requesttypes" scope are assumed. Request types are created by `ai-clearance provision` (basic auth, no scopes involved); from Forge a missing scope is a 401/403 that stops provisioning with the call named, before anything depends on the request type.',
  },
  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field': {
    classic: ['read:servicedesk-request'],
    granular: ['read:requesttype:jira-service-management'],
    docs: `${JSM}/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-requesttypeid-field-get`,
    verified: false,
    note: JSM_UNVERIFIED,
  },
  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttypegroup': {
    classic: ['read:servicedesk-request'],
    granular: ['read:requesttype:jira-service-management'],
    docs: `${JSM}/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttypegroup-get`,
    verified: false,
    note: JSM_UNVERIFIED,
  },
  'GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/queue': {
    classic: ['read:servicedesk-request'],
    granular: ['read:queue:jira-service-management'],
    docs: `${JSM}/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-queue-get`,
    verified: false,
    note: JSM_UNVERIFIED,
  },
  'POST /rest/servicedeskapi/request': {
    classic: ['write:servicedesk-request'],
    granular: ['write:request:jira-service-management'],
    docs: `${JSM}/api-group-request/#api-rest-servicedeskapi-request-post`,
    verified: false,
    note: JSM_UNVERIFIED,
  },
  'GET /rest/servicedeskapi/request/{issueIdOrKey}': {
    classic: ['read:servicedesk-request'],
    granular: ['read:request:jira-service-management'],
    docs: `${JSM}/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-get`,
    verified: false,
    note: JSM_UNVERIFIED,
  },
} as const satisfies Record<`${HttpMethod} /rest/${string}`, RouteScopes>;

/**
 * Scopes the app needs for something other than a REST call (module or SDK), with the source.
 * Together with the routes' classic scopes these are exactly manifest.yml's permissions.scopes.
 */
export const NON_ROUTE_SCOPES: ReadonlyArray<{
  readonly scope: string;
  readonly needs: string;
  readonly docs: string;
}> = [
  {
    scope: 'storage:app',
    needs: '@forge/kvs (records, governance events, work store)',
    docs: 'https://developer.atlassian.com/platform/forge/storage-reference/kvs/ › "Scope requirement": "Using the `@forge/kvs` package requires the `storage:app` scope"',
  },
  {
    scope: 'read:jira-work',
    needs: 'the trigger module on avi:jira:created:issue and avi:jira:updated:issue',
    docs: 'https://developer.atlassian.com/platform/forge/events-reference/jira/ › "Issue created" / "Issue updated": "The required OAuth scope is `read:jira-work`."',
  },
];

/** The Jira events the trigger modules may subscribe to, each with its documented scope (events-reference/jira). */
export const EVENT_SCOPES: Readonly<Record<string, ClassicScope>> = {
  'avi:jira:created:issue': 'read:jira-work',
  'avi:jira:updated:issue': 'read:jira-work',
};
