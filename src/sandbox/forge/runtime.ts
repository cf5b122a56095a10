// The two globals the real Forge SDKs read, backed by AsyncLocalStorage so
// every invocation sees its own context:
//   global.__forge_fetch__(meta, path, init)  — all KVS, product and queue calls
//   global.__forge_runtime__                  — appContext, lambdaContext, proxy, metrics...
// plus a wrapper around global fetch: inside an invocation it is the app's
// egress (Forge routes it through its proxy), outside it is untouched.
//
// State lives on a global symbol, not in this module, so two copies of this
// module (jest.isolateModules, a CLI and a test importing it differently)
// share one ALS and one list of platforms.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ForgePlatformError } from './errors';

export interface FetchMeta {
  type?: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

export interface Counters {
  kvsOps: Record<string, number>;
  productCalls: number;
  queueCalls: number;
  egressCalls: number;
}

export interface AppIdentity {
  appId: string;
  appVersion: string;
  environmentId: string;
  environmentType: string;
  installationId: string;
  cloudId: string;
  siteUrl: string;
}

export interface InvocationContext {
  host: PlatformHost;
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  /** The user principal, when the invocation has one (resolvers). */
  accountId?: string;
  startedAtMs: number;
  timeoutMs: number;
  counters: Counters;
  runtime: Record<string, unknown>;
}

/** What a platform offers the globals; implemented by createForgePlatform. */
export interface PlatformHost {
  forgeFetch(meta: FetchMeta, path: string, init: RequestInit | undefined, ctx: InvocationContext): Promise<Response>;
  egressFetch(input: unknown, init: RequestInit | undefined, ctx: InvocationContext): Promise<Response>;
  /** The context used for SDK calls made outside any invocation (e.g. directly from a test). */
  directContext(): InvocationContext;
}

interface SharedState {
  als: AsyncLocalStorage<InvocationContext>;
  hosts: PlatformHost[];
  fetchWrapped: boolean;
}

const STATE_KEY = Symbol.for('ai-clearance.sandbox.forge.runtime');
const g = globalThis as typeof globalThis & Record<symbol, SharedState | undefined> & Record<string, unknown>;
const state: SharedState = (g[STATE_KEY] ??= {
  als: new AsyncLocalStorage<InvocationContext>(),
  hosts: [],
  fetchWrapped: false,
});

export function emptyCounters(): Counters {
  return { kvsOps: {}, productCalls: 0, queueCalls: 0, egressCalls: 0 };
}

/** The invocation running now, else the newest open platform's direct context. */
export function currentContext(): InvocationContext | undefined {
  return state.als.getStore() ?? state.hosts[state.hosts.length - 1]?.directContext();
}

export function runInContext<T>(ctx: InvocationContext, fn: () => T): T {
  return state.als.run(ctx, fn);
}

/** Runs platform-side code (Jira emulator, egress fakes) outside the app's context, so their own fetches are not egress. */
export function outsideInvocation<T>(fn: () => T): T {
  return state.als.exit(fn);
}

export function registerHost(host: PlatformHost): void {
  installGlobals();
  state.hosts.push(host);
}

export function unregisterHost(host: PlatformHost): void {
  const i = state.hosts.indexOf(host);
  if (i >= 0) state.hosts.splice(i, 1);
}

async function forgeFetch(meta: FetchMeta, path: string, init?: RequestInit): Promise<Response> {
  const ctx = currentContext();
  if (!ctx) {
    throw new ForgePlatformError(
      'NO_PLATFORM',
      `__forge_fetch__(${meta.type ?? '?'} ${path}) called with no sandbox Forge platform running; call createForgePlatform() first`,
    );
  }
  return ctx.host.forgeFetch(meta, path, init, ctx);
}

/**
 * Installs __forge_fetch__, the __forge_runtime__ getter and the egress wrapper around fetch.
 * Idempotent. Must run before the app (and @forge/api, which captures fetch when loaded) is required.
 */
export function installGlobals(): void {
  g.__forge_fetch__ = forgeFetch;
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    enumerable: false,
    get: () => currentContext()?.runtime,
  });
  if (!state.fetchWrapped && typeof globalThis.fetch === 'function') {
    const previous = globalThis.fetch;
    globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const ctx = state.als.getStore();
      return ctx ? ctx.host.egressFetch(input, init, ctx) : previous(input, init);
    };
    state.fetchWrapped = true;
  }
}

// Install at import: the platform module is imported before app code in practice,
// and @forge/api captures global fetch when it is first required.
installGlobals();

const noopMetrics = {
  counter: () => ({ incr: () => undefined, decr: () => undefined }),
  timing: () => ({ measure: () => ({ stop: () => undefined }) }),
  gauge: () => ({ set: () => undefined }),
};

export interface ContextSpec {
  functionKey: string;
  moduleKey: string;
  accountId?: string;
  timeoutMs: number;
}

export function createInvocationContext(host: PlatformHost, id: AppIdentity, spec: ContextSpec): InvocationContext {
  const ctx: InvocationContext = {
    host,
    invocationId: randomUUID(),
    functionKey: spec.functionKey,
    moduleKey: spec.moduleKey,
    accountId: spec.accountId,
    startedAtMs: Date.now(),
    timeoutMs: spec.timeoutMs,
    counters: emptyCounters(),
    runtime: {},
  };
  ctx.runtime = {
    proxy: { token: 'sandbox-proxy-token', url: 'http://forge-proxy.sandbox.invalid' },
    tracing: { traceId: ctx.invocationId.replace(/-/g, ''), spanId: ctx.invocationId.slice(0, 16).replace(/-/g, '') },
    metrics: noopMetrics,
    appContext: {
      appId: id.appId,
      appVersion: id.appVersion,
      environmentId: id.environmentId,
      environmentType: id.environmentType,
      invocationId: ctx.invocationId,
      installationId: id.installationId,
      moduleKey: spec.moduleKey,
      license: undefined,
      permissions: { scopes: [], external: {} },
    },
    lambdaContext: {
      functionName: spec.functionKey,
      awsRequestId: ctx.invocationId,
      getRemainingTimeInMillis: () => Math.max(0, ctx.timeoutMs - (Date.now() - ctx.startedAtMs)),
    },
    contextAri: installContextOf(id),
    ...(spec.accountId ? { aaid: spec.accountId } : {}),
    externalAuth: [],
    container: { appCodeDir: process.cwd() },
  };
  return ctx;
}

export function installContextOf(id: AppIdentity): string {
  return `ari:cloud:jira::site/${id.cloudId}`;
}
