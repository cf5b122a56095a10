// Conformance of the emulated Microsoft Graph and its token endpoint (docs/platform-contract.md,
// section "Identity providers: Microsoft Graph / Entra ID", GRAPH-1..GRAPH-13), over HTTP.
import { randomUUID } from 'node:crypto';
import { credentials, form, json, SANDBOX_IDP, serveIdp, signJwt, type ServedIdp } from './served-idp';

const G = SANDBOX_IDP.graph;
let s: ServedIdp;

beforeAll(async () => {
  s = await serveIdp();
});
afterAll(async () => {
  await s.close();
});
beforeEach(() => {
  s.sb.reset();
});

const tokenUrl = (tenant: string = G.tenantName) => `${s.login}/${tenant}/oauth2/v2.0/token`;
const secretForm = (over: Record<string, string> = {}) =>
  form({
    client_id: G.clientId,
    client_secret: G.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
    grant_type: 'client_credentials',
    ...over,
  });

async function bearer(): Promise<Record<string, string>> {
  const body = await json(await fetch(tokenUrl(), secretForm()));
  return { authorization: `Bearer ${String(body.access_token)}`, 'content-type': 'application/json' };
}

async function userId(mail: string): Promise<string> {
  const res = await fetch(`${s.graph}/users?$filter=${encodeURIComponent(`mail eq '${mail}'`)}`, {
    headers: await bearer(),
  });
  return ((await json(res)).value as Array<{ id: string }>)[0]?.id ?? 'missing';
}

async function memberMails(groupId: string): Promise<string[]> {
  const res = await fetch(`${s.graph}/groups/${groupId}/members`, { headers: await bearer() });
  return ((await json(res)).value as Array<{ mail: string }>).map((m) => m.mail).sort();
}

const ref = (id: string) => JSON.stringify({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });

