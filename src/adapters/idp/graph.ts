// A thin typed client for the few Microsoft Graph v1.0 calls connected mode
// makes for Entra ID groups (no Graph SDK or MSAL in a Forge function: see
// docs/connected-mode.md). Shapes as published:
//   token (client credentials, secret or certificate):
//     https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
//   group:        https://learn.microsoft.com/en-us/graph/api/group-get (groupTypes, securityEnabled, mailEnabled, onPremisesSyncEnabled)
//   add member:   https://learn.microsoft.com/en-us/graph/api/group-post-members (POST …/members/$ref → 204;
//                 400 when the member is already there)
//   remove:       https://learn.microsoft.com/en-us/graph/api/group-delete-members (DELETE …/members/{id}/$ref → 204)
//   members:      https://learn.microsoft.com/en-us/graph/api/group-list-members (@odata.nextLink paging)
//   users:        https://learn.microsoft.com/en-us/graph/api/user-list ($filter=mail eq '…')
//   permissions:  app-only tokens carry the granted application permissions in the `roles` claim
//                 (https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference › roles)
//   429:          Retry-After seconds (https://learn.microsoft.com/en-us/graph/throttling)
import * as z from 'zod/mini';
import { retryAfterWait } from '../../domain/connectors/attempts';
import type { EntraConnection } from '../../domain/connectors/connection';
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

const VENDOR = 'Microsoft Graph';
const GRAPH = 'https://graph.microsoft.com';
const LOGIN = 'https://login.microsoftonline.com';
/** Application permissions that let an app change group members. */
const MEMBER_WRITE = new Set(['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All']);

const tokenSchema = z.looseObject({ access_token: z.string(), expires_in: z.number(), token_type: z.string() });
const groupSchema = z.looseObject({
  id: z.string(),
  displayName: z.nullable(z.string()),
  groupTypes: z.array(z.string()),
  securityEnabled: z.nullable(z.boolean()),
  mailEnabled: z.nullable(z.boolean()),
  onPremisesSyncEnabled: z.optional(z.nullable(z.boolean())),
});
const objectSchema = z.looseObject({
  id: z.string(),
  '@odata.type': z.optional(z.string()),
  userPrincipalName: z.optional(z.nullable(z.string())),
  mail: z.optional(z.nullable(z.string())),
});
const pageSchema = z.looseObject({ value: z.array(objectSchema), '@odata.nextLink': z.optional(z.string()) });
const graphError = (j: unknown): string | undefined => {
  const e = (j as { error?: unknown } | undefined)?.error;
  if (typeof e === 'string') {
    const d = (j as { error_description?: unknown }).error_description;
    return typeof d === 'string' ? `${e}: ${d.split('\n')[0] ?? ''}` : e;
  }
  const m = (e as { code?: unknown; message?: unknown } | undefined)?.message;
  const c = (e as { code?: unknown } | undefined)?.code;
  return typeof m === 'string' ? `${typeof c === 'string' ? `${c}: ` : ''}${m}` : undefined;
};

function retryAfter(a: HttpAnswer, nowMs: number): number | undefined {
  return retryAfterWait(a.headers.get('retry-after'), nowMs);
}

/** The `roles` claim of an app-only access token (read, not verified: Graph verifies it; we only explain). */
export function tokenRoles(accessToken: string): string[] {
  const payload = accessToken.split('.')[1];
  if (!payload) return [];
  try {
    const roles = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown }).roles;
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

