// Conformance of the emulated Okta org (docs/platform-contract.md, section "Identity providers:
// Okta", OKTA-1..OKTA-15), driven over HTTP as Okta's Management API is called.
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { IdpState } from '../../../src/sandbox/idp/state';
import { credentials, form, json, oktaAssertion, SANDBOX_IDP, serveIdp, signJwt, type ServedIdp } from './served-idp';

const O = SANDBOX_IDP.okta;
let s: ServedIdp;
const ssws = { authorization: `SSWS ${O.apiToken}`, accept: 'application/json' };

beforeAll(async () => {
  s = await serveIdp();
});
afterAll(async () => {
  await s.close();
});
beforeEach(() => {
  s.sb.reset();
});

async function oktaUserId(email: string): Promise<string> {
  const res = await fetch(`${s.okta}/api/v1/users?search=${encodeURIComponent(`profile.email eq "${email}"`)}`, {
    headers: ssws,
  });
  const users = (await res.json()) as Array<{ id: string }>;
  return users[0]?.id ?? 'missing';
}

async function memberEmails(groupId: string): Promise<string[]> {
  const res = await fetch(`${s.okta}/api/v1/groups/${groupId}/users`, { headers: ssws });
  return ((await res.json()) as Array<{ profile: { email: string } }>).map((u) => u.profile.email).sort();
}

/** The Group Membership Administrator role object, as the Role Assignment APIs answer it. */
const membershipAdminRole = (assignmentType: 'USER' | 'CLIENT', assignee: string) => ({
  id: expect.any(String) as unknown,
  label: 'Group Membership Administrator',
  type: 'GROUP_MEMBERSHIP_ADMIN',
  status: 'ACTIVE',
  created: expect.any(String) as unknown,
  lastUpdated: expect.any(String) as unknown,
  assignmentType,
  _links: { assignee: { href: assignee } },
});

