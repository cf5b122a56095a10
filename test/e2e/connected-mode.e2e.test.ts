// Connected mode over HTTP against `npm start`, as a new user sees it: the first start connected the
// emulated Okta org and Entra tenant, mapped the sandbox users and bound GitHub Copilot Business (Okta)
// and Claude for Work (Entra). Approve → member → grant active; expire → removed; a stray member is
// reported and left alone unless authoritative; 429 storms and 5xx lose nothing; an unmapped requester
// waits in manual_action_required with a task; a dynamic group is refused at bind; the credentials
// appear in no resolver answer, app log line, governance event or export; and a suspended tool's
// revoked grants leave the group.
import { CLAUDE_GROUP, COPILOT_GROUP, connectedSite } from './connected-site';
import { jsmSite } from './jsm-site';

jest.setTimeout(300_000);

const connected = connectedSite();
/** Every resolver answer (kept by connectedSite), to search for credentials at the end. */
const { answers, call, admin, settle, members, aiClearance, comments, requestAndApprove } = connected;
const { v3 } = jsmSite(() => connected.sandbox().url);

beforeAll(() => connected.start());
afterAll(() => connected.stop());

describe('connected mode over HTTP', () => {
  it('the first start connected both providers and bound the two tools', async () => {
    const status = await admin('connectors.status');
    expect(status.providers.map((p: any) => [p.provider, p.connected, p.proof?.canChangeMembers])).toEqual([
      ['okta', true, true],
      ['entra', true, true],
    ]);
    // As the issue asks: Okta by the API token sandbox-okta-token, Entra by app sandbox-client and its secret
    // in tenant sandbox-tenant (named by its directory id).
    expect(status.providers.map((p: any) => [p.view.target, p.view.authType, p.view.clientId ?? null])).toEqual([
      ['https://clearance-sandbox.okta.com', 'api_token', null],
      ['5a1c0de0-7e4a-4c1e-9a7d-000000000001', 'client_secret', 'sandbox-client'],
    ]);
    expect(status.providers.every((p: any) => p.authoritative === false)).toBe(true);
    const { bindings } = await admin('connectors.bindings');
    expect(bindings.map((b: any) => [b.toolId, b.provider, b.groupName]).sort()).toEqual([
      ['claude-for-work', 'entra', 'AI - Claude for Work'],
      ['github-copilot-business', 'okta', 'AI - GitHub Copilot'],
    ]);
  });

  let claudeKey: string;
  it('approve → alice is added to the Entra group → the grant is active', async () => {
    expect(await members('graph', CLAUDE_GROUP)).toEqual([]);
    claudeKey = await requestAndApprove('alice@example.com', 'Claude for Work (Team and Enterprise)', 30);
    const prop = await aiClearance(claudeKey);
    expect(prop.status).toBe('active');
    expect(await members('graph', CLAUDE_GROUP)).toEqual(['alice@example.com']);
    expect((await comments(claudeKey)).join('\n')).toMatch(/AI - Claude for Work/);
  });

  it('expiry removes alice from the group', async () => {
    expect((await call('POST', '/__sandbox/clock', { advance: 'P31D' })).status).toBe(200);
    expect((await call('POST', '/__sandbox/scheduled/run', { key: 'lifecycle-sweeps-hourly' })).status).toBe(200);
    // advanceClock: a removal whose ticket write waited for the sweep's own write runs again when due.
    await settle(true);
    expect((await aiClearance(claudeKey)).status).toBe('expired');
    expect(await members('graph', CLAUDE_GROUP)).toEqual([]);
    expect((await comments(claudeKey)).join('\n')).toMatch(/Connector: done\.\s+Removed/);
    // A check on demand agrees: expired and not a member.
    const issue = await v3('agent@example.com').issues.getIssue({ issueIdOrKey: claudeKey, fields: ['summary'] });
    expect((await admin('connectors.check', { grantId: issue.id })).queued).toMatch(/:check:/);
    await settle();
    const log = await admin('governance.list', { subjectType: 'connector', subjectId: `entra.${issue.id}` });
    expect(log.events.at(-1)).toMatchObject({
      action: 'connector.job_succeeded',
      after: { operation: 'check', outcome: 'in_sync' },
    });
  });

  it('a stray member is reported and left alone; authoritative mode removes it, evidenced', async () => {
    // The seed put bob in "AI - GitHub Copilot" without any grant.
    expect(await members('okta', COPILOT_GROUP)).toEqual(['bob@example.com']);
    // The hourly sweep above already queued a reconciliation of each bound group: count from here.
    const before = (
      await admin('governance.list', { subjectType: 'connector', subjectId: 'drift.github-copilot-business' })
    ).events.length;
    const first = await admin('connectors.reconcile', { toolId: 'github-copilot-business' });
    const report = first.results[0].report;
    expect(report.strays).toHaveLength(1);
    expect(report.removed).toEqual([]);
    expect(await members('okta', COPILOT_GROUP)).toEqual(['bob@example.com']);
    const drift = await admin('governance.list', {
      subjectType: 'connector',
      subjectId: 'drift.github-copilot-business',
    });
    expect(drift.events.slice(before).map((e: any) => e.action)).toEqual(['connector.drift_detected']);
    expect(drift.events.at(-1).after).toMatchObject({ strays: 1, removed: 0, authoritative: false });

    await admin('connectors.setAuthoritative', { provider: 'okta', authoritative: true });
    const second = await admin('connectors.reconcile', { toolId: 'github-copilot-business' });
    expect(second.results[0].report.removed).toEqual([report.strays[0].idpUserId]);
    expect(await members('okta', COPILOT_GROUP)).toEqual([]);
    const after = await admin('governance.list', {
      subjectType: 'connector',
      subjectId: 'drift.github-copilot-business',
    });
    expect(after.events.at(-1).after).toMatchObject({ strays: 1, removed: 1, authoritative: true });
    await admin('connectors.setAuthoritative', { provider: 'okta', authoritative: false });
  });

  it('a 429 storm and 5xx on the IdP: the add still lands, every attempt evidenced', async () => {
    expect(
      (await call('POST', '/__sandbox/faults', { idp: { next429: 3, next5xx: 1, retryAfterSeconds: 5 } })).status,
    ).toBe(200);
    const key = await requestAndApprove('alice@example.com', 'GitHub Copilot Business', 30);
    for (let i = 0; i < 10 && (await aiClearance(key)).status !== 'active'; i++) await settle(true);
    expect((await aiClearance(key)).status).toBe('active');
    expect(await members('okta', COPILOT_GROUP)).toEqual(['alice@example.com']);
    const text = (await comments(key)).join('\n');
    expect(text.match(/Connector: retrying\./g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    const issue = await v3('agent@example.com').issues.getIssue({ issueIdOrKey: key, fields: ['summary'] });
    const log = await admin('governance.list', { subjectType: 'connector', subjectId: `okta.${issue.id}` });
    const actions = log.events.map((e: any) => e.action);
    expect(actions.filter((a: string) => a === 'connector.job_retrying').length).toBeGreaterThanOrEqual(1);
    expect(actions.at(-1)).toBe('connector.job_succeeded');
    expect((await call('POST', '/__sandbox/faults', { idp: {} })).status).toBe(200);
  });

  it('an unmapped requester waits in manual_action_required with a task on the ticket, listed for the console', async () => {
    const users = (await call('GET', '/__sandbox/users')).json;
    const bob = (Array.isArray(users) ? users : users.users).find((u: any) => u.email === 'bob@example.com');
    expect((await admin('identity.remove', { provider: 'okta', accountId: bob.accountId })).removed).toBe(true);
    const key = await requestAndApprove('bob@example.com', 'GitHub Copilot Business', 30);
    expect((await aiClearance(key)).status).toBe('manual_action_required');
    expect(await members('okta', COPILOT_GROUP)).not.toContain('bob@example.com');
    expect((await comments(key)).join('\n')).toMatch(/no Okta user mapped/);
    const tasks = await admin('connectors.tasks');
    expect(tasks.grants.map((g: any) => g.issueKey)).toContain(key);
  });

  it('a CSV import with a bad row imports nothing and names the row; a good one maps', async () => {
    const users = (await call('GET', '/__sandbox/users')).json;
    const bob = (Array.isArray(users) ? users : users.users).find((u: any) => u.email === 'bob@example.com');
    const idp = (await call('GET', '/__sandbox/idp')).json;
    const bobOkta = idp.okta.users.find((u: any) => u.email === 'bob@example.com').id;
    const header = 'atlassian_account_id,provider,idp_user_id,idp_login';
    const bad = await admin('identity.import', {
      csv: `${header}\r\n${bob.accountId},okta,${bobOkta},bob@example.com\r\n"557058:x",entra,not-a-guid,\r\n`,
    });
    expect(bad).toEqual({
      imported: 0,
      unchanged: 0,
      errors: [{ line: 3, message: expect.stringMatching(/^line 3, column idp_user_id/) }],
    });
    const { mappings } = await admin('identity.list', { provider: 'okta' });
    expect(mappings.map((m: any) => m.accountId)).not.toContain(bob.accountId);
    const good = await admin('identity.import', {
      csv: `${header}\n${bob.accountId},okta,${bobOkta},bob@example.com\n`,
    });
    expect(good).toEqual({ imported: 1, unchanged: 0, errors: [] });
    const suggested = await admin('identity.suggest', { provider: 'okta', accountId: bob.accountId });
    expect(suggested.suggestions.map((u: any) => u.id)).toEqual([bobOkta]);
  });

  it('binding refuses a dynamic group, an on-premises synced group and an Okta app group, saying why', async () => {
    const dynamic = await admin('connectors.bind', {
      toolId: 'chatgpt-enterprise',
      provider: 'entra',
      groupId: '5a1c0de0-0000-4000-8000-000000000002',
    });
    expect(dynamic.error.code).toBe('GROUP_DYNAMIC');
    expect(dynamic.error.message).toMatch(/dynamic membership/);
    const synced = await admin('connectors.bind', {
      toolId: 'chatgpt-enterprise',
      provider: 'entra',
      groupId: '5a1c0de0-0000-4000-8000-000000000003',
    });
    expect(synced.error.code).toBe('GROUP_SYNCED_FROM_ON_PREMISES');
    const appGroup = await admin('connectors.bind', {
      toolId: 'chatgpt-enterprise',
      provider: 'okta',
      groupId: '00gAppGroupAD0000001',
    });
    expect(appGroup.error.code).toBe('GROUP_NOT_MANAGEABLE');
    expect((await admin('catalog.list', { q: 'ChatGPT Enterprise' })).entries[0].connector ?? null).toBeNull();
  });

  it('the credentials appear in no resolver answer, app log line, governance event or export', async () => {
    const creds = (await call('GET', '/__sandbox/idp/credentials')).json;
    const oktaKey: string = creds.okta.serviceApp.privateKeyPem;
    expect(oktaKey).toContain('PRIVATE KEY');
    // A bad connection attempt's answer must not echo what was sent either.
    const refused = await admin('connectors.connect', {
      connection: {
        provider: 'entra',
        tenantId: creds.graph.tenantId,
        clientId: creds.graph.clientId,
        auth: { type: 'client_secret', secret: 'not-the-secret-s3cr3t' },
      },
    });
    expect(refused.error.code).toBe('CONNECTION_REFUSED');
    await admin('connectors.test', { provider: 'okta' });
    await admin('connectors.test', { provider: 'entra' });
    const exported = await admin('governance.export', { personalData: 'include' });
    const secrets = ['sandbox-okta-token', 'sandbox-graph-secret', 'not-the-secret-s3cr3t', oktaKey.split('\n')[2]];
    // The app's log lines: everything the sandbox process printed except the sandbox's own banner of its
    // emulated IdPs (which shows a newcomer the sandbox-only credentials to try).
    const appLines = connected
      .sandbox()
      .output()
      .split('\n')
      .filter((l) => !/^\s+(Okta org|Entra tenant|token:|curl -s -H 'Authorization: SSWS)/.test(l));
    const haystacks = { answers: answers.join('\n'), logs: appLines.join('\n'), export: JSON.stringify(exported) };
    for (const s of secrets)
      for (const [where, text] of Object.entries(haystacks))
        expect({ where, found: text.includes(s) }).toEqual({ where, found: false });
    // Each haystack holds what it should (the search is not vacuous): the connector jobs' log lines, the
    // connection answers, the connector events.
    expect(haystacks.logs).toMatch(/"job":"connector\.add"/);
    expect(haystacks.answers).toMatch(/"authType":"client_secret"/);
    expect(haystacks.answers).toMatch(/"authType":"api_token"/); // npm start connects Okta by API token
    expect(haystacks.export).toMatch(/connector\.configured/);
  });

  it('suspending a bound tool whose live grants are revoked (setting "revoke") removes the member, evidenced', async () => {
    const key = await requestAndApprove('alice@example.com', 'Claude for Work (Team and Enterprise)', 30);
    expect((await aiClearance(key)).status).toBe('active');
    expect(await members('graph', CLAUDE_GROUP)).toEqual(['alice@example.com']);

    expect((await admin('settings.update', { liveGrantsOnLeave: 'revoke' })).error).toBeUndefined();
    expect(
      (await admin('catalog.suspend', { toolId: 'claude-for-work', reason: 'Vendor security review' })).error,
    ).toBeUndefined();
    // As after expiry: the removal's ticket write may wait for the suspension's own ticket write, then runs when due.
    await settle(true);

    expect((await aiClearance(key)).status).toBe('revoked');
    expect(await members('graph', CLAUDE_GROUP)).toEqual([]);
    expect((await comments(key)).join('\n')).toMatch(/Connector: done\.\s+Removed/);
    const issue = await v3('agent@example.com').issues.getIssue({ issueIdOrKey: key, fields: ['summary'] });
    const log = await admin('governance.list', { subjectType: 'connector', subjectId: `entra.${issue.id}` });
    expect(log.events.at(-1)).toMatchObject({
      action: 'connector.job_succeeded',
      after: { operation: 'remove' },
    });
  });
});
