import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { makeHarness, placeOnScreens, raiseRequest, type Harness } from './harness';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';

async function seedIssues(h: Harness, n: number, who: 'alice' | 'bob' = 'alice') {
  for (let i = 1; i <= n; i++) {
    await raiseRequest(h, who, `request ${i}`);
    h.clock.advance('PT1M');
  }
}

describe('search/jql', () => {
  it('answers 410 on the removed /rest/api/3/search', async () => {
    const h = makeHarness();
    for (const method of ['GET', 'POST']) {
      const res = await h.call('agent', method, '/rest/api/3/search', {
        query: { jql: 'project = AIC' },
        body: { jql: 'project = AIC' },
      });
      expect(res.status).toBe(410);
      expect(res.body.errorMessages[0]).toMatch(/search\/jql/);
    }
  });

  it('pages with an opaque nextPageToken until isLast (GET and POST)', async () => {
    const h = makeHarness();
    await seedIssues(h, 5);
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await h.call('agent', 'POST', '/rest/api/3/search/jql', {
        body: { jql: 'project = AIC', maxResults: 2, fields: ['summary'], ...(token ? { nextPageToken: token } : {}) },
      });
      expect(res.status).toBe(200);
      keys.push(...res.body.issues.map((i: { key: string }) => i.key));
      expect(res.body.isLast).toBe(res.body.nextPageToken === undefined);
      token = res.body.nextPageToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    // No ORDER BY: newest first.
    expect(keys).toEqual(['AIC-5', 'AIC-4', 'AIC-3', 'AIC-2', 'AIC-1']);

    const first = await h.call('agent', 'GET', '/rest/api/3/search/jql', {
      query: { jql: 'project = AIC ORDER BY created ASC', maxResults: '3', fields: 'summary,status' },
    });
    expect(first.body.issues.map((i: { key: string }) => i.key)).toEqual(['AIC-1', 'AIC-2', 'AIC-3']);
    expect(Object.keys(first.body.issues[0].fields).sort()).toEqual(['status', 'summary']);
    const second = await h.call('agent', 'GET', '/rest/api/3/search/jql', {
      query: { jql: 'project = AIC ORDER BY created ASC', maxResults: '3', nextPageToken: first.body.nextPageToken },
    });
    expect(second.body.issues.map((i: { key: string }) => i.key)).toEqual(['AIC-4', 'AIC-5']);
    expect(second.body.isLast).toBe(true);
    // By default only ids come back.
    expect(second.body.issues[0].fields).toEqual({});
  });

  it('refuses a token from another query and unbounded queries', async () => {
    const h = makeHarness();
    await seedIssues(h, 3);
    const first = await h.call('agent', 'GET', '/rest/api/3/search/jql', {
      query: { jql: 'project = AIC', maxResults: '1' },
    });
    const wrong = await h.call('agent', 'GET', '/rest/api/3/search/jql', {
      query: { jql: 'project = AIC ORDER BY key ASC', nextPageToken: first.body.nextPageToken },
    });
    expect(wrong.status).toBe(400);
    expect(
      (
        await h.call('agent', 'GET', '/rest/api/3/search/jql', {
          query: { jql: 'project = AIC', nextPageToken: 'garbage' },
        })
      ).status,
    ).toBe(400);
    const unbounded = await h.call('agent', 'GET', '/rest/api/3/search/jql', {
      query: { jql: 'ORDER BY created DESC' },
    });
    expect(unbounded.body).toEqual({
      errorMessages: ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
      errors: {},
    });
  });

  it('maps JQL errors to 400 in Jira’s shape', async () => {
    const h = makeHarness();
    const res = await h.call('agent', 'GET', '/rest/api/3/search/jql', { query: { jql: 'nosuchfield = 1' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errorMessages: ["Field 'nosuchfield' does not exist or you do not have permission to view it."],
      errors: {},
    });
    const badValue = await h.call('agent', 'GET', '/rest/api/3/search/jql', { query: { jql: 'status = "Nope"' } });
    expect(badValue.status).toBe(400);
  });

  it('shows customers only their own requests', async () => {
    const h = makeHarness();
    await seedIssues(h, 2, 'alice');
    await seedIssues(h, 1, 'bob');
    const asBob = await h.call('bob', 'GET', '/rest/api/3/search/jql', {
      query: { jql: 'project = AIC', fields: 'reporter' },
    });
    expect(asBob.body.issues.map((i: { key: string }) => i.key)).toEqual(['AIC-3']);
    const mine = await h.call('alice', 'GET', '/rest/api/3/search/jql', { query: { jql: 'reporter = currentUser()' } });
    expect(mine.body.issues).toHaveLength(2);
    expect(
      (await h.call('agent', 'GET', '/rest/api/3/search/jql', { query: { jql: 'project = AIC' } })).body.issues,
    ).toHaveLength(3);
  });

  it('searches custom fields, issue properties and searchAlias values', async () => {
    const h = makeHarness({
      entityProperties: [
        { propertyKey: 'aiClearance', path: 'grant.status', type: 'string', searchAlias: 'grantStatus' },
      ],
    });
    const tool = (
      await h.call('admin', 'POST', '/rest/api/3/field', {
        body: { name: 'AI tool', type: `${CF}select`, searcherKey: `${CF}multiselectsearcher` },
      })
    ).body.id;
    const ctx = (await h.call('admin', 'GET', `/rest/api/3/field/${tool}/context`)).body.values[0].id;
    await h.call('admin', 'POST', `/rest/api/3/field/${tool}/context/${ctx}/option`, {
      body: { options: [{ value: 'ChatGPT' }, { value: 'Claude' }] },
    });
    await placeOnScreens(h, tool);
    const a = await raiseRequest(h, 'alice', 'a');
    const b = await raiseRequest(h, 'bob', 'b');
    await h.call('app', 'PUT', `/rest/api/3/issue/${a.key}`, {
      body: {
        fields: { [tool]: { value: 'Claude' } },
        properties: [{ key: 'aiClearance', value: { grant: { status: 'active' } } }],
      },
    });
    await h.call('app', 'PUT', `/rest/api/3/issue/${b.key}`, { body: { fields: { [tool]: { value: 'ChatGPT' } } } });
    const find = async (jql: string) =>
      (await h.call('app', 'POST', '/rest/api/3/search/jql', { body: { jql, fields: ['summary'] } })).body.issues.map(
        (i: { key: string }) => i.key,
      );
    expect(await find('"AI tool" = Claude')).toEqual([a.key]);
    expect(await find(`cf[${tool.replace('customfield_', '')}] = ChatGPT`)).toEqual([b.key]);
    expect(await find('issue.property[aiClearance].grant.status = active')).toEqual([a.key]);
    expect(await find('grantStatus = active')).toEqual([a.key]);
    expect(await find('"Request Type" = "Get IT help" ORDER BY key ASC')).toEqual([a.key, b.key]);
    expect(await find(`reporter = "${SEEDED_ACCOUNT_IDS.bob}"`)).toEqual([b.key]);
    // Renaming an option is visible to search at once (the view cache follows configuration).
    const claude = (await h.call('admin', 'GET', `/rest/api/3/field/${tool}/context/${ctx}/option`)).body.values[1];
    await h.call('admin', 'PUT', `/rest/api/3/field/${tool}/context/${ctx}/option`, {
      body: { options: [{ id: claude.id, value: 'Claude Enterprise' }] },
    });
    expect(await find('"AI tool" = "Claude Enterprise"')).toEqual([a.key]);
  });

  it('returns requested properties with each issue', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'a');
    await h.call('app', 'PUT', `/rest/api/3/issue/${key}/properties/aiClearance`, { body: { v: 1 } });
    const res = await h.call('app', 'POST', '/rest/api/3/search/jql', {
      body: { jql: 'project = AIC', properties: ['aiClearance'] },
    });
    expect(res.body.issues[0].properties).toEqual({ aiClearance: { v: 1 } });
  });

  it('validates JQL via /rest/api/3/jql/parse', async () => {
    const h = makeHarness();
    const res = await h.call('admin', 'POST', '/rest/api/3/jql/parse', {
      body: { queries: ['project = AIC', 'project = = AIC'] },
    });
    expect(res.body.queries[0]).toEqual({ query: 'project = AIC' });
    expect(res.body.queries[1].errors[0]).toMatch(/Error in the JQL Query/);
  });
});
