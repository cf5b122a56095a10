import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSandboxDb } from '../../../src/sandbox/db';
import { adf, makeHarness, placeOnScreens, raiseRequest } from './harness';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';

describe('persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-jira-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the site across re-creation on the same file, without reseeding', async () => {
    const file = path.join(dir, 'sandbox.db');
    const db1 = openSandboxDb(file);
    const h1 = makeHarness({ db: db1 });
    const field = (
      await h1.call('admin', 'POST', '/rest/api/3/field', {
        body: { name: 'Grant status', type: `${CF}textfield`, searcherKey: `${CF}textsearcher` },
      })
    ).body.id;
    await placeOnScreens(h1, field);
    const { key } = await raiseRequest(h1, 'alice', 'persist me');
    await h1.call('app', 'PUT', `/rest/api/3/issue/${key}`, {
      body: {
        fields: { [field]: 'active' },
        update: { comment: [{ add: { body: adf('kept') } }] },
        properties: [{ key: 'aiClearance', value: { ok: true } }],
      },
    });
    await h1.call('app', 'POST', '/rest/api/3/filter', { body: { name: 'f', jql: 'project = AIC' } });
    h1.jira.createQueue({ name: 'Q', jql: 'project = AIC' });
    db1.close();

    const db2 = openSandboxDb(file);
    const h2 = makeHarness({ db: db2 });
    expect(h2.jira.listUsers()).toHaveLength(5);
    const issue = await h2.call('agent', 'GET', `/rest/api/3/issue/${key}`, { query: { properties: '*all' } });
    expect(issue.body.fields).toMatchObject({ summary: 'persist me', [field]: 'active', comment: { total: 1 } });
    expect(issue.body.properties).toEqual({ aiClearance: { ok: true } });
    expect((await h2.call('app', 'GET', '/rest/api/3/filter/search', { query: { filterName: 'f' } })).body.total).toBe(
      1,
    );
    expect(
      (await h2.call('agent', 'GET', '/rest/servicedeskapi/servicedesk/1/queue')).body.values.map(
        (q: { name: string }) => q.name,
      ),
    ).toContain('Q');
    // Counters continue where they were.
    expect((await raiseRequest(h2, 'bob', 'next')).key).toBe('AIC-2');
    const fields = (await h2.call('admin', 'GET', '/rest/api/3/field')).body.filter(
      (f: { name: string }) => f.name === 'Request Type',
    );
    expect(fields).toHaveLength(1);
    db2.close();
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After before serving, and changes nothing', async () => {
    const h = makeHarness();
    h.faults.configure({ jira: { rate429: 1, retryAfterSeconds: 7 } });
    const res = await h.call('alice', 'POST', '/rest/servicedeskapi/request', {
      body: { serviceDeskId: '1', requestTypeId: '1', requestFieldValues: { summary: 'x' } },
    });
    expect(res.status).toBe(429);
    expect(res.headers).toEqual({ 'Retry-After': '7' });
    // servicedeskapi: JSM's error shape (platform-contract.md REST-2).
    expect(res.body).toEqual({ errorMessage: expect.any(String), i18nErrorMessage: expect.any(Object) });
    h.faults.reset();
    expect(h.events).toHaveLength(0);
    expect((await h.call('agent', 'GET', '/rest/api/3/issue/AIC-1')).status).toBe(404);
  });

  it('answers 503 when 5xx faults are on, and serves again when off', async () => {
    const h = makeHarness();
    h.faults.configure({ jira: { rate5xx: 1 } });
    expect((await h.call('admin', 'GET', '/rest/api/3/myself')).status).toBe(503);
    h.faults.configure({ jira: { latencyMs: 1 } });
    expect((await h.call('admin', 'GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('follows the seeded schedule, so a run can be replayed', async () => {
    const statuses = async () => {
      const h = makeHarness();
      h.faults.configure({ jira: { rate429: 0.5 }, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await h.call('admin', 'GET', '/rest/api/3/myself')).status);
      return out;
    };
    const a = await statuses();
    expect(a).toContain(429);
    expect(a).toContain(200);
    expect(await statuses()).toEqual(a);
  });

  it('loses the response of an applied write: the comment is on the ticket and its event sent, the client sees 503; reads are never lost', async () => {
    const h = makeHarness();
    const { key } = await raiseRequest(h, 'alice', 'lost answers');
    const before = h.events.length;
    h.faults.configure({ jira: { rateLostResponse: 1 } });
    const res = await h.call('agent', 'POST', `/rest/api/3/issue/${key}/comment`, {
      body: { body: adf('landed anyway') },
    });
    expect(res.status).toBe(503);
    expect(res.body.errorMessages[0]).toMatch(/lost its response/);
    const read = await h.call('agent', 'GET', `/rest/api/3/issue/${key}/comment`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body.comments)).toContain('landed anyway');
    expect(h.events.length).toBeGreaterThan(before);
    // A refused write is not applied, so there is nothing to lose: its 4xx comes through.
    expect(
      (
        await h.call('agent', 'POST', `/rest/api/3/issue/${key}/comment`, {
          body: { body: { type: 'doc', version: 1, content: [{ type: 'nope' }] } },
        })
      ).status,
    ).toBe(400);
  });

  it('replays the same lost responses for the same seed', async () => {
    const run = async () => {
      const h = makeHarness();
      const { key } = await raiseRequest(h, 'alice', 'seeded');
      h.faults.configure({ jira: { rateLostResponse: 0.5 }, seed: 9 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++)
        out.push(
          (await h.call('agent', 'POST', `/rest/api/3/issue/${key}/comment`, { body: { body: adf(`n${i}`) } })).status,
        );
      h.faults.reset();
      expect((await h.call('agent', 'GET', `/rest/api/3/issue/${key}/comment`)).body.comments.length).toBe(12);
      return out;
    };
    const a = await run();
    expect(a).toContain(503);
    expect(a).toContain(201);
    expect(await run()).toEqual(a);
  });
});
