// A small REST client for the site suite: basic auth, JSON, and errors that
// say which call failed with what (Jira's {errorMessages, errors} or JSM's
// {errorMessage}). No jira.js here on purpose: the suite also checks raw
// response shapes the app depends on.
import type { Credential, SiteTarget } from './target';

export class SiteCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
    this.name = 'SiteCallError';
  }
}

export interface SiteClient {
  call<T = any>(who: Credential, method: string, path: string, body?: unknown): Promise<T>;
  /** Like call, but answers the status and body instead of throwing on 4xx/5xx. */
  raw(who: Credential, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/**
 * One HTTP call to a site (a real one or the sandbox's front door), with basic auth when `who` is given (the
 * sandbox's /__sandbox controls take none): the status and the JSON body (or the text when it is not JSON).
 * Throws only when the site cannot be reached. The soak (test/soak/soak.ts) calls it too, with its own retries.
 */
export async function siteRequest(
  baseUrl: string,
  who: Credential | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (who) headers.Authorization = `Basic ${Buffer.from(`${who.email}:${who.token}`).toString('base64')}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep the text: an HTML error page says more than nothing */
  }
  return { status: res.status, body: parsed };
}

export function siteClient(target: SiteTarget): SiteClient {
  const raw: SiteClient['raw'] = (who, method, path, body) => siteRequest(target.url, who, method, path, body);
  return {
    raw,
    async call(who, method, path, body) {
      const r = await raw(who, method, path, body);
      if (r.status >= 400) throw new SiteCallError(r.status, r.body, `${method} ${path} as ${who.email}`);
      return r.body;
    },
  };
}

/** Polls until `read` gives a value `done` accepts; the error names what it last saw. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
  target: SiteTarget,
): Promise<T> {
  const deadline = Date.now() + target.outcomeTimeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${target.outcomeTimeoutMs} ms waiting for ${what}; last seen ${JSON.stringify(last)}${lastError ? `; last error ${lastError instanceof Error ? String(lastError) : JSON.stringify(lastError)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, target.pollMs));
  }
}

export function adfText(node: any): string {
  if (!node || typeof node !== 'object') return '';
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(adfText).join(' ');
}
