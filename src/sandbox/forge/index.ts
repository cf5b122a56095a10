/**
 * # The emulated Forge platform
 *
 * Runs the app's real handlers with the **real** @forge/api, @forge/kvs,
 * @forge/events and @forge/resolver, by emulating what sits under them: the
 * `__forge_fetch__` transport and the `__forge_runtime__` object (one
 * AsyncLocalStorage context per invocation). Handlers are wired from
 * manifest.yml; an unknown function or a missing export fails at startup.
 *
 * Emulated:
 * - **KVS** (kvs/): get/set/delete/query, secrets (never returned by key
 *   queries), custom entities with the manifest's indexes (partition, range,
 *   filters, sort, cursor), batch get/set/delete, transactions with conditions
 *   (atomic: a failed condition changes nothing), keyPolicy, returnValue,
 *   metadataFields, TTL on the sandbox clock, and the platform limits. Error
 *   codes live in errors.ts; the ones marked UNVERIFIED are guesses.
 * - **Async events** (queues.ts, dispatcher.ts): publish (201), delivery to the
 *   manifest consumer, delayInSeconds and retryAfter on the sandbox clock,
 *   retries with retryContext (thrown errors too, with backoff) within the 24 h
 *   retention window, then dropped (dead), stats, cancel, per-key concurrency limits.
 * - **Product events** (product-events.ts): `dispatchProductEvent` → every
 *   trigger for the event type, ignoreSelf, payload.include, a subset of
 *   filter.expression (filter-expression.ts; anything else fails at startup).
 *   At least once: `faults.redeliver` adds a duplicate delivery; `faults.events`
 *   delays (up to 3 min, as documented) and reorders deliveries. A returned
 *   InvocationError is retried at most 4 times; a thrown error is not.
 * - **Scheduled triggers** (scheduler.ts): `tick()` by interval, `runScheduled()` now.
 * - **Resolvers** (resolvers.ts): `invokeResolver` calls getDefinitions() like the UI bridge: only
 *   UI modules' resolvers, with the module's extension context and the caller's `accountType`, refused
 *   for unlicensed users the module's `unlicensedAccess` does not list; `setUserConsent(id, false)`
 *   makes asUser() fail with NeedsAuthenticationError (surfaced as NEEDS_AUTHENTICATION).
 * - **Egress**: fetch inside an invocation goes to `options.external`, only to
 *   hosts in permissions.external.fetch.backend.
 * - An **invocation log** with KVS ops / Jira calls per invocation, and
 *   `settle()` to wait until no work is pending.
 *
 * Known differences from Forge:
 * - One process: handlers that exceed their timeout are reported, not killed.
 * - Entity query filters apply before `limit` (pages are always full).
 * - Work that is delayed (delayInSeconds, retryAfter) and not yet due on the
 *   sandbox clock does not hold up settle(); advance the clock, or pass
 *   `settle({advanceClock: true})` to jump to each due time.
 * - A trigger's thrown error is not retried (the docs offer only a returned InvocationError).
 * - Pushing to a queue with no consumer is a 400 rather than a silent drop.
 * - Only Forge functions (no remote endpoints, no workflows); webtriggers and
 *   stargate/GraphQL calls are refused with UNSUPPORTED_REMOTE.
 * - Handlers must be exports of the module(s) `loadApp(file)` returns; install
 *   the platform before that module is first required (`@forge/api` captures
 *   global fetch on load, `@forge/kvs` picks its transport on load).
 */
