// Conformance of the emulated async events (queues and consumers) and of the
// product-event trigger retries with Atlassian's documentation
// (docs/platform-contract.md, "Async events" and "Product events").
import { seenBy } from '../../fixtures/forge-app/recorder';
import { issueEvent, makeHarness, type Harness } from '../../integration/sandbox-forge/helpers';

let h: Harness;
afterEach(async () => {
  await h.platform.close();
});

const push = (body: Record<string, unknown>) =>
  h.platform.invokeResolver({
    moduleKey: 'clearance-panel',
    functionName: 'enqueue',
    payload: { queue: 'work-queue', events: [{ body }] },
  }) as Promise<{ jobId: string }>;

describe('async events (async-events-api § "Retries", § "Retention window")', () => {
  it('Q-1: a consumer that throws is retried with exponential backoff (app-level error), not recorded as a final failure', async () => {
    h = makeHarness({ retentionHours: 1 });
    await push({ mode: 'throw' });
    await h.platform.settle({ advanceClock: true });
    const inv = h.platform.listInvocations({ kind: 'queue' });
    expect(inv.slice(0, 3).map((i) => i.result)).toEqual(['retry', 'retry', 'retry']);
    expect(inv.some((i) => i.result === 'error')).toBe(false);
    const gaps = inv.slice(1).map((i, n) => (i.startedAt - inv[n].startedAt) / 1000);
    for (let n = 1; n < gaps.length; n++) expect(gaps[n]).toBeGreaterThanOrEqual(gaps[n - 1]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(900);
  });

  it('Q-2: a returned InvocationError is retried after retryAfter, with no retry-count limit inside the window', async () => {
    h = makeHarness();
    await push({ mode: 'retry-until', until: 6 });
    await h.platform.settle({ advanceClock: true });
    const runs = seenBy('consumeWork');
    expect(runs.map((r) => r.payload.retryContext?.retryCount ?? 0)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(runs.at(-1)?.extra?.outcome).toBe('ok');
    expect(h.platform.deadLetters()).toHaveLength(0);
  });

  it('Q-3: an event past its 24 h retention window is dropped; retryContext.retentionWindow tells how long is left', async () => {
    h = makeHarness();
    await push({ mode: 'retry-until', until: 100_000 });
    await h.platform.settle({ advanceClock: true, timeoutMs: 60_000 });
    const runs = seenBy('consumeWork');
    const last = runs.at(-1)!.payload.retryContext;
    expect(last.retentionWindow.startTime).toBe('2026-03-02T09:00:00.000Z');
    expect(last.retentionWindow.remainingTimeMs).toBeLessThan(10_000);
    expect(h.platform.listInvocations({ kind: 'queue', limit: 100_000 }).at(-1)?.result).toBe('dead');
    expect(h.clock.nowMs() - Date.parse('2026-03-02T09:00:00.000Z')).toBeLessThanOrEqual(24 * 3600 * 1000);
  }, 120_000);
});

describe('product-event trigger retries (product_events § "Retry Atlassian app events")', () => {
  const updated = (summary: string) => {
    const e = issueEvent({
      eventType: 'avi:jira:updated:issue',
      changelog: {
        id: '5',
        items: [
          {
            field: 'status',
            fieldtype: 'jira',
            fieldId: 'status',
            from: '1',
            fromString: 'Open',
            to: '3',
            toString: 'Approved',
          },
        ],
      },
      associatedStatuses: { from: { id: '1', name: 'Open' }, to: { id: '3', name: 'Approved' } },
    });
    e.issue.fields.summary = summary;
    return e;
  };

  it('EV-10: a returned InvocationError is retried at most four times (retryAfter above 900 s lowered to 900), then the event is dropped', async () => {
    h = makeHarness();
    h.platform.dispatchProductEvent(updated('retry forever'));
    await h.platform.settle({ advanceClock: true });
    expect(seenBy('onIssueUpdated').map((r) => r.payload.retryContext?.retryCount ?? 0)).toEqual([0, 1, 2, 3, 4]);
    expect(
      h.platform
        .listInvocations({ kind: 'event' })
        .filter((i) => i.key === 'issue-updated')
        .map((i) => i.result),
    ).toEqual(['retry', 'retry', 'retry', 'retry', 'dead']);
    expect(h.clock.nowMs() - Date.parse('2026-03-02T09:00:00.000Z')).toBe(4 * 900 * 1000);
  });

  it('EV-10b: the default trigger retry budget is the documented four', async () => {
    const { TRIGGER_MAX_RETRIES } = await import('../../../src/sandbox/forge/dispatcher');
    const { TRIGGER_RETRIES } = await import('../../../src/entry/trigger/retry-policy');
    expect(TRIGGER_MAX_RETRIES).toBe(4);
    expect(TRIGGER_RETRIES).toBe(TRIGGER_MAX_RETRIES);
    h = makeHarness();
  });

  it('EV-11: a trigger that throws is recorded and not retried', async () => {
    h = makeHarness();
    h.platform.dispatchProductEvent(updated('throw'));
    await h.platform.settle({ advanceClock: true });
    expect(
      h.platform
        .listInvocations({ kind: 'event' })
        .filter((i) => i.key === 'issue-updated')
        .map((i) => [i.result, i.error]),
    ).toEqual([['error', 'trigger exploded']]);
  });
});

describe("the app's consumer (aic-work) under Jira failures", () => {
  it('Q-4: a ticket.sync job whose Jira reads answer 503 returns InvocationError and finishes once Jira recovers', async () => {
    const { makeCoreHarness } = await import('../../integration/core-loop/harness');
    const { forgeWorkQueue } = await import('../../../src/adapters/queue/forge-queue');
    const c = await makeCoreHarness();
    h = { platform: { close: () => c.close() } } as unknown as Harness;
    const { issueId } = c.fileViaPanel('alice', {
      toolId: 'claude-for-work',
      purpose: 'Drafting customer replies faster with an approved assistant',
      days: 30,
    });
    await c.settle();
    c.sb.faults.configure({ jira: { rate5xx: 1 } });
    const since = c.sb.forge.lastInvocationSeq();
    await c.sb.forge.run(() =>
      forgeWorkQueue(() => import('@forge/events')).push([
        { type: 'ticket.sync', requestId: issueId, idempotencyKey: `${issueId}:test` },
      ]),
    );
    await c.sb.forge.settle();
    const runs = () => c.sb.forge.listInvocations({ since, kind: 'queue' }).map((i) => i.result);
    expect(runs()).toEqual(['retry']);
    // Returned (InvocationError), not thrown: the platform records the retry request, not the Jira error.
    expect(c.sb.forge.listInvocations({ since, kind: 'queue' })[0]?.error).toBe(
      'retry requested: FUNCTION_RETRY_REQUEST',
    );
    c.sb.faults.reset();
    await c.sb.forge.settle({ advanceClock: true });
    expect(runs()).toEqual(['retry', 'ok']);
    expect(c.sb.forge.deadLetters()).toHaveLength(0);
  });
});
