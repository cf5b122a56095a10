import { openSandboxDb } from '../../../src/sandbox/db';
import { AIC_WORKFLOW, SANDBOX_API_TOKEN, SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { makeHarness } from './harness';

describe('seeded site and authentication', () => {
  it('seeds users, project, service desk and request type once', async () => {
    const h = makeHarness();
    expect(h.jira.seed()).toBe(false); // already seeded by createJiraEmulator
    const users = h.jira.listUsers();
    expect(users.map((u) => u.email)).toEqual([
      'admin@example.com',
      'agent@example.com',
      'alice@example.com',
      'bob@example.com',
      'ai-clearance@connect.atlassian.com',
    ]);
    expect(users.find((u) => u.email === 'alice@example.com')).toMatchObject({
      accountId: SEEDED_ACCOUNT_IDS.alice,
      roles: ['customer'],
      apiToken: 'sandbox-token',
    });
    expect(users.find((u) => u.accountType === 'app')).not.toHaveProperty('apiToken');

    const project = await h.call('admin', 'GET', '/rest/api/3/project/AIC');
    expect(project.status).toBe(200);
    expect(project.body).toMatchObject({ key: 'AIC', name: 'AI Clearance', projectTypeKey: 'service_desk' });
    expect(project.body.issueTypes.map((t: { name: string }) => t.name)).toEqual(['Service Request', 'Task']);

    const desks = await h.call('alice', 'GET', '/rest/servicedeskapi/servicedesk');
    expect(desks.body.values).toEqual([expect.objectContaining({ id: '1', projectKey: 'AIC' })]);
    const types = await h.call('alice', 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype');
    expect(types.body.values.map((t: { name: string }) => t.name)).toEqual(['Get IT help']);
  });

  it('exports the workflow as data with categories and valid transitions', () => {
    const ids = new Set(AIC_WORKFLOW.statuses.map((s) => s.id));
    for (const t of AIC_WORKFLOW.transitions) {
      expect(ids.has(t.to)).toBe(true);
      for (const f of t.from) expect(ids.has(f)).toBe(true);
    }
    expect(AIC_WORKFLOW.statuses.map((s) => s.meaning)).toEqual([
      'submitted',
      'pending',
      'approved',
      'active',
      'declined',
      'expired',
      'revoked',
      'cancelled',
    ]);
    expect(AIC_WORKFLOW.transitions.map((t) => t.name)).toEqual([
      'Request approval',
      'Approve',
      'Decline',
      'Cancel request',
      'Mark fulfilled',
      'Revoke',
      'Expire',
      'Reopen',
      'Back to approval',
    ]);
  });

  it('authenticates email + sandbox token and nothing else', () => {
    const h = makeHarness();
    expect(h.jira.authenticate('agent@example.com', SANDBOX_API_TOKEN)).toEqual({
      kind: 'user',
      accountId: SEEDED_ACCOUNT_IDS.agent,
    });
    expect(h.jira.authenticate('AGENT@example.com', SANDBOX_API_TOKEN)).toEqual({
      kind: 'user',
      accountId: SEEDED_ACCOUNT_IDS.agent,
    });
    expect(h.jira.authenticate('agent@example.com', 'wrong')).toBeUndefined();
    expect(h.jira.authenticate('nobody@example.com', SANDBOX_API_TOKEN)).toBeUndefined();
    expect(h.jira.authenticate('ai-clearance@connect.atlassian.com', '')).toBeUndefined();
  });

  it('serves serverInfo anonymously but nothing else', async () => {
    const h = makeHarness();
    const info = await h.call('anonymous', 'GET', '/rest/api/3/serverInfo');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      baseUrl: 'http://127.0.0.1:8080',
      deploymentType: 'Cloud',
      serverTime: '2026-03-01T09:00:00.000+0000',
    });
    const me = await h.call('anonymous', 'GET', '/rest/api/3/myself');
    expect(me.status).toBe(401);
    expect(me.body.errorMessages[0]).toMatch(/not authenticated/);
  });

  it('answers myself per user, with groups on request', async () => {
    const h = makeHarness();
    const admin = await h.call('admin', 'GET', '/rest/api/3/myself', { query: { expand: 'groups' } });
    expect(admin.body).toMatchObject({
      accountId: SEEDED_ACCOUNT_IDS.admin,
      emailAddress: 'admin@example.com',
      accountType: 'atlassian',
    });
    expect(admin.body.groups.items.map((g: { name: string }) => g.name)).toContain('site-admins');
    const app = await h.call('app', 'GET', '/rest/api/3/myself');
    expect(app.body).toMatchObject({ accountId: SEEDED_ACCOUNT_IDS.app, accountType: 'app' });
  });

  it('looks users up by accountId and by query', async () => {
    const h = makeHarness();
    expect(
      (await h.call('agent', 'GET', '/rest/api/3/user', { query: { accountId: SEEDED_ACCOUNT_IDS.bob } })).body
        .displayName,
    ).toBe('Bob Customer');
    expect((await h.call('agent', 'GET', '/rest/api/3/user', { query: { accountId: 'nope' } })).status).toBe(404);
    const found = await h.call('agent', 'GET', '/rest/api/3/user/search', { query: { query: 'ali' } });
    expect(found.body.map((u: { emailAddress: string }) => u.emailAddress)).toEqual(['alice@example.com']);
  });

  it('lists group memberships with expand=groups on GET /user (Cloud shape); agent and admin approve, customers do not', async () => {
    const h = makeHarness();
    const names = async (accountId: string) =>
      (
        await h.call('app', 'GET', '/rest/api/3/user', { query: { accountId, expand: 'groups' } })
      ).body.groups.items.map((g: { name: string }) => g.name);
    const agent = await h.call('app', 'GET', '/rest/api/3/user', {
      query: { accountId: SEEDED_ACCOUNT_IDS.agent, expand: 'groups' },
    });
    expect(agent.body.groups).toEqual({
      size: 3,
      items: expect.arrayContaining([
        expect.objectContaining({
          name: 'ai-clearance-approvers',
          self: expect.stringContaining('/rest/api/3/group?groupname='),
        }),
      ]),
    });
    expect(await names(SEEDED_ACCOUNT_IDS.admin)).toEqual(
      expect.arrayContaining(['site-admins', 'ai-clearance-approvers', 'ai-clearance-security-approvers']),
    );
    expect(await names(SEEDED_ACCOUNT_IDS.alice)).toEqual([]);
    expect(await names(SEEDED_ACCOUNT_IDS.bob)).toEqual([]);
    // Without expand there are no groups, as on Cloud.
    expect(
      (await h.call('app', 'GET', '/rest/api/3/user', { query: { accountId: SEEDED_ACCOUNT_IDS.agent } })).body,
    ).not.toHaveProperty('groups');
  });

  it('creates and updates users with groups (the users control)', async () => {
    const h = makeHarness();
    const nora = h.jira.createUser({
      email: 'nora@example.com',
      displayName: 'Nora Normal',
      roles: ['agent'],
      groups: ['ai-clearance-approvers'],
    });
    expect(nora).toMatchObject({
      email: 'nora@example.com',
      roles: ['agent'],
      groups: ['jira-servicemanagement-users-sandbox', 'ai-clearance-approvers'],
      apiToken: 'sandbox-token',
    });
    expect(h.jira.listUsers()).toHaveLength(6);
    const groups = async () =>
      (
        await h.call('app', 'GET', '/rest/api/3/user', { query: { accountId: nora.accountId, expand: 'groups' } })
      ).body.groups.items.map((g: { name: string }) => g.name);
    expect(await groups()).toContain('ai-clearance-approvers');
    expect(h.jira.updateUser(nora.accountId, { groups: ['ai-clearance-security-approvers'] }).groups).toEqual([
      'jira-servicemanagement-users-sandbox',
      'ai-clearance-security-approvers',
    ]);
    expect(await groups()).not.toContain('ai-clearance-approvers');
    // She can sign in and act as an agent.
    const me = await h.jira.handle({
      method: 'GET',
      path: '/rest/api/3/myself',
      query: new URLSearchParams(),
      headers: {},
      body: undefined,
      principal: { kind: 'user', accountId: nora.accountId },
    });
    expect(me.body).toMatchObject({ displayName: 'Nora Normal' });
    expect(() => h.jira.createUser({ email: 'nora@example.com', displayName: 'Again' })).toThrow(/already exists/);
    expect(() => h.jira.updateUser('nope', { groups: [] })).toThrow(/No sandbox user/);
    expect(() => h.jira.createUser({ email: 'x@example.com', displayName: 'X', groups: [''] })).toThrow(/groups/);
  });

  it('reports permissions for the admin check', async () => {
    const h = makeHarness();
    const perms = async (who: 'admin' | 'agent' | 'alice') =>
      (await h.call(who, 'GET', '/rest/api/3/mypermissions', { query: { permissions: 'ADMINISTER,BROWSE_PROJECTS' } }))
        .body.permissions;
    expect((await perms('admin')).ADMINISTER.havePermission).toBe(true);
    expect((await perms('agent')).ADMINISTER.havePermission).toBe(false);
    expect((await perms('agent')).BROWSE_PROJECTS.havePermission).toBe(true);
    expect((await perms('alice')).BROWSE_PROJECTS.havePermission).toBe(false);
  });

  it('answers unknown paths 404 and wrong methods 405 in Jira’s shape', async () => {
    const h = makeHarness();
    const missing = await h.call('admin', 'GET', '/rest/api/3/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    const wrong = await h.call('admin', 'PATCH', '/rest/api/3/myself');
    expect(wrong.status).toBe(405);
  });

  it('reset() drops everything and reseeds', async () => {
    const h = makeHarness();
    await h.call('admin', 'POST', '/rest/api/3/field', {
      body: { name: 'Tmp', type: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' },
    });
    h.jira.reset();
    const fields = await h.call('admin', 'GET', '/rest/api/3/field');
    expect(fields.body.some((f: { name: string }) => f.name === 'Tmp')).toBe(false);
    expect(h.jira.listUsers()).toHaveLength(5);
  });

  it('keeps the seed marker in the jira_ tables', () => {
    const db = openSandboxDb(':memory:');
    makeHarness({ db });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
    ).map((t) => t.name);
    expect(tables.every((t) => t.startsWith('jira_'))).toBe(true);
  });
});
