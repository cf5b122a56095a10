// Connected mode over HTTP against `npm start`, the paths connected-mode.e2e.test.ts leaves out:
// revocation and hand-back remove the member (evidenced on the ticket and in the governance log); an IdP
// answering 5xx three times hands the add to a person through the real job runner; removals under a 429
// storm all land, every attempt evidenced; the hourly scheduled trigger queues the reconciliation; bind
// refuses a group that does not exist; Entra credentials that may read but not change groups are refused.
import { CLAUDE, CLAUDE_GROUP, COPILOT, COPILOT_GROUP, connectedSite } from './connected-site';

jest.setTimeout(300_000);

const s = connectedSite();

beforeAll(() => s.start());
afterAll(() => s.stop());

async function faults(idp: Record<string, unknown>): Promise<void> {
  expect((await s.call('POST', '/__sandbox/faults', { idp })).status).toBe(200);
}

/** The agent revokes from the approvals queue (the same decision as the workflow's Revoke). */
async function revoke(key: string): Promise<void> {
  const r = await s.invoke(
    'ai-clearance-queues',
    'approvals.decide',
    { request: key, action: 'revoke', rationale: 'Moved to another team' },
    'agent@example.com',
  );
  expect(r).toMatchObject({ outcome: 'revoked' });
}

/** Settles (jumping the clock to each due retry) until `done`, at most `rounds` times. */
async function settleUntil(done: () => Promise<boolean>, rounds = 12): Promise<void> {
  for (let i = 0; i < rounds && !(await done()); i++) await s.settle(true);
}

async function newPerson(email: string): Promise<void> {
  const displayName = email.split('@')[0];
  const jira = await s.call('POST', '/__sandbox/users', { email, displayName }, 'admin@example.com');
  expect(jira.status).toBe(201);
  expect((await s.call('POST', '/__sandbox/idp/users', { email, displayName })).status).toBeLessThan(300);
  const idp = (await s.call('GET', '/__sandbox/idp')).json;
  const okta = idp.okta.users.find((u: any) => u.email === email).id;
  expect(
    await s.admin('identity.set', { provider: 'okta', accountId: jira.json.accountId, idpUserId: okta }),
  ).toMatchObject({ changed: true });
}

