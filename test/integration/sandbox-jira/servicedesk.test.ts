import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { makeHarness, raiseRequest } from './harness';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
// Request-type creation is an experimental JSM method (platform-contract.md REST-1).
const OPT_IN = { 'X-ExperimentalApi': 'opt-in' };

describe('servicedeskapi: request types', () => {
  it('creates a request type with no portal group and only the required summary field', async () => {
    const h = makeHarness();
    const res = await h.call('app', 'POST', '/rest/servicedeskapi/servicedesk/1/requesttype', {
      body: {
        issueTypeId: '10010',
        name: 'Request access to an AI tool',
        description: 'One tool, one purpose',
        helpText: 'Pick a tool',
      },
      headers: OPT_IN,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: '2',
      name: 'Request access to an AI tool',
      issueTypeId: '10010',
      serviceDeskId: '1',
      groupIds: [],
    });
    const fields = await h.call('admin', 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype/2/field');
    expect(
      fields.body.requestTypeFields.map((f: { fieldId: string; required: boolean }) => [f.fieldId, f.required]),
    ).toEqual([['summary', true]]);
    // Hidden from customers until the admin puts it in a portal group.
    expect(
      (await h.call('alice', 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype')).body.values.map(
        (t: { id: string }) => t.id,
      ),
    ).toEqual(['1']);
    expect(
      (await h.call('agent', 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype')).body.values.map(
        (t: { id: string }) => t.id,
      ),
    ).toEqual(['1', '2']);
  });

  it('accepts only issueTypeId/name/description/helpText and refuses non-admins and duplicates', async () => {
    const h = makeHarness();
    expect(
      (
        await h.call('agent', 'POST', '/rest/servicedeskapi/servicedesk/1/requesttype', {
          body: { issueTypeId: '10010', name: 'X' },
          headers: OPT_IN,
        })
      ).status,
    ).toBe(403);
    const dup = await h.call('admin', 'POST', '/rest/servicedeskapi/servicedesk/1/requesttype', {
      body: { issueTypeId: '10010', name: 'Get IT help' },
      headers: OPT_IN,
    });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({
      errorMessage: expect.stringMatching(/already exists/),
      i18nErrorMessage: { i18nKey: expect.any(String) },
    });
    expect(
      (
        await h.call('admin', 'POST', '/rest/servicedeskapi/servicedesk/1/requesttype', {
          body: { issueTypeId: '999', name: 'Y' },
          headers: OPT_IN,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await h.call('admin', 'POST', '/rest/servicedeskapi/servicedesk/9/requesttype', {
          body: { issueTypeId: '10010', name: 'Y' },
          headers: OPT_IN,
        })
      ).status,
    ).toBe(404);
  });

  it('sandbox control sets the portal group and fields (the admin’s manual step)', async () => {
    const h = makeHarness();
    const tool = (
      await h.call('admin', 'POST', '/rest/api/3/field', {
        body: { name: 'AI tool', type: `${CF}select`, searcherKey: `${CF}multiselectsearcher` },
      })
    ).body.id;
    const ctx = (await h.call('admin', 'GET', `/rest/api/3/field/${tool}/context`)).body.values[0].id;
    await h.call('admin', 'POST', `/rest/api/3/field/${tool}/context/${ctx}/option`, {
      body: { options: [{ value: 'ChatGPT' }] },
    });
    await h.call('app', 'POST', '/rest/servicedeskapi/servicedesk/1/requesttype', {
      body: { issueTypeId: '10010', name: 'Request access to an AI tool' },
      headers: OPT_IN,
    });
    // Before the manual step the portal form has no AI tool field: JSM rejects it.
    const early = await h.call('alice', 'POST', '/rest/servicedeskapi/request', {
      body: {
        serviceDeskId: '1',
        requestTypeId: '2',
        requestFieldValues: { summary: 's', [tool]: { value: 'ChatGPT' } },
      },
    });
    expect(early.status).toBe(400);
    const rt = h.jira.setRequestTypePortal('2', {
      groups: ['AI tools'],
      fields: [
        { fieldId: 'summary', required: true },
        { fieldId: tool, required: true },
      ],
    });
    expect(rt.groupIds).toEqual(['2']);
    expect((await h.call('alice', 'GET', '/rest/servicedeskapi/servicedesk/1/requesttypegroup')).body.values).toEqual([
      { id: '1', name: 'General' },
      { id: '2', name: 'AI tools' },
    ]);
    const fields = await h.call('alice', 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype/2/field');
    expect(fields.body.requestTypeFields[1]).toMatchObject({
      fieldId: tool,
      name: 'AI tool',
      required: true,
      validValues: [expect.objectContaining({ label: 'ChatGPT' })],
    });
    const missing = await h.call('alice', 'POST', '/rest/servicedeskapi/request', {
      body: { serviceDeskId: '1', requestTypeId: '2', requestFieldValues: { summary: 's' } },
    });
    expect(missing.status).toBe(400);
    const ok = await h.call('alice', 'POST', '/rest/servicedeskapi/request', {
      body: {
        serviceDeskId: '1',
        requestTypeId: '2',
        requestFieldValues: { summary: 's', [tool]: { value: 'ChatGPT' } },
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.requestFieldValues).toEqual([
      { fieldId: 'summary', label: 'Summary', value: 's' },
      { fieldId: tool, label: 'AI tool', value: expect.objectContaining({ value: 'ChatGPT' }) },
    ]);
    expect(() => h.jira.setRequestTypePortal('99', {})).toThrow(/does not exist/);
  });
});

describe('servicedeskapi: customer requests', () => {
  it('creates a request, fires the created event and reads it back', async () => {
    const h = makeHarness();
    const res = await h.call('alice', 'POST', '/rest/servicedeskapi/request', {
      body: {
        serviceDeskId: '1',
        requestTypeId: '1',
        requestFieldValues: { summary: 'Need Copilot', description: 'For pairing' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      issueKey: 'AIC-1',
      requestTypeId: '1',
      serviceDeskId: '1',
      reporter: { accountId: SEEDED_ACCOUNT_IDS.alice, emailAddress: 'alice@example.com' },
      currentStatus: { status: 'Waiting for support', statusCategory: 'NEW' },
      createdDate: { iso8601: '2026-03-01T09:00:00+0000', epochMillis: Date.parse('2026-03-01T09:00:00Z') },
      requestFieldValues: [
        { fieldId: 'summary', label: 'Summary', value: 'Need Copilot' },
        { fieldId: 'description', label: 'Description', value: 'For pairing' },
      ],
    });
    expect(h.events.map((e) => e.eventType)).toEqual(['avi:jira:created:issue']);
    expect(h.events[0].issue.fields.customfield_10010).toMatchObject({
      requestType: { id: '1', name: 'Get IT help' },
    });
    const issue = await h.call('agent', 'GET', '/rest/api/3/issue/AIC-1');
    expect(issue.body.fields.description).toEqual({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'For pairing' }] }],
    });
    expect((await h.call('alice', 'GET', '/rest/servicedeskapi/request/AIC-1')).body.issueKey).toBe('AIC-1');
    const bob = await h.call('bob', 'GET', '/rest/servicedeskapi/request/AIC-1');
    expect(bob.status).toBe(404);
    expect(bob.body.errorMessage).toMatch(/does not exist/);
  });

  it('lets agents raise on behalf of a customer, but not customers', async () => {
    const h = makeHarness();
    const res = await h.call('agent', 'POST', '/rest/servicedeskapi/request', {
      body: {
        serviceDeskId: '1',
        requestTypeId: '1',
        raiseOnBehalfOf: 'bob@example.com',
        requestFieldValues: { summary: 'for bob' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.reporter.accountId).toBe(SEEDED_ACCOUNT_IDS.bob);
    expect(h.events[0].atlassianId).toBe(SEEDED_ACCOUNT_IDS.agent);
    const denied = await h.call('alice', 'POST', '/rest/servicedeskapi/request', {
      body: {
        serviceDeskId: '1',
        requestTypeId: '1',
        raiseOnBehalfOf: SEEDED_ACCOUNT_IDS.bob,
        requestFieldValues: { summary: 'x' },
      },
    });
    expect(denied.status).toBe(403);
    const unknownField = await h.call('alice', 'POST', '/rest/servicedeskapi/request', {
      body: { serviceDeskId: '1', requestTypeId: '1', requestFieldValues: { summary: 'x', customfield_12345: 'y' } },
    });
    expect(unknownField.status).toBe(400);
  });

  it('lists my requests only', async () => {
    const h = makeHarness();
    await raiseRequest(h, 'alice', 'alice 1');
    await raiseRequest(h, 'bob', 'bob 1');
    await raiseRequest(h, 'alice', 'alice 2');
    const mine = await h.call('alice', 'GET', '/rest/servicedeskapi/request');
    expect(mine.body.values.map((r: { summary: string }) => r.summary)).toEqual(['alice 2', 'alice 1']);
    const closed = await h.call('alice', 'GET', '/rest/servicedeskapi/request', {
      query: { requestStatus: 'CLOSED_REQUESTS' },
    });
    expect(closed.body.values).toEqual([]);
  });

  it('runs an approval: entering Waiting for approval opens it, a decision transitions', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'ChatGPT');
    expect((await h.call('alice', 'GET', `/rest/servicedeskapi/request/${key}/approval`)).body.values).toEqual([]);
    await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { body: { transition: { id: '11' } } });
    const approvals = await h.call('agent', 'GET', `/rest/servicedeskapi/request/${key}/approval`);
    const approval = approvals.body.values[0];
    expect(approval).toMatchObject({ name: 'Approve access', finalDecision: 'pending', canAnswerApproval: true });
    expect(approval.approvers.map((a: { approver: { accountId: string } }) => a.approver.accountId)).toEqual([
      SEEDED_ACCOUNT_IDS.admin,
      SEEDED_ACCOUNT_IDS.agent,
    ]);
    expect(
      (
        await h.call('alice', 'POST', `/rest/servicedeskapi/request/${key}/approval/${approval.id}`, {
          body: { decision: 'approve' },
        })
      ).status,
    ).toBe(403);
    h.events.length = 0;
    const decided = await h.call('agent', 'POST', `/rest/servicedeskapi/request/${key}/approval/${approval.id}`, {
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ finalDecision: 'approved', canAnswerApproval: false });
    expect(h.events[0]).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      associatedStatuses: { to: { name: 'In fulfilment' } },
      atlassianId: SEEDED_ACCOUNT_IDS.agent,
    });
    expect(
      (
        await h.call('agent', 'POST', `/rest/servicedeskapi/request/${key}/approval/${approval.id}`, {
          body: { decision: 'decline' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await h.call('agent', 'POST', `/rest/servicedeskapi/request/${key}/approval/${approval.id}`, {
          body: { decision: 'maybe' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('servicedeskapi: queues', () => {
  it('lists seeded queues with counts and their issues; there is no create endpoint', async () => {
    const h = makeHarness();
    await raiseRequest(h, 'alice', 'one');
    const { key } = await raiseRequest(h, 'bob', 'two');
    await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { body: { transition: { id: '11' } } });
    const queues = await h.call('agent', 'GET', '/rest/servicedeskapi/servicedesk/1/queue', {
      query: { includeCount: 'true' },
    });
    expect(queues.body.values.map((q: { name: string; issueCount: number }) => [q.name, q.issueCount])).toEqual([
      ['All open', 2],
      ['Waiting for approval', 1],
    ]);
    const issues = await h.call('agent', 'GET', '/rest/servicedeskapi/servicedesk/1/queue/2/issue');
    expect(issues.body.values.map((i: { key: string }) => i.key)).toEqual([key]);
    expect(Object.keys(issues.body.values[0].fields).sort()).toEqual([
      'created',
      'issuetype',
      'reporter',
      'status',
      'summary',
    ]);
    expect((await h.call('alice', 'GET', '/rest/servicedeskapi/servicedesk/1/queue')).status).toBe(403);
    const create = await h.call('admin', 'POST', '/rest/servicedeskapi/servicedesk/1/queue', {
      body: { name: 'x', jql: 'project = AIC' },
    });
    expect(create.status).toBe(405);
  });

  it('sandbox control creates and edits a queue; invalid JQL is refused', async () => {
    const h = makeHarness();
    const q = h.jira.createQueue({
      name: 'Pending AI access',
      jql: 'project = AIC AND status = "Waiting for approval" ORDER BY created ASC',
    });
    expect(q).toMatchObject({ id: '3', serviceDeskId: '1', name: 'Pending AI access' });
    const listed = await h.call('agent', 'GET', '/rest/servicedeskapi/servicedesk/1/queue/3');
    expect(listed.body).toMatchObject({
      id: '3',
      jql: 'project = AIC AND status = "Waiting for approval" ORDER BY created ASC',
    });
    h.jira.updateQueue('3', { jql: 'project = AIC' });
    expect((await h.call('agent', 'GET', '/rest/servicedeskapi/servicedesk/1/queue/3')).body.jql).toBe('project = AIC');
    expect(() => h.jira.createQueue({ name: 'bad', jql: 'project = = AIC' })).toThrow(/Invalid queue JQL/);
    expect(() => h.jira.updateQueue('99', { name: 'x' })).toThrow(/does not exist/);
    h.jira.deleteQueue('3');
    expect((await h.call('agent', 'GET', '/rest/servicedeskapi/servicedesk/1/queue/3')).status).toBe(404);
  });

  // The panel's submission is ONE property keyed by the app id's UUID, holding the fields by key (Forge docs:
  // jira-service-management-portal-request-create-property-panel); it used to be one property per field.
  it('sandbox control raises a portal request with the request-create panel’s submission in one created event', async () => {
    const appUuid = 'd3adb33f-2ed0-4502-82f5-54ae21ea2f72';
    const h = makeHarness({ portalPanelPropertyKey: appUuid });
    const res = h.jira.submitPortalRequest({
      accountId: SEEDED_ACCOUNT_IDS.alice,
      serviceDeskId: '1',
      requestTypeId: '1',
      requestFieldValues: { summary: 'via portal' },
      panel: { fields: [{ key: 'ai-clearance-intake', value: { toolId: 'chatgpt' } }], isValid: true },
    });
    expect(res).toEqual({ issueId: '10000', issueKey: 'AIC-1' });
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({
      eventType: 'avi:jira:created:issue',
      atlassianId: SEEDED_ACCOUNT_IDS.alice,
      issue: { properties: { [appUuid]: { 'ai-clearance-intake': { toolId: 'chatgpt' } } } },
    });
    expect(h.events[0].issue.properties).not.toHaveProperty('ai-clearance-intake');
  });
});
