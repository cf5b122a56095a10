// A thin typed client for the few Okta Management API calls connected mode
// makes (no Okta SDK in a Forge function: see docs/connected-mode.md). Shapes
// as published in Okta's Management API reference:
//   Groups:      https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/
//   Group users: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/GroupUser/
//                (PUT/DELETE /api/v1/groups/{groupId}/users/{userId} → 204; GET …/users pages with Link rel="next")
//   Users:       https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/ (search=profile.email eq "…")
//   Roles:       https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleAssignmentAUser/
//   Auth:        API token `Authorization: SSWS {token}`
//                (https://developer.okta.com/docs/guides/create-an-api-token/main/), or an OAuth 2.0 service app
//                (client_credentials + private_key_jwt, scopes okta.groups.manage okta.users.read:
//                https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/), with DPoP
//                when the app requires it (https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/)
//   App roles:   https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleAssignmentClient/
//   429:         X-Rate-Limit-Reset, UTC epoch seconds (https://developer.okta.com/docs/reference/rl-best-practices/)
import * as z from 'zod/mini';
import { oktaResetWait, retryAfterWait } from '../../domain/connectors/attempts';
import type { OktaConnection } from '../../domain/connectors/connection';
import {
  DirectoryError,
  type ConnectionProof,
  type DirectoryGroupFacts,
  type DirectoryUser,
  type GroupDirectory,
} from '../../ports/group-directory';
import type { Clock } from '../../ports/clock';
import { clientAssertion, JWT_BEARER_ASSERTION } from './client-assertion';
import { dpopKey, dpopProof, newDpopKeyPem, type DpopKey } from './dpop';
import {
  errorText,
  failureOf,
  postForm,
  readJson,
  send,
  type CachedToken,
  type HttpAnswer,
  type HttpFetch,
} from './http';

const VENDOR = 'Okta';
/** Roles whose holders may change group membership (Okta standard admin roles). */
const MEMBERSHIP_ROLES = new Set(['SUPER_ADMIN', 'ORG_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'USER_ADMIN']);
const SCOPES = 'okta.groups.manage okta.users.read';
/** Test connection also reads the service app's own admin roles (Role Assignment API: okta.roles.read). */
const TEST_SCOPES = `${SCOPES} okta.roles.read`;
const DPOP_GUIDE = 'https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/';
const ROLES_GUIDE =
  'https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/#assign-admin-roles-to-the-oauth-2-0-service-app';

const groupSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  profile: z.looseObject({ name: z.string() }),
});
const userSchema = z.looseObject({
  id: z.string(),
  profile: z.optional(z.looseObject({ login: z.optional(z.string()), email: z.optional(z.nullable(z.string())) })),
});
const usersSchema = z.array(userSchema);
const groupsSchema = z.array(z.looseObject({ id: z.string() }));
const rolesSchema = z.array(z.looseObject({ type: z.string() }));
const clientRolesSchema = z.array(z.looseObject({ type: z.string(), label: z.optional(z.string()) }));
const tokenSchema = z.looseObject({
  access_token: z.string(),
  token_type: z.string(),
  expires_in: z.number(),
  scope: z.optional(z.string()),
});
/** Okta's error object (`errorSummary`), or an OAuth error (`error`: `error_description`). */
const oktaError = (j: unknown): string | undefined => {
  const o = j as { errorSummary?: unknown; error?: unknown; error_description?: unknown } | undefined;
  if (typeof o?.errorSummary === 'string') return o.errorSummary;
  if (typeof o?.error !== 'string') return undefined;
  return typeof o.error_description === 'string' ? `${o.error}: ${o.error_description}` : o.error;
};
/** The answer with its body read once, so that it can be read again (a fetch body cannot). */
async function buffered(a: HttpAnswer): Promise<HttpAnswer & { raw: string }> {
  const raw = await a.text();
  return { status: a.status, headers: a.headers, raw, text: () => Promise.resolve(raw) };
}
const oauthErrorCode = (raw: string): string | undefined => {
  try {
    const e = (JSON.parse(raw) as { error?: unknown } | null)?.error;
    return typeof e === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
};

function retryAfter(a: HttpAnswer, nowMs: number): number | undefined {
  return (
    oktaResetWait(a.headers.get('x-rate-limit-reset'), nowMs) ?? retryAfterWait(a.headers.get('retry-after'), nowMs)
  );
}

/** The next page's URL from a Link header, only if it stays on the org (the token never leaves it). */
export function nextLink(header: string | null, origin: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m?.[1]) {
      const url = new URL(m[1]);
      return url.origin === origin ? url.toString() : undefined;
    }
  }
  return undefined;
}

