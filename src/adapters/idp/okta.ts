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
//                https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/)
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
const tokenSchema = z.looseObject({
  access_token: z.string(),
  token_type: z.string(),
  expires_in: z.number(),
  scope: z.optional(z.string()),
});
const oktaError = (j: unknown): string | undefined => {
  const s = (j as { errorSummary?: unknown } | undefined)?.errorSummary;
  return typeof s === 'string' ? s : undefined;
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

export function oktaDirectory(conn: OktaConnection, fetch: HttpFetch, clock: Clock): GroupDirectory {
  const origin = conn.orgUrl;
  let token: CachedToken | undefined;
  let grantedScopes: string | undefined;

  async function authorization(): Promise<string> {
    if (conn.auth.type === 'api_token') return `SSWS ${conn.auth.token}`;
    if (token && token.expiresAtMs > clock.now().getTime() + 30_000) return `Bearer ${token.value}`;
    const endpoint = `${origin}/oauth2/v1/token`;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: SCOPES,
      client_assertion_type: JWT_BEARER_ASSERTION,
      client_assertion: clientAssertion({
        clientId: conn.auth.clientId,
        audience: endpoint,
        privateKeyPem: conn.auth.privateKeyPem,
        keyId: conn.auth.keyId,
        nowMs: clock.now().getTime(),
      }),
    });
    const a = await postForm(fetch, endpoint, form, VENDOR);
    if (a.status !== 200) throw await fail(a, 'the token endpoint');
    const t = await readJson(a, tokenSchema, VENDOR, 'the token answer');
    token = { value: t.access_token, expiresAtMs: clock.now().getTime() + t.expires_in * 1000 };
    grantedScopes = t.scope;
    return `Bearer ${token.value}`;
  }

  async function fail(a: HttpAnswer, what: string): Promise<DirectoryError> {
    const e = failureOf(a, await errorText(a, oktaError), `${VENDOR} (${what})`, retryAfter, clock.now().getTime());
    return e;
  }

  async function call(method: string, pathOrUrl: string, what: string): Promise<HttpAnswer> {
    const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${origin}${pathOrUrl}`;
    return send(
      fetch,
      url,
      { method, headers: { accept: 'application/json', authorization: await authorization() } },
      VENDOR,
    ).then(async (a) => (a.status >= 200 && a.status < 300 ? a : Promise.reject(await fail(a, what))));
  }

  const enc = encodeURIComponent;
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
      await readJson(await call('GET', '/api/v1/groups?limit=1', 'list groups'), groupsSchema, VENDOR, 'the groups');
      if (conn.auth.type === 'private_key_jwt') {
        const scopes = new Set((grantedScopes ?? '').split(' '));
        const can = scopes.has('okta.groups.manage');
        return {
          canRead: true,
          canChangeMembers: can,
          detail: can
            ? 'the service app was granted okta.groups.manage'
            : `the service app was granted "${grantedScopes ?? ''}", not okta.groups.manage: grant that scope to the app in Okta`,
        };
      }
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