describe('OKTA-1 API token auth and Okta error objects', () => {
  it('accepts Authorization: SSWS <token>', async () => {
    const res = await fetch(`${s.okta}/api/v1/groups`, { headers: ssws });
    expect(res.status).toBe(200);
  });
  it.each([
    ['no Authorization header', {}],
    ['a wrong API token', { authorization: 'SSWS not-the-token' }],
    ['an unknown scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
  ])('answers 401 E0000011 with the documented error object for %s', async (_what, headers) => {
    const res = await fetch(`${s.okta}/api/v1/groups`, { headers });
    expect(res.status).toBe(401);
    const body = await json(res);
    expect(body).toEqual({
      errorCode: 'E0000011',
      errorSummary: 'Invalid token provided',
      errorLink: 'E0000011',
      errorId: expect.stringMatching(/^oae/) as unknown,
      errorCauses: [],
    });
  });
});

describe('OKTA-2 groups: list, q, search, shape', () => {
  it('lists groups with their type, profile.name and links', async () => {
    const res = await fetch(`${s.okta}/api/v1/groups`, { headers: ssws });
    const groups = (await res.json()) as Array<Record<string, unknown>>;
    const copilot = groups.find((g) => g.id === O.groups.copilot);
    expect(copilot).toMatchObject({
      type: 'OKTA_GROUP',
      profile: { name: 'AI - GitHub Copilot' },
      objectClass: ['okta:user_group'],
      _links: { users: { href: `${s.okta}/api/v1/groups/${O.groups.copilot}/users` } },
    });
    expect(new Set(groups.map((g) => g.type))).toEqual(new Set(['OKTA_GROUP', 'APP_GROUP', 'BUILT_IN']));
    expect(copilot).not.toHaveProperty('members');
  });
  it('q matches the start of the name, case-insensitively', async () => {
    const res = await fetch(`${s.okta}/api/v1/groups?q=ai%20-%20git`, { headers: ssws });
    expect(((await res.json()) as Array<{ id: string }>).map((g) => g.id)).toEqual([O.groups.copilot]);
  });
  it('search takes filter expressions on profile.name and type (eq, sw, co, and/or)', async () => {
    const q = async (expr: string) =>
      (
        (await (
          await fetch(`${s.okta}/api/v1/groups?search=${encodeURIComponent(expr)}`, { headers: ssws })
        ).json()) as Array<{ id: string }>
      ).map((g) => g.id);
    expect(await q('profile.name eq "AI - GitHub Copilot"')).toEqual([O.groups.copilot]);
    expect(await q('type eq "APP_GROUP"')).toEqual([O.groups.appGroup]);
    expect(await q('type eq "OKTA_GROUP" and profile.name sw "AI - C"')).toEqual([O.groups.cursor]);
    expect((await q('profile.name co "ai -" or type eq "BUILT_IN"')).sort()).toEqual(
      [O.groups.copilot, O.groups.cursor, O.groups.everyone].sort(),
    );
  });
  it('refuses a malformed search with 400 and an Okta error object', async () => {
    const res = await fetch(`${s.okta}/api/v1/groups?search=${encodeURIComponent('profile.name ne "x"')}`, {
      headers: ssws,
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ errorCode: 'E0000031' });
  });
});

describe('OKTA-3 a group by id', () => {
  it('returns the group, or 404 E0000007 for an unknown id', async () => {
    const ok = await fetch(`${s.okta}/api/v1/groups/${O.groups.appGroup}`, { headers: ssws });
    expect(await json(ok)).toMatchObject({ id: O.groups.appGroup, type: 'APP_GROUP' });
    const missing = await fetch(`${s.okta}/api/v1/groups/00gDoesNotExist000000`, { headers: ssws });
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({
      errorCode: 'E0000007',
      errorSummary: expect.stringContaining('Not found') as unknown,
    });
  });
});

describe('OKTA-4 group members: limit, after and Link headers', () => {
  it('pages with rel="next" links until the last page, which has none', async () => {
    const everyone = await memberEmails(O.groups.everyone);
    expect(everyone.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let url: string | undefined = `${s.okta}/api/v1/groups/${O.groups.everyone}/users?limit=3`;
    let pages = 0;
    while (url) {
      const res: Response = await fetch(url, { headers: ssws });
      const page = (await res.json()) as Array<{ profile: { email: string } }>;
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((u) => u.profile.email));
      const link = res.headers.get('link') ?? '';
      expect(link).toContain('rel="self"');
      url = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      if (url) expect(url).toContain('after=');
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(everyone.length / 3));
    expect(seen.sort()).toEqual(everyone);
  });
  it('lists user objects with profile.email and profile.login', async () => {
    const res = await fetch(`${s.okta}/api/v1/groups/${O.groups.copilot}/users`, { headers: ssws });
    expect(await res.json()).toEqual([
      expect.objectContaining({
        status: 'ACTIVE',
        profile: expect.objectContaining({ email: O.strayEmail, login: O.strayEmail }) as unknown,
      }),
    ]);
  });
});

describe('OKTA-5 assign and unassign: 204, idempotent', () => {
  it('PUT adds, a second PUT changes nothing, DELETE removes, a second DELETE is still 204', async () => {
    const alice = await oktaUserId('alice@example.com');
    const url = `${s.okta}/api/v1/groups/${O.groups.copilot}/users/${alice}`;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(url, { method: 'PUT', headers: ssws });
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
    }
    expect(await memberEmails(O.groups.copilot)).toEqual(['alice@example.com', O.strayEmail]);
    for (let i = 0; i < 2; i++) expect((await fetch(url, { method: 'DELETE', headers: ssws })).status).toBe(204);
    expect(await memberEmails(O.groups.copilot)).toEqual([O.strayEmail]);
  });
  it('answers 404 for an unknown user or group', async () => {
    const alice = await oktaUserId('alice@example.com');
    expect(
      (
        await fetch(`${s.okta}/api/v1/groups/${O.groups.copilot}/users/00uNobody00000000000`, {
          method: 'PUT',
          headers: ssws,
        })
      ).status,
    ).toBe(404);
    expect(
      (await fetch(`${s.okta}/api/v1/groups/00gNoGroup0000000000/users/${alice}`, { method: 'PUT', headers: ssws }))
        .status,
    ).toBe(404);
  });
});

