// The agent's issue panel and the approvals view, through their resolvers:
// "can I approve this, and if not why" before anyone clicks (the same rules a
// decision applies, nothing saved), the request's evidence with its chains
// verified, and bulk decisions decided and evidenced one request at a time.
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
let outsider: string; // an agent in no approver group
beforeAll(async () => {
  h = await makeCoreHarness();
  outsider = h.addUser({ email: 'oscar@example.com', displayName: 'Oscar Outsider', roles: ['agent'] });
});
afterAll(async () => {
  await h.close();
});

const agentCall = (accountId: string, functionName: string, payload: unknown) =>
  h.sb.forge.invokeResolver({ moduleKey: 'ai-clearance-queues', functionName, payload, accountId }) as Promise<any>;

async function pending(who: 'alice' | 'bob' | 'admin', toolId: string, days = 30) {
  const r = h.fileViaPanel(who, { toolId, purpose: PURPOSE, days });
  await h.settle();
  expect((await h.record('request', r.issueId))?.status).toBe('pending_approval');
  return r;
}
const actions = async (subject: string) =>
  (await h.events(subject)).map((e) => e.doc as { action: string; actor: unknown; after?: Record<string, unknown> });

describe('approvals.preview', () => {
  it('tells an approver they may approve, up to what was asked and the policy allows, with the policy and duplicate check', async () => {
    const { issueKey, issueId } = await pending('alice', 'chatgpt-enterprise', 30);
    const before = await actions(`request:${issueId}`);
    const p = await agentCall(IDS.agent, 'approvals.preview', { request: issueKey });
    expect(p.approve).toEqual({ allowed: true, maxDays: 30, requestedDays: 30 });
    expect(p.decline).toEqual({ allowed: true, rationaleMinChars: 3 });
    expect(p.policy).toMatchObject({ riskLevel: 'medium', approverGroup: 'ai-clearance-approvers' });
    expect(p.policy.version).toBeGreaterThanOrEqual(1);
    expect(p.duplicate.result).toBe('unique');
    // Nothing was saved: the request is still pending and has no new evidence.
    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
    expect(await actions(`request:${issueId}`)).toEqual(before);
  });

  it('says why before the click: a non-member is refused by group, the requester by separation of duties, each may still decline or not', async () => {
    const mine = await pending('admin', 'claude-for-work');
    const self = await agentCall(IDS.admin, 'approvals.preview', { request: mine.issueKey });
    expect(self.approve.allowed).toBe(false);
    expect(self.approve.code).toBe('SELF_APPROVAL');
    expect(self.approve.message).toMatch(/separation of duties/);

    const other = await agentCall(outsider, 'approvals.preview', { request: mine.issueKey });
    expect(other.approve).toMatchObject({ allowed: false, code: 'APPROVER_NOT_IN_GROUP' });
    expect(other.approve.message).toContain('ai-clearance-approvers');
    expect(other.decline.allowed).toBe(true);

    // And the real decision then refuses exactly as previewed.
    const real = await agentCall(outsider, 'approvals.decide', { request: mine.issueKey, action: 'approve' });
    expect(real.error.code).toBe('APPROVER_NOT_IN_GROUP');
  });

  it('refuses customers and unknown requests', async () => {
    expect((await agentCall(IDS.alice, 'approvals.preview', { request: 'AIC-1' })).error.code).toBe('FORBIDDEN');
    expect((await agentCall(IDS.agent, 'approvals.preview', { request: 'AIC-9999' })).error.code).toBe(
      'REQUEST_NOT_FOUND',
    );
  });
});

describe('approvals.get', () => {
  it('shows the tool with its data handling and the evidence timeline with both chains verified', async () => {
    const { issueKey, issueId } = await pending('bob', 'chatgpt-enterprise', 20);
    const approved = await agentCall(IDS.agent, 'approvals.decide', { request: issueKey, action: 'approve', days: 10 });
    expect(approved.outcome).toBe('approved');
    await h.settle();
    const d = await agentCall(IDS.agent, 'approvals.get', { request: issueKey });
    expect(d.tool).toMatchObject({ id: 'chatgpt-enterprise', risk: 'medium', status: 'requestable' });
    expect(typeof d.tool.dataHandling.sso).toBe('boolean');
    expect(d.chains.request).toMatchObject({ ok: true, message: null });
    expect(d.chains.grant.ok).toBe(true);
    expect(d.chains.request.events).toBe((await h.events(`request:${issueId}`)).length);
    const timeline = d.timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['request.submitted', 'request.approved', 'grant.created']));
    expect(d.grant.days).toBe(10);
    // Decided: asking for the preview too adds none (there is nothing left to decide).
    expect(await agentCall(IDS.agent, 'approvals.get', { request: issueKey, withPreview: true })).not.toHaveProperty(
      'preview',
    );
  });

  it('with withPreview, answers a pending request with the same preview approvals.preview gives (one round trip)', async () => {
    const { issueKey } = await pending('alice', 'claude-for-work', 14);
    const both = await agentCall(outsider, 'approvals.get', { request: issueKey, withPreview: true });
    expect(both.request.status).toBe('pending_approval');
    expect(both.preview).toEqual(await agentCall(outsider, 'approvals.preview', { request: issueKey }));
    expect(both.preview.approve).toMatchObject({ allowed: false, code: 'APPROVER_NOT_IN_GROUP' });
    expect(await agentCall(IDS.agent, 'approvals.get', { request: issueKey })).not.toHaveProperty('preview');
    expect((await agentCall(IDS.agent, 'approvals.get', { request: issueKey, withPreview: 'yes' })).error.code).toBe(
      'BAD_REQUEST',
    );
  });
});

