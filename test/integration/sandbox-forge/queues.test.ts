// Async events through the real @forge/events: publish, delivery, delays and
// retries on the sandbox clock, dead letters, stats and cancel.
import kvs from '@forge/kvs';
import { SettleTimeoutError } from '../../../src/sandbox/forge';
import { hangers, seenBy } from '../../fixtures/forge-app/recorder';
import { makeHarness, type Harness } from './helpers';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(async () => {
  await h.platform.close();
});

type Ev = { body: Record<string, unknown>; delayInSeconds?: number };
const push = (events: Ev[], queue = 'work-queue') =>
  h.platform.invokeResolver({
    moduleKey: 'clearance-panel',
    functionName: 'enqueue',
    payload: { queue, events },
  }) as Promise<{ jobId: string }>;
const stats = (jobId: string) =>
  h.platform.invokeResolver({
    moduleKey: 'clearance-panel',
    functionName: 'jobStats',
    payload: { queue: 'work-queue', jobId },
  });

describe('delivery', () => {
  it('delivers each pushed event to the manifest consumer as an AsyncEvent', async () => {
    const { jobId } = await push([{ body: { mode: 'ok', n: 1 } }, { body: { mode: 'ok', n: 2 } }]);
    await h.platform.settle();
    const runs = seenBy('consumeWork');
    expect(runs.map((r) => r.payload.body.n).sort()).toEqual([1, 2]);
    for (const r of runs) {
      expect(r.payload).toMatchObject({ queueName: 'work-queue', jobId, eventId: expect.any(String) });
      expect(r.payload.retryContext).toBeUndefined();
      expect(r.context).toEqual({ installContext: 'ari:cloud:jira::site/sandbox-cloud' });
      // timeoutSeconds: 120 in the manifest, seen through the real getAppContext().
      expect(r.extra?.remainingMs).toBeGreaterThan(100_000);
      expect(r.extra?.remainingMs).toBeLessThanOrEqual(120_000);
      expect(await kvs.get(`consumed:${r.payload.eventId}`)).toEqual(r.payload.body);
    }
    expect(await stats(jobId)).toEqual({ success: 2, inProgress: 0, failed: 0 });
  });

  it('holds a delayed event until the sandbox clock reaches it', async () => {
    await push([{ body: { mode: 'ok', n: 'late' }, delayInSeconds: 60 }]);
    await h.platform.settle();
    expect(seenBy('consumeWork')).toHaveLength(0);
    h.clock.advance('PT59S');
    await h.platform.settle();
    expect(seenBy('consumeWork')).toHaveLength(0);
    h.clock.advance('PT1S');
    await h.platform.settle();
    expect(seenBy('consumeWork').map((r) => r.payload.body.n)).toEqual(['late']);
  });

  it('lets a consumer push more work (a fresh context per delivery)', async () => {
    await push([{ body: { mode: 'fan-out' } }]);
    await h.platform.settle();
    expect(seenBy('consumeWork').map((r) => r.payload.body.from ?? r.payload.body.mode)).toEqual([
      'fan-out',
      'fan-out',
    ]);
    const inv = h.platform.listInvocations({ kind: 'queue' });
    expect(inv.map((i) => i.queueCalls)).toEqual([1, 0]);
    expect(new Set(inv.map((i) => i.id)).size).toBe(2);
  });

  it('delivers to a @forge/resolver-style consumer (resolver.function + method)', async () => {
    await push([{ body: { hello: 'legacy' } }], 'legacy-queue');
    await h.platform.settle();
    const [run] = seenBy('legacyConsumer');
    expect(run?.payload).toEqual({ hello: 'legacy' });
    expect(run?.context.jobId).toEqual(expect.any(String));
  });

  it('refuses a push to a queue that no consumer reads', async () => {
    await expect(push([{ body: { x: 1 } }], 'no-such-queue')).rejects.toThrow(/no-such-queue/);
  });
});