import type { SandboxClock } from '../clock';
import type { JiraEmulatorApi, JiraProductEvent } from '../contracts';
import type { SandboxDb } from '../db';
import type { FaultInjector } from '../faults';
import { clearForgeTables, ensureForgeSchema } from './db-schema';
import { Dispatcher, RETENTION_WINDOW_MS, TRIGGER_MAX_RETRIES } from './dispatcher';
import { SettleTimeoutError } from './errors';
import { InvocationLog, type InvocationKind, type InvocationRecord } from './invocation-log';
import { Invoker } from './invoker';
import { KvsService } from './kvs/service';
import { KvsStore } from './kvs/store';
import { bindHandlers, loadManifest, type AppModel } from './manifest';
import { compileTriggers, planDeliveries } from './product-events';
import { QueueService } from './queues';
import { invokeResolver, type ResolverRequest } from './resolvers';
import {
  createInvocationContext,
  installContextOf,
  registerHost,
  runInContext,
  unregisterHost,
  type AppIdentity,
  type Counters,
  type InvocationContext,
  type PlatformHost,
} from './runtime';
import { Scheduler } from './scheduler';
import { createTransport, type ExternalFetch } from './transport';
import { WorkStore, type WorkItem, type WorkKind, type WorkStatus } from './work-store';

export { ForgePlatformError, isForgePlatformError, KvsErrors, SettleTimeoutError } from './errors';
export type { InvocationKind, InvocationRecord, InvocationResult } from './invocation-log';
export type { AppModel } from './manifest';
export { ResolverRequestSchema, type ResolverRequest } from './resolvers';
export type { AppIdentity, Counters } from './runtime';
export type { ExternalFetch } from './transport';
export type { WorkItem, WorkKind, WorkStatus } from './work-store';

export interface ForgePlatformOptions {
  db: SandboxDb;
  clock: SandboxClock;
  faults: FaultInjector;
  /** Path to manifest.yml, or the parsed manifest. */
  manifest: string | object;
  /** Returns the module whose named exports are the manifest handlers (`file` is the part before the dot, e.g. "index"). */
  loadApp: (file: string) => Record<string, unknown>;
  /** Product calls (remote jira) go to jira.handle(); its events are dispatched to triggers. */
  jira?: JiraEmulatorApi;
  /** Egress for fetch() inside invocations (Okta/Graph fakes). Unset → egress is an error. */
  external?: ExternalFetch;
  /** Bare app id; default from manifest app.id, else "sandbox-app". */
  appId?: string;
  /** Forge environment name; default "development". */
  environment?: string;
  cloudId?: string;
  /** Work items run at once (default 4). */
  concurrency?: number;
  /** Retries of a product-event trigger before it is dropped (default 4, as documented). */
  maxRetries?: number;
  /** An async event's retention window in hours (default 24, as documented); past it, it is dropped. */
  retentionHours?: number;
  /** Pump poll interval in real ms (default 25). */
  pollMs?: number;
  /** 'auto' ticks scheduled triggers on every poll; 'manual' (default) only on tick()/runScheduled(). */
  scheduler?: 'manual' | 'auto';
}

export interface SettleOptions {
  /** Real ms to wait before SettleTimeoutError (default 10 000). */
  timeoutMs?: number;
  /** When only delayed work remains, move the sandbox clock to its due time and keep going. */
  advanceClock?: boolean;
}