describe('approvals.decideMany', () => {
  it('declines several with one rationale, each evidenced on its own, per-request results, idempotent on retry', async () => {
    const a = await pending('alice', 'github-copilot-business');
    const b = await pending('bob', 'claude-for-work');
    const mine = await pending('admin', 'chatgpt-enterprise');
    const rationale = 'Budget freeze until next quarter';
    const first = await agentCall(IDS.admin, 'approvals.decideMany', {
      requests: [a.issueKey, b.issueKey, mine.issueKey],
      action: 'decline',
      rationale,
    });
    expect(first.results).toEqual([
      { request: a.issueKey, ok: true, outcome: 'declined', issueKey: a.issueKey, already: false, ticket: 'written' },
      { request: b.issueKey, ok: true, outcome: 'declined', issueKey: b.issueKey, already: false, ticket: 'written' },
      // Declining your own request is allowed (it is not an approval); the third row is decided too.
      {
        request: mine.issueKey,
        ok: true,
        outcome: 'declined',
        issueKey: mine.issueKey,
        already: false,
        ticket: 'written',
      },
    ]);
    await h.settle();
    for (const r of [a, b, mine]) {
      expect((await h.record('request', r.issueId))?.status).toBe('declined');
      const declined = (await actions(`request:${r.issueId}`)).filter((e) => e.action === 'request.declined');
      expect(declined).toHaveLength(1);
      expect(JSON.stringify(declined[0])).toContain(rationale);
      expect((await h.comments(r.issueKey)).some((c) => c.public && c.text.includes(rationale))).toBe(true);
    }
    // A retried call answers the same decisions and writes nothing more.
    const again = await agentCall(IDS.admin, 'approvals.decideMany', {
      requests: [a.issueKey, b.issueKey],
      action: 'decline',
      rationale,
    });
    expect(again.results.map((r: { ok: boolean; already: boolean }) => [r.ok, r.already])).toEqual([
      [true, true],
      [true, true],
    ]);
    for (const r of [a, b])
      expect((await actions(`request:${r.issueId}`)).filter((e) => e.action === 'request.declined')).toHaveLength(1);
  });

  it('approves what it may and reports each refusal by request without stopping the rest', async () => {
    const mine = await pending('admin', 'github-copilot-business');
    const hers = await pending('bob', 'github-copilot-business');
    const res = await agentCall(IDS.admin, 'approvals.decideMany', {
      requests: [mine.issueKey, hers.issueKey],
      action: 'approve',
    });
    expect(res.results[0]).toMatchObject({ request: mine.issueKey, ok: false, code: 'SELF_APPROVAL' });
    expect(res.results[1]).toMatchObject({ request: hers.issueKey, ok: true, outcome: 'approved' });
    expect((await h.record('request', mine.issueId))?.status).toBe('pending_approval');
    // Someone else's earlier decision is not "already done" for this person: it is a refusal.
    const other = await agentCall(IDS.agent, 'approvals.decideMany', { requests: [hers.issueKey], action: 'approve' });
    expect(other.results[0]).toMatchObject({ ok: false, code: 'REQUEST_NOT_PENDING' });
  });

  it('needs at least one request and a known action', async () => {
    const none = await agentCall(IDS.agent, 'approvals.decideMany', { requests: [], action: 'decline' });
    expect(none.error.code).toBe('BAD_REQUEST');
    expect(none.error.message).toContain('pick at least one request');
    const bad = await agentCall(IDS.agent, 'approvals.decideMany', { requests: ['AIC-1'], action: 'revoke' });
    expect(bad.error.code).toBe('BAD_REQUEST');
  });
});
