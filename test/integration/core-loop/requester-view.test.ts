// The requester's own view of a request (portal request detail, My AI access) and the actions on it:
// portal.request answers only the requester, with the grant's expiry, policy version, next review and the
// actions that apply; portal.extend files an extension request as the person, which intake then decides.
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
  // The admin's manual step for the extension request type's portal form (npm start does it on first start).
  h.sb.jira.setRequestTypePortal(h.requestTypes.extendAiAccess, {
    groups: ['AI tools'],
    fields: ['aiTool', 'accessDurationDays', 'businessPurpose'].map((f) => ({
      fieldId: h.fieldIds[f],
      required: true,
    })),
  });
});
afterAll(async () => {
  await h.close();
});

const detailCall = (functionName: string, payload: unknown, who: keyof typeof IDS) =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-request-detail',
    functionName,
    payload,
    accountId: IDS[who],
    accountType: 'customer',
  }) as Promise<any>;

async function approved(toolId: string) {
  const r = h.fileViaPanel('alice', { toolId, purpose: PURPOSE, days: 30 });
  await h.settle();
  await h.transitionAsAgent(r.issueKey, '21');
  await h.transitionAsAgent(r.issueKey, '51');
  return r;
}

describe('portal.request', () => {
  it('shows a pending request to its requester with cancel as the only action, and nothing to anyone else', async () => {
    const r = h.fileViaPanel('alice', { toolId: 'openai-api', purpose: PURPOSE, days: 20 });
    await h.settle();
    const mine = await detailCall('portal.request', { request: r.issueKey }, 'alice');
    expect(mine.request).toMatchObject({ issueKey: r.issueKey, status: 'pending_approval', toolId: 'openai-api' });
    expect(mine.grant).toBeNull();
    expect(mine.actions).toEqual(['cancel']);
    expect(await detailCall('portal.request', { request: r.issueKey }, 'bob')).toEqual({ request: null });
    expect((await detailCall('portal.act', { request: r.issueKey, action: 'cancel' }, 'alice')).outcome).toBe(
      'cancelled',
    );
  });

  it('shows an approved grant with expiry, policy version, next review and the live actions', async () => {
    const r = await approved('chatgpt-enterprise');
    const view = await detailCall('portal.request', { request: r.issueKey }, 'alice');
    expect(view.grant).toMatchObject({ status: 'active', live: true, toolId: 'chatgpt-enterprise', doNotRenew: false });
    expect(view.grant.policyVersion).toBeGreaterThanOrEqual(1);
    expect(Date.parse(view.grant.nextReviewAt)).toBeLessThan(Date.parse(view.grant.expiresAt));
    expect(view.grant.daysLeft).toBeGreaterThanOrEqual(29);
    expect(view.actions).toEqual(['extend', 'hand_back', 'do_not_renew']);

    expect((await detailCall('portal.act', { request: r.issueKey, action: 'do_not_renew' }, 'alice')).outcome).toBe(
      'do_not_renew',
    );
    await h.settle();
    const after = await detailCall('portal.request', { request: r.issueKey }, 'alice');
    expect(after.grant.doNotRenew).toBe(true);
    expect(after.actions).toEqual(['extend', 'hand_back']);
  });

  it('portal.extend files an extension request as the requester; intake records it against the grant', async () => {
    const r = await approved('claude-for-work');
    const ext = await detailCall(
      'portal.extend',
      { request: r.issueKey, days: 10, purpose: 'Still summarising interview notes for the research team' },
      'alice',
    );
    expect(ext).toEqual({ issueKey: expect.stringMatching(/^AIC-\d+$/) });
    await h.settle();
    const issue = await h.issue(ext.issueKey);
    expect(issue.fields.reporter.accountId).toBe(IDS.alice);
    const page = await h.call('agent', 'GET', `/rest/api/3/issue/${ext.issueKey}/properties/aiClearance`);
    expect(page.body.value).toMatchObject({ toolId: 'claude-for-work' });
    expect((await h.events(`request:${issue.id}`)).length).toBeGreaterThan(0);
    expect((await h.comments(ext.issueKey)).length).toBeGreaterThan(0);
    // Bob cannot extend Alice's access.
    expect((await detailCall('portal.extend', { request: r.issueKey, days: 10, purpose: 'x' }, 'bob')).error.code).toBe(
      'REQUEST_NOT_FOUND',
    );
  });
});