describe('connected mode: removals, failures and refusals over HTTP', () => {
  it('revocation removes the member, evidenced on the ticket and in the governance log', async () => {
    const key = await s.requestAndApprove('alice@example.com', CLAUDE);
    expect((await s.aiClearance(key)).status).toBe('active');
    expect(await s.members('graph', CLAUDE_GROUP)).toEqual(['alice@example.com']);

    await revoke(key);
    // The removal's comment may wait for the revocation's own ticket write (the ticket's lease), then runs when due.
    const removed = /Connector: done\.\s+Removed\s+Alice Customer\s+from\s+AI - Claude for Work/;
    await settleUntil(async () => removed.test((await s.comments(key)).join('\n')));
    expect((await s.aiClearance(key)).status).toBe('revoked');
    expect(await s.members('graph', CLAUDE_GROUP)).toEqual([]);
    expect((await s.comments(key)).join('\n')).toMatch(removed);
    const log = await s.connectorLog('entra', await s.issueId(key));
    expect(log.map((e) => [e.action, e.after.operation])).toEqual([
      ['connector.job_succeeded', 'add'],
      ['connector.job_succeeded', 'remove'],
    ]);
  });

  it('hand-back from the portal removes the member, evidenced on the ticket and in the governance log', async () => {
    const before = await s.members('okta', COPILOT_GROUP);
    expect(before).not.toContain('alice@example.com');
    const key = await s.requestAndApprove('alice@example.com', COPILOT);
    expect((await s.aiClearance(key)).status).toBe('active');
    expect(await s.members('okta', COPILOT_GROUP)).toEqual([...before, 'alice@example.com'].sort());

    const r = await s.invoke(
      'ai-clearance-request-panel',
      'portal.act',
      { request: key, action: 'hand_back' },
      'alice@example.com',
      { extension: { portal: { id: 1 }, request: { typeId: Number(s.requestTypeId()) } } },
    );
    expect(r).toMatchObject({ outcome: 'handed_back' });
    const removed = /Connector: done\.\s+Removed\s+Alice Customer\s+from\s+AI - GitHub Copilot/;
    await settleUntil(async () => removed.test((await s.comments(key)).join('\n')));
    expect((await s.aiClearance(key)).status).toBe('revoked');
    expect(await s.members('okta', COPILOT_GROUP)).toEqual(before);
    expect((await s.comments(key)).join('\n')).toMatch(removed);
    const grantLog = await s.admin('governance.list', { subjectType: 'grant', subjectId: await s.issueId(key) });
    expect(grantLog.events.map((e: any) => e.action)).toContain('grant.handed_back');
    const log = await s.connectorLog('okta', await s.issueId(key));
    expect(log.at(-1)).toMatchObject({ action: 'connector.job_succeeded', after: { operation: 'remove' } });
  });

  it('Entra answering 5xx three times hands the add to a person: manual_action_required with a task', async () => {
    await faults({ rate5xx: 1, target: 'graph' });
    const key = await s.requestAndApprove('bob@example.com', CLAUDE);
    await settleUntil(async () => (await s.aiClearance(key)).status === 'manual_action_required');
    await faults({});
    expect((await s.aiClearance(key)).status).toBe('manual_action_required');
    expect(await s.members('graph', CLAUDE_GROUP)).not.toContain('bob@example.com');
    const id = await s.issueId(key);
    const log = await s.connectorLog('entra', id);
    expect(log.map((e) => e.action)).toEqual([
      'connector.job_retrying',
      'connector.job_retrying',
      'connector.job_manual_action_required',
    ]);
    expect(log.at(-1)?.after).toMatchObject({ operation: 'add', attempts: 3, why: 'attempts_used_up' });
    const text = (await s.comments(key)).join('\n');
    expect(text.match(/Connector: retrying\./g)).toHaveLength(2);
    expect(text).toMatch(/Connector: manual action required\./i);
    const tasks = await s.admin('connectors.tasks');
    expect(tasks.grants).toContainEqual(expect.objectContaining({ grantId: id, issueKey: key, attempts: 3 }));
  });

  it('removals under a 429 storm: every removal lands, none lost, each attempt evidenced', async () => {
    const people = ['storm-1@example.com', 'storm-2@example.com', 'storm-3@example.com', 'storm-4@example.com'];
    for (const p of people) await newPerson(p);
    const keys: string[] = [];
    for (const p of people) keys.push(await s.requestAndApprove(p, COPILOT));
    for (const k of keys) expect((await s.aiClearance(k)).status).toBe('active');
    const before = await s.members('okta', COPILOT_GROUP);
    expect(before).toEqual(expect.arrayContaining(people));

    await faults({ next429: 8, retryAfterSeconds: 5, target: 'okta' });
    for (const k of keys) await revoke(k);
    const gone = async () => {
      const m = await s.members('okta', COPILOT_GROUP);
      return people.every((p) => !m.includes(p));
    };
    await settleUntil(gone, 20);
    await faults({});
    expect(await gone()).toBe(true);
    expect(await s.members('okta', COPILOT_GROUP)).toEqual(before.filter((m) => !people.includes(m)));
    let retries = 0;
    for (const k of keys) {
      expect((await s.aiClearance(k)).status).toBe('revoked');
      const removal = (await s.connectorLog('okta', await s.issueId(k))).filter((e) => e.after.operation === 'remove');
      const retrying = removal.filter((e) => e.action === 'connector.job_retrying');
      // Each attempt is evidenced twice: a governance event and a ticket comment, one for one.
      expect(retrying.every((e) => e.after.failure === 'rate_limited' && e.after.status === 429)).toBe(true);
      expect((await s.comments(k)).join('\n').match(/Connector: retrying\./g)?.length ?? 0).toBe(retrying.length);
      expect(removal.at(-1)).toMatchObject({ action: 'connector.job_succeeded', after: { operation: 'remove' } });
      expect(removal.some((e) => e.action === 'connector.job_manual_action_required')).toBe(false);
      retries += retrying.length;
    }
    // The storm hit the removals (the test can fail), and none of its 429s went unrecorded.
    expect(retries).toBeGreaterThanOrEqual(4);
    expect(retries).toBeLessThanOrEqual(8);
  });

  it('the hourly scheduled trigger queues a reconciliation of every bound tool', async () => {
    const before = (await s.admin('connectors.drift')).reports as Array<{ toolId: string; checkedAt: string }>;
    expect((await s.call('POST', '/__sandbox/clock', { advance: 'PT1H' })).status).toBe(200);
    expect((await s.call('POST', '/__sandbox/scheduled/run', { key: 'lifecycle-sweeps-hourly' })).status).toBe(200);
    await s.settle();
    const after = (await s.admin('connectors.drift')).reports as Array<{ toolId: string; checkedAt: string }>;
    expect(after.map((r) => r.toolId).sort()).toEqual(['claude-for-work', 'github-copilot-business']);
    for (const r of after) {
      const earlier = before.find((b) => b.toolId === r.toolId);
      if (earlier) expect(Date.parse(r.checkedAt)).toBeGreaterThan(Date.parse(earlier.checkedAt));
    }
  });

  it('bind refuses a group that does not exist, in Okta and in Entra', async () => {
    const okta = await s.admin('connectors.bind', {
      toolId: 'chatgpt-enterprise',
      provider: 'okta',
      groupId: '00gNoSuchGroup000001',
    });
    expect(okta.error.code).toBe('GROUP_NOT_FOUND');
    const entra = await s.admin('connectors.bind', {
      toolId: 'chatgpt-enterprise',
      provider: 'entra',
      groupId: '5a1c0de0-0000-4000-8000-0000000dead0',
    });
    expect(entra.error.code).toBe('GROUP_NOT_FOUND');
    expect((await s.admin('catalog.list', { q: 'ChatGPT Enterprise' })).entries[0].connector ?? null).toBeNull();
  });

  it('Entra credentials that may read groups but not change members are refused, saying what to grant', async () => {
    const creds = (await s.call('GET', '/__sandbox/idp/credentials')).json;
    const app = `/__sandbox/idp/graph/apps/${creds.graph.clientId}`;
    expect(
      (await s.call('PUT', app, { roles: ['GroupMember.Read.All', 'Group.Read.All', 'User.Read.All'] })).status,
    ).toBe(200);
    try {
      // Test connection with the stored credentials: they still read, but the proof says they cannot change members.
      const tested = await s.admin('connectors.test', { provider: 'entra' });
      expect(tested.proof).toMatchObject({ canRead: true, canChangeMembers: false });
      const refused = await s.admin('connectors.connect', {
        connection: {
          provider: 'entra',
          tenantId: creds.graph.tenantId,
          clientId: creds.graph.clientId,
          auth: { type: 'client_secret', secret: creds.graph.clientSecret },
        },
      });
      expect(refused.error.code).toBe('CONNECTION_CANNOT_CHANGE_GROUPS');
      expect(refused.error.message).toMatch(/GroupMember\.ReadWrite\.All/);
      expect(refused.error.message).toMatch(/Nothing was saved/);
    } finally {
      expect((await s.call('PUT', app, { roles: creds.graph.roles })).status).toBe(200);
    }
    // The stored connection is the earlier one, still able to change members.
    const status = await s.admin('connectors.status');
    expect(status.providers.find((p: any) => p.provider === 'entra')).toMatchObject({
      connected: true,
      proof: { canChangeMembers: true },
    });
  });
});