export interface ForgePlatform {
  readonly model: AppModel;
  readonly identity: AppIdentity;
  /** Enqueues one delivery per matching trigger (plus injected duplicates); returns the work ids. */
  dispatchProductEvent(event: JiraProductEvent): number[];
  /**
   * Test seam for the emulator's events (a lost or held delivery): an event for which `gate` returns false
   * is not dispatched (the gate keeps it, to drop or to dispatchProductEvent later). Undefined: all pass.
   */
  setEventGate(gate: ((event: JiraProductEvent) => boolean) | undefined): void;
  /** Runs one scheduled trigger (or all) now and resolves with their invocation records. */
  runScheduled(key?: string): Promise<InvocationRecord[]>;
  /** Enqueues the scheduled triggers whose interval has elapsed on the sandbox clock; returns work ids. */
  tick(): number[];
  /**
   * Whether `accountId` has allowed the app to act on their behalf (asUser); everyone has unless set false here.
   * Without consent every asUser() call throws NeedsAuthenticationError. In memory: a restart grants it again.
   */
  setUserConsent(accountId: string, granted: boolean): void;
  /** Calls a UI resolver; resolves with its return value, rejects with ForgePlatformError RESOLVER_FAILED. */
  invokeResolver(req: ResolverRequest): Promise<unknown>;
  settle(opts?: SettleOptions): Promise<void>;
  /** Oldest first; `since` is an exclusive seq (see lastInvocationSeq). */
  listInvocations(opts?: { since?: number; limit?: number; kind?: InvocationKind }): InvocationRecord[];
  lastInvocationSeq(): number;
  listWork(filter?: { status?: WorkStatus; kind?: WorkKind }): WorkItem[];
  /** Messages and deliveries whose retries ran out. */
  deadLetters(): WorkItem[];
  /** Runs code as if inside an invocation (SDK calls counted, not logged). */
  run<T>(
    fn: () => T | Promise<T>,
    opts?: { accountId?: string; moduleKey?: string },
  ): Promise<{ value: T; counters: Counters }>;
  /** Empties every forge_ table (KVS, queues, log, schedule). */
  reset(): void;
  /** Stops the pump, waits for running handlers, and detaches from the globals. */
  close(): Promise<void>;
}

function identityOf(o: ForgePlatformOptions, model: AppModel): AppIdentity {
  const env = o.environment ?? 'development';
  return {
    appId: o.appId ?? /app\/([\w-]+)$/.exec(model.appId ?? '')?.[1] ?? 'sandbox-app',
    appVersion: '1.0.0',
    environmentId: `sandbox-${env}`,
    environmentType: env.toUpperCase(),
    installationId: 'sandbox-installation',
    cloudId: o.cloudId ?? 'sandbox-cloud',
    siteUrl: o.jira?.baseUrl ?? 'http://127.0.0.1:8080',
  };
}

