// Extensions past the tool's maxTotalDays need the higher tier (README
// "Extend AI tool access"): through the real flow, an approver in only the
// normal group is refused (records unchanged, internal note naming the
// security group, ticket moved back), then a security approver extends past
// the limit and the grant, its governance event and the comment say so.
import { IDS, PURPOSE, makeCoreHarness, type Caller, type CoreHarness } from './harness';

const DAY = 86_400_000;
const SECURITY = 'ai-clearance-security-approvers';
let h: CoreHarness;
let normalOnly: string; // an agent in ai-clearance-approvers only
beforeAll(async () => {
  h = await makeCoreHarness();
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

async function transition(who: Caller, key: string, id: string) {
  const res = await h.call(who, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } });
  expect(res.status).toBe(204);
  await h.settle();
}

async function extension(days: number) {
  const ext = h.fileViaPanel(
    'alice',
    { kind: 'extension', toolId: 'claude-for-work', purpose: 'The research project runs another quarter', days },
    'extendAiAccess',
  );
  await h.settle();
  expect((await h.record('request', ext.issueId))?.status).toBe('pending_approval');
  return ext;
}

describe('extension past maxTotalDays', () => {
  it('refuses a normal-group approver and lets a security approver extend past the limit, recorded on the grant, the event and the comment', async () => {
    // claude-for-work is medium risk: 90 days per grant, 180 in total.
    const orig = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days: 90 });
    await h.settle();
    await transition('agent', orig.issueKey, '21');
    await transition('agent', orig.issueKey, '51');
    // Up to the limit, a normal-group approver suffices, as before.
    await transition(normalOnly, (await extension(90)).issueKey, '21');
    expect((await h.record('grant', orig.issueId))?.doc).toMatchObject({
      status: 'active',
      totalDays: 180,
      maxTotalDays: 180,
    });
    const before = (await h.record('grant', orig.issueId))!.doc;

    const ext = await extension(30);
    await transition(normalOnly, ext.issueKey, '21');
    expect((await h.record('request', ext.issueId))?.status).toBe('pending_approval');
    expect((await h.record('grant', orig.issueId))?.doc.totalDays).toBe(180);
    const notes = (await h.comments(ext.issueKey)).filter((c) => c.text.includes('Transition not applied'));
    expect(notes).toHaveLength(1);
    expect(notes[0].public).toBe(false);
    expect(notes[0].text).toContain(`bring the total to 210 days, past this tool's limit of 180 days`);
    expect(notes[0].text).toContain(
      `a member of ${SECURITY} must approve it, or the requester can file a new request after this access ends`,
    );
    expect((await h.issue(ext.issueKey)).fields.status.name).toBe('Waiting for approval');

    // The seeded agent is in both groups: the same transition now goes through.
    await transition('agent', ext.issueKey, '21');
    const after = (await h.record('grant', orig.issueId))!.doc;
    expect(after).toMatchObject({ status: 'active', totalDays: 210, maxTotalDays: 180 });
    expect(after.expiresAt).toBe(new Date(Date.parse(before.expiresAt) + 30 * DAY).toISOString());
    expect(after.extensions.at(-1)).toMatchObject({
      issueKey: ext.issueKey,
      by: IDS.agent,
      overLimit: { limit: 180, approvedAs: SECURITY },
    });
    expect(after.extensions[0]).not.toHaveProperty('overLimit');
    const extended = (await h.events(`grant:${orig.issueId}`))
      .map((e) => e.doc as { action: string; after?: Record<string, unknown> })
      .filter((e) => e.action === 'grant.extended');
    expect(extended).toHaveLength(2);
    expect(extended[0].after).not.toHaveProperty('overLimit');
    expect(extended[1].after).toMatchObject({ totalDays: 210, overLimit: { limit: 180, approvedAs: SECURITY } });
    for (const key of [orig.issueKey, ext.issueKey]) {
      const said = (await h.comments(key)).filter((c) => c.text.includes("past the tool's usual limit"));
      expect(said).toHaveLength(1);
      expect(said[0].text).toContain(
        `total to 210 days, past the tool's usual limit of 180 days. That needed a higher approval, given by a member of ${SECURITY}`,
      );
    }
    expect((await h.issue(ext.issueKey)).fields.status.name).toBe('Active');
  });
});
