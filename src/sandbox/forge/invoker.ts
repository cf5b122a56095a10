// Runs one Forge function invocation: a fresh AsyncLocalStorage context (so
// the SDKs see this invocation's appContext, remaining time and principal),
// the function's timeout, and the counters the invocation log records.
//
// A handler that outlives its timeout is reported as timed out but cannot be
// killed (it keeps running in this process); Forge would freeze it.
import type { SandboxClock } from '../clock';
import type { AppHandler, FunctionDef } from './manifest';
import type { InvocationKind } from './invocation-log';
import { createInvocationContext, runInContext, type AppIdentity, type Counters, type PlatformHost } from './runtime';

export interface InvokeRequest {
  functionKey: string;
  moduleKey: string;
  kind: InvocationKind;
  payload: unknown;
  /** Second handler argument (Forge's `context`). */
  contextArg: unknown;
  accountId?: string;
}

export interface InvokeOutcome {
  invocationId: string;
  status: 'returned' | 'threw' | 'timeout';
  value?: unknown;
  error?: string;
  /** The raw thrown value, for callers that surface it. */
  thrown?: unknown;
  startedAt: number;
  durationMs: number;
  counters: Counters;
}

/** Forge defaults (https://developer.atlassian.com/platform/forge/limits-invocation/): UI resolvers 25 s; triggers, consumers and scheduled triggers 55 s unless timeoutSeconds says otherwise. */
const DEFAULT_TIMEOUT_S: Record<InvocationKind, number> = { resolver: 25, event: 55, queue: 55, scheduled: 55 };

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  return typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e));
}

export class Invoker {
  private running = 0;

  constructor(
    private readonly handlers: ReadonlyMap<string, AppHandler>,
    private readonly functions: ReadonlyMap<string, FunctionDef>,
    private readonly host: PlatformHost,
    private readonly identity: AppIdentity,
    private readonly clock: SandboxClock,
  ) {}

  /** Invocations started and not yet finished or timed out. */
  get inFlight(): number {
    return this.running;
  }

  async invoke(req: InvokeRequest): Promise<InvokeOutcome> {
    const handler = this.handlers.get(req.functionKey);
    if (!handler) throw new Error(`no handler bound for function ${req.functionKey}`); // bindHandlers guarantees one
    const fn = this.functions.get(req.functionKey);
    const timeoutMs =
      (req.kind === 'resolver' ? DEFAULT_TIMEOUT_S.resolver : (fn?.timeoutSeconds ?? DEFAULT_TIMEOUT_S[req.kind])) *
      1000;
    const ctx = createInvocationContext(this.host, this.identity, {
      functionKey: req.functionKey,
      moduleKey: req.moduleKey,
      accountId: req.accountId,
      timeoutMs,
    });
    const startedAt = this.clock.nowMs();
    const t0 = performance.now();
    this.running += 1;
    let timer: NodeJS.Timeout | undefined;
    const TIMEOUT = Symbol('timeout');
    try {
      const run = runInContext(ctx, async () => handler(req.payload, req.contextArg));
      const timeout = new Promise<typeof TIMEOUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMEOUT), timeoutMs);
        timer.unref();
      });
      const value = await Promise.race([run, timeout]);
      const base = {
        invocationId: ctx.invocationId,
        startedAt,
        durationMs: performance.now() - t0,
        counters: ctx.counters,
      };
      if (value === TIMEOUT) {
        run.catch(() => undefined); // it may still reject later; nobody is listening any more
        return {
          ...base,
          status: 'timeout',
          error: `FUNCTION_TIME_OUT: ${req.functionKey} ran longer than ${timeoutMs / 1000} s`,
        };
      }
      return { ...base, status: 'returned', value };
    } catch (e) {
      return {
        invocationId: ctx.invocationId,
        startedAt,
        durationMs: performance.now() - t0,
        counters: ctx.counters,
        status: 'threw',
        error: describeError(e),
        thrown: e,
      };
    } finally {
      if (timer) clearTimeout(timer);
      this.running -= 1;
    }
  }
}
