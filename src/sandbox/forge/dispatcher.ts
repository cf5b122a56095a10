// The pump: claims due work items and runs them, several at once (so races
// between handlers are real), each in its own invocation context. Driven by
// setImmediate after every enqueue/completion plus a slow poll, so delayed
// messages become due when the sandbox clock passes their time.
//
// Retry policy (Forge documents the mechanism, not every number):
//   - queue consumers and product-event triggers that RETURN an InvocationError
//     (`{_retry: true, retryOptions}`) are retried after retryAfter seconds of
//     sandbox time (min 1, max 900), with retryContext {retryCount, retryReason,
//     retryData}; after `maxRetries` retries (default 4, UNVERIFIED) the item is
//     dead-lettered (status dead, invocation result 'dead');
//   - a timeout is retried the same way with retryReason FUNCTION_TIME_OUT;
//   - a THROWN error is recorded ('error') and not retried, for every kind;
//   - scheduled triggers are never retried.
import type { SandboxClock } from '../clock';
import type { InvocationLog, InvocationResult } from './invocation-log';
import type { Invoker, InvokeOutcome } from './invoker';
import type { ConsumerDef } from './manifest';
import { outsideInvocation } from './runtime';
import type { WorkItem, WorkStore } from './work-store';

export interface DispatcherOptions {
  concurrency: number;
  maxRetries: number;
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

interface RetryRequest { retryAfter: number; retryReason: string; retryData?: unknown }

function retryRequest(value: unknown): RetryRequest | undefined {
  if (!value || typeof value !== 'object' || (value as { _retry?: unknown })._retry !== true) return undefined;
  const o = ((value as { retryOptions?: Partial<RetryRequest> }).retryOptions ?? {}) as Partial<RetryRequest>;
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
    this.timer = setInterval(() => outsideInvocation(() => {
      this.deps.onPoll?.();
      this.kick();
    }), opts.pollMs);
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
    const outcome = await this.deps.invoker.invoke({ functionKey: item.functionKey, moduleKey: item.target, kind: item.kind, payload, contextArg });
    let result: InvocationResult;
    let error = outcome.error;
    const retry = outcome.status === 'returned' ? retryRequest(outcome.value) : outcome.status === 'timeout' ? { retryAfter: MIN_RETRY_AFTER_S, retryReason: 'FUNCTION_TIME_OUT' } : undefined;
    if (retry && item.kind !== 'scheduled') {
      const next = item.attempt + 1;
      error ??= `retry requested: ${retry.retryReason}`;
      if (next > this.opts.maxRetries) {
        result = 'dead';
        error = `${error} (dead-lettered after ${this.opts.maxRetries} retries)`;
        this.deps.work.finish(item.id, 'dead', error);
      } else {
        result = 'retry';
        this.deps.work.retryLater(item.id, this.deps.clock.nowMs() + retry.retryAfter * 1000, next, retry.retryReason, retry.retryData, error);
      }
    } else if (outcome.status === 'returned') {
      result = 'ok';
      this.deps.work.finish(item.id, 'done');
    } else {
      result = 'error';
      this.deps.work.finish(item.id, 'failed', error);
    }
    this.record(item, outcome, result, error);
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
    const retryContext = item.attempt > 0 ? { retryCount: item.attempt, retryReason: item.retryReason ?? 'FUNCTION_RETRY_REQUEST', retryData: item.retryData } : undefined;
    const withRetry = (o: Record<string, unknown>) => (retryContext ? { ...o, retryContext } : o);
    if (item.kind === 'queue') {
      const event = item.payload as { body: Record<string, unknown> };
      const consumer = this.deps.consumers.get(item.target);
      if (consumer?.method) {
        // @forge/events 1.x style consumer: a @forge/resolver definition; retryContext rode in the body.
        return {
          payload: { call: { functionKey: consumer.method, payload: withRetry({ ...event.body }), jobId: item.jobId }, context: {} },
          contextArg,
        };
      }
      return { payload: withRetry({ ...event, queueName: item.queueName, jobId: item.jobId, eventId: item.eventId }), contextArg };
    }
    if (item.kind === 'event') return { payload: withRetry(item.payload as Record<string, unknown>), contextArg };
    return { payload: item.payload, contextArg };
  }
}
