// The pump: claims due work items and runs them, several at once (so races
// between handlers are real), each in its own invocation context. Driven by
// setImmediate after every enqueue/completion plus a slow poll, so delayed
// messages become due when the sandbox clock passes their time.
//
// Retry policy, as Forge documents it:
//   - product-event TRIGGERS: a returned InvocationError (`{_retry: true,
//     retryOptions}`) is retried after retryAfter seconds of sandbox time
//     (values above 900 are lowered to 900), at most FOUR times, with
//     retryContext {retryCount, retryReason, retryData}; then the event is
//     dropped (status dead). Platform-level errors such as a timeout are retried
//     "on behalf of you" (retryReason FUNCTION_TIME_OUT; the sandbox counts them
//     in the same four). A THROWN error is recorded ('error') and not retried:
//     the page offers retries only through a returned InvocationError.
//     https://developer.atlassian.com/platform/forge/events-reference/product_events/ § "Retry Atlassian app events"
//   - async-event CONSUMERS: retried "within the retention window until they are
//     successfully delivered" with exponential backoff (intervals up to ~15 min).
//     A thrown error and a timeout are app-level errors and ARE retried; a
//     returned InvocationError is retried after its retryAfter (≤ 900 s). The
//     window is 24 h from the enqueue; past it (app-level errors) the event is
//     dropped (status dead). retryContext also carries retentionWindow
//     {startTime, remainingTimeMs}. No retry count limit is documented.
//     https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/ § "Retention window", § "Retries"
//   - scheduled triggers are never retried.
// UNVERIFIED: the backoff curve of thrown errors (the sandbox: 15 s doubling,
// capped at 900 s), the retryReason of a thrown error (FUNCTION_APP_ERROR, a
// sandbox name), and a lower bound on retryAfter (the sandbox: 1 s).
import type { SandboxClock } from '../clock';
import type { InvocationLog, InvocationResult } from './invocation-log';
import type { Invoker, InvokeOutcome } from './invoker';
import type { ConsumerDef } from './manifest';
import { outsideInvocation } from './runtime';
import type { WorkItem, WorkStore } from './work-store';

export interface DispatcherOptions {
  concurrency: number;
  /** Retries of a product-event trigger (documented: 4). */
  maxRetries: number;
  /** An async event's retention window (documented: 24 h). */
  retentionMs: number;
  pollMs: number;
}

export interface DispatcherDeps {
  work: WorkStore;
  invoker: Invoker;
  log: InvocationLog;
  clock: SandboxClock;
  consumers: ReadonlyMap<string, ConsumerDef>;
  /** Forge's `context` argument for background invocations. */
  baseContext: () => Record<string, unknown>;
  onPoll?: () => void;
}

const MIN_RETRY_AFTER_S = 1;
const MAX_RETRY_AFTER_S = 900;
export const TRIGGER_MAX_RETRIES = 4;
export const RETENTION_WINDOW_MS = 24 * 3600 * 1000;

/** Backoff of a consumer that threw or timed out: exponential, up to ~15 minutes. */
export function errorBackoffSeconds(attempt: number): number {
  return Math.min(MAX_RETRY_AFTER_S, 15 * 2 ** Math.min(attempt, 10));
}

interface RetryRequest {
  retryAfter: number;
  retryReason: string;
  retryData?: unknown;
}

function retryRequest(value: unknown): RetryRequest | undefined {
  if (!value || typeof value !== 'object' || (value as { _retry?: unknown })._retry !== true) return undefined;
  const o = (value as { retryOptions?: Partial<RetryRequest> }).retryOptions ?? {};
  const after = typeof o.retryAfter === 'number' && Number.isFinite(o.retryAfter) ? o.retryAfter : MIN_RETRY_AFTER_S;
  return {
    retryAfter: Math.min(MAX_RETRY_AFTER_S, Math.max(MIN_RETRY_AFTER_S, after)),
    retryReason: typeof o.retryReason === 'string' ? o.retryReason : 'FUNCTION_RETRY_REQUEST',
    retryData: o.retryData,
  };
}

