// Issue 12 (c): numbers a requester or agent types are bounded before anything is stored.
// A duration of 1e300 (or 2^53) days used to be kept as the request's requestedDays: a
// record the app could not read back (STORED_DATA_INVALID), which broke the approvals view,
// the requester's cancel and every hourly sweep.
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

const agentCall = (functionName: string, payload: unknown) =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-queues',
    functionName,
    payload,
    accountId: IDS.agent,
  }) as Promise<any>;
// The panel renders on a portal's create-request page; Forge gives it that page's extension context.
const portalCall = (functionName: string, payload: unknown) =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-request-panel',
    functionName,
    payload,
    accountId: IDS.alice,
    accountType: 'customer',
    extension: { portal: { id: 1 }, request: { typeId: h.requestTypes.requestAiAccess } },
  }) as Promise<any>;

describe.each([
  ['1e300', 1e300],
  ['2**53', 2 ** 53],
  ['2**53 + 2', 2 ** 53 + 2],
  ['a 20-digit string', '99999999999999999999'],
  ['Number.MAX_VALUE', Number.MAX_VALUE],
])('a duration of %s days', (_label, days) => {
  it('is rejected with a readable record, and the view, cancel and sweeps keep working', async () => {
    const bad = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days });
    const good = h.fileViaPanel('alice', { toolId: 'openai-api', purpose: PURPOSE, days: 20 });
    await h.settle();

    const rec = await h.record('request', bad.issueId);
    expect(rec?.status).toBe('rejected_invalid');
    expect(rec?.doc.rejection.code).toMatch(/^DURATION_/);
    expect(
      rec?.doc.requestedDays === null ||
        (Number.isSafeInteger(rec?.doc.requestedDays) && rec!.doc.requestedDays <= 36_500),
    ).toBe(true);

    const list = await agentCall('approvals.list', {});
    expect(list.error).toBeUndefined();
    expect(list.items.map((i: { issueKey: string }) => i.issueKey)).toContain(good.issueKey);
    expect((await agentCall('approvals.get', { request: bad.issueKey })).error).toBeUndefined();
    expect(await portalCall('portal.act', { request: good.issueKey, action: 'cancel' })).toMatchObject({
      outcome: 'cancelled',
    });
    await h.settle();
    await h.runSweeps();
  });
});

// A transition without a screen takes no fields (Jira REST, POST transitions › 400): an approver can type a
// shorter duration on Approve only once the admin has given Approve a screen with the field (a manual step).
const approveScreenWithDuration = () =>
  h.sb.jira.setTransitionScreen('21', { fields: [h.fieldIds.accessDurationDays] });

it('refuses an approval that shortens to an unbounded number of days, through Jira and the approvals view', async () => {
  approveScreenWithDuration();
  const r = h.fileViaPanel('bob', { toolId: 'openai-api', purpose: PURPOSE, days: 20 });
  await h.settle();
  for (const days of [1e300, 2 ** 53, -1, 0.5]) {
    const res = await agentCall('approvals.decide', { request: r.issueKey, action: 'approve', days });
    expect(res.error?.code).toBeDefined();
  }
  expect((await h.record('request', r.issueId))?.status).toBe('pending_approval');

  // Through Jira: Approve with the duration field set to 1e300 in the same change.
  const res = await h.call('agent', 'POST', `/rest/api/3/issue/${r.issueKey}/transitions`, {
    transition: { id: '21' },
    fields: { [h.fieldIds.accessDurationDays]: 1e300 },
  });
  expect(res.status).toBe(204);
  await h.settle();
  const rec = await h.record('request', r.issueId);
  expect(rec?.status).toBe('pending_approval');
  expect(await h.record('grant', r.issueId)).toBeUndefined();
  expect((await h.comments(r.issueKey)).some((c) => !c.public && /Duration/i.test(c.text))).toBe(true);
  expect((await agentCall('approvals.list', {})).items.map((i: { issueKey: string }) => i.issueKey)).toContain(
    r.issueKey,
  );
});

it('approves through Jira for the shorter duration typed in the same change', async () => {
  approveScreenWithDuration();
  const r = h.fileViaPanel('bob', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  await h.settle();
  const res = await h.call('agent', 'POST', `/rest/api/3/issue/${r.issueKey}/transitions`, {
    transition: { id: '21' },
    fields: { [h.fieldIds.accessDurationDays]: 12 },
  });
  expect(res.status).toBe(204);
  await h.settle();
  expect((await h.record('grant', r.issueId))?.doc.days).toBe(12);
});
