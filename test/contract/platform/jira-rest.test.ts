// Jira and JSM REST as documented (docs/platform-contract.md, section "Jira and JSM REST").
// Driven over HTTP against the served sandbox, the way the app's CLI transport and
// Forge's requestJira reach Jira, and in process where a fault must be injected.
import { basicAuthJiraTransport } from '../../../src/adapters/jira/basic-auth-transport';
import { JSM_EXPERIMENTAL_OPT_IN, ProvisioningJiraClient } from '../../../src/adapters/jira/provisioning-client';
import { isJiraHttpError, readJiraErrors } from '../../../src/ports/jira-transport';
import { serveSandbox, type ServedSandbox } from '../../integration/cli/served-sandbox';
import { makeHarness } from '../../integration/sandbox-jira/harness';

const AUTH = (email: string) => `Basic ${Buffer.from(`${email}:sandbox-token`).toString('base64')}`;
const REQUEST_TYPES = '/rest/servicedeskapi/servicedesk/1/requesttype';

let served: ServedSandbox;

beforeAll(async () => {
  served = await serveSandbox();
});
afterAll(async () => {
  await served.close();
});

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(served.server.url + path, {
    method,
    headers: {
      Authorization: AUTH('admin@example.com'),
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** JSM's ErrorResponse: exactly errorMessage + i18nErrorMessage, no platform ErrorCollection keys. */
function expectJsmErrorShape(body: unknown) {
  expect(body).toEqual({
    errorMessage: expect.any(String),
    i18nErrorMessage: { i18nKey: expect.any(String), parameters: expect.any(Array) },
  });
}

describe('REST-1: experimental JSM methods need X-ExperimentalApi: opt-in', () => {
  it('refuses request-type creation without the header, in JSM error shape, and creates nothing', async () => {
    const before = (await http('GET', REQUEST_TYPES)).body.values.length;
    const res = await http('POST', REQUEST_TYPES, { issueTypeId: '10010', name: 'No opt-in' });
    expect(res.status).toBe(412);
    expectJsmErrorShape(res.body);
    expect(res.body.errorMessage).toMatch(/X-ExperimentalApi/);
    expect((await http('GET', REQUEST_TYPES)).body.values.length).toBe(before);
  });

  it('refuses a header with another value', async () => {
    expect(
      (
        await http(
          'POST',
          REQUEST_TYPES,
          { issueTypeId: '10010', name: 'Wrong opt-in' },
          { 'X-ExperimentalApi': 'yes' },
        )
      ).status,
    ).toBe(412);
  });

  it('accepts the call with the header (any letter case)', async () => {
    const res = await http(
      'POST',
      REQUEST_TYPES,
      { issueTypeId: '10010', name: 'With opt-in' },
      { 'x-experimentalapi': 'opt-in' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: expect.any(String), name: 'With opt-in' });
  });

  it('refuses request-type deletion (also experimental) without the header', async () => {
    const created = await http(
      'POST',
      REQUEST_TYPES,
      { issueTypeId: '10010', name: 'To delete' },
      JSM_EXPERIMENTAL_OPT_IN,
    );
    expect((await http('DELETE', `${REQUEST_TYPES}/${created.body.id}`)).status).toBe(412);
    expect(
      (await http('DELETE', `${REQUEST_TYPES}/${created.body.id}`, undefined, JSM_EXPERIMENTAL_OPT_IN)).status,
    ).toBe(204);
  });

  it("the app's provisioning client sends the header (its only experimental call)", async () => {
    const client = new ProvisioningJiraClient(
      basicAuthJiraTransport({ siteUrl: served.server.url, email: 'admin@example.com', token: 'sandbox-token' }),
    );
    const id = await client.createRequestType('1', {
      issueTypeId: '10010',
      name: 'Created by the app client',
      description: '',
      helpText: '',
    });
    expect((await client.listRequestTypes('1')).map((t) => t.id)).toContain(id);
  });
});

describe('REST-2: servicedeskapi errors are {errorMessage, i18nErrorMessage}; platform errors stay ErrorCollection', () => {
  it('answers a JSM 404 in JSM shape only', async () => {
    const res = await http('GET', '/rest/servicedeskapi/servicedesk/99');
    expect(res.status).toBe(404);
    expectJsmErrorShape(res.body);
  });

  it('answers a JSM body-validation 400 in JSM shape only (not the platform errors map)', async () => {
    const res = await http('POST', '/rest/servicedeskapi/request', { serviceDeskId: '1' });
    expect(res.status).toBe(400);
    expectJsmErrorShape(res.body);
  });

  it('answers an unknown servicedeskapi path and an unauthenticated call in JSM shape', async () => {
    const unknown = await http('GET', '/rest/servicedeskapi/nothing-here');
    expect(unknown.status).toBe(404);
    expectJsmErrorShape(unknown.body);
    const anon = await fetch(served.server.url + '/rest/servicedeskapi/request/AIC-1');
    expect(anon.status).toBe(401);
    expectJsmErrorShape(await anon.json());
  });

  it('answers injected 429/5xx faults on servicedeskapi in JSM shape, on /rest/api/3 as ErrorCollection', async () => {
    const h = makeHarness();
    h.faults.configure({ jira: { rate5xx: 1 } });
    const sd = await h.call('admin', 'GET', '/rest/servicedeskapi/servicedesk');
    expect(sd.status).toBe(503);
    expectJsmErrorShape(sd.body);
    const platform = await h.call('admin', 'GET', '/rest/api/3/project/AIC');
    expect(platform.status).toBe(503);
    expect(platform.body).toEqual({ errorMessages: expect.any(Array), errors: {} });
  });

  it('keeps {errorMessages, errors} on /rest/api/3 (platform OpenAPI ErrorCollection)', async () => {
    const res = await http('GET', '/rest/api/3/issue/AIC-9999');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
  });

  it('the app reads the message from either shape', async () => {
    expect(
      readJiraErrors({ errorMessage: 'JSM says no', i18nErrorMessage: { i18nKey: 'k', parameters: [] } }).errorMessages,
    ).toEqual(['JSM says no']);
    expect(readJiraErrors({ errorMessages: ['Jira says no'], errors: { summary: 'required' } })).toEqual({
      errorMessages: ['Jira says no'],
      errors: { summary: 'required' },
    });
    const transport = basicAuthJiraTransport({
      siteUrl: served.server.url,
      email: 'admin@example.com',
      token: 'sandbox-token',
    });
    const err = await transport
      .request({ method: 'GET', path: '/rest/servicedeskapi/servicedesk/99' })
      .catch((e: unknown) => e);
    expect(isJiraHttpError(err) && err.status).toBe(404);
    expect(isJiraHttpError(err) && err.errorMessages).toEqual([expect.stringMatching(/service desk 99/)]);
  });
});