describe('OKTA-6 APP_GROUP and BUILT_IN memberships cannot be changed through the API', () => {
  it.each([
    ['APP_GROUP', O.groups.appGroup],
    ['BUILT_IN', O.groups.everyone],
  ])('%s: PUT and DELETE answer 403 E0000006 and change nothing', async (_type, groupId) => {
    const alice = await oktaUserId('alice@example.com');
    const before = await memberEmails(groupId);
    for (const method of ['PUT', 'DELETE']) {
      const res = await fetch(`${s.okta}/api/v1/groups/${groupId}/users/${alice}`, { method, headers: ssws });
      expect(res.status).toBe(403);
      expect(await json(res)).toMatchObject({
        errorCode: 'E0000006',
        errorSummary: 'You do not have permission to perform the requested action',
      });
    }
    expect(await memberEmails(groupId)).toEqual(before);
  });
});

describe('OKTA-7 users: search by SCIM filter, get by id or login', () => {
  it('finds one user by profile.email eq "…" (values case-insensitive)', async () => {
    const res = await fetch(
      `${s.okta}/api/v1/users?search=${encodeURIComponent('profile.email eq "ALICE@example.com"')}`,
      { headers: ssws },
    );
    const users = (await res.json()) as Array<{ id: string; profile: { email: string } }>;
    expect(users.map((u) => u.profile.email)).toEqual(['alice@example.com']);
    expect(users[0]?.id).toMatch(/^00u[A-Za-z0-9]{17}$/);
    const byId = await fetch(`${s.okta}/api/v1/users/${users[0]?.id ?? ''}`, { headers: ssws });
    expect(await json(byId)).toMatchObject({ profile: { email: 'alice@example.com' } });
    const byLogin = await fetch(`${s.okta}/api/v1/users/alice@example.com`, { headers: ssws });
    expect(await json(byLogin)).toMatchObject({ id: users[0]?.id });
  });
  it('finds nobody for an email it does not know, and 404s an unknown id', async () => {
    const res = await fetch(
      `${s.okta}/api/v1/users?search=${encodeURIComponent('profile.email eq "nobody@example.com"')}`,
      { headers: ssws },
    );
    expect(await res.json()).toEqual([]);
    expect((await fetch(`${s.okta}/api/v1/users/00uNobody00000000000`, { headers: ssws })).status).toBe(404);
  });
});

async function configureServiceApp(settings: { requireDpop?: boolean; roles?: string[]; scopes?: string[] }) {
  const res = await fetch(`${s.server.url}/__sandbox/idp/okta/service-apps/${O.serviceAppClientId}`, {
    method: 'PUT',
    body: JSON.stringify(settings),
  });
  expect(res.status).toBe(200);
}