describe('GRAPH-1 token endpoint: client credentials with a client secret', () => {
  it('returns token_type, expires_in, ext_expires_in and access_token', async () => {
    const res = await fetch(tokenUrl(), secretForm());
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.any(String) as unknown,
    });
    // The tenant may be named by its id too.
    expect((await fetch(tokenUrl(G.tenantId), secretForm())).status).toBe(200);
  });
  it.each([
    ['a wrong secret', G.tenantName, { client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
    ['no credential', G.tenantName, { client_secret: '' }, 401, 'invalid_client', 7000218],
    ['an unknown client', G.tenantName, { client_id: 'not-an-app' }, 400, 'unauthorized_client', 700016],
    ['an unknown tenant', 'other-tenant', {}, 400, 'invalid_request', 90002],
    ['a scope other than /.default', G.tenantName, { scope: 'GroupMember.ReadWrite.All' }, 400, 'invalid_scope', 70011],
    ['another grant type', G.tenantName, { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
  ])('%s → AADSTS error JSON', async (_what, tenant, over, status, error, code) => {
    const res = await fetch(tokenUrl(tenant), secretForm(over));
    expect(res.status).toBe(status);
    const body = await json(res);
    expect(body).toEqual({
      error,
      error_description: expect.stringMatching(
        new RegExp(`^AADSTS${code}: [^]*Trace ID: [^]*Correlation ID: [^]*Timestamp: `),
      ) as unknown,
      error_codes: [code],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/) as unknown,
      trace_id: expect.any(String) as unknown,
      correlation_id: expect.any(String) as unknown,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    });
  });
});

describe('GRAPH-2 token endpoint: certificate client assertion', () => {
  async function assertionToken(
    key: string,
    thumbprint: string,
    aud = `https://login.microsoftonline.com/${G.tenantId}/oauth2/v2.0/token`,
  ) {
    const now = s.sb.clock.nowSeconds();
    const assertion = signJwt(
      { x5t: thumbprint },
      { aud, iss: G.clientId, sub: G.clientId, jti: randomUUID(), nbf: now, iat: now, exp: now + 600 },
      key,
    );
    return fetch(
      tokenUrl(),
      form({
        client_id: G.clientId,
        scope: 'https://graph.microsoft.com/.default',
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    );
  }
  it('accepts an assertion signed with the registered certificate key', async () => {
    const c = (await credentials(s)).graph.certificate;
    const res = await assertionToken(c.privateKeyPem, c.thumbprint);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ token_type: 'Bearer' });
  });
  it('refuses a signature by another key (AADSTS700027) and a wrong audience', async () => {
    const c = await credentials(s);
    const wrong = await assertionToken(c.okta.serviceApp.privateKeyPem, c.graph.certificate.thumbprint);
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toMatchObject({ error: 'invalid_client', error_codes: [700027] });
    const aud = await assertionToken(
      c.graph.certificate.privateKeyPem,
      c.graph.certificate.thumbprint,
      'https://example.com/token',
    );
    expect(await json(aud)).toMatchObject({ error: 'invalid_client' });
  });
});

describe('GRAPH-3 Graph errors: missing or bad token', () => {
  it('401 InvalidAuthenticationToken in the {error:{code,message,innerError}} shape', async () => {
    for (const headers of [{}, { authorization: 'Bearer nonsense' }] as Array<Record<string, string>>) {
      const res = await fetch(`${s.graph}/groups`, { headers: { ...headers, 'client-request-id': 'c-1' } });
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual({
        error: {
          code: 'InvalidAuthenticationToken',
          message: expect.any(String) as unknown,
          innerError: {
            date: expect.any(String) as unknown,
            'request-id': expect.any(String) as unknown,
            'client-request-id': 'c-1',
          },
        },
      });
    }
  });
  it('401 once the token has expired (1 hour on the sandbox clock)', async () => {
    const h = await bearer();
    s.sb.clock.advance('PT61M');
    const res = await fetch(`${s.graph}/groups`, { headers: h });
    expect(res.status).toBe(401);
  });
});

describe('GRAPH-4 groups: $filter displayName eq / id eq', () => {
  it('finds a group by displayName (quotes doubled inside) and by id', async () => {
    const h = await bearer();
    const byName = await json(
      await fetch(`${s.graph}/groups?$filter=${encodeURIComponent("displayName eq 'AI - Claude for Work'")}`, {
        headers: h,
      }),
    );
    expect((byName.value as Array<{ id: string }>).map((g) => g.id)).toEqual([G.groups.claude]);
    expect(byName['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#groups');
    const byId = await json(
      await fetch(`${s.graph}/groups?$filter=${encodeURIComponent(`id eq '${G.groups.dynamic}'`)}`, { headers: h }),
    );
    expect((byId.value as Array<{ displayName: string }>).map((g) => g.displayName)).toEqual([
      'All Engineers (dynamic)',
    ]);
    const quoted = await json(
      await fetch(`${s.graph}/groups?$filter=${encodeURIComponent("displayName eq 'O''Brien'")}`, { headers: h }),
    );
    expect(quoted.value).toEqual([]);
  });
  it('answers 400 Request_UnsupportedQuery for a filter it does not support', async () => {
    const res = await fetch(`${s.graph}/groups?$filter=${encodeURIComponent("displayName ne 'x'")}`, {
      headers: await bearer(),
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
  });
});

describe('GRAPH-5 a group: groupTypes, securityEnabled, mailEnabled, onPremisesSyncEnabled, membershipRule', () => {
  it.each([
    [
      G.groups.claude,
      {
        displayName: 'AI - Claude for Work',
        groupTypes: [],
        securityEnabled: true,
        mailEnabled: false,
        membershipRule: null,
        onPremisesSyncEnabled: null,
      },
    ],
    [
      G.groups.dynamic,
      {
        groupTypes: ['DynamicMembership'],
        membershipRule: 'user.department -eq "Engineering"',
        membershipRuleProcessingState: 'On',
      },
    ],
    [G.groups.onPremSynced, { onPremisesSyncEnabled: true, groupTypes: [] }],
    [G.groups.marketingUnified, { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false }],
  ])('%s', async (id, expected) => {
    const res = await fetch(`${s.graph}/groups/${id}`, { headers: await bearer() });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups/$entity',
      id,
      ...expected,
    });
    expect(body).not.toHaveProperty('members');
  });
  it('404 Request_ResourceNotFound for an unknown id, 400 for a malformed one', async () => {
    const h = await bearer();
    const missing = await fetch(`${s.graph}/groups/${randomUUID()}`, { headers: h });
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
    expect((await fetch(`${s.graph}/groups/not-a-guid`, { headers: h })).status).toBe(400);
  });
});

describe('GRAPH-6 members: $top and @odata.nextLink', () => {
  it('pages through every member by following nextLink', async () => {
    for (const mail of ['admin@example.com', 'agent@example.com', 'alice@example.com', 'bob@example.com'])
      await fetch(`${s.server.url}/__sandbox/idp/graph/groups/${G.groups.claude}/members`, {
        method: 'POST',
        body: JSON.stringify({ email: mail }),
      });
    const h = await bearer();
    const seen: string[] = [];
    let url: string | undefined = `${s.graph}/groups/${G.groups.claude}/members?$top=3`;
    let pages = 0;
    while (url) {
      const body = await json(await fetch(url, { headers: h }));
      expect(body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#directoryObjects');
      const value = body.value as Array<{ '@odata.type': string; mail: string }>;
      expect(value.every((v) => v['@odata.type'] === '#microsoft.graph.user')).toBe(true);
      seen.push(...value.map((v) => v.mail));
      url = body['@odata.nextLink'] as string | undefined;
      if (url) expect(url).toMatch(/\?\$top=3&\$skiptoken=[^&]+$/);
      pages += 1;
    }
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(['admin@example.com', 'agent@example.com', 'alice@example.com', 'bob@example.com']);
  });
});

describe('GRAPH-7 add and remove members with $ref', () => {
  it('POST …/members/$ref 204; again → 400 "already exist"; DELETE …/{id}/$ref 204; again → 404', async () => {
    const alice = await userId('alice@example.com');
    const h = await bearer();
    const add = () =>
      fetch(`${s.graph}/groups/${G.groups.claude}/members/$ref`, { method: 'POST', headers: h, body: ref(alice) });
    expect((await add()).status).toBe(204);
    expect(await memberMails(G.groups.claude)).toEqual(['alice@example.com']);
    const again = await add();
    expect(again.status).toBe(400);
    expect(await json(again)).toMatchObject({
      error: {
        code: 'Request_BadRequest',
        message: "One or more added object references already exist for the following modified properties: 'members'.",
      },
    });
    const del = () =>
      fetch(`${s.graph}/groups/${G.groups.claude}/members/${alice}/$ref`, { method: 'DELETE', headers: h });
    expect((await del()).status).toBe(204);
    const gone = await del();
    expect(gone.status).toBe(404);
    expect(await json(gone)).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
    expect(await memberMails(G.groups.claude)).toEqual([]);
  });
  it('404 for a directory object that does not exist', async () => {
    const res = await fetch(`${s.graph}/groups/${G.groups.claude}/members/$ref`, {
      method: 'POST',
      headers: await bearer(),
      body: ref(randomUUID()),
    });
    expect(res.status).toBe(404);
  });
});

describe('GRAPH-8 dynamic and on-premises-synced groups refuse membership changes', () => {
  it.each([
    ['dynamic', G.groups.dynamic],
    ['on-premises synced', G.groups.onPremSynced],
  ])('%s: add and remove answer 400 Request_BadRequest and change nothing', async (_what, groupId) => {
    const alice = await userId('alice@example.com');
    const h = await bearer();
    const add = await fetch(`${s.graph}/groups/${groupId}/members/$ref`, {
      method: 'POST',
      headers: h,
      body: ref(alice),
    });
    expect(add.status).toBe(400);
    expect(await json(add)).toMatchObject({ error: { code: 'Request_BadRequest' } });
    const del = await fetch(`${s.graph}/groups/${groupId}/members/${alice}/$ref`, { method: 'DELETE', headers: h });
    expect(del.status).toBe(400);
    expect(await memberMails(groupId)).toEqual([]);
  });
});

describe('GRAPH-9 checkMemberGroups', () => {
  it('returns the subset of the given group ids the user is a member of', async () => {
    const alice = await userId('alice@example.com');
    const h = await bearer();
    await fetch(`${s.graph}/groups/${G.groups.claude}/members/$ref`, { method: 'POST', headers: h, body: ref(alice) });
    const res = await fetch(`${s.graph}/users/${alice}/checkMemberGroups`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ groupIds: [G.groups.claude, G.groups.dynamic] }),
    });
    expect(await json(res)).toEqual({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)',
      value: [G.groups.claude],
    });
  });
  it('needs User.Read.All with GroupMember.Read.All or Group.Read.All (or Directory.Read.All): else 403', async () => {
    const alice = await userId('alice@example.com');
    await fetch(`${s.server.url}/__sandbox/idp/graph/apps/${G.clientId}`, {
      method: 'PUT',
      body: JSON.stringify({ roles: ['GroupMember.ReadWrite.All', 'User.Read.All'] }),
    });
    const res = await fetch(`${s.graph}/users/${alice}/checkMemberGroups`, {
      method: 'POST',
      headers: await bearer(),
      body: JSON.stringify({ groupIds: [G.groups.claude] }),
    });
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });
});

