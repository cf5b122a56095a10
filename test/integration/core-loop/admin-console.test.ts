// The admin console's own resolvers: the Overview counts (by status, expiring, stale, last verification)
// and the Settings (validated, each change evidenced with what it was before).
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

const admin = (functionName: string, payload: unknown = {}, who: string = IDS.admin) =>
  h.sb.forge.invokeResolver({ moduleKey: 'ai-clearance-admin', functionName, payload, accountId: who }) as Promise<any>;

describe('overview.get', () => {
  it('counts requests and grants by status, access expiring within 14 days, and remembers the last verification', async () => {
    const before = await admin('overview.get');
    expect(before.lastVerification).toBeNull();
    const a = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 10 });
    h.fileViaPanel('bob', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
    await h.settle();
    const approved = await h.sb.forge.invokeResolver({
      moduleKey: 'ai-clearance-queues',
      functionName: 'approvals.decide',
      payload: { request: a.issueKey, action: 'approve' },
      accountId: IDS.agent,
    });
    expect((approved as { outcome: string }).outcome).toBe('approved');
    await h.settle();

    const o = await admin('overview.get');
    expect(o.requests.pending_approval).toBe(before.requests.pending_approval + 1);
    expect(o.requests.approved).toBe(before.requests.approved + 1);
    const live = (o.grants.active as number) + (o.grants.pending_fulfilment as number);
    expect(live).toBe(before.grants.active + before.grants.pending_fulfilment + 1);
    // 10 days of access expire within the next 14 days (if the grant is active, i.e. fulfilled).
    expect(o.expiringIn14Days).toBe(o.grants.active >= 1 ? 1 : 0);
    expect(o.stalePending).toBe(0);

    const verified = await admin('governance.verifyAll');
    expect(verified.ok).toBe(true);
    const after = await admin('overview.get');
    expect(after.lastVerification).toMatchObject({ ok: true, by: IDS.admin, events: verified.counts.events });
  });

  it('is for Jira admins only', async () => {
    expect((await admin('overview.get', {}, IDS.agent)).error.code).toBe('FORBIDDEN');
  });
});

describe('settings', () => {
  it('reads the defaults, saves a change with a settings.updated event naming before and after, and is idempotent', async () => {
    const s = await admin('settings.get');
    expect(s).toMatchObject({ projectKey: 'AIC', retentionDays: 400, liveGrantsOnLeave: 'flag' });
    const saved = await admin('settings.update', { retentionDays: 730, escalationTarget: 'ai-clearance-leads' });
    expect(saved).toMatchObject({ retentionDays: 730, escalationTarget: 'ai-clearance-leads' });
    expect(saved.changed.sort()).toEqual(['escalationTarget', 'retentionDays']);
    const events = (await h.events('settings:app')).map((e) => e.doc as any);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'settings.updated',
      before: { retentionDays: 400, escalationTarget: null },
      after: { retentionDays: 730, escalationTarget: 'ai-clearance-leads' },
    });
    // The same values again change nothing and write no event.
    const again = await admin('settings.update', { retentionDays: 730 });
    expect(again.changed).toEqual([]);
    expect(await h.events('settings:app')).toHaveLength(1);
    expect(await admin('settings.get')).toMatchObject({ retentionDays: 730, escalationTarget: 'ai-clearance-leads' });
  });

  it('refuses bad values with a message that says what to fix', async () => {
    const badKey = await admin('settings.update', { projectKey: 'aic' });
    expect(badKey.error.code).toBe('BAD_REQUEST');
    expect(badKey.error.message).toContain('a Jira project key');
    const badDays = await admin('settings.update', { retentionDays: 0 });
    expect(badDays.error.message).toContain('keep personal data at least 1 day');
    const unknown = await admin('settings.update', { colour: 'red' });
    expect(unknown.error.code).toBe('BAD_REQUEST');
  });
});

describe('governance.search', () => {
  it("answers one ticket's events within a time window, and none outside it", async () => {
    const a = h.fileViaPanel('alice', { toolId: 'github-copilot-business', purpose: PURPOSE, days: 10 });
    h.fileViaPanel('bob', { toolId: 'github-copilot-business', purpose: PURPOSE, days: 10 });
    await h.settle();
    const day = { from: '2026-05-31T00:00:00.000Z', to: '2026-06-02T00:00:00.000Z' };
    const mine = await admin('governance.search', { ...day, ticket: a.issueKey });
    expect(mine.events.length).toBeGreaterThan(0);
    expect(mine.events.every((e: { ticket?: { key?: string } }) => e.ticket?.key === a.issueKey)).toBe(true);
    expect(mine.events.map((e: { action: string }) => e.action)).toContain('request.submitted');
    const before = await admin('governance.search', {
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-05-01T00:00:00.000Z',
      ticket: a.issueKey,
    });
    expect(before.events).toEqual([]);
    const bad = await admin('governance.search', { ...day, ticket: 'not a key' });
    expect(bad.error.message).toContain('ticket: an issue key such as AIC-12');
  });
});