describe('OKTA-8 OAuth 2.0 service app: client credentials with private_key_jwt', () => {
  // An app with "Require DPoP" unticked: Bearer tokens (OKTA-15 covers the DPoP default).
  beforeEach(() => configureServiceApp({ requireDpop: false }));
  async function token(scope: string, overrides: { aud?: string; key?: string } = {}): Promise<Response> {
    const creds = (await credentials(s)).okta.serviceApp;
    const now = s.sb.clock.nowSeconds();
    const assertion = oktaAssertion(
      creds.clientId,
      creds.keyId,
      overrides.key ?? creds.privateKeyPem,
      overrides.aud ?? `https://${O.orgHost}/oauth2/v1/token`,
      now,
    );
    return fetch(
      `${s.okta}/oauth2/v1/token`,
      form({
        grant_type: 'client_credentials',
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    );
  }

  it('issues a Bearer access token with the requested scopes, which the APIs accept', async () => {
    const res = await token('okta.groups.manage okta.users.read');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'okta.groups.manage okta.users.read' });
    const bearer = { authorization: `Bearer ${String(body.access_token)}` };
    expect((await fetch(`${s.okta}/api/v1/groups`, { headers: bearer })).status).toBe(200);
    const alice = await oktaUserId('alice@example.com');
    expect(
      (await fetch(`${s.okta}/api/v1/groups/${O.groups.copilot}/users/${alice}`, { method: 'PUT', headers: bearer }))
        .status,
    ).toBe(204);
  });
  it('answers 403 E0000006 with WWW-Authenticate insufficient_scope when the token lacks the scope', async () => {
    const body = await json(await token('okta.groups.read'));
    const bearer = { authorization: `Bearer ${String(body.access_token)}` };
    const alice = await oktaUserId('alice@example.com');
    const res = await fetch(`${s.okta}/api/v1/groups/${O.groups.copilot}/users/${alice}`, {
      method: 'PUT',
      headers: bearer,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(await json(res)).toMatchObject({ errorCode: 'E0000006' });
    expect((await fetch(`${s.okta}/api/v1/users`, { headers: bearer })).status).toBe(403);
  });
  it('refuses a scope the app was not granted (invalid_scope) and an assertion signed by another key (invalid_client)', async () => {
    const notGranted = await token('okta.users.manage');
    expect(notGranted.status).toBe(400);
    expect(await json(notGranted)).toMatchObject({ error: 'invalid_scope' });
    const other = (await credentials(s)).graph.certificate.privateKeyPem;
    const wrongKey = await token('okta.groups.read', { key: other });
    expect(wrongKey.status).toBe(401);
    expect(await json(wrongKey)).toMatchObject({ error: 'invalid_client' });
    const wrongAud = await token('okta.groups.read', { aud: 'https://elsewhere.okta.com/oauth2/v1/token' });
    expect(await json(wrongAud)).toMatchObject({ error: 'invalid_client' });
  });
  it('refuses a client secret and a request without credentials', async () => {
    const secret = await fetch(
      `${s.okta}/oauth2/v1/token`,
      form({
        grant_type: 'client_credentials',
        scope: 'okta.groups.read',
        client_id: O.serviceAppClientId,
        client_secret: 'x',
      }),
    );
    expect(secret.status).toBe(401);
    const none = await fetch(
      `${s.okta}/oauth2/v1/token`,
      form({ grant_type: 'client_credentials', scope: 'okta.groups.read' }),
    );
    expect(await json(none)).toEqual({ error: 'invalid_client', error_description: 'No client credentials found' });
  });
  it('rejects a tampered or expired access token with 401', async () => {
    const body = await json(await token('okta.groups.read'));
    const tampered = `${String(body.access_token)}x`;
    expect((await fetch(`${s.okta}/api/v1/groups`, { headers: { authorization: `Bearer ${tampered}` } })).status).toBe(
      401,
    );
    s.sb.clock.advance('PT2H');
    expect(
      (await fetch(`${s.okta}/api/v1/groups`, { headers: { authorization: `Bearer ${String(body.access_token)}` } }))
        .status,
    ).toBe(401);
  });
});

describe('OKTA-9 rate-limit headers and 429', () => {
  it('every response carries X-Rate-Limit-Limit/-Remaining/-Reset (epoch seconds); past the limit, 429 E0000047', async () => {
    await fetch(`${s.server.url}/__sandbox/idp/okta/rate-limit`, {
      method: 'PUT',
      body: JSON.stringify({ perMinute: 3 }),
    });
    try {
      const remaining: string[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await fetch(`${s.okta}/api/v1/groups`, { headers: ssws });
        remaining.push(last.headers.get('x-rate-limit-remaining') ?? '');
        expect(last.headers.get('x-rate-limit-limit')).toBe('3');
        const reset = Number(last.headers.get('x-rate-limit-reset'));
        expect(reset).toBeGreaterThan(s.sb.clock.nowSeconds());
        expect(reset).toBeLessThanOrEqual(s.sb.clock.nowSeconds() + 60);
      }
      expect(remaining).toEqual(['2', '1', '0', '0']);
      expect(last?.status).toBe(429);
      expect(await json(last as Response)).toMatchObject({ errorCode: 'E0000047' });
      s.sb.clock.advance('PT1M');
      expect((await fetch(`${s.okta}/api/v1/groups`, { headers: ssws })).status).toBe(200);
    } finally {
      await fetch(`${s.server.url}/__sandbox/idp/okta/rate-limit`, {
        method: 'PUT',
        body: JSON.stringify({ perMinute: 600 }),
      });
    }
  });
});

describe('OKTA-10 faults: {"idp": {"next429"|"rate429"|"next5xx"}}', () => {
  it('answers the next N calls 429 with a reset in the future, then 500, then recovers; nothing is written', async () => {
    const alice = await oktaUserId('alice@example.com');
    await fetch(`${s.server.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ idp: { next429: 1, next5xx: 1, retryAfterSeconds: 7 } }),
    });
    const put = () =>
      fetch(`${s.okta}/api/v1/groups/${O.groups.copilot}/users/${alice}`, { method: 'PUT', headers: ssws });
    const first = await put();
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('x-rate-limit-reset'))).toBe(s.sb.clock.nowSeconds() + 7);
    expect(first.headers.get('x-rate-limit-remaining')).toBe('0');
    const second = await put();
    expect(second.status).toBe(500);
    expect(await json(second)).toMatchObject({ errorCode: 'E0000009' });
    expect(await memberEmails(O.groups.copilot)).toEqual([O.strayEmail]);
    expect((await put()).status).toBe(204);
  });
  it('rate429 is seeded: the same seed gives the same schedule', async () => {
    const schedule = async () => {
      await fetch(`${s.server.url}/__sandbox/faults`, {
        method: 'POST',
        body: JSON.stringify({ seed: 42, idp: { rate429: 0.5 } }),
      });
      const out: number[] = [];
      for (let i = 0; i < 8; i++) out.push((await fetch(`${s.okta}/api/v1/groups`, { headers: ssws })).status);
      return out;
    };
    const a = await schedule();
    expect(a).toContain(429);
    expect(a).toContain(200);
    expect(await schedule()).toEqual(a);
    await fetch(`${s.server.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({}) });
  });
});

describe('OKTA-11 state survives a restart', () => {
  it('persists memberships in the sandbox database', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { createSandbox } = await import('../../../src/sandbox/sandbox');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aic-idp-'));
    try {
      const one = createSandbox({ dataDir: dir });
      const aliceId = one.idp.store.read().okta.users.find((u) => u.profile.email === 'alice@example.com')?.id ?? '';
      const res = one.idp.okta.handle({
        method: 'PUT',
        path: `/api/v1/groups/${O.groups.copilot}/users/${aliceId}`,
        query: new URLSearchParams(),
        headers: { authorization: `SSWS ${O.apiToken}` },
        bodyText: '',
        origin: 'http://x',
      });
      expect(res.status).toBe(204);
      await one.close();
      const two = createSandbox({ dataDir: dir });
      expect(two.idp.store.read().okta.groups.find((g) => g.id === O.groups.copilot)?.members).toContain(aliceId);
      await two.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sandbox controls over the Okta directory (not an Okta API)', () => {
  it('lists, adds (even to an APP_GROUP, as the AD import would) and removes members', async () => {
    const ctl = `${s.server.url}/__sandbox/idp/okta/groups`;
    const list = async (id: string) =>
      ((await json(await fetch(`${ctl}/${id}/members`))).members as Array<{ email: string }>).map((m) => m.email);
    expect(await list(O.groups.copilot)).toEqual([O.strayEmail]);
    const add = await fetch(`${ctl}/${O.groups.appGroup}/members`, {
      method: 'POST',
      body: JSON.stringify({ email: 'alice@example.com' }),
    });
    expect(add.status).toBe(200);
    expect(await memberEmails(O.groups.appGroup)).toEqual(['alice@example.com']);
    expect((await fetch(`${ctl}/${O.groups.copilot}/members/${O.strayEmail}`, { method: 'DELETE' })).status).toBe(200);
    expect(await memberEmails(O.groups.copilot)).toEqual([]);
    expect((await fetch(`${ctl}/00gNoGroup0000000000/members`)).status).toBe(404);
    expect(
      (
        await fetch(`${ctl}/${O.groups.copilot}/members`, {
          method: 'POST',
          body: JSON.stringify({ email: 'nobody@example.com' }),
        })
      ).status,
    ).toBe(404);
  });
});

describe('OKTA-13 the API token owner: users/me and the Role Assignment API', () => {
  it('GET /api/v1/users/me answers the admin who created the API token', async () => {
    const res = await fetch(`${s.okta}/api/v1/users/me`, { headers: ssws });
    expect(res.status).toBe(200);
    const me = (await res.json()) as { id: string; status: string; profile: { login: string; email: string } };
    expect(me).toMatchObject({
      status: 'ACTIVE',
      profile: { login: O.apiTokenOwnerEmail, email: O.apiTokenOwnerEmail },
    });
    expect(me.id).toBe(await oktaUserId(O.apiTokenOwnerEmail));
  });

  it("GET /api/v1/users/{id}/roles lists the owner's standard role; a user without one gets []", async () => {
    const ownerId = await oktaUserId(O.apiTokenOwnerEmail);
    const res = await fetch(`${s.okta}/api/v1/users/${ownerId}/roles`, { headers: ssws });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([membershipAdminRole('USER', `${s.okta}/api/v1/users/${ownerId}`)]);
    const bob = await oktaUserId('bob@example.com');
    const none = await fetch(`${s.okta}/api/v1/users/${bob}/roles`, { headers: ssws });
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual([]);
    const missing = await fetch(`${s.okta}/api/v1/users/00uNoSuchUser0000000/roles`, { headers: ssws });
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ errorCode: 'E0000007' });
  });

  it('a state saved before token owners were recorded still loads: its token acts as nobody (users/me 404)', async () => {
    const saved = s.sb.idp.store.read();
    const { roleAssignments: _roles, ...oktaBefore } = saved.okta;
    const old = IdpState.parse({
      ...saved,
      okta: { ...oktaBefore, apiTokens: saved.okta.apiTokens.map(({ name, token }) => ({ name, token })) },
    });
    expect(old.okta.roleAssignments).toEqual([]);
    s.sb.idp.store.write(old);
    const res = await fetch(`${s.okta}/api/v1/users/me`, { headers: ssws });
    expect(res.status).toBe(404);
    expect((await fetch(`${s.okta}/api/v1/groups`, { headers: ssws })).status).toBe(200);
  });
});

/** A client-credentials token request for the sandbox's service app, optionally with a `DPoP` header. */
async function serviceAppToken(scope: string, dpop?: string): Promise<Response> {
  const creds = (await credentials(s)).okta.serviceApp;
  const assertion = oktaAssertion(
    creds.clientId,
    creds.keyId,
    creds.privateKeyPem,
    `https://${O.orgHost}/oauth2/v1/token`,
    s.sb.clock.nowSeconds(),
  );
  const init = form({
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  return fetch(`${s.okta}/oauth2/v1/token`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), ...(dpop ? { dpop } : {}) },
  });
}

describe('OKTA-14 Role Assignment API for clients: a service app acts with its admin roles', () => {
  const rolesUrl = () => `${s.okta}/oauth2/v1/clients/${O.serviceAppClientId}/roles`;
  beforeEach(() => configureServiceApp({ requireDpop: false }));
  async function bearer(scope: string): Promise<Record<string, string>> {
    const body = await json(await serviceAppToken(scope));
    return { authorization: `Bearer ${String(body.access_token)}` };
  }

  it("GET /oauth2/v1/clients/{clientId}/roles lists the app's role assignments (okta.roles.read)", async () => {
    const res = await fetch(rolesUrl(), { headers: await bearer('okta.roles.read') });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      membershipAdminRole('CLIENT', `${s.okta}/oauth2/v1/clients/${O.serviceAppClientId}`),
    ]);
    const unknown = await fetch(`${s.okta}/oauth2/v1/clients/0oaNoSuchClient00000/roles`, {
      headers: await bearer('okta.roles.read'),
    });
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ errorCode: 'E0000007' });
  });

  it('answers 403 insufficient_scope without okta.roles.read', async () => {
    const res = await fetch(rolesUrl(), { headers: await bearer('okta.groups.manage') });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('scope="okta.roles.read"');
  });

  it('without a role the app may not read groups (403 E0000006); a read-only role reads but cannot change members', async () => {
    const alice = await oktaUserId('alice@example.com');
    const put = (headers: Record<string, string>) =>
      fetch(`${s.okta}/api/v1/groups/${O.groups.copilot}/users/${alice}`, { method: 'PUT', headers });
    await configureServiceApp({ roles: [] });
    let headers = await bearer('okta.groups.manage okta.roles.read');
    expect(await (await fetch(rolesUrl(), { headers })).json()).toEqual([]);
    const read = await fetch(`${s.okta}/api/v1/groups`, { headers });
    expect(read.status).toBe(403);
    expect(await json(read)).toMatchObject({ errorCode: 'E0000006' });
    expect((await put(headers)).status).toBe(403);

    await configureServiceApp({ roles: ['READ_ONLY_ADMIN'] });
    headers = await bearer('okta.groups.manage');
    expect((await fetch(`${s.okta}/api/v1/groups`, { headers })).status).toBe(200);
    expect((await put(headers)).status).toBe(403);
    expect(await memberEmails(O.groups.copilot)).toEqual([O.strayEmail]);

    await configureServiceApp({ roles: ['GROUP_MEMBERSHIP_ADMIN'] });
    expect((await put(headers)).status).toBe(204);
  });
});

