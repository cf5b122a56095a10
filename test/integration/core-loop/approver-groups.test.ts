// Only members of the policy's approver group approve (README "Decisions").
// Through the real flow: a sandbox agent outside the group moves a ticket to
// Approve; the app refuses it like a self-approval (records stay pending, one
// internal note, the ticket moved back by the workflow's Back to approval),
// and a member then approves with the same transition.
import type { JiraProductEvent } from '../../../src/sandbox/contracts';
import { IDS, PURPOSE, makeCoreHarness, type Caller, type CoreHarness } from './harness';

let h: CoreHarness;
let outsider: string; // an agent in no approver group
let normalOnly: string; // an agent in ai-clearance-approvers only
beforeAll(async () => {
  h = await makeCoreHarness();
  outsider = h.addUser({ email: 'oscar@example.com', displayName: 'Oscar Outsider', roles: ['agent'] });
  normalOnly = h.addUser({
    email: 'nora@example.com',
    displayName: 'Nora Normal',
    roles: ['agent'],
    groups: ['ai-clearance-approvers'],
  });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => h.hold(false));

const decide = (accountId: string, payload: unknown) =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-queues',
    functionName: 'approvals.decide',
    payload,
    accountId,
  }) as Promise<any>;

const actions = async (subject: string) =>
  (await h.events(subject)).map((e) => e.doc as { action: string; after?: Record<string, unknown> });
const refusalNotes = async (key: string) =>
  (await h.comments(key)).filter((c) => c.text.includes('Transition not applied'));

async function pending(toolId: string, who: 'alice' | 'bob' = 'alice') {
  const r = h.fileViaPanel(who, { toolId, purpose: PURPOSE, days: 10 });
  await h.settle();
  expect((await h.record('request', r.issueId))?.status).toBe('pending_approval');
  return r;
}

async function transition(who: Caller, key: string, id: string) {
  const res = await h.call(who, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } });
  expect(res.status).toBe(204);
}

