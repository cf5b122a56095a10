// The platform side of __forge_fetch__ and of app egress: routes each SDK
// call by its meta (see node_modules/@forge/api/out/api/fetch.js and
// @forge/kvs/out/index.js) and counts it on the current invocation.
//   {type:'kvs'}                                   → emulated KVS
//   {type:'fpp', remote:'jira', provider:app|user|none} → Jira emulator
//   {type:'fpp', remote:'stargate'} /webhook/queue/* → async events (@forge/events)
// Anything else is refused loudly rather than answered wrongly.
// The error class the Forge runtime throws for an undeclared egress host; only its module is loaded
// here (not @forge/api's index, which captures global fetch when loaded).
import { ExternalEndpointNotAllowedError } from '@forge/api/out/api/errors';
import type { JiraEmulatorApi, Principal } from '../contracts';
import { ForgePlatformError } from './errors';
import { KvsService } from './kvs/service';
import { outsideInvocation, type FetchMeta, type InvocationContext } from './runtime';

export type ExternalFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface QueueEndpoint {
  handle(path: string, bodyText: string): { status: number; body?: unknown };
}

export interface TransportDeps {
  kvs: KvsService;
  queues: QueueEndpoint;
  jira?: JiraEmulatorApi;
  external?: ExternalFetch;
  /** permissions.external.fetch.backend entries. */
  egressAllowList: readonly string[];
  /** False for a user who has not yet allowed the app to act on their behalf (asUser). Default: everyone has. */
  hasConsented?: (accountId: string) => boolean;
}

export function jsonResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const empty = body === undefined || status === 204 || status === 205 || status === 304;
  return new Response(empty ? null : JSON.stringify(body), {
    status,
    headers: { ...(empty ? {} : { 'content-type': 'application/json' }), ...headers },
  });
}

export async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  // URLSearchParams, Blob, streams: let Response do the reading.
  return new Response(body as BodyInit).text();
}

export function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries: Iterable<[string, string]> =
    typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)
      ? (() => {
          const list: Array<[string, string]> = [];
          (headers as Headers).forEach((v, k) => list.push([k, v]));
          return list;
        })()
      : Array.isArray(headers)
        ? (headers as Array<[string, string]>)
        : Object.entries(headers as Record<string, string>);
  for (const [k, v] of entries) out[k.toLowerCase()] = String(v);
  return out;
}

export function createTransport(deps: TransportDeps) {
  async function forgeFetch(
    meta: FetchMeta,
    path: string,
    init: RequestInit | undefined,
    ctx: InvocationContext,
  ): Promise<Response> {
    const text = await bodyText(init?.body);
    if (meta.type === 'kvs') {
      const op = KvsService.opName(path);
      ctx.counters.kvsOps[op] = (ctx.counters.kvsOps[op] ?? 0) + 1;
      const res = deps.kvs.handle(path, text);
      return jsonResponse(res.status, res.body);
    }
    if (meta.type === 'fpp' && meta.remote === 'jira') {
      ctx.counters.productCalls += 1;
      return jiraCall(meta, path, init, text, ctx);
    }
    if (meta.type === 'fpp' && meta.remote === 'stargate' && path.startsWith('/webhook/queue/')) {
      ctx.counters.queueCalls += 1;
      const res = deps.queues.handle(path, text);
      return jsonResponse(res.status, res.body);
    }
    throw new ForgePlatformError(
      'UNSUPPORTED_REMOTE',
      `the sandbox does not emulate ${meta.type ?? '?'} remote "${meta.remote ?? '-'}" ${init?.method ?? 'GET'} ${path} (supported: KVS, Jira REST via requestJira, @forge/events queues)`,
    );
  }

  async function jiraCall(
    meta: FetchMeta,
    path: string,
    init: RequestInit | undefined,
    text: string,
    ctx: InvocationContext,
  ): Promise<Response> {
    const jira = deps.jira;
    if (!jira)
      throw new ForgePlatformError(
        'NO_JIRA_EMULATOR',
        `requestJira ${path}: this platform was created without a Jira emulator (pass options.jira)`,
      );
    let principal: Principal;
    if (meta.provider === 'user') {
      // asUser() without an id acts for the invocation's own user, as on Forge.
      const accountId = meta.accountId ?? ctx.accountId;
      if (!accountId)
        throw new ForgePlatformError(
          'NO_USER_CONTEXT',
          `asUser().requestJira ${path}: this invocation (${ctx.moduleKey}) has no user; pass an accountId or use asApp()`,
        );
      principal = { kind: 'user', accountId };
      if (deps.hasConsented && !deps.hasConsented(accountId)) {
        // The Forge proxy's answer for a user who has not granted the app access yet; @forge/api turns it into
        // NeedsAuthenticationError (node_modules/@forge/api/out/api/fetch.js, handleProxyResponseErrors), and the
        // user is prompted to allow access (https://developer.atlassian.com/platform/forge/call-a-bitbucket-api/).
        return jsonResponse(
          401,
          { message: 'Authentication Required' },
          { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' },
        );
      }
    } else {
      // provider 'app' (asApp) and 'none' (top-level requestJira in a backend function) act as the app user.
      principal = { kind: 'app', accountId: jira.appAccountId };
    }
    const url = new URL(path, 'http://jira.sandbox.invalid');
    const headers = headerRecord(init?.headers);
    delete headers.authorization;
    delete headers.host;
    let body: unknown;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const res = await outsideInvocation(() =>
      jira.handle({
        method: (init?.method ?? 'GET').toUpperCase(),
        path: url.pathname.split('/').map(safeDecode).join('/'),
        query: url.searchParams,
        headers,
        body,
        principal,
      }),
    );
    return jsonResponse(res.status, res.body, res.headers ?? {});
  }

  async function egressFetch(input: unknown, init: RequestInit | undefined, ctx: InvocationContext): Promise<Response> {
    const url =
      typeof input === 'string'
        ? input
        : input instanceof URL
          ? input.href
          : String((input as { url?: unknown })?.url ?? input);
    ctx.counters.egressCalls += 1;
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      // What fetch itself throws for a relative or malformed URL.
      throw new TypeError(`Failed to parse URL from ${url}`);
    }
    if (!egressAllowed(deps.egressAllowList, host)) {
      // Forge refuses a host the manifest does not declare with @forge/api's ExternalEndpointNotAllowedError
      // (a NotAllowedError: name REQUEST_EGRESS_ALLOWLIST_ERR, status 403), "URL not included in the external
      // fetch backend permissions: {url}" (node_modules/@forge/api/out/api/errors.js;
      // https://developer.atlassian.com/platform/forge/runtime-egress-permissions/: "your app invocation will fail").
      throw new ExternalEndpointNotAllowedError(url);
    }
    const external = deps.external;
    if (!external)
      throw new ForgePlatformError(
        'EGRESS_NOT_HANDLED',
        `fetch to ${url}: no external fake is registered for egress (pass options.external)`,
      );
    return outsideInvocation(() => external(url, init ?? {}));
  }

  return { forgeFetch, egressFetch };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Manifest egress entries: "host", "https://host", "*.host" (subdomains), "*" (anything). */
export function egressAllowed(list: readonly string[], host: string): boolean {
  const h = host.toLowerCase();
  return list.some((entry) => {
    const pattern = entry
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .replace(/[/:].*$/, '');
    if (pattern === '*') return true;
    if (pattern.startsWith('*.')) return h.endsWith(pattern.slice(1));
    return h === pattern;
  });
}
