// Issue 12 (b): two decisions at once — the first committed wins, the loser is told (an internal
// note on the ticket) and Jira is moved to match the winner. And a grant that ends while its
// ticket sits in "In fulfilment" moves the ticket out (the workflow offers the exits the app
// needs: src/domain/provisioning/workflow-exits.ts).
import { PURPOSE, IDS, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});
afterEach(() => h.hold(false));

const view = (action: 'approve' | 'decline', request: string) =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-queues',
    functionName: 'approvals.decide',
    payload: { request, action, ...(action === 'decline' ? { rationale: 'Use the approved assistant instead' } : {}) },
    accountId: IDS.admin,
  }) as Promise<any>;

async function jiraTransition(key: string, id: string) {
  const res = await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } });
  expect(res.status).toBe(204);
}

/** Files a request; an agent clicks `clicks` in Jira while another decides in the approvals view before the app sees the clicks. */
async function race(who: 'alice' | 'bob', toolId: string, clicks: string[], decision: 'approve' | 'decline') {
  const r = h.fileViaPanel(who, { toolId, purpose: PURPOSE, days: 20 });
  await h.settle();
  h.hold(true);
  for (const id of clicks) await jiraTransition(r.issueKey, id);
  expect(await view(decision, r.issueKey)).toMatchObject({ outcome: decision === 'approve' ? 'approved' : 'declined' });
  const held = h.held.splice(0);
  h.hold(false);
  h.deliver(held);
  await h.settle(true);
  return r;
}

it('a decline committed first wins over an Approve clicked in Jira at the same time: declined in the record and in Jira, the approver told', async () => {
  const r = await race('alice', 'chatgpt-enterprise', ['21'], 'decline'); // Approve in Jira, decline in the view

  expect((await h.record('request', r.issueId))?.status).toBe('declined');
  expect(await h.record('grant', r.issueId)).toBeUndefined();
  expect((await h.issue(r.issueKey)).fields.status.name).toBe('Declined');
  const notes = (await h.comments(r.issueKey)).filter((c) => !c.public);
  expect(notes.some((c) => /Approve|In fulfilment/i.test(c.text))).toBe(true);
});

it('an approval committed first wins over a Decline clicked in Jira at the same time: the ticket goes back to In fulfilment', async () => {
  const r = await race('bob', 'chatgpt-enterprise', ['31'], 'approve'); // Decline in Jira, approve in the view

  expect((await h.record('request', r.issueId))?.status).toBe('approved');
  expect((await h.record('grant', r.issueId))?.status).toBe('pending_fulfilment');
  expect((await h.issue(r.issueKey)).fields.status.name).toBe('In fulfilment');
  expect((await h.comments(r.issueKey)).some((c) => !c.public && /Declined/.test(c.text))).toBe(true);
});

it('a declined request whose ticket is then marked fulfilled in Jira goes back to Declined, not Active', async () => {
  const r = await race('alice', 'openai-api', ['21', '51'], 'decline'); // Approve and Mark fulfilled (Active) in Jira
  expect((await h.record('request', r.issueId))?.status).toBe('declined');
  expect((await h.issue(r.issueKey)).fields.status.name).toBe('Declined');
});

it('a grant that expires while its ticket is still In fulfilment moves the ticket to Expired', async () => {
  const r = h.fileViaPanel('bob', { toolId: 'openai-api', purpose: PURPOSE, days: 5 });
  await h.settle();
  await jiraTransition(r.issueKey, '21');
  await h.settle();
  expect((await h.issue(r.issueKey)).fields.status.name).toBe('In fulfilment');
  h.sb.clock.advance('P6D');
  await h.runSweeps();
  expect((await h.record('grant', r.issueId))?.status).toBe('expired');
  expect((await h.issue(r.issueKey)).fields.status.name).toBe('Expired');
});
