import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { makeHarness } from './harness';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';

describe('custom fields, contexts and options', () => {
  it('creates a field with a default global context, listed in GET /field', async () => {
    const h = makeHarness();
    const res = await h.call('admin', 'POST', '/rest/api/3/field', {
      body: {
        name: 'Grant status',
        description: 'AI Clearance',
        type: `${CF}select`,
        searcherKey: `${CF}multiselectsearcher`,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: 'customfield_10020',
      name: 'Grant status',
      custom: true,
      searchable: true,
      clauseNames: ['cf[10020]', 'Grant status'],
      schema: { type: 'option', custom: `${CF}select`, customId: 10020 },
    });
    const list = await h.call('alice', 'GET', '/rest/api/3/field');
    expect(list.body.find((f: { id: string }) => f.id === 'customfield_10020')).toBeDefined();
    expect(list.body.find((f: { id: string }) => f.id === 'summary')).toMatchObject({
      custom: false,
      schema: { system: 'summary' },
    });
    const ctx = await h.call('admin', 'GET', '/rest/api/3/field/customfield_10020/context');
    expect(ctx.body.values).toEqual([expect.objectContaining({ isGlobalContext: true, isAnyIssueType: true })]);
  });

  it('validates type and searcher pairs', async () => {
    const h = makeHarness();
    const badType = await h.call('admin', 'POST', '/rest/api/3/field', { body: { name: 'X', type: `${CF}nonsense` } });
    expect(badType.status).toBe(400);
    expect(badType.body.errors.type).toMatch(/not valid/);
    const badPair = await h.call('admin', 'POST', '/rest/api/3/field', {
      body: { name: 'X', type: `${CF}datetime`, searcherKey: `${CF}textsearcher` },
    });
    expect(badPair.status).toBe(400);
    expect(badPair.body.errors.searcherKey).toContain(`${CF}datetimerange`);
    for (const [type, searcherKey] of [
      ['textfield', 'textsearcher'],
      ['textarea', 'textsearcher'],
      ['float', 'numberrange'],
      ['datetime', 'datetimerange'],
      ['userpicker', 'userpickergroupsearcher'],
      ['multiselect', 'multiselectsearcher'],
    ]) {
      expect(
        (
          await h.call('admin', 'POST', '/rest/api/3/field', {
            body: { name: type, type: CF + type, searcherKey: CF + searcherKey },
          })
        ).status,
      ).toBe(201);
    }
    const noName = await h.call('admin', 'POST', '/rest/api/3/field', { body: { type: `${CF}textfield` } });
    expect(noName.status).toBe(400);
  });

  it('keeps configuration changes to admins and the app', async () => {
    const h = makeHarness();
    const denied = await h.call('agent', 'POST', '/rest/api/3/field', { body: { name: 'X', type: `${CF}textfield` } });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ errorMessages: [expect.stringMatching(/administrators/)], errors: {} });
    expect(
      (await h.call('app', 'POST', '/rest/api/3/field', { body: { name: 'X', type: `${CF}textfield` } })).status,
    ).toBe(201);
    expect((await h.call('agent', 'GET', '/rest/api/3/field/customfield_10020/context')).status).toBe(403);
    expect((await h.call('alice', 'DELETE', '/rest/api/3/field/customfield_10020')).status).toBe(403);
  });

  it('creates, renames and disables options; a disabled option cannot be chosen', async () => {
    const h = makeHarness();
    const field = (
      await h.call('admin', 'POST', '/rest/api/3/field', {
        body: { name: 'AI tool', type: `${CF}select`, searcherKey: `${CF}multiselectsearcher` },
      })
    ).body.id;
    const ctxId = (
      await h.call('admin', 'POST', `/rest/api/3/field/${field}/context`, {
        body: { name: 'AIC', projectIds: ['10000'] },
      })
    ).body.id;
    const created = await h.call('admin', 'POST', `/rest/api/3/field/${field}/context/${ctxId}/option`, {
      body: { options: [{ value: 'ChatGPT' }, { value: 'Claude' }] },
    });
    expect(created.body.options).toEqual([
      expect.objectContaining({ value: 'ChatGPT', disabled: false }),
      expect.objectContaining({ value: 'Claude', disabled: false }),
    ]);
    const dup = await h.call('admin', 'POST', `/rest/api/3/field/${field}/context/${ctxId}/option`, {
      body: { options: [{ value: 'chatgpt' }] },
    });
    expect(dup.status).toBe(400);
    const [chatgpt, claude] = created.body.options;
    const upd = await h.call('admin', 'PUT', `/rest/api/3/field/${field}/context/${ctxId}/option`, {
      body: {
        options: [
          { id: chatgpt.id, value: 'ChatGPT Enterprise' },
          { id: claude.id, disabled: true },
        ],
      },
    });
    expect(upd.body.options).toEqual([
      { id: chatgpt.id, value: 'ChatGPT Enterprise', disabled: false },
      { id: claude.id, value: 'Claude', disabled: true },
    ]);
    const listed = await h.call('admin', 'GET', `/rest/api/3/field/${field}/context/${ctxId}/option`);
    expect(listed.body).toMatchObject({ total: 2, isLast: true });

    const mk = (value: string) =>
      h.call('agent', 'POST', '/rest/api/3/issue', {
        body: { fields: { project: { key: 'AIC' }, issuetype: { name: 'Task' }, summary: 's', [field]: { value } } },
      });
    expect((await mk('ChatGPT Enterprise')).status).toBe(201);
    const disabled = await mk('Claude');
    expect(disabled.status).toBe(400);
    expect(disabled.body.errors[field]).toBe("Option value 'Claude' is not valid");
    const textField = (
      await h.call('admin', 'POST', '/rest/api/3/field', { body: { name: 'T', type: `${CF}textfield` } })
    ).body.id;
    const textCtx = (await h.call('admin', 'GET', `/rest/api/3/field/${textField}/context`)).body.values[0].id;
    expect((await h.call('admin', 'GET', `/rest/api/3/field/${textField}/context/${textCtx}/option`)).status).toBe(400);
  });

  it('deletes a field the Cloud way (303 to a finished task) and drops it from listings', async () => {
    const h = makeHarness();
    const id = (
      await h.call('admin', 'POST', '/rest/api/3/field', {
        body: { name: 'Temp', type: `${CF}textfield`, searcherKey: `${CF}textsearcher` },
      })
    ).body.id;
    const del = await h.call('admin', 'DELETE', `/rest/api/3/field/${id}`);
    expect(del.status).toBe(303);
    expect(del.headers!.Location).toMatch(/\/rest\/api\/3\/task\/\d+$/);
    const task = await h.call('admin', 'GET', new URL(del.headers!.Location).pathname);
    expect(task.body.status).toBe('COMPLETE');
    expect((await h.call('admin', 'GET', '/rest/api/3/field')).body.some((f: { id: string }) => f.id === id)).toBe(
      false,
    );
    expect((await h.call('admin', 'GET', `/rest/api/3/field/${id}/context`)).status).toBe(404);
    expect((await h.call('admin', 'DELETE', `/rest/api/3/field/${id}`)).status).toBe(404);
    expect((await h.call('admin', 'DELETE', '/rest/api/3/field/customfield_10010')).status).toBe(400);
  });

  it('trashes and restores a field', async () => {
    const h = makeHarness();
    const id = (await h.call('admin', 'POST', '/rest/api/3/field', { body: { name: 'Temp', type: `${CF}textfield` } }))
      .body.id;
    expect((await h.call('admin', 'POST', `/rest/api/3/field/${id}/trash`)).status).toBe(200);
    expect(
      (await h.call('admin', 'GET', '/rest/api/3/field/search', { query: { type: 'custom' } })).body.values.map(
        (f: { id: string }) => f.id,
      ),
    ).not.toContain(id);
    expect((await h.call('admin', 'POST', `/rest/api/3/field/${id}/restore`)).status).toBe(200);
    expect(
      (
        await h.call('admin', 'GET', '/rest/api/3/field/search', { query: { type: 'custom', query: 'temp' } })
      ).body.values.map((f: { id: string }) => f.id),
    ).toEqual([id]);
    const expanded = await h.call('admin', 'GET', '/rest/api/3/field/search', {
      query: { type: 'custom', query: 'temp', expand: 'searcherKey,isLocked' },
    });
    expect(expanded.body.values[0]).toMatchObject({ id, searcherKey: null, isLocked: false });
    expect(
      (await h.call('admin', 'GET', '/rest/api/3/field/search', { query: { type: 'custom' } })).body.values[0],
    ).not.toHaveProperty('searcherKey');
  });
});

