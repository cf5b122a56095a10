// Issue 12: after the trigger's retries and the queue's, the hourly sweep reconciles: a ticket of the app's
// project without a record is taken in, a decision whose event never arrived is made, an owed write is
// resumed, and a status that disagrees with the records for no reason the changelog shows is moved back
// (with an internal note), once. Events are dropped here (held and never delivered), as a lost delivery.
import { APP_ACCOUNT_ID } from '../../../src/sandbox/jira';
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

jest.setTimeout(60_000);

let h: CoreHarness;
beforeEach(async () => {
  h = await makeCoreHarness();
});
afterEach(async () => {
  await h.close();
});

/** Runs `fn` with Jira's events dropped: the app never hears of what it does. */
async function lost<T>(fn: () => Promise<T> | T): Promise<T> {
  h.hold(true);
  try {
    return await fn();
  } finally {
    h.held.splice(0);
    h.hold(false);
  }
}

async function hourly(): Promise<void> {
  h.sb.clock.advance('PT1H');
  await h.runSweeps();
  await h.settle();
}

it('a request whose created event never arrived is taken in by the next hourly run, once', async () => {
  const r = await lost(() => h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 }));
  await h.settle();
  expect(await h.record('request', r.issueId)).toBeUndefined();
  await hourly();
  expect((await h.record('request', r.issueId))?.status).toBe('pending_approval');
  expect((await h.issue(r.issueKey)).fields.status.name).toBe('Waiting for approval');
  await hourly();
  const comments = await h.comments(r.issueKey);
  expect(comments.filter((c) => c.text.includes('waiting for approval'))).toHaveLength(1);
  expect((await h.events(`request:${r.issueId}`)).map((e) => (e.doc as { action: string }).action)).toEqual([
    'request.submitted',
    'request.pending_approval',
  ]);
});

it('an Approve whose updated event never arrived is applied by the next hourly run, as the agent who made it', async () => {
  const r = h.fileViaPanel('alice', { toolId: 'github-copilot-business', purpose: PURPOSE, days: 30 });
  await h.settle();
  await lost(async () =>
    expect(
      (await h.call('agent', 'POST', `/rest/api/3/issue/${r.issueKey}/transitions`, { transition: { id: '21' } }))
        .status,
    ).toBe(204),
  );
  await h.settle();
  expect((await h.record('request', r.issueId))?.status).toBe('pending_approval');
  await hourly();
  expect((await h.record('request', r.issueId))?.status).toBe('approved');
  expect((await h.record('grant', r.issueId))?.doc).toMatchObject({
    status: 'pending_fulfilment',
    approver: IDS.agent,
  });
  await hourly();
  expect((await h.comments(r.issueKey)).filter((c) => c.text.includes('approved by'))).toHaveLength(1);
});

it('a status nothing explains (the app’s own move, its record never updated) is moved back once, with an internal note and a governance event', async () => {
  const r = h.fileViaPanel('bob', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  await h.settle();
  // The app's account moves the ticket to Cancelled (as a lost or half-done write of its own would); its event is ignoreSelf anyway.
  await lost(async () => {
    const res = await h.sb.jira.handle({
      method: 'POST',
      path: `/rest/api/3/issue/${r.issueKey}/transitions`,
      query: new URLSearchParams(),
      headers: {},
      body: { transition: { id: '41' } },
      principal: { kind: 'app', accountId: APP_ACCOUNT_ID },
    });
    expect(res.status).toBe(204);
  });
  expect((await h.issue(r.issueKey)).fields.status.name).toBe('Cancelled');
  await hourly();
  expect((await h.record('request', r.issueId))?.status).toBe('pending_approval');
  expect(['Waiting for approval', 'Waiting for support']).toContain((await h.issue(r.issueKey)).fields.status.name);
  const notes = (await h.comments(r.issueKey)).filter((c) => !c.public && c.text.includes('the hourly check moved it'));
  expect(notes).toHaveLength(1);
  expect((await h.events(`request:${r.issueId}`)).map((e) => (e.doc as { action: string }).action)).toContain(
    'request.transition_corrected',
  );
  await hourly();
  expect(
    (await h.comments(r.issueKey)).filter((c) => !c.public && c.text.includes('the hourly check moved it')),
  ).toHaveLength(1);
});
