// A decision from the approvals view or the portal is saved even when Jira is busy at the moment of the
// ticket write: the resolver (25 s, no retries) hands the write to the aic-work queue and says so; when Jira
// is busy BEFORE anything is saved, it says "nothing was changed, try again" (never "saved").
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await makeCoreHarness();
});
afterEach(async () => {
  await h.close();
});

const agentCall = (functionName: string, payload: unknown) =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-queues',
    functionName,
    payload,
    accountId: IDS.agent,
  }) as Promise<any>;

it('an approval whose ticket write meets a 429 is saved, answered "catching up", and the queue writes the ticket once', async () => {
  const r = h.fileViaPanel('alice', { toolId: 'github-copilot-business', purpose: PURPOSE, days: 30 });
  await h.settle();
  // The ticket write (the only writes to the issue) answers 429; the reads before the commit go through.
  const realHandle = h.sb.jira.handle.bind(h.sb.jira);
  (h.sb.jira as { handle: typeof realHandle }).handle = async (req) =>
    req.method !== 'GET' && req.path.startsWith(`/rest/api/3/issue/`)
      ? { status: 429, headers: { 'Retry-After': '30' }, body: { errorMessages: ['Rate limit exceeded.'], errors: {} } }
      : realHandle(req);
  const res = await agentCall('approvals.decide', { request: r.issueKey, action: 'approve' });
  (h.sb.jira as { handle: typeof realHandle }).handle = realHandle;
  expect(res).toMatchObject({ outcome: 'approved', ticket: 'catching_up' });
  expect((await h.record('request', r.issueId))?.status).toBe('approved');
  await h.sb.forge.settle({ advanceClock: true });
  expect((await h.issue(r.issueKey)).fields.status.name).toBe('In fulfilment');
  expect((await h.comments(r.issueKey)).filter((c) => c.text.includes('approved by'))).toHaveLength(1);
});

it('an approval whose approver read meets a 429 changes nothing and says to try again', async () => {
  const r = h.fileViaPanel('alice', { toolId: 'github-copilot-business', purpose: PURPOSE, days: 30 });
  await h.settle();
  h.sb.faults.configure({ jira: { rate429: 1 } });
  const res = await agentCall('approvals.decide', { request: r.issueKey, action: 'approve' });
  h.sb.faults.reset();
  expect(res.error).toMatchObject({ code: 'TRY_AGAIN' });
  expect(res.error.message).toMatch(/nothing was changed/);
  expect((await h.record('request', r.issueId))?.status).toBe('pending_approval');
});
