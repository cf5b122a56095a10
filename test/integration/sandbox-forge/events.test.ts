// Jira product events → manifest triggers: matching, ignoreSelf, payload
// include, filter expressions, at-least-once redelivery, retries, counters.
import kvs from '@forge/kvs';
import { seenBy } from '../../fixtures/forge-app/recorder';
import { issueEvent, makeHarness, type Harness } from './helpers';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(async () => {
  await h.platform.close();
});

describe('created events', () => {
  // Changed: the payload used to carry undocumented extras (payload.include.fields, issue.properties); it now
  // has the documented shape, with the included entity property paths in payloadIncludeProperties.
  it('reach every trigger for the event type, shaped like Jira with the included property paths', async () => {
    h.jira.emit(issueEvent());
    await h.platform.settle();
    const [created] = seenBy('onIssueCreated');
    expect(created?.payload).toEqual({
      eventType: 'avi:jira:created:issue',
      selfGenerated: false,
      timestamp: String(Date.parse('2026-03-02T09:00:00.000Z')),
      atlassianId: 'user-alice',
      issue: {
        id: '10001',
        key: 'AIC-1',
        fields: {
          summary: 'Access to Claude',
          issuetype: { id: '10100', name: 'AI Access' },
          creator: { accountId: 'user-alice' },
          created: '2026-03-02T09:00:00.000+0000',
          project: { id: '10000', key: 'AIC' },
          reporter: { accountId: 'user-alice' },
          assignee: null,
          updated: '2026-03-02T09:00:00.000+0000',
          status: { id: '1', name: 'Open' },
        },
      },
      payloadIncludeProperties: {
        "issue.properties['aic'].request.toolId": 'claude',
        "issue.properties['aic'].request": null,
        "issue.properties['aic']['tags']": ['a', 'b'],
      },
    });
    expect(created?.context).toEqual({ installContext: 'ari:cloud:jira::site/sandbox-cloud' });
    // The second trigger subscribed to created asked for no extra fields.
    const [other] = seenBy('onIssueCommented');
    expect(Object.keys(other?.payload.issue.fields).sort()).toEqual([
      'assignee',
      'created',
      'creator',
      'issuetype',
      'project',
      'reporter',
      'status',
      'summary',
      'updated',
    ]);
    expect(other?.payload.payloadIncludeProperties).toBeUndefined();
  });

  it('calls Jira as the app and records KVS ops and product calls per invocation', async () => {
    const before = h.platform.lastInvocationSeq();
    h.platform.dispatchProductEvent(issueEvent());
    await h.platform.settle();
    expect(h.jira.calls).toHaveLength(1);
    expect(h.jira.calls[0]).toMatchObject({
      method: 'GET',
      path: '/rest/api/3/issue/AIC-1',
      principal: { kind: 'app', accountId: 'app-account-1' },
    });
    expect(await kvs.get('created:AIC-1')).toEqual({ summary: 'Access to Claude', status: 200 });
    const inv = h.platform.listInvocations({ since: before }).find((i) => i.key === 'issue-created');
    expect(inv).toMatchObject({
      kind: 'event',
      functionKey: 'on-issue-created',
      eventType: 'avi:jira:created:issue',
      attempt: 1,
      result: 'ok',
      kvsOps: { set: 1 },
      productCalls: 1,
    });
    expect(inv?.startedAt).toBe(Date.parse('2026-03-02T09:00:00Z'));
  });

  it('skips a trigger with ignoreSelf when the app caused the event', async () => {
    h.jira.emit(issueEvent({ causedByApp: true, atlassianId: 'app-account-1' }));
    await h.platform.settle();
    expect(seenBy('onIssueCreated')).toHaveLength(0);
    // The other created trigger has no ignoreSelf and still runs.
    expect(seenBy('onIssueCommented')).toHaveLength(1);
  });
});

describe('at least once', () => {
  it('delivers an event twice when the redelivery fault fires', async () => {
    h.faults.configure({ redeliver: 1 });
    const ids = h.platform.dispatchProductEvent(
      issueEvent({
        eventType: 'avi:jira:commented:issue',
        comment: { id: 'c1', body: {}, jsdPublic: true, author: { accountId: 'user-alice' } },
      }),
    );
    expect(ids).toHaveLength(2);
    await h.platform.settle();
    const runs = seenBy('onIssueCommented');
    expect(runs).toHaveLength(2);
    expect(runs[0]?.payload).toEqual(runs[1]?.payload);
    expect(runs[0]?.payload.comment).toEqual({
      id: 'c1',
      body: {},
      jsdPublic: true,
      author: { accountId: 'user-alice' },
    });
    expect(
      h.platform
        .listInvocations({ kind: 'event' })
        .map((i) => i.duplicate)
        .sort(),
    ).toEqual([false, true]);
  });
});

describe('updated events', () => {
  const updated = (overrides: Parameters<typeof issueEvent>[0] = {}) =>
    issueEvent({
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
      ...overrides,
    });

  it('carry changelog and associatedStatuses, and pass the trigger filter expression', async () => {
    h.platform.dispatchProductEvent(updated());
    await h.platform.settle();
    const [run] = seenBy('onIssueUpdated');
    expect(run?.payload.changelog.items[0]).toMatchObject({
      field: 'status',
      fromString: 'Open',
      toString: 'Approved',
    });
    expect(run?.payload.associatedStatuses).toEqual({
      from: { id: '1', name: 'Open' },
      to: { id: '3', name: 'Approved' },
    });
  });

  it('are filtered out when the expression is false', async () => {
    const e = updated();
    e.issue.fields.issuetype = { id: '1', name: 'Bug' };
    h.platform.dispatchProductEvent(e);
    await h.platform.settle();
    expect(seenBy('onIssueUpdated')).toHaveLength(0);
  });

  it('retry a trigger that returns InvocationError, with retryContext', async () => {
    const e = updated();
    e.issue.fields.summary = 'retry me';
    h.platform.dispatchProductEvent(e);
    await h.platform.settle({ advanceClock: true });
    expect(seenBy('onIssueUpdated').map((r) => r.payload.retryContext?.retryCount ?? 0)).toEqual([0, 1, 2]);
    expect(seenBy('onIssueUpdated')[1]?.payload.retryContext.retryReason).toBe('FUNCTION_UPSTREAM_RATE_LIMITED');
    // retryAfter 5 s twice on the sandbox clock.
    expect(h.clock.nowMs()).toBe(Date.parse('2026-03-02T09:00:10Z'));
  });
});