describe('OKTA-15 DPoP: an app that requires it gets DPoP-bound tokens after the nonce round trip', () => {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = key.publicKey.export({ format: 'jwk' });
  const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const tokenUrl = `https://${O.orgHost}/oauth2/v1/token`;
  function proof(claims: Record<string, unknown>): string {
    return signJwt({ typ: 'dpop+jwt', jwk }, { iat: s.sb.clock.nowSeconds(), jti: randomUUID(), ...claims }, pem);
  }
  async function dpopToken(): Promise<string> {
    const first = await serviceAppToken('okta.groups.manage', proof({ htm: 'POST', htu: tokenUrl }));
    const nonce = first.headers.get('dpop-nonce') ?? '';
    const body = await json(await serviceAppToken('okta.groups.manage', proof({ htm: 'POST', htu: tokenUrl, nonce })));
    return String(body.access_token);
  }
  const ath = (token: string) => createHash('sha256').update(token).digest('base64url');

  it('the service app requires DPoP (the default for new API Services apps): no proof is refused', async () => {
    const res = await serviceAppToken('okta.groups.manage');
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({
      error: 'invalid_dpop_proof',
      error_description: 'The DPoP proof JWT header is missing.',
    });
  });

  it('a proof without the nonce gets use_dpop_nonce and a dpop-nonce header; with it, token_type DPoP', async () => {
    const first = await serviceAppToken('okta.groups.manage', proof({ htm: 'POST', htu: tokenUrl }));
    expect(first.status).toBe(400);
    expect(await json(first)).toEqual({
      error: 'use_dpop_nonce',
      error_description: 'Authorization server requires nonce in DPoP proof.',
    });
    const nonce = first.headers.get('dpop-nonce');
    expect(nonce).toMatch(/^[\w-]{16,}$/);
    const second = await serviceAppToken(
      'okta.groups.manage',
      proof({ htm: 'POST', htu: tokenUrl, nonce: nonce ?? '' }),
    );
    expect(second.status).toBe(200);
    expect(await json(second)).toMatchObject({ token_type: 'DPoP', expires_in: 3600, scope: 'okta.groups.manage' });
  });

  it('refuses proofs with the wrong typ, htm or htu, or signed by another key', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    const cases: Array<[string, string]> = [
      [
        signJwt(
          { typ: 'JWT', jwk },
          { htm: 'POST', htu: tokenUrl, iat: s.sb.clock.nowSeconds(), jti: randomUUID() },
          pem,
        ),
        "'typ' must be 'dpop+jwt' in the DPoP proof JWT.",
      ],
      [proof({ htm: 'GET', htu: tokenUrl }), "'htm' claim in the DPoP proof JWT is invalid."],
      [
        proof({ htm: 'POST', htu: 'https://elsewhere.okta.com/oauth2/v1/token' }),
        "'htu' claim in the DPoP proof JWT is invalid.",
      ],
      [
        signJwt(
          { typ: 'dpop+jwt', jwk },
          { htm: 'POST', htu: tokenUrl, iat: s.sb.clock.nowSeconds(), jti: randomUUID() },
          other.toString(),
        ),
        'The DPoP proof JWT signature is invalid.',
      ],
      [
        proof({ htm: 'POST', htu: tokenUrl, iat: s.sb.clock.nowSeconds() - 600 }),
        'The DPoP proof JWT is issued more than five minutes in the past.',
      ],
    ];
    for (const [p, description] of cases) {
      const res = await serviceAppToken('okta.groups.manage', p);
      expect({ status: res.status, body: await json(res) }).toEqual({
        status: 400,
        body: { error: 'invalid_dpop_proof', error_description: description },
      });
    }
  });

  it('API calls need Authorization: DPoP and a fresh proof with htm, htu and ath; a replayed proof is refused', async () => {
    const token = await dpopToken();
    const url = `${s.okta}/api/v1/groups/${O.groups.copilot}`;
    const htu = `https://${O.orgHost}/api/v1/groups/${O.groups.copilot}`;
    const asBearer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(asBearer.status).toBe(400);
    expect(await json(asBearer)).toMatchObject({ error: 'invalid_request' });
    const noProof = await fetch(url, { headers: { authorization: `DPoP ${token}` } });
    expect(await json(noProof)).toMatchObject({ error: 'invalid_dpop_proof' });
    const wrongAth = await fetch(url, {
      headers: { authorization: `DPoP ${token}`, dpop: proof({ htm: 'GET', htu, ath: ath('another token') }) },
    });
    expect(await json(wrongAth)).toMatchObject({ error: 'invalid_dpop_proof' });
    const good = proof({ htm: 'GET', htu, ath: ath(token) });
    const ok = await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: good } });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ id: O.groups.copilot });
    const replay = await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: good } });
    expect(replay.status).toBe(400);
    expect(await json(replay)).toEqual({
      error: 'invalid_dpop_proof',
      error_description: 'The DPoP proof JWT has already been used.',
    });
  });

  it('an app with "Require DPoP" unticked gets a Bearer token, whether or not a proof is sent', async () => {
    await configureServiceApp({ requireDpop: false });
    for (const dpop of [undefined, proof({ htm: 'POST', htu: tokenUrl })]) {
      const res = await serviceAppToken('okta.groups.manage', dpop);
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ token_type: 'Bearer' });
    }
  });
});
