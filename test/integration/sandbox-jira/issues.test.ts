import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { adf, makeHarness, placeOnScreens, raiseRequest, type Harness } from './harness';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';

async function createTask(h: Harness, fields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return h.call('agent', 'POST', '/rest/api/3/issue', {
    body: {
      fields: { project: { key: 'AIC' }, issuetype: { name: 'Task' }, summary: 'Set up Copilot', ...fields },
      ...extra,
    },
  });
}

async function selectField(h: Harness, name: string, values: string[]) {
  const field = await h.call('admin', 'POST', '/rest/api/3/field', {
    body: { name, type: `${CF}select`, searcherKey: `${CF}multiselectsearcher` },
  });
  const ctx = (await h.call('admin', 'GET', `/rest/api/3/field/${field.body.id}/context`)).body.values[0];
  const opts = await h.call('admin', 'POST', `/rest/api/3/field/${field.body.id}/context/${ctx.id}/option`, {
    body: { options: values.map((value) => ({ value })) },
  });
  await placeOnScreens(h, field.body.id);
  return {
    id: field.body.id as string,
    contextId: ctx.id as string,
    options: opts.body.options as Array<{ id: string; value: string }>,
  };
}

describe('issues', () => {
  it('creates an issue with custom fields and properties, then reads it back', async () => {
    const h = makeHarness();
    const tool = await selectField(h, 'AI tool', ['ChatGPT', 'Copilot']);
    const days = (
      await h.call('admin', 'POST', '/rest/api/3/field', {
        body: { name: 'Access duration (days)', type: `${CF}float`, searcherKey: `${CF}numberrange` },
      })
    ).body.id;
    const created = await createTask(
      h,
      { [tool.id]: { value: 'Copilot' }, [days]: 30, description: adf('Needed for code review'), labels: ['ai'] },
      { properties: [{ key: 'aiClearance', value: { status: 'pending' } }] },
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: '10000', key: 'AIC-1', self: 'http://127.0.0.1:8080/rest/api/3/issue/10000' });

    const got = await h.call('agent', 'GET', '/rest/api/3/issue/AIC-1', { query: { properties: 'aiClearance' } });
    expect(got.status).toBe(200);
    expect(got.body.fields).toMatchObject({
      summary: 'Set up Copilot',
      status: { id: '10001', name: 'Waiting for support', statusCategory: { key: 'new' } },
      issuetype: { name: 'Task' },
      project: { key: 'AIC' },
      reporter: { accountId: SEEDED_ACCOUNT_IDS.agent },
      created: '2026-03-01T09:00:00.000+0000',
      labels: ['ai'],
      [tool.id]: { id: tool.options[1].id, value: 'Copilot' },
      [days]: 30,
    });
    expect(got.body.fields.resolution).toBeNull();
    expect(got.body.properties).toEqual({ aiClearance: { status: 'pending' } });
    // Lower-case keys resolve too, as on Cloud.
    expect((await h.call('agent', 'GET', '/rest/api/3/issue/aic-1')).status).toBe(200);
  });

  it('honours the fields parameter', async () => {
    const h = makeHarness();
    await createTask(h);
    const got = await h.call('agent', 'GET', '/rest/api/3/issue/AIC-1', { query: { fields: 'summary,status' } });
    expect(Object.keys(got.body.fields).sort()).toEqual(['status', 'summary']);
    const nav = await h.call('agent', 'GET', '/rest/api/3/issue/AIC-1', { query: { fields: '*navigable,-labels' } });
    expect(nav.body.fields).not.toHaveProperty('comment');
    expect(nav.body.fields).not.toHaveProperty('labels');
    expect(nav.body.fields).toHaveProperty('summary');
  });

  it('rejects bad input with every field error at once', async () => {
    const h = makeHarness();
    const tool = await selectField(h, 'AI tool', ['ChatGPT']);
    const res = await createTask(h, {
      summary: '',
      description: 'plain text is not ADF in v3',
      [tool.id]: { value: 'Gemini' },
      customfield_99999: 'x',
      labels: ['has space'],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({
      summary: 'You must specify a summary of the issue.',
      description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
      [tool.id]: "Option value 'Gemini' is not valid",
      customfield_99999: "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.",
      labels: "The label 'has space' contains spaces which is invalid.",
    });
    const noProject = await h.call('agent', 'POST', '/rest/api/3/issue', {
      body: { fields: { summary: 'x', issuetype: { name: 'Task' } } },
    });
    expect(noProject.body.errors).toEqual({ project: 'Specify a valid project ID or key' });
    // Nothing was written by the rejected calls.
    expect(h.events).toHaveLength(0);
  });

  it('hides other customers’ requests behind a 404 and keeps customers from editing', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'Access to ChatGPT');
    expect((await h.call('alice', 'GET', `/rest/api/3/issue/${key}`)).status).toBe(200);
    const bob = await h.call('bob', 'GET', `/rest/api/3/issue/${key}`);
    expect(bob.status).toBe(404);
    expect(bob.body).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
    expect((await h.call('bob', 'GET', '/rest/api/3/issue/AIC-999')).body).toEqual(bob.body);
    const edit = await h.call('alice', 'PUT', `/rest/api/3/issue/${key}`, { body: { fields: { summary: 'changed' } } });
    expect(edit.status).toBe(403);
    expect(
      (
        await h.call('alice', 'POST', '/rest/api/3/issue', {
          body: { fields: { project: { key: 'AIC' }, issuetype: { name: 'Task' }, summary: 'x' } },
        })
      ).status,
    ).toBe(400);
    // A participant may see the request.
    await h.call('alice', 'POST', `/rest/servicedeskapi/request/${key}/participant`, {
      body: { accountIds: [SEEDED_ACCOUNT_IDS.bob] },
    });
    expect((await h.call('bob', 'GET', `/rest/api/3/issue/${key}`)).status).toBe(200);
  });

  it('edits fields, adds a comment and sets a property in one call', async () => {
    const h = makeHarness();
    const tool = await selectField(h, 'AI tool', ['ChatGPT', 'Copilot']);
    await createTask(h, { [tool.id]: { value: 'ChatGPT' } });
    h.events.length = 0;
    h.clock.advance('PT1H');
    const res = await h.call('app', 'PUT', '/rest/api/3/issue/AIC-1', {
      body: {
        fields: {
          summary: 'Set up Copilot Business',
          [tool.id]: { id: tool.options[1].id },
          assignee: { accountId: SEEDED_ACCOUNT_IDS.agent },
        },
        update: { comment: [{ add: { body: adf('Approved by policy') } }] },
        properties: [{ key: 'aiClearance', value: { status: 'approved' } }],
      },
    });
    expect(res.status).toBe(204);
    expect(h.events.map((e) => e.eventType)).toEqual([
      'avi:jira:updated:issue',
      'avi:jira:assigned:issue',
      'avi:jira:commented:issue',
      'avi:jira:set:issue-property',
    ]);
    const updated = h.events[0];
    expect(updated.causedByApp).toBe(true);
    expect(updated.atlassianId).toBe(SEEDED_ACCOUNT_IDS.app);
    expect(updated.changelog!.items).toEqual([
      {
        field: 'summary',
        fieldtype: 'jira',
        fieldId: 'summary',
        from: null,
        fromString: 'Set up Copilot',
        to: null,
        toString: 'Set up Copilot Business',
      },
      {
        field: 'AI tool',
        fieldtype: 'custom',
        fieldId: tool.id,
        from: tool.options[0].id,
        fromString: 'ChatGPT',
        to: tool.options[1].id,
        toString: 'Copilot',
      },
      {
        field: 'assignee',
        fieldtype: 'jira',
        fieldId: 'assignee',
        from: null,
        fromString: null,
        to: SEEDED_ACCOUNT_IDS.agent,
        toString: 'Avery Agent',
      },
    ]);
    // Every snapshot shows the state after the whole call.
    for (const e of h.events) {
      expect(e.issue.fields.summary).toBe('Set up Copilot Business');
      expect(e.issue.properties).toEqual({ aiClearance: { status: 'approved' } });
      expect(e.timestamp).toBe(Date.parse('2026-03-01T10:00:00.000Z'));
    }
    expect(h.events[2].comment).toMatchObject({ jsdPublic: true, author: { accountId: SEEDED_ACCOUNT_IDS.app } });
    const got = await h.call('agent', 'GET', '/rest/api/3/issue/AIC-1', { query: { expand: 'changelog' } });
    expect(got.body.fields.updated).toBe('2026-03-01T10:00:00.000+0000');
    expect(got.body.fields.comment.total).toBe(1);
    expect(got.body.changelog.histories[0].items).toHaveLength(3);
  });

  it('changes nothing when one part of an edit is invalid', async () => {
    const h = makeHarness();
    await createTask(h);
    h.events.length = 0;
    const res = await h.call('agent', 'PUT', '/rest/api/3/issue/AIC-1', {
      body: { fields: { summary: 'new' }, update: { comment: [{ add: { body: 'not adf' } }] } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ comment: 'Comment body is not valid!' });
    expect((await h.call('agent', 'GET', '/rest/api/3/issue/AIC-1')).body.fields.summary).toBe('Set up Copilot');
    expect(h.events).toHaveLength(0);
  });

  it('emits no updated event for an edit that changes nothing', async () => {
    const h = makeHarness();
    await createTask(h);
    h.events.length = 0;
    expect(
      (await h.call('agent', 'PUT', '/rest/api/3/issue/AIC-1', { body: { fields: { summary: 'Set up Copilot' } } }))
        .status,
    ).toBe(204);
    expect(h.events).toHaveLength(0);
  });

  it('only lets agents be assignees', async () => {
    const h = makeHarness();
    await createTask(h);
    const res = await h.call('agent', 'PUT', '/rest/api/3/issue/AIC-1', {
      body: { fields: { assignee: { accountId: SEEDED_ACCOUNT_IDS.bob } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.assignee).toMatch(/cannot be assigned issues/);
  });

  it('deletes an issue with a deleted event carrying the last snapshot', async () => {
    const h = makeHarness();
    await createTask(h, {}, { properties: [{ key: 'p', value: 1 }] });
    expect((await h.call('alice', 'DELETE', '/rest/api/3/issue/AIC-1')).status).toBe(404);
    expect((await h.call('agent', 'DELETE', '/rest/api/3/issue/AIC-1')).status).toBe(204);
    const deleted = h.events.at(-1)!;
    expect(deleted.eventType).toBe('avi:jira:deleted:issue');
    expect(deleted.issue).toMatchObject({ key: 'AIC-1', properties: { p: 1 } });
    expect((await h.call('agent', 'GET', '/rest/api/3/issue/AIC-1')).status).toBe(404);
  });

  it('emits created with a full snapshot of fields and properties', async () => {
    const h = makeHarness();
    await createTask(h, {}, { properties: [{ key: 'aiClearance', value: { v: 1 } }] });
    expect(h.events).toHaveLength(1);
    const e = h.events[0];
    expect(e).toMatchObject({
      eventType: 'avi:jira:created:issue',
      causedByApp: false,
      atlassianId: SEEDED_ACCOUNT_IDS.agent,
      issue: { id: '10000', key: 'AIC-1', properties: { aiClearance: { v: 1 } } },
    });
    expect(e.issue.fields).toHaveProperty('customfield_10010', null);
    expect(e.issue.fields).toMatchObject({ summary: 'Set up Copilot', status: { name: 'Waiting for support' } });
  });
});
