// The emulator behind a loopback HTTP server, driven by jira.js exactly as the
// CLI and the e2e test drive a real site: if jira.js can't read an answer, the
// emulator's shape is wrong.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceDeskClient, Version3Client } from 'jira.js';
import { parseBasicAuth, readJsonBody, sendJson } from '../../../src/sandbox/http-util';
import type { Principal } from '../../../src/sandbox/contracts';
import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { adf, makeHarness, type Harness } from './harness';

let h: Harness;
let server: http.Server;
let host: string;

beforeAll(async () => {
  h = makeHarness();
  server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const creds = parseBasicAuth(req.headers.authorization);
      const principal: Principal | undefined = creds
        ? h.jira.authenticate(creds.email, creds.token)
        : { kind: 'anonymous' };
      if (!principal)
        return sendJson(res, 401, {
          errorMessages: ['Client must be authenticated to access this resource.'],
          errors: {},
        });
      const out = await h.jira.handle({
        method: req.method ?? 'GET',
        path: url.pathname.split('/').map(decodeURIComponent).join('/'),
        query: url.searchParams,
        headers: {},
        body: await readJsonBody(req),
        principal,
      });
      sendJson(res, out.status, out.body, out.headers);
    })().catch((e) => sendJson(res, 500, { errorMessages: [String(e)], errors: {} }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const v3 = (email: string, apiToken = 'sandbox-token') =>
  new Version3Client({ host, authentication: { basic: { email, apiToken } } });
const sd = (email: string) =>
  new ServiceDeskClient({ host, authentication: { basic: { email, apiToken: 'sandbox-token' } } });

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    const err = e as { status?: number; response?: { status?: number }; cause?: { response?: { status?: number } } };
    return err.status ?? err.response?.status ?? err.cause?.response?.status ?? -1;
  }
}

describe('jira.js against the emulator over HTTP', () => {
  it('serverInfo, myself and 401 for wrong credentials', async () => {
    expect((await v3('admin@example.com').serverInfo.getServerInfo()).deploymentType).toBe('Cloud');
    expect((await v3('alice@example.com').myself.getCurrentUser()).accountId).toBe(SEEDED_ACCOUNT_IDS.alice);
    expect(await status(v3('alice@example.com', 'nope').myself.getCurrentUser())).toBe(401);
  });

  it('creates a request, comments in ADF, transitions, sets a property, pages a search', async () => {
    const created = await sd('alice@example.com').request.createCustomerRequest({
      serviceDeskId: '1',
      requestTypeId: '1',
      requestFieldValues: { summary: 'Claude for docs' },
    });
    const key = created.issueKey!;
    const agent = v3('agent@example.com');
    const issue = await agent.issues.getIssue({ issueIdOrKey: key });
    expect(issue.fields.status.name).toBe('Waiting for support');
    const comment = await agent.issueComments.addComment({ issueIdOrKey: key, comment: adf('Looking at it') });
    expect(comment.jsdPublic).toBe(true);
    const transitions = await agent.issues.getTransitions({ issueIdOrKey: key });
    await agent.issues.doTransition({
      issueIdOrKey: key,
      transition: { id: transitions.transitions!.find((t) => t.name === 'Request approval')!.id! },
    });
    await agent.issueProperties.setIssueProperty({
      issueIdOrKey: key,
      propertyKey: 'aiClearance',
      propertyValue: { status: 'pending' },
    });
    expect(
      (await agent.issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey: 'aiClearance' })).value,
    ).toEqual({ status: 'pending' });
    await agent.issues.assignIssue({ issueIdOrKey: key, accountId: SEEDED_ACCOUNT_IDS.agent });
    expect((await agent.issues.getIssue({ issueIdOrKey: key, fields: ['assignee'] })).fields.assignee.accountId).toBe(
      SEEDED_ACCOUNT_IDS.agent,
    );

    for (let i = 0; i < 3; i++) {
      h.clock.advance('PT1M');
      await sd('bob@example.com').request.createCustomerRequest({
        serviceDeskId: '1',
        requestTypeId: '1',
        requestFieldValues: { summary: `bob ${i}` },
      });
    }
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await agent.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
        jql: 'project = AIC ORDER BY created ASC',
        maxResults: 3,
        fields: ['summary'],
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      keys.push(...page.issues!.map((i) => i.key));
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    expect(keys).toEqual(['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4']);
    expect(
      h.events.some(
        (e) => e.eventType === 'avi:jira:updated:issue' && e.associatedStatuses?.to.name === 'Waiting for approval',
      ),
    ).toBe(true);
  });

  it('surfaces Cloud’s errors: invalid ADF 400, removed search 410, other customers 404', async () => {
    const created = await sd('alice@example.com').request.createCustomerRequest({
      serviceDeskId: '1',
      requestTypeId: '1',
      requestFieldValues: { summary: 'mine' },
    });
    expect(
      await status(
        v3('agent@example.com').issueComments.addComment({
          issueIdOrKey: created.issueKey!,
          comment: { type: 'doc', version: 1, content: [{ type: 'bogus' }] },
        }),
      ),
    ).toBe(400);
    expect(await status(v3('agent@example.com').issueSearch.searchForIssuesUsingJql({ jql: 'project = AIC' }))).toBe(
      410,
    );
    expect(
      await status(sd('bob@example.com').request.getCustomerRequestByIdOrKey({ issueIdOrKey: created.issueKey! })),
    ).toBe(404);
    expect(await status(v3('bob@example.com').issues.getIssue({ issueIdOrKey: created.issueKey! }))).toBe(404);
  });
});
