// What the IdP clients share: the fetch they are given (Forge's `fetch` from
// @forge/api in production, which goes through the manifest's egress list),
// turning an answer into JSON checked against the vendor's published shape,
// and turning a failure into a DirectoryError. Credentials travel only in
// request headers/bodies built by the clients; no message built here quotes
// a request, a header or a body that was sent.
import type * as z from 'zod/mini';
import { DirectoryError } from '../../ports/group-directory';

export interface HttpAnswer {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type HttpFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<HttpAnswer>;

/** How the vendor says "come back later" on a 429. */
export type RetryHeader = (answer: HttpAnswer, nowMs: number) => number | undefined;

export async function send(
  fetch: HttpFetch,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  vendor: string,
): Promise<HttpAnswer> {
  try {
    return await fetch(url, init);
  } catch (e) {
    // No answer at all: DNS, refused, reset, timeout.
    throw new DirectoryError('unavailable', `${vendor} did not answer (${errorName(e)})`);
  }
}

function errorName(e: unknown): string {
  const code =
    (e as { code?: unknown; cause?: { code?: unknown } } | null)?.cause?.code ?? (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : e instanceof Error ? e.name : 'network error';
}

/** POSTs an OAuth 2.0 token request (a form body, as RFC 6749 § 4.4 asks) to `endpoint`. */
export function postForm(
  fetch: HttpFetch,
  endpoint: string,
  form: URLSearchParams,
  vendor: string,
  extraHeaders: Record<string, string> = {},
): Promise<HttpAnswer> {
  return send(
    fetch,
    endpoint,
    {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', ...extraHeaders },
      body: form.toString(),
    },
    vendor,
  );
}

/** A non-2xx answer as a DirectoryError. `summary` is the vendor's own error text (its error shape), never our request. */
export function failureOf(
  answer: HttpAnswer,
  summary: string,
  vendor: string,
  retryAfter: RetryHeader,
  nowMs: number,
): DirectoryError {
  const s = answer.status;
  const text = `${vendor} answered ${s}${summary ? `: ${summary}` : ''}`;
  if (s === 429) return new DirectoryError('rate_limited', text, s, retryAfter(answer, nowMs));
  if (s >= 500) return new DirectoryError('unavailable', text, s, retryAfter(answer, nowMs));
  if (s === 401 || s === 403) return new DirectoryError('denied', text, s);
  if (s === 404) return new DirectoryError('not_found', text, s);
  return new DirectoryError('invalid', text, s);
}

export async function readJson<S extends z.ZodMiniType>(
  answer: HttpAnswer,
  schema: S,
  vendor: string,
  what: string,
): Promise<z.output<S>> {
  const raw = await answer.text();
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : undefined;
  } catch {
    throw new DirectoryError('invalid', `${vendor}: ${what} was not JSON`, answer.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new DirectoryError(
      'invalid',
      `${vendor}: ${what} is not in the published shape (${i?.path.map(String).join('.') || 'body'}: ${i?.message ?? 'invalid'})`,
      answer.status,
    );
  }
  return parsed.data;
}

/** The text of an error answer, for failureOf (empty if it is not JSON). */
export async function errorText(answer: HttpAnswer, pick: (json: unknown) => string | undefined): Promise<string> {
  try {
    const raw = await answer.text();
    return (pick(raw ? JSON.parse(raw) : undefined) ?? '').slice(0, 300);
  } catch {
    return '';
  }
}

/** A cached bearer token for this invocation (never stored, never logged). */
export interface CachedToken {
  value: string;
  expiresAtMs: number;
}

export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}
