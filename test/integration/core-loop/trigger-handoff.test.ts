// Issue 12: "every Jira failure becomes a retry, never a loss". Forge retries a trigger at most four times
// (https://developer.atlassian.com/platform/forge/events-reference/product_events/ § "Retry for app level
// errors"); an outage longer than those retries must not lose the intake or the decision. The trigger hands
// the whole event to the aic-work queue on its last retry, whose consumer is retried with backoff for up to
// 24 h (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/ § "Retries").
import { PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

jest.setTimeout(60_000);

/** Keeps Jira down while the sandbox clock passes the trigger's whole retry window (4 retries ≤ 900 s apart). */
async function outage(h: CoreHarness, faults: object): Promise<void> {
  h.sb.faults.configure(faults);
  for (let i = 0; i < 8; i++) {
    h.sb.clock.advance('PT16M');
    await h.sb.forge.settle();
  }
}

const results = (h: CoreHarness, eventType: string) =>
  h.sb.forge
    .listInvocations({ kind: 'event', limit: 500 })
    .filter((i) => i.eventType === eventType)
    .map((i) => i.result);

it('an intake whose Jira calls fail past every trigger retry is handed to the queue and lands once Jira recovers', async () => {
  const h = await makeCoreHarness();
  try {
    const { issueId, issueKey } = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
    await outage(h, { jira: { rate5xx: 1 } });
    expect(results(h, 'avi:jira:created:issue')).toEqual(['retry', 'retry', 'retry', 'retry', 'ok']);
    expect(await h.record('request', issueId)).toBeUndefined();
    const queued = h.sb.forge.listInvocations({ kind: 'queue', limit: 500 });
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((i) => i.result === 'retry')).toBe(true);
    h.sb.faults.reset();
    await h.sb.forge.settle({ advanceClock: true });
    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
    const comments = await h.comments(issueKey);
    expect(comments.filter((c) => c.text.includes('waiting for approval'))).toHaveLength(1);
    expect(h.sb.forge.deadLetters()).toHaveLength(0);
  } finally {
    await h.close();
  }
});

it('an Approve whose approver-group read fails past every trigger retry is handed to the queue and applied once Jira recovers', async () => {
  const h = await makeCoreHarness();
  try {
    const { issueId, issueKey } = h.fileViaPanel('alice', {
      toolId: 'github-copilot-business',
      purpose: PURPOSE,
      days: 30,
    });
    await h.settle();
    h.hold(true);
    expect(
      (await h.call('agent', 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: '21' } })).status,
    ).toBe(204);
    const events = h.held.splice(0);
    h.hold(false);
    h.deliver(events);
    await outage(h, { jira: { rate5xx: 1 } });
    expect(results(h, 'avi:jira:updated:issue').slice(-5)).toEqual(['retry', 'retry', 'retry', 'retry', 'ok']);
    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
    h.sb.faults.reset();
    await h.sb.forge.settle({ advanceClock: true });
    expect((await h.record('request', issueId))?.status).toBe('approved');
    expect((await h.record('grant', issueId))?.status).toBe('pending_fulfilment');
    expect((await h.issue(issueKey)).fields.status.name).toBe('In fulfilment');
    expect((await h.comments(issueKey)).filter((c) => c.text.includes('approved by'))).toHaveLength(1);
  } finally {
    await h.close();
  }
});

it('the consumer acknowledges a handed-over event that can never succeed (the ticket is gone: 404), logged, not retried for 24 h', async () => {
  const h = await makeCoreHarness();
  try {
    const r = await (async () => {
      h.hold(true);
      const filed = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
      const [created] = h.held.splice(0);
      h.hold(false);
      return { ...filed, created: created };
    })();
    expect((await h.call('admin', 'DELETE', `/rest/api/3/issue/${r.issueKey}`)).status).toBe(204);
    const { forgeQueuePush } = await import('../../../src/adapters/queue/forge-queue');
    const since = h.sb.forge.lastInvocationSeq();
    await h.sb.forge.run(() =>
      forgeQueuePush(
        'aic-work',
        () => import('@forge/events'),
      )([
        {
          type: 'trigger.handoff',
          trigger: 'created',
          event: r.created as unknown as Record<string, unknown>,
          idempotencyKey: `${r.issueId}:created:event`,
        },
      ]),
    );
    await h.sb.forge.settle({ advanceClock: true });
    const runs = h.sb.forge.listInvocations({ since, kind: 'queue' });
    expect(runs.map((i) => i.result)).toEqual(['ok']);
    expect(await h.record('request', r.issueId)).toBeUndefined();
  } finally {
    await h.close();
  }
});