export function graphDirectory(conn: EntraConnection, fetch: HttpFetch, clock: Clock): GroupDirectory {
  let token: CachedToken | undefined;

  async function fail(a: HttpAnswer, what: string): Promise<DirectoryError> {
    return failureOf(a, await errorText(a, graphError), `${VENDOR} (${what})`, retryAfter, clock.now().getTime());
  }

  async function accessToken(): Promise<string> {
    if (token && token.expiresAtMs > clock.now().getTime() + 60_000) return token.value;
    const endpoint = `${LOGIN}/${encodeURIComponent(conn.tenantId)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({
      client_id: conn.clientId,
      scope: `${GRAPH}/.default`,
      grant_type: 'client_credentials',
    });
    if (conn.auth.type === 'client_secret') form.set('client_secret', conn.auth.secret);
    else {
      form.set('client_assertion_type', JWT_BEARER_ASSERTION);
      form.set(
        'client_assertion',
        clientAssertion({
          clientId: conn.clientId,
          audience: endpoint,
          privateKeyPem: conn.auth.privateKeyPem,
          certificatePem: conn.auth.certificatePem,
          nowMs: clock.now().getTime(),
        }),
      );
    }
    const a = await postForm(fetch, endpoint, form, 'Microsoft Entra ID');
    if (a.status !== 200) throw await fail(a, 'token');
    const t = await readJson(a, tokenSchema, 'Microsoft Entra ID', 'the token answer');
    token = { value: t.access_token, expiresAtMs: clock.now().getTime() + t.expires_in * 1000 };
    return token.value;
  }

  async function call(method: string, pathOrUrl: string, what: string, body?: unknown): Promise<HttpAnswer> {
    const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${GRAPH}/v1.0${pathOrUrl}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${await accessToken()}`,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const a = await send(
      fetch,
      url,
      { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
      VENDOR,
    );
    if (a.status >= 200 && a.status < 300) return a;
    throw await fail(a, what);
  }

  async function allPages(first: string, what: string): Promise<Array<z.output<typeof objectSchema>>> {
    const out: Array<z.output<typeof objectSchema>> = [];
    let url: string | undefined = first;
    for (let page = 0; url && page < 100; page++) {
      const p: z.output<typeof pageSchema> = await readJson(await call('GET', url, what), pageSchema, VENDOR, what);
      out.push(...p.value);
      const next: string | undefined = p['@odata.nextLink'];
      // The token goes only to Graph.
      url = next && new URL(next).origin === GRAPH ? next : undefined;
    }
    return out;
  }

  const enc = encodeURIComponent;
  const toUser = (u: z.output<typeof objectSchema>): DirectoryUser => ({
    id: u.id,
    ...(u.userPrincipalName ? { login: u.userPrincipalName } : {}),
    ...(u.mail ? { email: u.mail } : {}),
  });
  const isUser = (o: z.output<typeof objectSchema>) =>
    !o['@odata.type'] || o['@odata.type'] === '#microsoft.graph.user';

  return {
    provider: 'entra',
    async testConnection(): Promise<ConnectionProof> {
      await readJson(await call('GET', '/groups?$top=1&$select=id', 'list groups'), pageSchema, VENDOR, 'the groups');
      const roles = tokenRoles(await accessToken());
      const can = roles.some((r) => MEMBER_WRITE.has(r));
      return {
        canRead: true,
        canChangeMembers: can,
        detail: can
          ? `the app holds ${roles.filter((r) => MEMBER_WRITE.has(r)).join(', ')}`
          : `the app holds ${roles.join(', ') || 'no application permission'}; grant GroupMember.ReadWrite.All (application) with admin consent`,
      };
    },
    async getGroup(groupId): Promise<DirectoryGroupFacts> {
      const g = await readJson(
        await call(
          'GET',
          `/groups/${enc(groupId)}?$select=id,displayName,groupTypes,securityEnabled,mailEnabled,onPremisesSyncEnabled`,
          'get group',
        ),
        groupSchema,
        VENDOR,
        'the group',
      );
      return {
        provider: 'entra',
        id: g.id,
        name: g.displayName ?? g.id,
        groupTypes: g.groupTypes,
        securityEnabled: g.securityEnabled === true,
        mailEnabled: g.mailEnabled === true,
        onPremisesSyncEnabled: g.onPremisesSyncEnabled ?? null,
      };
    },
    async addMember(groupId, userId) {
      try {
        await call('POST', `/groups/${enc(groupId)}/members/$ref`, 'add member', {
          '@odata.id': `${GRAPH}/v1.0/directoryObjects/${userId}`,
        });
        return 'added';
      } catch (e) {
        // Graph answers 400 for a user already in the group, but 400 is also its answer to other bad requests,
        // and https://learn.microsoft.com/en-us/graph/errors says code "should not branch based on message
        // values": the group's member list decides — already there is the outcome wanted.
        if (e instanceof DirectoryError && e.status === 400 && (await this.isMember(groupId, userId)))
          return 'already_member';
        throw e;
      }
    },
    async removeMember(groupId, userId) {
      try {
        await call('DELETE', `/groups/${enc(groupId)}/members/${enc(userId)}/$ref`, 'remove member');
        return 'removed';
      } catch (e) {
        if (e instanceof DirectoryError && e.kind === 'not_found') {
          await this.getGroup(groupId); // a missing GROUP is not "not a member": it needs a person
          return 'not_member';
        }
        throw e;
      }
    },
    async isMember(groupId, userId) {
      // Direct members (the group's member list): the membership the app itself adds and removes.
      return (await this.listMembers(groupId)).some((u) => u.id === userId);
    },
    async listMembers(groupId) {
      return (
        await allPages(
          `/groups/${enc(groupId)}/members?$select=id,userPrincipalName,mail&$top=999`,
          'the group members',
        )
      )
        .filter(isUser)
        .map(toUser);
    },
    async findUsersByEmail(email) {
      const q = email.replace(/'/g, "''");
      const found = await allPages(
        `/users?$filter=${enc(`mail eq '${q}'`)}&$select=id,userPrincipalName,mail&$top=10`,
        'find users',
      );
      return found.map(toUser);
    },
  };
}
