// The one way app code talks to Jira: a thin typed transport. Inside Forge it
// is requestJira (small bundle); in the CLI it is fetch with basic auth.
// Typed helpers on top use jira.js models for their types only.
import { AdapterError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JiraRequest {
  method: HttpMethod;
  /** Path starting with /rest/, without query string. Built with jiraRoute from the route table (src/adapters/jira/routes.ts), which encodes dynamic segments. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Extra request headers (e.g. JSM's X-ExperimentalApi opt-in); Accept/Content-Type are set by the transport. */
  headers?: Readonly<Record<string, string>>;
}

export interface JiraResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface JiraTransport {
  /** Sends one request. Resolves for 2xx; rejects with JiraHttpError otherwise. */
  request<T = unknown>(req: JiraRequest): Promise<JiraResponse<T>>;
}

/** A non-2xx answer from Jira, with what Jira said and whether a retry may help. */
export class JiraHttpError extends AdapterError {
  readonly code = 'JIRA_HTTP';
  constructor(
    readonly status: number,
    readonly method: HttpMethod,
    readonly path: string,
    readonly errorMessages: string[],
    readonly errors: Record<string, string>,
    /** Seconds from Retry-After on 429/503, when Jira sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    const detail = [...errorMessages, ...Object.entries(errors).map(([k, v]) => `${k}: ${v}`)].join('; ');
    super(`Jira answered ${status} to ${method} ${path}${detail ? `: ${detail}` : ''}`);
    this.name = 'JiraHttpError';
  }

  /** 429 and 5xx may succeed later; 4xx will not. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

export function isJiraHttpError(e: unknown): e is JiraHttpError {
  return e instanceof JiraHttpError;
}

const SAFE_SEGMENT = /^[A-Za-z0-9._~:@!$&'()*+,;=-]+$/;

/**
 * One dynamic segment of a REST path, validated and encoded: a segment that
 * could escape its place (.., /, ?, #, backslash) is refused, so ids from
 * events and users never steer a request to another endpoint. Paths are built
 * from the route table with jiraRoute (src/adapters/jira/routes.ts).
 */
export function encodePathSegment(seg: string | number): string {
  const text = String(seg);
  if (text === '' || text === '.' || text === '..' || !SAFE_SEGMENT.test(text)) {
    throw new InvalidPathSegmentError(text);
  }
  return encodeURIComponent(text);
}

export class InvalidPathSegmentError extends AdapterError {
  readonly code = 'INVALID_PATH_SEGMENT';
  constructor(segment: string) {
    super(
      `refusing to put ${JSON.stringify(segment.slice(0, 80))} into a Jira REST path: only ids and keys (letters, digits, - _ . ~) are allowed`,
    );
  }
}

export function toQueryString(query: JiraRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * Reads an error body in either of Atlassian's shapes: the platform API's
 * ErrorCollection {errorMessages, errors} (platform OpenAPI, components.schemas.ErrorCollection)
 * or JSM's ErrorResponse {errorMessage, i18nErrorMessage}
 * (https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/; jira.js
 * src/serviceDesk/models/errorResponse.ts).
 */
export function readJiraErrors(body: unknown): { errorMessages: string[]; errors: Record<string, string> } {
  const b = (body && typeof body === 'object' ? body : {}) as {
    errorMessages?: unknown;
    errorMessage?: unknown;
    errors?: unknown;
    message?: unknown;
  };
  const errorMessages = Array.isArray(b.errorMessages) ? b.errorMessages.map(String) : [];
  if (typeof b.errorMessage === 'string' && b.errorMessage !== '') errorMessages.push(b.errorMessage);
  if (errorMessages.length === 0 && typeof b.message === 'string') errorMessages.push(b.message);
  const errors: Record<string, string> = {};
  if (b.errors && typeof b.errors === 'object') for (const [k, v] of Object.entries(b.errors)) errors[k] = String(v);
  return { errorMessages, errors };
}

export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