describe('approver group through workflow transitions', () => {
  it("refuses a non-member's Approve: records stay pending, one internal note naming the group, none more on redelivery; a member then approves", async () => {
    const { issueId, issueKey } = await pending('claude-for-work');
    h.hold(true);
    await transition(outsider, issueKey, '21');
    const [approve] = h.held.splice(0).filter((e) => e.eventType === 'avi:jira:updated:issue') as [JiraProductEvent];
    h.hold(false);
    h.deliver([approve]);
    await h.settle();

    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
    expect(await h.record('grant', issueId)).toBeUndefined();
    expect((await h.issue(issueKey)).properties.aiClearance.status).toBe('pending_approval');
    const notes = await refusalNotes(issueKey);
    expect(notes).toHaveLength(1);
    expect(notes[0].public).toBe(false);
    expect(notes[0].text).toContain(
      'Only members of ai-clearance-approvers can approve medium-risk AI tools. Ask a member of that group to decide.',
    );
    expect(notes[0].text).toContain('Oscar Outsider');
    const refused = (await actions(`request:${issueId}`)).filter((e) => e.after?.refusal === 'APPROVER_NOT_IN_GROUP');
    expect(refused.map((e) => e.action)).toEqual(['request.transition_corrected']);
    expect((await h.issue(issueKey)).fields.status.name).toBe('Waiting for approval');

    // At-least-once delivery: the same event again changes nothing and comments nothing.
    h.deliver([approve]);
    await h.settle();
    expect(await refusalNotes(issueKey)).toHaveLength(1);
    expect((await actions(`request:${issueId}`)).filter((e) => e.after?.refusal)).toHaveLength(1);

    // The ticket is back at Waiting for approval: a member approves with the same transition.
    await transition('agent', issueKey, '21');
    await h.settle();
    expect((await h.record('grant', issueId))?.doc).toMatchObject({
      status: 'pending_fulfilment',
      approver: IDS.agent,
    });
    await transition('agent', issueKey, '51');
    await h.settle();
    expect((await h.record('grant', issueId))?.status).toBe('active');
    expect(await refusalNotes(issueKey)).toHaveLength(1);
  });

  it('needs the security group for a high-risk tool: an agent in only the normal group is refused', async () => {
    const { issueId, issueKey } = await pending('openai-api', 'bob');
    await transition(normalOnly, issueKey, '21');
    await h.settle();
    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
    const notes = await refusalNotes(issueKey);
    expect(notes).toHaveLength(1);
    expect(notes[0].text).toContain('Only members of ai-clearance-security-approvers can approve high-risk AI tools.');

    // Membership is read for every approval: once the admin adds Nora to the group, her approval counts.
    h.sb.jira.updateUser(normalOnly, { groups: ['ai-clearance-approvers', 'ai-clearance-security-approvers'] });
    expect(await decide(normalOnly, { request: issueKey, action: 'approve' })).toMatchObject({ outcome: 'approved' });
    await h.settle();
    expect((await h.record('grant', issueId))?.doc).toMatchObject({
      status: 'pending_fulfilment',
      approver: normalOnly,
    });
  });

  it('refuses an extension approved by a non-member', async () => {
    const { issueId, issueKey } = await pending('github-copilot-business');
    await transition('agent', issueKey, '21');
    await transition('agent', issueKey, '51');
    await h.settle();
    const ext = h.fileViaPanel(
      'alice',
      {
        kind: 'extension',
        toolId: 'github-copilot-business',
        purpose: 'The migration project runs another month',
        days: 10,
      },
      'extendAiAccess',
    );
    await h.settle();
    expect((await h.record('request', ext.issueId))?.status).toBe('pending_approval');
    await transition(outsider, ext.issueKey, '21');
    await h.settle();
    expect((await h.record('request', ext.issueId))?.status).toBe('pending_approval');
    expect((await h.record('grant', issueId))?.doc.totalDays).toBe(10);
    expect((await refusalNotes(ext.issueKey))[0]?.text).toContain(
      'Only members of ai-clearance-approvers can approve extensions of medium-risk AI tools.',
    );
  });

  it('refuses when Jira will not say which groups the approver is in', async () => {
    const { issueId, issueKey } = await pending('claude-for-work', 'bob');
    // Jira answers the user read without groups (as when the app may not see them): never approve on that.
    const orig = h.sb.jira.handle.bind(h.sb.jira);
    (h.sb.jira as { handle: typeof orig }).handle = async (req) => {
      if (req.path === '/rest/api/3/user')
        return { status: 403, headers: {}, body: { errorMessages: ['Forbidden'], errors: {} } };
      return orig(req);
    };
    try {
      await transition('agent', issueKey, '21');
      await h.settle();
    } finally {
      (h.sb.jira as { handle: typeof orig }).handle = orig;
    }
    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
    expect((await refusalNotes(issueKey))[0]?.text).toMatch(
      /could not confirm that you are a member of ai-clearance-approvers.*Ask a Jira admin/s,
    );
  });

  it('lets declines through for a non-member', async () => {
    const { issueId, issueKey } = await pending('chatgpt-enterprise');
    await transition(outsider, issueKey, '31');
    await h.settle();
    // The decline still needs its rationale, but membership is not asked for.
    expect((await refusalNotes(issueKey)).every((n) => !n.text.includes('Only members'))).toBe(true);
    const res = await h.call(outsider, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, {
      transition: { id: '31' },
      update: {
        comment: [
          {
            add: {
              body: {
                type: 'doc',
                version: 1,
                content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Use the team workspace instead' }] }],
              },
            },
          },
        ],
      },
    });
    expect(res.status).toBe(204);
    await h.settle();
    expect((await h.record('request', issueId))?.status).toBe('declined');
  });
});

describe('approver group in the approvals view', () => {
  it('answers a non-member with the refusal and changes nothing; a member approves', async () => {
    const { issueId, issueKey } = await pending('chatgpt-enterprise', 'bob');
    const before = (await h.comments(issueKey)).length;
    const res = await decide(outsider, { request: issueKey, action: 'approve' });
    expect(res.error).toMatchObject({ code: 'APPROVER_NOT_IN_GROUP' });
    expect(res.error.message).toContain('Only members of ai-clearance-approvers');
    await h.settle();
    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
    expect(await h.comments(issueKey)).toHaveLength(before);
    expect(await decide(IDS.agent, { request: issueKey, action: 'approve' })).toMatchObject({ outcome: 'approved' });
  });
});