type ServiceApp = Extract<OktaConnection['auth'], { type: 'private_key_jwt' }>;
interface AppToken extends CachedToken {
  dpop: boolean;
  scope: string | undefined;
}

export function oktaDirectory(conn: OktaConnection, fetch: HttpFetch, clock: Clock): GroupDirectory {
  const origin = conn.orgUrl;
  /** This invocation's tokens, by the scopes asked for (never stored). */
  const tokens = new Map<string, AppToken>();
  let proofKey: DpopKey | undefined;
  const nowMs = () => clock.now().getTime();
  const enc = encodeURIComponent;

  /** A connection made before the app kept a DPoP key gets one for this invocation (its tokens live no longer). */
  const keyOf = (app: ServiceApp): DpopKey => (proofKey ??= dpopKey(app.dpopKeyPem ?? newDpopKeyPem()));

  /**
   * Client credentials with a private_key_jwt assertion. A DPoP proof goes with every token request, as Okta's
   * own SDK does: an app that requires DPoP first answers `use_dpop_nonce` with a `dpop-nonce` header, and the
   * request is made again with that nonce; an app that does not issues a Bearer token. `token_type` decides.
   */
  async function appToken(app: ServiceApp, scopes: string): Promise<AppToken> {
    const cached = tokens.get(scopes);
    if (cached && cached.expiresAtMs > nowMs() + 30_000) return cached;
    const endpoint = `${origin}/oauth2/v1/token`;
    let nonce: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        scope: scopes,
        client_assertion_type: JWT_BEARER_ASSERTION,
        client_assertion: clientAssertion({
          clientId: app.clientId,
          audience: endpoint,
          privateKeyPem: app.privateKeyPem,
          keyId: app.keyId,
          nowMs: nowMs(),
        }),
      });
      const dpop = dpopProof(keyOf(app), { method: 'POST', url: endpoint, nowMs: nowMs(), nonce });
      const a = await buffered(await postForm(fetch, endpoint, form, VENDOR, { dpop }));
      const offered = a.headers.get('dpop-nonce');
      if (a.status === 400 && offered && attempt === 0 && oauthErrorCode(a.raw) === 'use_dpop_nonce') {
        nonce = offered;
        continue;
      }
      if (a.status !== 200) throw await fail(a, 'the token endpoint');
      const t = await readJson(a, tokenSchema, VENDOR, 'the token answer');
      const token: AppToken = {
        value: t.access_token,
        expiresAtMs: nowMs() + t.expires_in * 1000,
        dpop: t.token_type.toLowerCase() === 'dpop',
        scope: t.scope,
      };
      tokens.set(scopes, token);
      return token;
    }
  }

  async function authHeaders(method: string, url: string, scopes: string): Promise<Record<string, string>> {
    if (conn.auth.type === 'api_token') return { authorization: `SSWS ${conn.auth.token}` };
    const t = await appToken(conn.auth, scopes);
    if (!t.dpop) return { authorization: `Bearer ${t.value}` };
    return {
      authorization: `DPoP ${t.value}`,
      dpop: dpopProof(keyOf(conn.auth), { method, url, nowMs: nowMs(), accessToken: t.value }),
    };
  }

  async function fail(a: HttpAnswer, what: string): Promise<DirectoryError> {
    const e = failureOf(a, await errorText(a, oktaError), `${VENDOR} (${what})`, retryAfter, clock.now().getTime());
    return e;
  }

  async function call(method: string, pathOrUrl: string, what: string, scopes = SCOPES): Promise<HttpAnswer> {
    const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${origin}${pathOrUrl}`;
    const headers = { accept: 'application/json', ...(await authHeaders(method, url, scopes)) };
    return send(fetch, url, { method, headers }, VENDOR).then(async (a) =>
      a.status >= 200 && a.status < 300 ? a : Promise.reject(await fail(a, what)),
    );
  }

  /**
   * A service app acts with the admin roles assigned to it — none until an admin assigns one — and its scopes
   * only say which APIs it may call: without a role that changes group members, every membership call is 403.
   * So Test connection reads the app's own role assignments (GET /oauth2/v1/clients/{clientId}/roles,
   * scope okta.roles.read) and says plainly when it cannot tell.
   */
  async function proveServiceApp(app: ServiceApp): Promise<ConnectionProof> {
    const cannotTell = (why: string): ConnectionProof => ({
      canRead: true,
      canChangeMembers: false,
      detail: `${why}, so AI Clearance cannot tell whether the service app may change group members. Assign it the Group Membership Administrator role (Admin roles tab, ${ROLES_GUIDE}) and grant okta.roles.read, or connect with an API token of a Group Membership Administrator`,
    });
    let token: AppToken;
    try {
      token = await appToken(app, TEST_SCOPES);
    } catch (e) {
      if (e instanceof DirectoryError && e.status === 400 && /invalid_scope/.test(e.message))
        return {
          canRead: false,
          canChangeMembers: false,
          detail: `the service app was not granted all of ${TEST_SCOPES} (Okta API Scopes tab): ${e.message}`,
        };
      if (e instanceof DirectoryError && e.status === 400 && /invalid_dpop_proof/.test(e.message))
        throw new DirectoryError(
          'invalid',
          `${e.message}. The app sends DPoP proofs (${DPOP_GUIDE}); if this persists, untick "Require Demonstrating Proof of Possession (DPoP) header in token requests" in the service app's General Settings`,
          e.status,
        );
      throw e;
    }
    const granted = new Set((token.scope ?? '').split(' '));
    if (!granted.has('okta.groups.manage'))
      return {
        canRead: true,
        canChangeMembers: false,
        detail: `the service app was granted "${token.scope ?? ''}", not okta.groups.manage: grant that scope to the app in Okta`,
      };
    let roles: Array<{ type: string; label?: string | undefined }>;
    try {
      roles = await readJson(
        await call('GET', `/oauth2/v1/clients/${enc(app.clientId)}/roles`, 'the service app roles', TEST_SCOPES),
        clientRolesSchema,
        VENDOR,
        'the service app roles',
      );
    } catch (e) {
      if (e instanceof DirectoryError && (e.kind === 'denied' || e.kind === 'not_found' || e.kind === 'invalid'))
        return cannotTell(`Okta refused to list the service app's admin roles (${e.message})`);
      throw e;
    }
    const held = roles.map((r) => r.type);
    const can = held.filter((r) => MEMBERSHIP_ROLES.has(r));
    if (can.length > 0) {
      await readJson(
        await call('GET', '/api/v1/groups?limit=1', 'list groups', TEST_SCOPES),
        groupsSchema,
        VENDOR,
        'the groups',
      );
      return {
        canRead: true,
        canChangeMembers: true,
        detail: `the service app holds ${can.join(', ')} and was granted okta.groups.manage${token.dpop ? ' (DPoP-bound tokens)' : ''}`,
      };
    }
    if (held.includes('CUSTOM'))
      return cannotTell('the service app holds only a custom admin role, whose permissions AI Clearance does not read');
    return {
      canRead: true,
      canChangeMembers: false,
      detail: `the service app holds ${held.join(', ') || 'no admin role'}; Okta refuses membership changes (403) without one that changes group members: assign it Group Membership Administrator on its Admin roles tab (${ROLES_GUIDE})`,
    };
  }

  const toUser = (u: z.output<typeof userSchema>): DirectoryUser => ({
    id: u.id,
    ...(u.profile?.login ? { login: u.profile.login } : {}),
    ...(u.profile?.email ? { email: u.profile.email } : {}),
  });

  async function allPages<T>(first: string, schema: z.ZodMiniType<T[]>, what: string): Promise<T[]> {
    const out: T[] = [];
    let url: string | undefined = first;
    for (let page = 0; url && page < 100; page++) {
      const a = await call('GET', url, what);
      out.push(...(await readJson(a, schema, VENDOR, what)));
      url = nextLink(a.headers.get('link'), origin);
    }
    return out;
  }

  return {
    provider: 'okta',
    async testConnection(): Promise<ConnectionProof> {
      if (conn.auth.type === 'private_key_jwt') return proveServiceApp(conn.auth);
      await readJson(await call('GET', '/api/v1/groups?limit=1', 'list groups'), groupsSchema, VENDOR, 'the groups');
      // An API token acts with the roles of the admin who created it.
      const me = await readJson(
        await call('GET', '/api/v1/users/me', 'the token owner'),
        userSchema,
        VENDOR,
        'the token owner',
      );
      const roles = await readJson(
        await call('GET', `/api/v1/users/${enc(me.id)}/roles`, 'the token owner roles'),
        rolesSchema,
        VENDOR,
        'the token owner roles',
      );
      const held = roles.map((r) => r.type);
      const can = held.some((r) => MEMBERSHIP_ROLES.has(r));
      return {
        canRead: true,
        canChangeMembers: can,
        detail: can
          ? `the token's admin holds ${held.filter((r) => MEMBERSHIP_ROLES.has(r)).join(', ')}`
          : `the token's admin holds ${held.join(', ') || 'no admin role'}; changing group members needs Group Membership Administrator or higher`,
      };
    },
    async getGroup(groupId): Promise<DirectoryGroupFacts> {
      const g = await readJson(
        await call('GET', `/api/v1/groups/${enc(groupId)}`, 'get group'),
        groupSchema,
        VENDOR,
        'the group',
      );
      return { provider: 'okta', id: g.id, name: g.profile.name, type: g.type };
    },
    async addMember(groupId, userId) {
      try {
        await call('PUT', `/api/v1/groups/${enc(groupId)}/users/${enc(userId)}`, 'add member');
        return 'added';
      } catch (e) {
        // The spec does not say what a PUT for a user already in the group answers (204 in practice): on a
        // refusal, the group's member list decides — already there is the outcome wanted.
        if (e instanceof DirectoryError && (e.kind === 'invalid' || e.kind === 'not_found'))
          if ((await this.listMembers(groupId)).some((u) => u.id === userId)) return 'already_member';
        throw e;
      }
    },
    async removeMember(groupId, userId) {
      try {
        await call('DELETE', `/api/v1/groups/${enc(groupId)}/users/${enc(userId)}`, 'remove member');
      } catch (e) {
        // Not documented either way for a non-member: a 404 for a group that exists means "not a member".
        if (e instanceof DirectoryError && e.kind === 'not_found') {
          await this.getGroup(groupId); // throws not_found if the GROUP is gone: that needs a person
          return 'not_member';
        }
        throw e;
      }
      return 'removed';
    },
    async isMember(groupId, userId) {
      // The group's member list (documented and paged); groups bound to AI tools are small.
      return (await this.listMembers(groupId)).some((u) => u.id === userId);
    },
    async listMembers(groupId) {
      return (await allPages(`/api/v1/groups/${enc(groupId)}/users?limit=200`, usersSchema, 'the group members')).map(
        toUser,
      );
    },
    async findUsersByEmail(email) {
      const search = `profile.email eq "${email.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      const a = await call('GET', `/api/v1/users?search=${enc(search)}&limit=10`, 'find users');
      return (await readJson(a, usersSchema, VENDOR, 'the users')).map(toUser);
    },
  };
}
