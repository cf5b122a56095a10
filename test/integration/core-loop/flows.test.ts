import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { indexedDateTime } from '../../../src/usecases/shared/ticket-stamp';
import { IDS, PURPOSE, T0, makeCoreHarness, type CoreHarness } from './harness';

const DAY = 86_400_000;
let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

const actions = async (subject: string) => (await h.events(subject)).map((e) => (e.doc as { action: string }).action);

async function transition(who: 'agent' | 'admin', key: string, id: string) {
  const res = await h.call(who, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } });
  expect(res.status).toBe(204);
  await h.settle(true);
}

async function activeGrant(who: 'alice' | 'bob', toolId: string) {
  const r = h.fileViaPanel(who, { toolId, purpose: PURPOSE, days: 30 });
  await h.settle();
  await transition('agent', r.issueKey, '21');
  await transition('agent', r.issueKey, '51');
  expect((await h.record('grant', r.issueId))?.status).toBe('active');
  return r;
}

const agentCall = (functionName: string, payload: unknown, who: keyof typeof IDS = 'agent') =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-queues',
    functionName,
    payload,
    accountId: IDS[who],
  }) as Promise<any>;
// The panel renders on a portal's create-request page; Forge gives it that page's extension context.
const portalCall = (functionName: string, payload: unknown, who: keyof typeof IDS) =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-request-panel',
    functionName,
    payload,
    accountId: IDS[who],
    accountType: 'customer',
    extension: { portal: { id: 1 }, request: { typeId: h.requestTypes.requestAiAccess } },
  }) as Promise<any>;

describe('extension, hand-back, second approval', () => {
  it('extends a live grant from its current expiry and tells both tickets', async () => {
    const orig = await activeGrant('alice', 'claude-for-work');
    const before = (await h.record('grant', orig.issueId))!.doc;
    // Asking again while the grant is live is blocked, with a pointer to the extension request type.
    const again = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
    await h.settle();
    const [blocked] = await h.comments(again.issueKey);
    expect(blocked.text).toContain('Extend AI tool access');
    expect(blocked.text).toContain(orig.issueKey);
    const ext = h.fileViaPanel(
      'alice',
      { kind: 'extension', toolId: 'claude-for-work', purpose: 'Research project runs another month', days: 30 },
      'extendAiAccess',
    );
    await h.settle();
    expect((await h.record('request', ext.issueId))?.status).toBe('pending_approval');
    await transition('agent', ext.issueKey, '21');
    const after = (await h.record('grant', orig.issueId))!.doc;
    expect(after.expiresAt).toBe(new Date(Date.parse(before.expiresAt) + 30 * DAY).toISOString());
    expect(after.totalDays).toBe(60);
    expect(await actions(`grant:${orig.issueId}`)).toEqual(['grant.created', 'grant.fulfilled', 'grant.extended']);
    for (const key of [orig.issueKey, ext.issueKey])
      expect((await h.comments(key)).some((c) => c.text.includes('extended'))).toBe(true);
    // Documented indexed date format, no fractions (platform-contract.md JQL-1).
    expect((await h.issue(orig.issueKey)).properties.aiClearance.expiresAt).toBe(indexedDateTime(after.expiresAt));
    expect((await h.issue(ext.issueKey)).fields.status.name).toBe('Active');
  });

  it('hands access back: grant revoked, lock released, both tickets closed with a comment', async () => {
    const orig = await activeGrant('bob', 'github-copilot-business');
    const back = h.fileViaPanel('bob', { kind: 'hand_back', toolId: 'github-copilot-business' }, 'handBackAiAccess');
    await h.settle();
    expect((await h.record('grant', orig.issueId))?.doc).toMatchObject({
      status: 'revoked',
      ended: { reason: 'handed_back' },
    });
    expect(await h.record('lock', `${IDS.bob}:github-copilot-business`)).toBeUndefined();
    expect((await h.issue(orig.issueKey)).fields.status.name).toBe('Revoked');
    // The hand-back ticket never went through approval; this workflow closes it as withdrawn.
    expect((await h.issue(back.issueKey)).fields.status.name).toBe('Cancelled');
    expect((await h.issue(back.issueKey)).properties.aiClearance).toMatchObject({
      kind: 'hand_back',
      status: 'revoked',
    });
    expect((await h.comments(orig.issueKey)).some((c) => c.text.includes('handing back'))).toBe(true);
    expect(await actions(`grant:${orig.issueId}`)).toContain('grant.handed_back');
  });

  it('refuses a second approval of a request whose grant already ended, changing nothing', async () => {
    const r = await activeGrant('alice', 'chatgpt-enterprise');
    await transition('agent', r.issueKey, '61'); // revoke
    await transition('agent', r.issueKey, '81'); // reopen → Waiting for support
    await transition('agent', r.issueKey, '21'); // approve again
    expect((await h.record('grant', r.issueId))?.status).toBe('revoked');
    expect(await actions(`grant:${r.issueId}`)).toEqual(['grant.created', 'grant.fulfilled', 'grant.revoked']);
    const notes = (await h.comments(r.issueKey)).filter((c) => c.text.includes('Transition not applied'));
    expect(notes.length).toBeGreaterThanOrEqual(1);
    expect(notes.every((n) => !n.public)).toBe(true);
    expect((await h.issue(r.issueKey)).properties.aiClearance.status).toBe('revoked');
  });
});

