// The sandbox's HTTP front door on 127.0.0.1: Jira Cloud + JSM REST (Basic
// auth, email:token) and the sandbox-only control API under /__sandbox/.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { ClockCommand, ClockInputError } from './clock';
import type { Principal } from './contracts';
import { isForgePlatformError, SettleTimeoutError } from './forge';
import { SandboxControlError } from './jira';
import { HttpInputError, parseBasicAuth, readJsonBody, readTextBody, sendJson, sendRaw } from './http-util';
import { IDP_CONTROLS } from './idp/controls';
import type { Sandbox } from './sandbox';
import { serveUi, uiSessionCall } from './ui/host';

export interface ServerOptions {
  /** Runs after POST /__sandbox/reset has wiped everything (npm start re-applies the first-start setup). */
  afterReset?: () => Promise<void>;
}

type ControlHandler = (ctx: {
  sandbox: Sandbox;
  body: unknown;
  query: URLSearchParams;
  principal: Principal;
  params: string[];
  options: ServerOptions;
  baseUrl: string;
}) => Promise<{ status: number; body?: unknown }>;

const SettleBody = z
  .object({ timeoutMs: z.number().int().min(1).max(120_000).optional(), advanceClock: z.boolean().optional() })
  .strict()
  .optional();
const ScheduledBody = z
  .object({ key: z.string().min(1).optional() })
  .strict()
  .optional();
