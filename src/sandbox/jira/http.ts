// Responses and errors in Jira's shapes. Route handlers throw JiraHttpFailure;
// the emulator turns it into a response and rolls the transaction back, so a
// rejected call never leaves half a change behind.
import type { EmulatorResponse } from '../contracts';
import type { ZodError, ZodType } from 'zod';

export interface JiraErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

export class JiraHttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(`Jira emulator ${status}: ${JSON.stringify(body)}`);
  }
}

export function jiraError(
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
): JiraHttpFailure {
  return new JiraHttpFailure(status, { errorMessages, errors } satisfies JiraErrorBody);
}

/**
 * JSM's error body: {errorMessage, i18nErrorMessage: {i18nKey, parameters}} and
 * nothing else (the JSM REST reference's ErrorResponse schema, e.g.
 * https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-post
 * responses; jira.js src/serviceDesk/models/errorResponse.ts). The platform API's
 * {errorMessages, errors} (ErrorCollection) is NOT added: a client reading only
 * errorMessages must fail here as it would against JSM.
 */
export interface ServiceDeskErrorBody {
  errorMessage: string;
  i18nErrorMessage: { i18nKey: string; parameters: string[] };
}

export function serviceDeskErrorBody(message: string, i18nKey = 'sd.emulator.error'): ServiceDeskErrorBody {
  return { errorMessage: message, i18nErrorMessage: { i18nKey, parameters: [] } };
}

export function serviceDeskError(status: number, message: string, i18nKey = 'sd.emulator.error'): JiraHttpFailure {
  return new JiraHttpFailure(status, serviceDeskErrorBody(message, i18nKey));
}

/**
 * Every error under /rest/servicedeskapi/ in JSM's shape, whatever raised it (a
 * shared Jira helper, the router's 404/405/401, an injected 429/5xx).
 */
export function asServiceDeskError(res: EmulatorResponse): EmulatorResponse {
  if (res.status < 400) return res;
  const body = (res.body && typeof res.body === 'object' ? res.body : {}) as {
    errorMessage?: unknown;
    errorMessages?: unknown;
    errors?: unknown;
  };
  if (typeof body.errorMessage === 'string' && !('errorMessages' in body) && !('errors' in body)) return res;
  const parts = [
    ...(typeof body.errorMessage === 'string' ? [body.errorMessage] : []),
    ...(Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : []),
    ...(body.errors && typeof body.errors === 'object'
      ? Object.entries(body.errors).map(([k, v]) => `${k}: ${String(v)}`)
      : []),
  ];
  return { ...res, body: serviceDeskErrorBody(parts.join(' ') || `HTTP ${res.status}`) };
}

/**
 * JSM's experimental methods "will only process requests with" the
 * X-ExperimentalApi opt-in header (https://developer.atlassian.com/server/jira-servicedesk/info/special-headers
 * › Special headers; jira.js 4.x sends `X-ExperimentalApi: opt-in` on each of
 * them). What JSM answers without it is not documented: the sandbox answers 412
 * in JSM's error shape (platform-contract.md REST-1, unverified).
 */
export function requireExperimentalOptIn(headers: Record<string, string>): void {
  const value = Object.entries(headers).find(([k]) => k.toLowerCase() === 'x-experimentalapi')?.[1];
  if (value?.trim().toLowerCase() !== 'opt-in') {
    throw serviceDeskError(
      412,
      'This is an experimental API. To use it, send the header X-ExperimentalApi: opt-in.',
      'sd.experimental.api.opt.in.required',
    );
  }
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export function issueNotFound(): JiraHttpFailure {
  return jiraError(404, [ISSUE_NOT_FOUND]);
}

export function notAdmin(): JiraHttpFailure {
  return jiraError(403, [
    'You do not have permission to perform this operation. Only Jira administrators can change this configuration.',
  ]);
}

export function ok(body: unknown, status = 200, headers?: Record<string, string>): EmulatorResponse {
  return headers ? { status, body, headers } : { status, body };
}

export function noContent(): EmulatorResponse {
  return { status: 204 };
}

/** Parses a request body with zod; failures become Jira's 400 with one entry per path. */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw zodToJira(result.error);
}

export function zodToJira(error: ZodError): JiraHttpFailure {
  const errors: Record<string, string> = {};
  const errorMessages: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (path) errors[path] = issue.message;
    else errorMessages.push(issue.message);
  }
  return jiraError(
    400,
    errorMessages.length || Object.keys(errors).length
      ? errorMessages
      : ['Invalid request payload. Refer to the REST API documentation and try again.'],
    errors,
  );
}

/** Integer query parameter with Jira-like bounds. */
export function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw jiraError(400, [`The value '${raw}' is not valid for the '${name}' parameter.`]);
  return Math.min(Math.max(n, min), max);
}

/** Comma-separated (and repeated) list parameter: ?fields=a,b&fields=c. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const all = query.getAll(name);
  if (all.length === 0) return undefined;
  return all
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function boolParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null) return fallback;
  return raw === 'true';
}

/** Jira's timestamp format: 2026-01-31T09:00:00.000+0000. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** servicedeskapi's date object. */
export function sdDate(ms: number): { iso8601: string; jira: string; friendly: string; epochMillis: number } {
  const iso = new Date(ms).toISOString();
  return {
    iso8601: iso.replace(/\.\d{3}Z$/, '+0000'),
    jira: jiraDateTime(ms),
    friendly: iso.slice(0, 16).replace('T', ' '),
    epochMillis: ms,
  };
}
