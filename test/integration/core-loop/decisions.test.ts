import { IDS, PURPOSE, T0, makeCoreHarness, type CoreHarness } from './harness';
import { indexedDateTime } from '../../../src/usecases/shared/ticket-stamp';

const DAY = 86_400_000;
let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const actions = async (subject: string) => (await h.events(subject)).map((e) => (e.doc as { action: string }).action);

async function pending(who: 'alice' | 'bob' | 'admin', toolId: string) {
  const r = h.fileViaPanel(who, { toolId, purpose: PURPOSE, days: 30 });
  await h.settle();
  expect((await h.record('request', r.issueId))?.status).toBe('pending_approval');
  return r;
}

async function transition(
  who: 'agent' | 'admin' | 'alice',
  key: string,
  id: string,
  extra: Record<string, unknown> = {},
) {
  const res = await h.call(who, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id }, ...extra });
  expect(res.status).toBe(204);
}

describe('decisions through workflow transitions', () => {
  it('approves: grant with expiry = approval time + 30 days, comment with tool, duration, expiry and policy version', async () => {
    const { issueId, issueKey } = await pending('alice', 'claude-for-work');
    h.sb.clock.advance('PT2H');
    const approvedAt = Date.parse(T0) + 2 * 3_600_000;
    await transition('agent', issueKey, '21');
    await h.settle();
    const grant = await h.record('grant', issueId);
    expect(grant?.doc).toMatchObject({
      status: 'pending_fulfilment',
      approver: IDS.agent,
      start: new Date(approvedAt).toISOString(),
      expiresAt: new Date(approvedAt + 30 * DAY).toISOString(),
      policyVersion: 1,
    });
    const comments = await h.comments(issueKey);
    const approved = comments.find((c) => c.text.includes('approved'))!;
    expect(approved.public).toBe(true);
    expect(approved.text).toMatch(/Claude for Work/);
    expect(approved.text).toMatch(/30 days/);
    expect(approved.text).toMatch(/Policy version: 1/);
    expect(approved.text).toMatch(/Avery Agent/);
    expect(comments.some((c) => !c.public && c.text.includes('grant access manually'))).toBe(true);

    await transition('agent', issueKey, '51');
    await h.settle();
    expect((await h.record('grant', issueId))?.status).toBe('active');
    const issue = await h.issue(issueKey);
    // The indexed property carries the date in jira:entityProperty's documented format, no fractions (platform-contract.md JQL-1).
    expect(issue.properties.aiClearance).toMatchObject({
      status: 'active',
      expiresAt: indexedDateTime(new Date(approvedAt + 30 * DAY).toISOString()),
      fulfilment: 'manual',
    });
    expect(await actions(`grant:${issueId}`)).toEqual(['grant.created', 'grant.fulfilled']);

    // JQL finds it by the property and by its search alias.
    for (const jql of ['issue.property[aiClearance].status = "active"', 'aicStatus = "active"']) {
      const res = await h.call('admin', 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'] });
      expect(res.body.issues.map((i: { key: string }) => i.key)).toContain(issueKey);
    }
  });

  it('refuses self-approval with an internal note, leaves the request pending and puts the ticket back', async () => {
    const { issueId, issueKey } = await pending('admin', 'chatgpt-enterprise');
    await transition('admin', issueKey, '21');
    await h.settle();
    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
    expect(await h.record('grant', issueId)).toBeUndefined();
    const note = (await h.comments(issueKey)).find((c) => c.text.includes('Transition not applied'))!;
    expect(note.public).toBe(false);
    expect(note.text).toMatch(/own request/);
    expect((await h.issue(issueKey)).properties.aiClearance.status).toBe('pending_approval');
    // The workflow has a way back (Back to approval), so the refused Approve is undone, not just noted.
    expect((await h.issue(issueKey)).fields.status.name).toBe('Waiting for approval');
    expect(await actions(`request:${issueId}`)).toContain('request.transition_corrected');
  });

  it('refuses a decline without rationale (moving the ticket back) and accepts one with the transition comment', async () => {
    const { issueId, issueKey } = await pending('bob', 'github-copilot-business');
    await transition('agent', issueKey, '31');
    await h.settle();
    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
    // Declined can only be reopened to the start status in this workflow: open again, approve/decline from there.
    expect((await h.issue(issueKey)).fields.status.name).toBe('Waiting for support');
    const note = (await h.comments(issueKey)).find((c) => c.text.includes('rationale'))!;
    expect(note.public).toBe(false);

    await transition('agent', issueKey, '31', {
      update: { comment: [{ add: { body: adf('Use the approved coding assistant instead') } }] },
    });
    await h.settle();
    const rec = await h.record('request', issueId);
    expect(rec?.status).toBe('declined');
    expect(rec?.doc.decision.rationale).toBe('Use the approved coding assistant instead');
    expect(await h.record('lock', `${IDS.bob}:github-copilot-business`)).toBeUndefined();
    const declined = (await h.comments(issueKey)).find((c) => c.text.includes('declined'))!;
    expect(declined.public).toBe(true);
    expect(declined.text).toContain('Use the approved coding assistant instead');
  });

  it('lets the requester cancel and an agent revoke, releasing the lock each time', async () => {
    const { issueId, issueKey } = await pending('alice', 'chatgpt-enterprise');
    await transition('agent', issueKey, '21');
    await h.settle();
    await transition('agent', issueKey, '51');
    await h.settle();
    await transition('agent', issueKey, '61');
    await h.settle();
    expect((await h.record('grant', issueId))?.doc).toMatchObject({
      status: 'revoked',
      ended: { reason: 'revoked', by: IDS.agent },
    });
    expect(await h.record('lock', `${IDS.alice}:chatgpt-enterprise`)).toBeUndefined();
    expect((await h.issue(issueKey)).properties.aiClearance.status).toBe('revoked');
    // A fresh request is possible at once.
    await pending('alice', 'chatgpt-enterprise');
  });
});