export class Dispatcher {
  private scheduled = false;
  private closed = false;
  private readonly running = new Map<number, Promise<void>>();
  private changeListeners: Array<() => void> = [];
  private readonly waiters = new Map<number, Array<() => void>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly opts: DispatcherOptions,
  ) {
    this.timer = setInterval(
      () =>
        outsideInvocation(() => {
          this.deps.onPoll?.();
          this.kick();
        }),
      opts.pollMs,
    );
    this.timer.unref();
  }

  get activeCount(): number {
    return this.running.size;
  }

  kick(): void {
    if (this.closed || this.scheduled) return;
    this.scheduled = true;
    // Leave the caller's async context: the pump belongs to no invocation.
    outsideInvocation(() =>
      setImmediate(() => {
        this.scheduled = false;
        this.fill();
      }),
    );
  }

  /** Resolves the next time any item finishes (or after the poll interval). */
  changed(): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, this.opts.pollMs);
      t.unref();
      this.changeListeners.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Resolves when the item leaves pending/running for good (done, failed, dead, cancelled). */
  waitFor(id: number): Promise<void> {
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
    });
  }

  /** Stops claiming work and waits (bounded: a hung handler must not hang shutdown) for running items. */
  async close(waitMs = 5_000): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    let t: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      t = setTimeout(resolve, waitMs);
      t.unref();
    });
    await Promise.race([Promise.allSettled([...this.running.values()]), bound]);
    clearTimeout(t);
  }

  private fill(): void {
    if (this.closed) return;
    for (const item of this.deps.work.claimDue(this.opts.concurrency - this.running.size)) {
      const p = this.execute(item)
        .catch((e) => {
          // A bug in the platform, not in the app: keep the item visible rather than losing it.
          this.deps.work.finish(item.id, 'failed', `sandbox error: ${e instanceof Error ? e.message : String(e)}`);
        })
        .finally(() => {
          this.running.delete(item.id);
          this.notify(item.id);
          this.kick();
        });
      this.running.set(item.id, p);
    }
  }

  private notify(id: number): void {
    const listeners = this.changeListeners;
    this.changeListeners = [];
    for (const l of listeners) l();
    const status = this.deps.work.get(id)?.status;
    if (status !== 'pending' && status !== 'running') {
      for (const w of this.waiters.get(id) ?? []) w();
      this.waiters.delete(id);
    }
  }

  private async execute(item: WorkItem): Promise<void> {
    const { payload, contextArg } = this.input(item);
    const outcome = await this.deps.invoker.invoke({
      functionKey: item.functionKey,
      moduleKey: item.target,
      kind: item.kind,
      payload,
      contextArg,
    });
    let error = outcome.error;
    const retry = this.retryOf(item, outcome);
    if (!retry) {
      const result: InvocationResult = outcome.status === 'returned' ? 'ok' : 'error';
      this.deps.work.finish(item.id, result === 'ok' ? 'done' : 'failed', error);
      this.record(item, outcome, result, error);
      return;
    }
    const next = item.attempt + 1;
    const dueAt = this.deps.clock.nowMs() + retry.retryAfter * 1000;
    error ??= `retry requested: ${retry.retryReason}`;
    const exhausted =
      item.kind === 'queue' ? dueAt > item.createdAt + this.opts.retentionMs : next > this.opts.maxRetries;
    if (exhausted) {
      error =
        item.kind === 'queue'
          ? `${error} (dropped: past the ${this.opts.retentionMs / 3_600_000} h retention window)`
          : `${error} (dropped after ${this.opts.maxRetries} retries)`;
      this.deps.work.finish(item.id, 'dead', error);
      this.record(item, outcome, 'dead', error);
      return;
    }
    this.deps.work.retryLater(item.id, dueAt, next, retry.retryReason, retry.retryData, error);
    this.record(item, outcome, 'retry', error);
  }

  /** Whether (and when) the platform runs this item again. */
  private retryOf(item: WorkItem, outcome: InvokeOutcome): RetryRequest | undefined {
    if (item.kind === 'scheduled') return undefined;
    if (outcome.status === 'returned') return retryRequest(outcome.value);
    if (outcome.status === 'timeout')
      return {
        retryAfter: item.kind === 'queue' ? errorBackoffSeconds(item.attempt) : MIN_RETRY_AFTER_S,
        retryReason: 'FUNCTION_TIME_OUT',
      };
    // A thrown error: an app-level error, retried for async events only.
    return item.kind === 'queue'
      ? { retryAfter: errorBackoffSeconds(item.attempt), retryReason: 'FUNCTION_APP_ERROR' }
      : undefined;
  }

  private record(item: WorkItem, o: InvokeOutcome, result: InvocationResult, error: string | undefined): void {
    this.deps.log.record({
      id: o.invocationId,
      kind: item.kind,
      key: item.target,
      functionKey: item.functionKey,
      eventType: item.eventType,
      queueName: item.queueName,
      workId: item.id,
      attempt: item.attempt + 1,
      duplicate: item.duplicate === true,
      result,
      error: result === 'ok' ? undefined : error,
      startedAt: o.startedAt,
      durationMs: o.durationMs,
      counters: o.counters,
    });
  }

  /** Builds the handler's arguments the way Forge delivers each kind. */
  private input(item: WorkItem): { payload: unknown; contextArg: unknown } {
    const contextArg = this.deps.baseContext();
    const retentionWindow =
      item.kind === 'queue'
        ? {
            startTime: new Date(item.createdAt).toISOString(),
            remainingTimeMs: Math.max(0, item.createdAt + this.opts.retentionMs - this.deps.clock.nowMs()),
          }
        : undefined;
    const retryContext =
      item.attempt > 0
        ? {
            retryCount: item.attempt,
            retryReason: item.retryReason ?? 'FUNCTION_RETRY_REQUEST',
            retryData: item.retryData,
            ...(retentionWindow ? { retentionWindow } : {}),
          }
        : undefined;
    const withRetry = (o: Record<string, unknown>) => (retryContext ? { ...o, retryContext } : o);
    if (item.kind === 'queue') {
      const event = item.payload as { body: Record<string, unknown> };
      const consumer = this.deps.consumers.get(item.target);
      if (consumer?.method) {
        // @forge/events 1.x style consumer: a @forge/resolver definition; retryContext rode in the body.
        return {
          payload: {
            call: { functionKey: consumer.method, payload: withRetry({ ...event.body }), jobId: item.jobId },
            context: {},
          },
          contextArg,
        };
      }
      return {
        payload: withRetry({ ...event, queueName: item.queueName, jobId: item.jobId, eventId: item.eventId }),
        contextArg,
      };
    }
    if (item.kind === 'event') return { payload: withRetry(item.payload as Record<string, unknown>), contextArg };
    return { payload: item.payload, contextArg };
  }
}
