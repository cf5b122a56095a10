import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { adf, makeHarness, raiseRequest } from './harness';

describe('transitions', () => {
  it('lists only the transitions valid from the current status', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'ChatGPT please');
    const list = await h.call('agent', 'GET', `/rest/api/3/issue/${key}/transitions`);
    expect(list.body.transitions.map((t: { id: string; name: string }) => `${t.id} ${t.name}`)).toEqual([
      '11 Request approval',
      '21 Approve',
      '31 Decline',
      '41 Cancel request',
    ]);
    expect(list.body.transitions[0].to).toMatchObject({
      id: '10002',
      name: 'Waiting for approval',
      statusCategory: { key: 'indeterminate' },
    });
    // Customers have no Transition Issues permission: Jira lists none for them.
    expect((await h.call('alice', 'GET', `/rest/api/3/issue/${key}/transitions`)).body.transitions).toEqual([]);
  });

  it('rejects a transition that is not available, and customers', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'ChatGPT please');
    const bad = await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, {
      body: { transition: { id: '71' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ errorMessages: ["Transition id '71' is not valid for this issue."], errors: {} });
    expect(
      (await h.call('alice', 'POST', `/rest/api/3/issue/${key}/transitions`, { body: { transition: { id: '11' } } }))
        .status,
    ).toBe(403);
    expect((await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { body: {} })).status).toBe(400);
  });

  it('transitions with a comment, emitting changelog and associatedStatuses; a field off the (absent) transition screen is refused', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'ChatGPT please');
    await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { body: { transition: { id: '21' } } });
    h.events.length = 0;
    h.clock.advance('P1D');
    // The seeded transitions have no screen, so they take no fields (was: labels set on the transition).
    const refused = await h.call('app', 'POST', `/rest/api/3/issue/${key}/transitions`, {
      body: { transition: { id: '51' }, fields: { labels: ['granted'] } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errorMessages: [],
      errors: { labels: "Field 'labels' cannot be set. It is not on the appropriate screen, or unknown." },
    });
    expect(h.events).toEqual([]);
    await h.call('app', 'PUT', `/rest/api/3/issue/${key}`, { body: { fields: { labels: ['granted'] } } });
    h.events.length = 0;
    const res = await h.call('app', 'POST', `/rest/api/3/issue/${key}/transitions`, {
      body: {
        transition: { id: '51' },
        update: {
          comment: [
            {
              add: {
                body: adf('Access granted'),
                properties: [{ key: 'sd.public.comment', value: { internal: true } }],
              },
            },
          ],
        },
      },
    });
    expect(res.status).toBe(204);
    expect(h.events.map((e) => e.eventType)).toEqual(['avi:jira:updated:issue', 'avi:jira:commented:issue']);
    const updated = h.events[0];
    expect(updated.associatedStatuses).toEqual({
      from: { id: '10003', name: 'In fulfilment', statusCategory: 'indeterminate' },
      to: { id: '10004', name: 'Active', statusCategory: 'done' },
    });
    expect(updated.changelog!.items).toEqual([
      {
        field: 'resolution',
        fieldtype: 'jira',
        fieldId: 'resolution',
        from: null,
        fromString: null,
        to: '10000',
        toString: 'Done',
      },
      {
        field: 'status',
        fieldtype: 'jira',
        fieldId: 'status',
        from: '10003',
        fromString: 'In fulfilment',
        to: '10004',
        toString: 'Active',
      },
    ]);
    expect(h.events[1].comment!.jsdPublic).toBe(false);
    const issue = await h.call('agent', 'GET', `/rest/api/3/issue/${key}`);
    expect(issue.body.fields).toMatchObject({
      status: { name: 'Active' },
      resolution: { name: 'Done' },
      resolutiondate: '2026-03-02T09:00:00.000+0000',
      statuscategorychangedate: '2026-03-02T09:00:00.000+0000',
    });
    // Leaving a done status clears the resolution.
    await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { body: { transition: { id: '61' } } });
    await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { body: { transition: { id: '81' } } });
    const reopened = await h.call('agent', 'GET', `/rest/api/3/issue/${key}`);
    expect(reopened.body.fields).toMatchObject({
      status: { name: 'Waiting for support' },
      resolution: null,
      resolutiondate: null,
    });
  });
});