describe('GRAPH-10 users: $filter mail eq / userPrincipalName eq, get by id or UPN', () => {
  it('finds a user both ways, with the default properties', async () => {
    const h = await bearer();
    const byMail = await json(
      await fetch(`${s.graph}/users?$filter=${encodeURIComponent("mail eq 'alice@example.com'")}`, { headers: h }),
    );
    const byUpn = await json(
      await fetch(`${s.graph}/users?$filter=${encodeURIComponent("userPrincipalName eq 'alice@example.com'")}`, {
        headers: h,
      }),
    );
    expect(byMail.value).toEqual(byUpn.value);
    const [alice] = byMail.value as Array<Record<string, unknown>>;
    expect(alice).toMatchObject({
      displayName: 'Alice Customer',
      mail: 'alice@example.com',
      userPrincipalName: 'alice@example.com',
      businessPhones: [],
    });
    expect(Object.keys(alice ?? {}).sort()).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName',
      ].sort(),
    );
    const byUpnPath = await json(await fetch(`${s.graph}/users/alice@example.com?$select=id,mail`, { headers: h }));
    expect(byUpnPath).toEqual({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
      id: alice?.id,
      mail: 'alice@example.com',
    });
  });
});

describe("GRAPH-11 application permissions: the token's roles are checked", () => {
  it('403 Authorization_RequestDenied when the app lacks GroupMember.ReadWrite.All (token roles come from the app at issue)', async () => {
    const alice = await userId('alice@example.com');
    await fetch(`${s.server.url}/__sandbox/idp/graph/apps/${G.clientId}`, {
      method: 'PUT',
      body: JSON.stringify({ roles: ['Group.Read.All'] }),
    });
    const h = await bearer();
    const res = await fetch(`${s.graph}/groups/${G.groups.claude}/members/$ref`, {
      method: 'POST',
      headers: h,
      body: ref(alice),
    });
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({
      error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
    });
    expect((await fetch(`${s.graph}/users`, { headers: h })).status).toBe(403);
    expect((await fetch(`${s.graph}/groups`, { headers: h })).status).toBe(200);
  });
});

describe('GRAPH-12 throttling: 429 with Retry-After (seconds)', () => {
  it('answers 429 TooManyRequests with Retry-After, then 503, then recovers; nothing is written', async () => {
    const alice = await userId('alice@example.com');
    const h = await bearer();
    await fetch(`${s.server.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ idp: { next429: 1, next5xx: 1, retryAfterSeconds: 5, target: 'graph' } }),
    });
    const add = () =>
      fetch(`${s.graph}/groups/${G.groups.claude}/members/$ref`, { method: 'POST', headers: h, body: ref(alice) });
    const first = await add();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('5');
    expect(await json(first)).toMatchObject({ error: { code: 'TooManyRequests' } });
    const second = await add();
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).not.toBeNull();
    expect(await memberMails(G.groups.claude)).toEqual([]);
    expect((await add()).status).toBe(204);
  });
});