describe('retries', () => {
  it('retries an InvocationError after retryAfter with retryContext.retryCount', async () => {
    await push([{ body: { mode: 'retry-until', until: 2 } }]);
    await h.platform.settle();
    expect(seenBy('consumeWork')).toHaveLength(1);
    // retryAfter is 10 s of sandbox time: nothing happens before that.
    h.clock.advance('PT9S');
    await h.platform.settle();
    expect(seenBy('consumeWork')).toHaveLength(1);
    h.clock.advance('PT1S');
    await h.platform.settle();
    h.clock.advance('PT10S');
    await h.platform.settle();
    const runs = seenBy('consumeWork');
    expect(runs.map((r) => r.payload.retryContext?.retryCount ?? 0)).toEqual([0, 1, 2]);
    // retentionWindow: documented on async events' RetryContext (async-events-api § "Retry context").
    expect(runs[1]?.payload.retryContext).toEqual({
      retryCount: 1,
      retryReason: 'FUNCTION_RETRY_REQUEST',
      retryData: { n: 0 },
      retentionWindow: { startTime: '2026-03-02T09:00:00.000Z', remainingTimeMs: 24 * 3600 * 1000 - 10_000 },
    });
    expect(runs.map((r) => r.extra?.outcome)).toEqual(['retry', 'retry', 'ok']);
    expect(h.platform.listInvocations({ kind: 'queue' }).map((i) => [i.attempt, i.result])).toEqual([
      [1, 'retry'],
      [2, 'retry'],
      [3, 'ok'],
    ]);
  });

  // Changed: async events have no retry count limit and thrown errors ARE retried; they are dropped once
  // past the 24 h retention window (async-events-api § "Retention window", § "Retries").
  it('drops a message still asking for retries once past its retention window, and reports it failed in stats', async () => {
    await h.platform.close();
    h = makeHarness({ retentionHours: 0.01 }); // 36 s of sandbox time; the consumer asks for 10 s each time
    const { jobId } = await push([{ body: { mode: 'retry-until', until: 99 } }]);
    await h.platform.settle({ advanceClock: true });
    expect(seenBy('consumeWork')).toHaveLength(4);
    expect(h.platform.listInvocations({ kind: 'queue' }).map((i) => i.result)).toEqual([
      'retry',
      'retry',
      'retry',
      'dead',
    ]);
    const [dead] = h.platform.deadLetters();
    expect(dead).toMatchObject({ kind: 'queue', target: 'work-consumer', attempt: 3, status: 'dead', jobId });
    expect(await stats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 1 });
  });

  it('retries a thrown error with exponential backoff on the sandbox clock', async () => {
    await h.platform.close();
    h = makeHarness({ retentionHours: 1 });
    await push([{ body: { mode: 'throw' } }]);
    await h.platform.settle({ advanceClock: true });
    const runs = seenBy('consumeWork');
    expect(runs.length).toBeGreaterThan(3);
    expect(runs[1]?.payload.retryContext).toMatchObject({ retryCount: 1, retryReason: 'FUNCTION_APP_ERROR' });
    const inv = h.platform.listInvocations({ kind: 'queue' });
    expect(inv[0]).toMatchObject({ result: 'retry', error: 'consumer exploded', attempt: 1 });
    const gaps = inv.slice(1).map((i, n) => (i.startedAt - inv[n].startedAt) / 1000);
    expect(gaps.slice(0, 4)).toEqual([15, 30, 60, 120]);
    expect(Math.max(...gaps)).toBe(900);
    expect(inv.at(-1)?.result).toBe('dead');
  });
});

describe('stats and cancel', () => {
  it('counts a pending job as in progress, and cancel stops its pending events', async () => {
    const { jobId } = await push([
      { body: { mode: 'ok' }, delayInSeconds: 300 },
      { body: { mode: 'ok' }, delayInSeconds: 300 },
    ]);
    expect(await stats(jobId)).toEqual({ success: 0, inProgress: 2, failed: 0 });
    await h.platform.invokeResolver({
      moduleKey: 'clearance-panel',
      functionName: 'cancelJob',
      payload: { queue: 'work-queue', jobId },
    });
    h.clock.advance('PT10M');
    await h.platform.settle();
    expect(seenBy('consumeWork')).toHaveLength(0);
    expect(await stats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 0 });
  });

  it('answers an unknown job with JobDoesNotExistError', async () => {
    await expect(stats('00000000-0000-0000-0000-000000000000')).rejects.toThrow(
      /was not found for the queue work-queue/,
    );
  });
});

describe('settle', () => {
  it('rejects with SettleTimeoutError naming the work still running, and resolves once it finishes', async () => {
    await push([{ body: { mode: 'hang' } }]);
    const e = await h.platform.settle({ timeoutMs: 50 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SettleTimeoutError);
    expect((e as SettleTimeoutError).pending).toEqual([
      { kind: 'queue', key: 'work-consumer', status: 'running', attempt: 0 },
    ]);
    expect((e as Error).message).toContain('queue work-consumer (running, attempt 1)');
    for (const release of hangers().splice(0)) release();
    await h.platform.settle();
    expect(h.platform.listInvocations({ kind: 'queue' }).map((i) => i.result)).toEqual(['ok']);
  });
});
