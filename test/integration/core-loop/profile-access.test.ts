// My AI access on the customer portal's Profile page (jiraServiceManagement:portalProfilePanel): a JSM
// customer calls the portal resolvers through it and sees only their own grants and requests; ids of
// someone else's access are refused with a message, and the other person's grant is left as it was.
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness, type Who } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

const profileCall = (functionName: string, payload: unknown, who: Who) =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-profile-access',
    functionName,
    payload,
    accountId: IDS[who],
    accountType: 'customer',
    extension: { page: 'profile' },
  }) as Promise<any>;

async function approved(who: Who, toolId: string) {
  const r = h.fileViaPanel(who, { toolId, purpose: PURPOSE, days: 30 });
  await h.settle();
  await h.transitionAsAgent(r.issueKey, '21');
  await h.transitionAsAgent(r.issueKey, '51');
  return r;
}

describe('the profile panel shows a customer only their own access', () => {
  let alices: { issueKey: string };
  let bobs: { issueKey: string };
  beforeAll(async () => {
    alices = await approved('alice', 'chatgpt-enterprise');
    bobs = await approved('bob', 'claude-for-work');
  }, 120_000);

  it('lists the caller’s grants and requests, never another person’s', async () => {
    const alice = await profileCall('portal.myAccess', {}, 'alice');
    expect(alice.grants.map((g: { issueKey: string }) => g.issueKey)).toEqual([alices.issueKey]);
    expect(alice.grants[0]).toMatchObject({ toolId: 'chatgpt-enterprise', status: 'active', live: true });
    expect(alice.requests.map((r: { issueKey: string }) => r.issueKey)).toEqual([alices.issueKey]);
    expect(JSON.stringify(alice)).not.toContain(bobs.issueKey);

    const bob = await profileCall('portal.myAccess', {}, 'bob');
    expect(bob.grants.map((g: { issueKey: string }) => g.issueKey)).toEqual([bobs.issueKey]);
    expect(JSON.stringify(bob)).not.toContain(alices.issueKey);
  });

  it('lists the approved tools a customer can request', async () => {
    const { tools } = await profileCall('portal.tools', {}, 'alice');
    expect(tools.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['chatgpt-enterprise']));
  });

  it('refuses every action on someone else’s access with a message, and changes nothing', async () => {
    for (const action of ['hand_back', 'do_not_renew', 'cancel']) {
      const refused = await profileCall('portal.act', { request: bobs.issueKey, action }, 'alice');
      expect(refused).toEqual({
        error: { code: 'REQUEST_NOT_FOUND', message: `You have no AI access request ${bobs.issueKey}.` },
      });
    }
    const extend = await profileCall('portal.extend', { request: bobs.issueKey, days: 10, purpose: PURPOSE }, 'alice');
    expect(extend).toEqual({
      error: { code: 'REQUEST_NOT_FOUND', message: `You have no AI access request ${bobs.issueKey}.` },
    });
    await h.settle();
    const bob = await profileCall('portal.myAccess', {}, 'bob');
    expect(bob.grants[0]).toMatchObject({ issueKey: bobs.issueKey, status: 'active', live: true, doNotRenew: false });
  });

  it('validates the payload: a malformed id is a BAD_REQUEST naming the field', async () => {
    const bad = await profileCall('portal.act', { request: 'not a key', action: 'hand_back' }, 'alice');
    expect(bad.error.code).toBe('BAD_REQUEST');
    expect(bad.error.message).toMatch(/^request: /);
    expect((await profileCall('portal.myAccess', { accountId: IDS.bob }, 'alice')).error.code).toBe('BAD_REQUEST');
  });

  it('acts on the caller’s own grant', async () => {
    const done = await profileCall('portal.act', { request: alices.issueKey, action: 'do_not_renew' }, 'alice');
    expect(done.outcome).toBe('do_not_renew');
    await h.settle();
    expect((await profileCall('portal.myAccess', {}, 'alice')).grants[0].doNotRenew).toBe(true);
  });
});