describe('filters', () => {
  const body = {
    name: 'AI Clearance: pending',
    jql: 'project = AIC AND status = "Waiting for approval"',
    description: 'queue mirror',
    sharePermissions: [{ type: 'project', project: { id: '10000' } }],
  };

  it('creates, finds, updates and deletes a shared filter', async () => {
    const h = makeHarness();
    const created = await h.call('app', 'POST', '/rest/api/3/filter', { body });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      id: '10000',
      name: body.name,
      jql: body.jql,
      owner: { accountId: SEEDED_ACCOUNT_IDS.app },
      sharePermissions: [expect.objectContaining({ type: 'project', project: { id: '10000' } })],
    });
    const found = await h.call('agent', 'GET', '/rest/api/3/filter/search', { query: { filterName: 'pending' } });
    expect(found.body.values).toEqual([
      { id: '10000', name: body.name, self: 'http://127.0.0.1:8080/rest/api/3/filter/10000' },
    ]);
    const expanded = await h.call('agent', 'GET', '/rest/api/3/filter/search', {
      query: { filterName: 'pending', expand: 'jql,description' },
    });
    expect(expanded.body.values[0]).toMatchObject({ jql: body.jql, description: 'queue mirror' });
    const upd = await h.call('app', 'PUT', '/rest/api/3/filter/10000', { body: { ...body, jql: 'project = AIC' } });
    expect(upd.body.jql).toBe('project = AIC');
    expect((await h.call('app', 'DELETE', '/rest/api/3/filter/10000')).status).toBe(204);
    expect((await h.call('app', 'GET', '/rest/api/3/filter/10000')).status).toBe(400);
  });

  it('refuses invalid JQL, duplicate names and changes by non-owners', async () => {
    const h = makeHarness();
    const bad = await h.call('app', 'POST', '/rest/api/3/filter', { body: { ...body, jql: 'project = AIC AND (' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.jql).toMatch(/Error in the JQL Query/);
    await h.call('app', 'POST', '/rest/api/3/filter', { body });
    const dup = await h.call('app', 'POST', '/rest/api/3/filter', { body });
    expect(dup.body.errors).toEqual({ filterName: 'Filter with same name already exists.' });
    expect((await h.call('agent', 'PUT', '/rest/api/3/filter/10000', { body })).status).toBe(403);
    expect(
      (await h.call('admin', 'PUT', '/rest/api/3/filter/10000', { body: { ...body, description: 'by admin' } })).status,
    ).toBe(200);
    // Project-shared filters are invisible to customers (no Browse Projects).
    expect((await h.call('alice', 'GET', '/rest/api/3/filter/10000')).status).toBe(400);
    const priv = await h.call('agent', 'POST', '/rest/api/3/filter', { body: { name: 'mine', jql: 'project = AIC' } });
    expect((await h.call('admin', 'GET', `/rest/api/3/filter/${priv.body.id}`)).status).toBe(200);
    expect(
      (await h.call('alice', 'POST', '/rest/api/3/filter', { body: { name: 'x', jql: 'project = AIC' } })).status,
    ).toBe(403);
  });
});