const InvokeBody = z
  .object({
    /** The UI module, or the function key of a UI module's resolver (only those are callable from a front end). */
    functionKey: z.string().min(1).optional(),
    moduleKey: z.string().min(1).optional(),
    functionName: z.string().min(1),
    payload: z.unknown().optional(),
    /** The host page's extension context (the portal panel: {"portal":{"id"},"request":{"typeId"}}). */
    extension: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine(
    (b) => Boolean(b.functionKey) || Boolean(b.moduleKey),
    'give moduleKey (a UI module) or functionKey (a UI module resolver)',
  );

/**
 * A JSM user with only the customer role is a `customer` to Forge; agents and admins hold a JSM licence.
 * https://developer.atlassian.com/platform/forge/access-to-forge-apps-for-unlicensed-jsm-users/ ("Overview of Forge unlicensed access")
 */
function forgeAccountType(sandbox: Sandbox, accountId: string): 'licensed' | 'customer' {
  const roles = sandbox.jira.listUsers().find((u) => u.accountId === accountId)?.roles ?? [];
  return roles.includes('agent') || roles.includes('admin') ? 'licensed' : 'customer';
}

const ConsentBody = z.object({ granted: z.boolean() }).strict();

const FORGE_ERROR_STATUS: Record<string, number> = {
  UNLICENSED_ACCESS_DENIED: 403,
  NEEDS_AUTHENTICATION: 401,
  // RFC 9110 § 15.5.14 (413 Content Too Large) for a request over the limit; the answer over it is the platform's failure.
  INVOCATION_PAYLOAD_TOO_LARGE: 413,
  INVOCATION_RESPONSE_TOO_LARGE: 502,
};

function requireUser(principal: Principal): string {
  if (principal.kind !== 'user')
    throw new HttpInputError(
      401,
      'this sandbox call acts as a user: send Basic auth (e.g. alice@example.com:sandbox-token)',
    );
  return principal.accountId;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success)
    throw new HttpInputError(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

const CONTROLS: Array<{ method: string; pattern: RegExp; handler: ControlHandler }> = [
  {
    method: 'POST',
    pattern: /^\/__sandbox\/settle$/,
    handler: async ({ sandbox, body }) => {
      const b = parse(SettleBody, body) ?? {};
      try {
        await sandbox.forge.settle({ timeoutMs: b.timeoutMs ?? 20_000, advanceClock: b.advanceClock ?? false });
        return { status: 200, body: { settled: true, now: sandbox.clock.now().toISOString() } };
      } catch (e) {
        if (e instanceof SettleTimeoutError) return { status: 504, body: { settled: false, message: e.message } };
        throw e;
      }
    },
  },
  {
    method: 'GET',
    pattern: /^\/__sandbox\/clock$/,
    handler: async ({ sandbox }) => ({ status: 200, body: { now: sandbox.clock.now().toISOString() } }),
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/clock$/,
    handler: async ({ sandbox, body }) => {
      const cmd = parse(ClockCommand, body);
      const now =
        'advance' in cmd ? sandbox.clock.advance(cmd.advance) : sandbox.clock.set(cmd.set, { freeze: cmd.freeze });
      return { status: 200, body: { now: now.toISOString() } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/scheduled\/run$/,
    handler: async ({ sandbox, body }) => {
      const b = parse(ScheduledBody, body) ?? {};
      const runs = await sandbox.forge.runScheduled(b.key);
      return { status: 200, body: { runs } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/__sandbox\/faults$/,
    handler: async ({ sandbox }) => ({ status: 200, body: sandbox.faults.current() }),
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/faults$/,
    handler: async ({ sandbox, body }) => {
      try {
        return { status: 200, body: sandbox.faults.configure(body ?? {}) };
      } catch (e) {
        if (e instanceof z.ZodError)
          throw new HttpInputError(400, e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        throw e;
      }
    },
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/reset$/,
    handler: async ({ sandbox, options }) => {
      sandbox.reset();
      if (options.afterReset) {
        await options.afterReset();
        return {
          status: 200,
          body: { reset: true, note: 'site reseeded, templates applied and the demo catalog set up again' },
        };
      }
      return {
        status: 200,
        body: { reset: true, note: 'site reseeded; the app has no templates or catalog until they are applied again' },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/__sandbox\/events$/,
    handler: async ({ sandbox, query }) => {
      const since = query.get('since');
      const limit = query.get('limit');
      return {
        status: 200,
        body: {
          invocations: sandbox.forge.listInvocations({
            ...(since ? { since: Number(since) } : {}),
            limit: limit ? Number(limit) : 200,
          }),
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/__sandbox\/users$/,
    handler: async ({ sandbox }) => ({ status: 200, body: { users: sandbox.jira.listUsers() } }),
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/users$/,
    handler: async ({ sandbox, body }) => ({ status: 201, body: sandbox.jira.createUser(body) }),
  },
  {
    method: 'PUT',
    pattern: /^\/__sandbox\/users\/([^/]+)$/,
    handler: async ({ sandbox, body, params }) => ({
      status: 200,
      body: sandbox.jira.updateUser(decodeURIComponent(params[0]), body),
    }),
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/queues$/,
    handler: async ({ sandbox, body }) => ({ status: 201, body: sandbox.jira.createQueue(body) }),
  },
  {
    method: 'PUT',
    pattern: /^\/__sandbox\/queues\/([^/]+)$/,
    handler: async ({ sandbox, body, params }) => ({
      status: 200,
      body: sandbox.jira.updateQueue(params[0], body),
    }),
  },
  {
    method: 'DELETE',
    pattern: /^\/__sandbox\/queues\/([^/]+)$/,
    handler: async ({ sandbox, params }) => {
      sandbox.jira.deleteQueue(params[0]);
      return { status: 204 };
    },
  },
  {
    method: 'PUT',
    pattern: /^\/__sandbox\/request-types\/([^/]+)\/portal$/,
    handler: async ({ sandbox, body, params }) => ({
      status: 200,
      body: sandbox.jira.setRequestTypePortal(params[0], body),
    }),
  },
  {
    method: 'PUT',
    pattern: /^\/__sandbox\/transitions\/([^/]+)\/screen$/,
    handler: async ({ sandbox, body, params }) => ({
      status: 200,
      body: sandbox.jira.setTransitionScreen(params[0], body),
    }),
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/portal\/request$/,
    handler: async ({ sandbox, body, principal }) => {
      const accountId = requireUser(principal);
      // The portal raises the request as the signed-in user, whatever the body says.
      const input = { ...(body && typeof body === 'object' ? body : {}), accountId };
      return { status: 201, body: sandbox.jira.submitPortalRequest(input) };
    },
  },
  {
    method: 'PUT',
    pattern: /^\/__sandbox\/consent\/([^/]+)$/,
    handler: async ({ sandbox, body, params }) => {
      const accountId = params[0];
      if (!sandbox.jira.listUsers().some((u) => u.accountId === accountId))
        throw new HttpInputError(404, `no sandbox user ${accountId}`);
      const b = parse(ConsentBody, body);
      sandbox.forge.setUserConsent(accountId, b.granted);
      return { status: 200, body: { accountId, granted: b.granted } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/email$/,
    handler: async ({ sandbox, body }) => ({ status: 201, body: sandbox.jira.receiveEmail(body) }),
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/invoke$/,
    handler: async ({ sandbox, body, principal }) => {
      const accountId = requireUser(principal);
      const b = parse(InvokeBody, body);
      const result = await sandbox.forge.invokeResolver({
        ...(b.functionKey ? { functionKey: b.functionKey } : {}),
        ...(b.moduleKey ? { moduleKey: b.moduleKey } : {}),
        functionName: b.functionName,
        payload: b.payload ?? {},
        accountId,
        accountType: forgeAccountType(sandbox, accountId),
        ...(b.extension ? { extension: b.extension } : {}),
      });
      return { status: 200, body: { result } };
    },
  },
];

// The IdP controls (src/sandbox/idp/controls.ts) in the same table.
CONTROLS.push(
  ...IDP_CONTROLS.map((c) => ({
    method: c.method,
    pattern: c.pattern,
    handler: ({ sandbox, body, params, baseUrl }: Parameters<ControlHandler>[0]) =>
      Promise.resolve(c.handler(sandbox.idp, body, params, baseUrl)),
  })),
);

async function route(
  sandbox: Sandbox,
  options: ServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const method = (req.method ?? 'GET').toUpperCase();
  const baseUrl = `http://${req.headers.host ?? '127.0.0.1'}`;
  // The emulated IdPs authenticate their own way (SSWS, Bearer, form-encoded token requests).
  if (url.pathname.startsWith('/__idp/')) {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const out = sandbox.idp.handleHttp({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      bodyText: await readTextBody(req),
      baseUrl,
    });
    if (out) return sendRaw(res, out.status, out.body, out.headers);
    sendJson(res, 404, {
      errorMessages: [`Not found: ${url.pathname} (IdPs: /__idp/okta, /__idp/graph, /__idp/login)`],
      errors: {},
    });
    return;
  }
  // The UI host's pages and files are for a browser: no JSON body, no Basic auth (the page says who is signed in).
  if (
    method === 'GET' &&
    url.pathname.startsWith('/__sandbox/ui') &&
    (await serveUi(sandbox, url, res, (id) => forgeAccountType(sandbox, id)))
  )
    return;
  const body = await readJsonBody(req);
  const auth = parseBasicAuth(req.headers.authorization);
  let principal: Principal = { kind: 'anonymous' };
  if (req.headers.authorization) {
    const p = auth ? sandbox.jira.authenticate(auth.email, auth.token) : undefined;
    if (!p) {
      sendJson(
        res,
        401,
        {
          errorMessages: [
            'Client must be authenticated to access this resource. Check the email and API token (sandbox users use sandbox-token).',
          ],
          errors: {},
        },
        { 'WWW-Authenticate': 'Basic realm="AI Clearance sandbox"' },
      );
      return;
    }
    principal = p;
  }

  // A sandbox UI host page's calls, as the person the page was opened for (src/sandbox/ui/host.ts).
  const session = /^\/__sandbox\/ui-session\/([^/]+)(\/.*)$/.exec(url.pathname);
  if (session) {
    const out = await uiSessionCall(
      sandbox,
      session[1],
      { method, path: decodePath(session[2]), query: url.searchParams, headers: forwardedHeaders(req), body },
      (accountId) => forgeAccountType(sandbox, accountId),
    );
    sendJson(res, out.status, out.body, out.headers ?? {});
    return;
  }

  if (url.pathname.startsWith('/__sandbox/')) {
    for (const c of CONTROLS) {
      const m = c.pattern.exec(url.pathname);
      if (m && c.method === method) {
        const out = await c.handler({
          sandbox,
          body,
          query: url.searchParams,
          principal,
          params: m.slice(1).map(decodeURIComponent),
          options,
          baseUrl,
        });
        sendJson(res, out.status, out.body);
        return;
      }
    }
    sendJson(res, 404, {
      error: {
        code: 'NOT_FOUND',
        message: `no sandbox control ${method} ${url.pathname}; see README "Sandbox control API"`,
      },
    });
    return;
  }

  if (url.pathname.startsWith('/rest/')) {
    const headers = forwardedHeaders(req);
    const out = await sandbox.jira.handle({
      method,
      path: decodePath(url.pathname),
      query: url.searchParams,
      headers,
      body,
      principal,
    });
    sendJson(res, out.status, out.body, out.headers ?? {});
    return;
  }

  if (url.pathname === '/' && method === 'GET') {
    sendJson(res, 200, {
      name: 'AI Clearance sandbox',
      jira: '/rest/api/3/serverInfo',
      okta: '/__idp/okta/api/v1/groups',
      graph: '/__idp/graph/v1.0/groups',
      controls: '/__sandbox/',
      docs: 'README.md#sandbox-guide',
    });
    return;
  }
  sendJson(res, 404, { errorMessages: [`Not found: ${url.pathname}`], errors: {} });
}

/** The request's headers for the Jira emulator, without the credentials (the principal is resolved here). */
function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'authorization') headers[k] = v;
  return headers;
}

function decodePath(p: string): string {
  return p
    .split('/')
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    })
    .join('/');
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(
  sandbox: Sandbox,
  port: number,
  options: ServerOptions = {},
  host = '127.0.0.1',
): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    route(sandbox, options, req, res).catch((e: unknown) => {
      if (e instanceof HttpInputError) return sendJson(res, e.status, { errorMessages: [e.message], errors: {} });
      if (e instanceof ClockInputError) return sendJson(res, 400, { errorMessages: [e.message], errors: {} });
      if (isForgePlatformError(e))
        return sendJson(res, FORGE_ERROR_STATUS[e.code] ?? 400, { error: { code: e.code, message: e.message } });
      if (e instanceof SandboxControlError) return sendJson(res, e.status, { errorMessages: [e.message], errors: {} });
      console.error('sandbox: unexpected error', e);
      sendJson(res, 500, { errorMessages: ['sandbox internal error (see the sandbox console)'], errors: {} });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