describe('approvals view and portal resolvers', () => {
  it('lets an agent approve with a shorter duration, refuses lengthening, and forbids customers', async () => {
    const r = h.fileViaPanel('bob', { toolId: 'openai-api', purpose: PURPOSE, days: 20 });
    await h.settle();
    expect((await agentCall('approvals.decide', { request: r.issueKey, action: 'approve' }, 'alice')).error.code).toBe(
      'FORBIDDEN',
    );
    const list = await agentCall('approvals.list', {});
    expect(list.items.map((i: { issueKey: string }) => i.issueKey)).toContain(r.issueKey);
    expect(
      (await agentCall('approvals.decide', { request: r.issueKey, action: 'approve', days: 40 })).error.code,
    ).toMatch(/DURATION/);
    const ok = await agentCall('approvals.decide', { request: r.issueKey, action: 'approve', days: 10 });
    expect(ok).toMatchObject({ outcome: 'approved', issueKey: r.issueKey });
    await h.settle();
    const g = (await h.record('grant', r.issueId))!.doc;
    expect(g.days).toBe(10);
    expect((await h.issue(r.issueKey)).fields.status.name).toBe('In fulfilment');
    const detail = await agentCall('approvals.get', { request: r.issueKey });
    if (!detail.timeline) throw new Error(JSON.stringify(detail));
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['request.approved', 'grant.created']),
    );
  });

  it('refuses an agent approving their own request in the approvals view', async () => {
    const r = h.fileViaPanel('admin', { toolId: 'deepl-pro', purpose: PURPOSE, days: 120 });
    await h.settle();
    const res = await h.sb.forge.invokeResolver({
      moduleKey: 'ai-clearance-queues',
      functionName: 'approvals.decide',
      payload: { request: r.issueKey, action: 'approve' },
      accountId: IDS.admin,
    });
    expect((res as any).error.code).toBe('SELF_APPROVAL');
  });

  it('shows the portal only requestable tools and lets a requester cancel only their own request', async () => {
    const tools = await portalCall('portal.tools', {}, 'alice');
    expect(tools.tools.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining(['claude-for-work', 'chatgpt-enterprise']),
    );
    expect(tools.tools.map((t: { id: string }) => t.id)).not.toContain('midjourney');
    const draft = await portalCall('portal.validate', { toolId: 'claude-for-work', purpose: 'x', days: 500 }, 'alice');
    expect(draft.problems.map((p: { code: string }) => p.code)).toEqual(['PURPOSE_TOO_SHORT', 'DURATION_TOO_LONG']);
    const r = h.fileViaPanel('alice', { toolId: 'openai-api', purpose: PURPOSE, days: 20 });
    await h.settle();
    expect((await portalCall('portal.act', { request: r.issueKey, action: 'cancel' }, 'bob')).error.code).toBe(
      'REQUEST_NOT_FOUND',
    );
    expect(await portalCall('portal.act', { request: r.issueKey, action: 'cancel' }, 'alice')).toMatchObject({
      outcome: 'cancelled',
    });
    await h.settle();
    expect((await h.record('request', r.issueId))?.status).toBe('cancelled');
    expect((await h.issue(r.issueKey)).fields.status.name).toBe('Cancelled');
  });
});

describe('connector-bound tool without a connector', () => {
  it('queues the connector job and ends in manual_action_required with an agent task', async () => {
    await h.sb.forge.run(async () => {
      const store = kvsStore();
      const rec = await store.get<Record<string, unknown>>('catalog', 'chatgpt-enterprise');
      await store.commit({
        puts: [
          {
            expected: rec!.version,
            record: {
              ...rec!,
              version: rec!.version + 1,
              doc: { ...rec!.doc, connector: { provider: 'okta', groupId: '00g1emaKYZTWRYYRRTSK' } },
            },
          },
        ],
      });
    });
    const r = h.fileViaPanel('bob', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
    await h.settle();
    await transition('agent', r.issueKey, '21');
    const g = (await h.record('grant', r.issueId))!.doc;
    expect(g).toMatchObject({
      status: 'manual_action_required',
      fulfilment: { mode: 'connector', state: 'manual_action_required' },
    });
    expect(await actions(`grant:${r.issueId}`)).toEqual([
      'grant.created',
      'grant.fulfilment_queued',
      'grant.manual_action_required',
    ]);
    const task = (await h.comments(r.issueKey)).find((c) => c.text.includes('grant access manually'))!;
    expect(task.public).toBe(false);
    expect((await h.issue(r.issueKey)).properties.aiClearance).toMatchObject({
      status: 'manual_action_required',
      fulfilment: 'manual_action_required',
    });
    await transition('agent', r.issueKey, '51');
    expect((await h.record('grant', r.issueId))?.status).toBe('active');
    expect(Date.parse(T0)).toBeLessThan(Date.parse(g.expiresAt));
  });
});