export function createForgePlatform(options: ForgePlatformOptions): ForgePlatform {
  const { db, clock, faults } = options;
  const model = loadManifest(options.manifest);
  const triggers = compileTriggers(model.triggers);
  const identity = identityOf(options, model);
  ensureForgeSchema(db);

  const kvsStore = new KvsStore(db, clock, model.entities);
  const work = new WorkStore(db, () => clock.nowMs());
  const log = new InvocationLog(db);
  let dispatcher: Dispatcher | undefined;
  const queues = new QueueService(work, model.consumers, clock, () => dispatcher?.kick());
  const withoutConsent = new Set<string>();
  const transport = createTransport({
    kvs: new KvsService(
      kvsStore,
      model.entities,
      () => faults.kvsConditionFailure(),
      () => faults.rateLimitTransaction(),
    ),
    queues,
    jira: options.jira,
    external: options.external,
    egressAllowList: model.egress,
    hasConsented: (id) => !withoutConsent.has(id),
  });
  let direct: InvocationContext | undefined;
  const host: PlatformHost = {
    forgeFetch: transport.forgeFetch,
    egressFetch: transport.egressFetch,
    directContext: () =>
      (direct ??= createInvocationContext(host, identity, {
        functionKey: 'direct',
        moduleKey: 'direct',
        timeoutMs: 900_000,
      })),
  };

  // Globals first: the app's SDK modules read them when they are loaded.
  registerHost(host);
  let invoker: Invoker;
  try {
    invoker = new Invoker(bindHandlers(model, options.loadApp), model.functions, host, identity, clock);
  } catch (e) {
    unregisterHost(host);
    throw e;
  }

  const scheduler = new Scheduler(db, model.scheduled, work, clock, identity.cloudId);
  let polls = 0;
  work.requeueRunning();
  const d = new Dispatcher(
    {
      work,
      invoker,
      log,
      clock,
      consumers: new Map(model.consumers.map((c) => [c.key, c])),
      baseContext: () => ({ installContext: installContextOf(identity) }),
      onPoll: () => {
        if (options.scheduler === 'auto') scheduler.tick();
        if (++polls % 40 === 0) kvsStore.purgeExpired();
      },
    },
    {
      concurrency: options.concurrency ?? 4,
      maxRetries: options.maxRetries ?? TRIGGER_MAX_RETRIES,
      retentionMs: options.retentionHours !== undefined ? options.retentionHours * 3_600_000 : RETENTION_WINDOW_MS,
      pollMs: options.pollMs ?? 25,
    },
  );
  dispatcher = d;
  let closed = false;

  function dispatchProductEvent(event: JiraProductEvent): number[] {
    if (closed) return [];
    const ids: number[] = [];
    for (const { trigger, payload } of planDeliveries(triggers, event, { staleProperties: faults.staleProperties() })) {
      // Late (and, with faults.events.reorder, unordered) delivery on the sandbox clock: see faults.ts.
      const item = {
        kind: 'event' as const,
        target: trigger.key,
        functionKey: trigger.functionKey,
        payload,
        eventType: event.eventType,
        dueAt: faults.eventDueAt(clock.nowMs()),
      };
      ids.push(work.enqueue(item));
      if (faults.shouldRedeliver())
        ids.push(work.enqueue({ ...item, duplicate: true, dueAt: faults.eventDueAt(clock.nowMs()) }));
    }
    d.kick();
    return ids;
  }
  let eventGate: ((event: JiraProductEvent) => boolean) | undefined;
  options.jira?.onEvent((e) => void ((eventGate?.(e) ?? true) && dispatchProductEvent(e)));

  async function settle(opts: SettleOptions = {}): Promise<void> {
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      d.kick();
      const busy = work.busy();
      if (busy.length === 0 && invoker.inFlight === 0 && d.activeCount === 0) {
        const next = opts.advanceClock ? work.nextDueAt() : undefined;
        if (next === undefined) return;
        const ms = next - clock.nowMs();
        if (ms > 0) clock.advance(`PT${(ms / 1000).toFixed(3)}S`);
        continue;
      }
      if (Date.now() >= deadline) {
        const pending: Array<{ kind: string; key: string; status: string; attempt: number }> = busy.map((b) => ({
          kind: b.kind,
          key: b.target,
          status: b.status,
          attempt: b.attempt,
        }));
        // Resolver calls and run() are in flight outside the work queue.
        const direct = invoker.inFlight - d.activeCount;
        if (direct > 0) pending.push({ kind: 'resolver', key: `${direct} call(s)`, status: 'running', attempt: 0 });
        throw new SettleTimeoutError(timeoutMs, pending);
      }
      await d.changed();
    }
  }

  return {
    model,
    identity,
    dispatchProductEvent,
    setEventGate(gate) {
      eventGate = gate;
    },
    async runScheduled(key?: string) {
      const ids = scheduler.runNow(key);
      d.kick();
      await Promise.all(ids.map((id) => d.waitFor(id)));
      return ids.flatMap((id) => log.list({ kind: 'scheduled', workId: id }));
    },
    tick() {
      const ids = scheduler.tick();
      d.kick();
      return ids;
    },
    setUserConsent(accountId, granted) {
      if (granted) withoutConsent.delete(accountId);
      else withoutConsent.add(accountId);
    },
    invokeResolver: (req) => invokeResolver({ model, invoker, log, identity }, req),
    settle,
    listInvocations: (opts) => log.list(opts),
    lastInvocationSeq: () => log.lastSeq(),
    listWork: (filter) => work.list(filter),
    deadLetters: () => work.list({ status: 'dead' }),
    async run(fn, opts = {}) {
      const ctx = createInvocationContext(host, identity, {
        functionKey: 'direct',
        moduleKey: opts.moduleKey ?? 'direct',
        accountId: opts.accountId,
        timeoutMs: 900_000,
      });
      const value = await runInContext(ctx, async () => fn());
      return { value, counters: ctx.counters };
    },
    reset() {
      clearForgeTables(db);
      scheduler.register();
    },
    async close() {
      if (closed) return;
      closed = true;
      await d.close();
      unregisterHost(host);
    },
  };
}