describe('comments', () => {
  it('rejects invalid ADF with Jira’s 400', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'x');
    for (const body of [
      'plain text',
      { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text' }] }] },
      { type: 'doc', version: 1, content: [{ type: 'bogus' }] },
    ]) {
      const res = await h.call('agent', 'POST', `/rest/api/3/issue/${key}/comment`, { body: { body } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ errorMessages: [], errors: { comment: 'Comment body is not valid!' } });
    }
  });

  it('keeps internal notes from customers and lets customers comment publicly on their own requests', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'x');
    const internal = await h.call('agent', 'POST', `/rest/api/3/issue/${key}/comment`, {
      body: { body: adf('risk looks high'), properties: [{ key: 'sd.public.comment', value: { internal: true } }] },
    });
    expect(internal.status).toBe(201);
    expect(internal.body).toMatchObject({
      jsdPublic: false,
      author: { accountId: SEEDED_ACCOUNT_IDS.agent },
      created: '2026-03-01T09:00:00.000+0000',
    });
    const pub = await h.call('alice', 'POST', `/rest/api/3/issue/${key}/comment`, { body: { body: adf('thanks') } });
    expect(pub.status).toBe(201);
    expect(pub.body.jsdPublic).toBe(true);
    expect(
      (
        await h.call('alice', 'POST', `/rest/api/3/issue/${key}/comment`, {
          body: { body: adf('sneaky'), properties: [{ key: 'sd.public.comment', value: { internal: true } }] },
        })
      ).status,
    ).toBe(403);
    expect(
      (await h.call('bob', 'POST', `/rest/api/3/issue/${key}/comment`, { body: { body: adf('hi') } })).status,
    ).toBe(404);

    const asAlice = await h.call('alice', 'GET', `/rest/api/3/issue/${key}/comment`);
    expect(asAlice.body.comments.map((c: { body: unknown }) => c.body)).toEqual([adf('thanks')]);
    const asAgent = await h.call('agent', 'GET', `/rest/api/3/issue/${key}/comment`, {
      query: { expand: 'properties' },
    });
    expect(asAgent.body.total).toBe(2);
    expect(asAgent.body.comments[0].properties).toEqual([{ key: 'sd.public.comment', value: { internal: true } }]);
    // The servicedeskapi sees the same comments as plain text.
    const sd = await h.call('alice', 'GET', `/rest/servicedeskapi/request/${key}/comment`);
    expect(sd.body.values.map((c: { body: string; public: boolean }) => [c.body, c.public])).toEqual([
      ['thanks', true],
    ]);
  });

  it('adds JSM comments from plain text and stores ADF', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'x');
    h.events.length = 0;
    const res = await h.call('alice', 'POST', `/rest/servicedeskapi/request/${key}/comment`, {
      body: { body: 'line one\nline two', public: true },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ body: 'line one\nline two', public: true });
    expect(h.events[0]).toMatchObject({
      eventType: 'avi:jira:commented:issue',
      comment: {
        jsdPublic: true,
        body: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ text: 'line one' }, { type: 'hardBreak' }, { text: 'line two' }] },
          ],
        },
      },
    });
    const internal = await h.call('alice', 'POST', `/rest/servicedeskapi/request/${key}/comment`, {
      body: { body: 'x', public: false },
    });
    expect(internal.status).toBe(403);
    // JSM's error shape only, no platform errorMessages (platform-contract.md REST-2).
    expect(internal.body).toEqual({
      errorMessage: expect.stringMatching(/internal/),
      i18nErrorMessage: expect.any(Object),
    });
  });
});

describe('issue properties', () => {
  it('puts, lists, gets and deletes, with one event per set', async () => {
    const h = makeHarness();
    const { key, id } = await raiseRequest(h, 'alice', 'x');
    h.events.length = 0;
    const put1 = await h.call('app', 'PUT', `/rest/api/3/issue/${key}/properties/aiClearance`, {
      body: { grant: { status: 'active' } },
    });
    expect(put1.status).toBe(201);
    const put2 = await h.call('app', 'PUT', `/rest/api/3/issue/${key}/properties/aiClearance`, {
      body: { grant: { status: 'expired' } },
    });
    expect(put2.status).toBe(200);
    expect(h.events.map((e) => [e.eventType, e.property])).toEqual([
      ['avi:jira:set:issue-property', { key: 'aiClearance', value: { grant: { status: 'active' } } }],
      ['avi:jira:set:issue-property', { key: 'aiClearance', value: { grant: { status: 'expired' } } }],
    ]);
    expect((await h.call('alice', 'GET', `/rest/api/3/issue/${key}/properties`)).body).toEqual({
      keys: [{ key: 'aiClearance', self: `http://127.0.0.1:8080/rest/api/3/issue/${id}/properties/aiClearance` }],
    });
    expect((await h.call('alice', 'GET', `/rest/api/3/issue/${key}/properties/aiClearance`)).body).toEqual({
      key: 'aiClearance',
      value: { grant: { status: 'expired' } },
    });
    expect((await h.call('alice', 'PUT', `/rest/api/3/issue/${key}/properties/x`, { body: 1 })).status).toBe(403);
    expect((await h.call('bob', 'GET', `/rest/api/3/issue/${key}/properties/aiClearance`)).status).toBe(404);
    expect((await h.call('app', 'DELETE', `/rest/api/3/issue/${key}/properties/aiClearance`)).status).toBe(204);
    const gone = await h.call('app', 'GET', `/rest/api/3/issue/${key}/properties/aiClearance`);
    expect(gone.status).toBe(404);
    expect(gone.body.errorMessages[0]).toMatch(/does not exist/);
  });

  it('refuses values over 32 KB', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'x');
    const res = await h.call('app', 'PUT', `/rest/api/3/issue/${key}/properties/big`, {
      body: { s: 'x'.repeat(33000) },
    });
    expect(res.status).toBe(400);
  });
});
