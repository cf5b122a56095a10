// The emulated Microsoft Graph v1.0 (groups, group members, users, checkMemberGroups) with
// application-permission checks, Graph's error object and throttling. Sources (ledger GRAPH-n),
// all Microsoft Graph v1.0 reference pages at https://learn.microsoft.com/en-us/graph/api/…:
//   group-list, group-get, group-list-members, group-post-members, group-delete-members,
//   user-list, user-get, directoryobject-checkmembergroups (user-checkmembergroups);
//   https://learn.microsoft.com/en-us/graph/errors (error resource type, codes);
//   https://learn.microsoft.com/en-us/graph/throttling (429 + Retry-After);
//   https://learn.microsoft.com/en-us/graph/paging (@odata.nextLink, $skiptoken);
//   https://learn.microsoft.com/en-us/graph/api/resources/group (groupTypes, membershipRule, ...).
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { SandboxClock } from '../../clock';
import type { FaultInjector } from '../../faults';
import { bearerToken, json, noContent, pathSegments, type IdpRequest, type IdpResponse } from '../http';
import type { GraphGroup, GraphState, GraphUser, IdpStore } from '../state';
import { verifyHs256 } from '../tokens';
import { GraphFilterError, parseGraphFilter } from './filter';
import { GRAPH_RESOURCE } from './login';

export interface GraphDeps {
  store: IdpStore;
  clock: SandboxClock;
  faults: FaultInjector;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Application permissions that allow each operation (least to most privileged, per the API pages). */
const READ_GROUPS = [
  'GroupMember.Read.All',
  'Group.Read.All',
  'GroupMember.ReadWrite.All',
  'Group.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
const WRITE_MEMBERS = ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
const READ_USERS = [
  'User.ReadBasic.All',
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

/** checkMemberGroups on a user (Application): User.Read.All and GroupMember.Read.All or Group.Read.All, or Directory.Read.All. */
const CHECK_MEMBER_GROUPS: string[][] = [
  ['User.Read.All', 'GroupMember.Read.All'],
  ['User.Read.All', 'Group.Read.All'],
  ['Directory.Read.All'],
];

const USER_PROPS = new Set([
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
  'accountEnabled',
]);
const USER_DEFAULT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];
const GROUP_PROPS = new Set([
  'id',
  'displayName',
  'description',
  'mail',
  'mailEnabled',
  'mailNickname',
  'securityEnabled',
  'groupTypes',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesSyncEnabled',
  'createdDateTime',
  'visibility',
]);

const RefBody = z.looseObject({ '@odata.id': z.string() });
const CheckMemberGroupsBody = z.object({ groupIds: z.array(z.string()).min(1).max(20) }).strict();

type Caller = { appId: string; roles: string[] };

export class GraphEmulator {
  constructor(private readonly deps: GraphDeps) {}

  private get state(): GraphState {
    return this.deps.store.read().graph;
  }

  /** Graph's error resource: {error: {code, message, innerError: {date, request-id, client-request-id}}}. */
  private error(
    req: IdpRequest,
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): IdpResponse {
    const requestId = randomUUID();
    return json(
      status,
      {
        error: {
          code,
          message,
          innerError: {
            date: new Date(this.deps.clock.nowMs()).toISOString().replace(/\.\d+Z$/, ''),
            'request-id': requestId,
            'client-request-id': req.headers['client-request-id'] ?? requestId,
          },
        },
      },
      { 'content-type': CONTENT_TYPE, 'request-id': requestId, ...headers },
    );
  }

  /** Graph's answer for a directory object that is not there. */
  private notFound(req: IdpRequest, id: string): IdpResponse {
    return this.error(
      req,
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }

  private ok(req: IdpRequest, body: unknown): IdpResponse {
    return json(200, body, {
      'content-type': CONTENT_TYPE,
      'client-request-id': req.headers['client-request-id'] ?? randomUUID(),
    });
  }

  handle(req: IdpRequest): IdpResponse {
    const segs = pathSegments(req.path);
    if (!segs || segs[0] !== 'v1.0')
      return this.error(
        req,
        400,
        'BadRequest',
        `Invalid version: ${segs?.[0] ?? ''}. The sandbox serves Microsoft Graph v1.0.`,
      );
    const caller = this.authenticate(req);
    if ('status' in caller) return caller;

    const fault = this.deps.faults.nextIdpFault('graph');
    if (fault?.kind === '429')
      return this.error(
        req,
        429,
        'TooManyRequests',
        'Too many requests. Please retry after the time in the Retry-After header.',
        {
          'retry-after': String(fault.retryAfterSeconds),
        },
      );
    if (fault?.kind === '5xx')
      return this.error(
        req,
        fault.status,
        'serviceNotAvailable',
        'The service is temporarily unavailable. Retry after the time in the Retry-After header.',
        {
          'retry-after': '1',
        },
      );

    const method = req.method.toUpperCase();
    const [, collection, id, nav, memberId, ref] = segs;
    if (collection === 'groups') {
      if (segs.length === 2 && method === 'GET') return this.need(req, caller, READ_GROUPS) ?? this.listGroups(req);
      if (segs.length === 3 && method === 'GET')
        return this.need(req, caller, READ_GROUPS) ?? this.getGroup(req, id as string);
      if (nav === 'members') {
        if (segs.length === 4 && method === 'GET')
          return this.need(req, caller, READ_GROUPS) ?? this.listMembers(req, id as string);
        if (segs.length === 5 && memberId === '$ref' && method === 'POST')
          return this.need(req, caller, WRITE_MEMBERS) ?? this.addMember(req, id as string);
        if (segs.length === 6 && ref === '$ref' && method === 'DELETE')
          return this.need(req, caller, WRITE_MEMBERS) ?? this.removeMember(req, id as string, memberId as string);
      }
    }
    if (collection === 'users') {
      if (segs.length === 2 && method === 'GET') return this.need(req, caller, READ_USERS) ?? this.listUsers(req);
      if (segs.length === 3 && method === 'GET')
        return this.need(req, caller, READ_USERS) ?? this.getUser(req, id as string);
      if (segs.length === 4 && nav === 'checkMemberGroups' && method === 'POST')
        return this.needAll(req, caller, CHECK_MEMBER_GROUPS) ?? this.checkMemberGroups(req, id as string);
    }
    const last = segs[segs.length - 1] ?? '';
    return this.error(req, 400, 'BadRequest', `Resource not found for the segment '${last}'.`);
  }

  // ---- authorization ----

  private authenticate(req: IdpRequest): Caller | IdpResponse {
    const wwwAuth = {
      'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
    };
    const token = bearerToken(req.headers, 'Bearer');
    if (!token) return this.error(req, 401, 'InvalidAuthenticationToken', 'Access token is empty.', wwwAuth);
    const claims = verifyHs256(token, this.deps.store.read().tokenSecret);
    if (!claims || claims.aud !== GRAPH_RESOURCE || claims.tid !== this.state.tenantId)
      return this.error(
        req,
        401,
        'InvalidAuthenticationToken',
        'Access token validation failure. Invalid audience.',
        wwwAuth,
      );
    if (typeof claims.exp !== 'number' || claims.exp <= this.deps.clock.nowSeconds())
      return this.error(
        req,
        401,
        'InvalidAuthenticationToken',
        'Lifetime validation failed, the token is expired.',
        wwwAuth,
      );
    return { appId: String(claims.appid), roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [] };
  }

  /** 403 Authorization_RequestDenied when the token's `roles` hold none of the permissions that allow the call. */
  private need(req: IdpRequest, caller: Caller, anyOf: string[]): IdpResponse | undefined {
    if (anyOf.some((r) => caller.roles.includes(r))) return undefined;
    return this.error(req, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }

  /** As need(), where each alternative is a set of permissions that must all be granted. */
  private needAll(req: IdpRequest, caller: Caller, alternatives: string[][]): IdpResponse | undefined {
    if (alternatives.some((set) => set.every((r) => caller.roles.includes(r)))) return undefined;
    return this.error(req, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }

  // ---- shapes ----

  groupJson(g: GraphGroup): Record<string, unknown> {
    const { members: _members, ...rest } = g;
    void _members;
    return {
      deletedDateTime: null,
      classification: null,
      creationOptions: [],
      expirationDateTime: null,
      isAssignableToRole: null,
      onPremisesDomainName: null,
      onPremisesLastSyncDateTime: g.onPremisesSyncEnabled ? g.createdDateTime : null,
      onPremisesSamAccountName: null,
      onPremisesSecurityIdentifier: null,
      preferredDataLocation: null,
      preferredLanguage: null,
      proxyAddresses: g.mail ? [`SMTP:${g.mail}`] : [],
      renewedDateTime: g.createdDateTime,
      resourceBehaviorOptions: [],
      resourceProvisioningOptions: [],
      securityIdentifier: null,
      theme: null,
      onPremisesProvisioningErrors: [],
      ...rest,
    };
  }

  userJson(u: GraphUser, select?: string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
      businessPhones: [],
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: null,
      ...u,
    };
    const keys = select ?? USER_DEFAULT;
    return Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k]]));
  }

  private select(req: IdpRequest, allowed: ReadonlySet<string>): string[] | IdpResponse | undefined {
    const raw = req.query.get('$select');
    if (raw === null) return undefined;
    const props = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = props.find(
      (p) =>
        !allowed.has(p) &&
        p !== 'businessPhones' &&
        p !== 'mobilePhone' &&
        p !== 'officeLocation' &&
        p !== 'preferredLanguage',
    );
    if (unknown)
      return this.error(
        req,
        400,
        'Request_BadRequest',
        `Could not find a property named '${unknown}' on type 'microsoft.graph.directoryObject'.`,
      );
    return props;
  }

  private pick(obj: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
    return select ? Object.fromEntries(select.filter((k) => k in obj).map((k) => [k, obj[k]])) : obj;
  }

  // ---- groups ----

  private findGroup(req: IdpRequest, id: string): GraphGroup | IdpResponse {
    if (!GUID.test(id)) return this.error(req, 400, 'Request_BadRequest', `Invalid object identifier '${id}'.`);
    const g = this.state.groups.find((x) => x.id.toLowerCase() === id.toLowerCase());
    return g ?? this.notFound(req, id);
  }

  private listGroups(req: IdpRequest): IdpResponse {
    const select = this.select(req, GROUP_PROPS);
    if (select && 'status' in select) return select;
    const filtered = this.filter(req, this.state.groups, GROUP_PROPS, (g) => this.groupJson(g));
    if ('status' in filtered) return filtered;
    return this.page(req, filtered, 'groups', (g) => this.pick(this.groupJson(g), select));
  }

  private getGroup(req: IdpRequest, id: string): IdpResponse {
    const g = this.findGroup(req, id);
    if ('status' in g) return g;
    const select = this.select(req, GROUP_PROPS);
    if (select && 'status' in select) return select;
    return this.ok(req, {
      '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#groups/$entity`,
      ...this.pick(this.groupJson(g), select),
    });
  }

  private listMembers(req: IdpRequest, id: string): IdpResponse {
    const g = this.findGroup(req, id);
    if ('status' in g) return g;
    const select = this.select(req, USER_PROPS);
    if (select && 'status' in select) return select;
    const users = g.members.map((m) => this.state.users.find((u) => u.id === m)).filter((u) => u !== undefined);
    return this.page(req, users, 'directoryObjects', (u) => ({
      '@odata.type': '#microsoft.graph.user',
      ...this.userJson(u, select),
    }));
  }

  /** The directory object named by `@odata.id` (…/directoryObjects/{id} or …/users/{id}). */
  private memberIdOf(body: unknown): string | undefined {
    const parsed = RefBody.safeParse(body);
    if (!parsed.success) return undefined;
    const m = /\/(?:directoryObjects|users)\/([^/?#]+)$/.exec(parsed.data['@odata.id']);
    return m?.[1];
  }

  private addMember(req: IdpRequest, groupId: string): IdpResponse {
    const g = this.findGroup(req, groupId);
    if ('status' in g) return g;
    let body: unknown;
    try {
      body = JSON.parse(req.bodyText || 'null');
    } catch {
      return this.error(
        req,
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    }
    const memberId = this.memberIdOf(body);
    if (!memberId)
      return this.error(
        req,
        400,
        'Request_BadRequest',
        'Invalid URL format specified in @odata.id: give "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}".',
      );
    const user = this.state.users.find((u) => u.id.toLowerCase() === memberId.toLowerCase());
    if (!user) return this.notFound(req, memberId);
    const refused = this.membershipRefusal(req, g);
    if (refused) return refused;
    if (g.members.includes(user.id))
      return this.error(
        req,
        400,
        'Request_BadRequest',
        "One or more added object references already exist for the following modified properties: 'members'.",
      );
    this.deps.store.update((s) => s.graph.groups.find((x) => x.id === g.id)?.members.push(user.id));
    return noContent();
  }

  private removeMember(req: IdpRequest, groupId: string, memberId: string): IdpResponse {
    const g = this.findGroup(req, groupId);
    if ('status' in g) return g;
    const refused = this.membershipRefusal(req, g);
    if (refused) return refused;
    const present = g.members.find((m) => m.toLowerCase() === memberId.toLowerCase());
    if (!present) return this.notFound(req, memberId);
    this.deps.store.update((s) => {
      const group = s.graph.groups.find((x) => x.id === g.id);
      if (group) group.members = group.members.filter((m) => m !== present);
    });
    return noContent();
  }

  /**
   * Memberships Graph does not let anyone change: a dynamic group's follow its rule ("You can't remove a
   * member from groups with dynamic memberships", group-delete-members), an on-premises-synced group's are
   * mastered in Active Directory (group resource › onPremisesSyncEnabled). The exact messages are not on
   * the reference pages: the ledger row GRAPH-8 says so, and the app never relies on them.
   */
  private membershipRefusal(req: IdpRequest, g: GraphGroup): IdpResponse | undefined {
    if (g.groupTypes.includes('DynamicMembership'))
      return this.error(
        req,
        400,
        'Request_BadRequest',
        "Members of a group with dynamic membership can't be added or removed manually: its membershipRule decides them.",
      );
    if (g.onPremisesSyncEnabled)
      return this.error(
        req,
        400,
        'Request_BadRequest',
        'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.',
      );
    return undefined;
  }

  // ---- users ----

  private findUser(req: IdpRequest, idOrUpn: string): GraphUser | IdpResponse {
    const k = idOrUpn.toLowerCase();
    const u = this.state.users.find((x) => x.id.toLowerCase() === k || x.userPrincipalName.toLowerCase() === k);
    return u ?? this.notFound(req, idOrUpn);
  }

  private listUsers(req: IdpRequest): IdpResponse {
    const select = this.select(req, USER_PROPS);
    if (select && 'status' in select) return select;
    const filtered = this.filter(req, this.state.users, USER_PROPS, (u) => ({ ...u }));
    if ('status' in filtered) return filtered;
    return this.page(req, filtered, 'users', (u) => this.userJson(u, select));
  }

  private getUser(req: IdpRequest, id: string): IdpResponse {
    const u = this.findUser(req, id);
    if ('status' in u) return u;
    const select = this.select(req, USER_PROPS);
    if (select && 'status' in select) return select;
    return this.ok(req, {
      '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#users/$entity`,
      ...this.userJson(u, select),
    });
  }

  private checkMemberGroups(req: IdpRequest, id: string): IdpResponse {
    const u = this.findUser(req, id);
    if ('status' in u) return u;
    let body: unknown;
    try {
      body = JSON.parse(req.bodyText || 'null');
    } catch {
      body = undefined;
    }
    const parsed = CheckMemberGroupsBody.safeParse(body);
    if (!parsed.success)
      return this.error(
        req,
        400,
        'Request_BadRequest',
        'The request body must be {"groupIds": [...]} with 1 to 20 group ids.',
      );
    const member = parsed.data.groupIds.filter((gid) =>
      this.state.groups.some((g) => g.id.toLowerCase() === gid.toLowerCase() && g.members.includes(u.id)),
    );
    return this.ok(req, { '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#Collection(Edm.String)`, value: member });
  }

  // ---- shared ----

  private filter<T>(
    req: IdpRequest,
    items: T[],
    props: ReadonlySet<string>,
    shape: (t: T) => Record<string, unknown>,
  ): T[] | IdpResponse {
    const raw = req.query.get('$filter');
    if (raw === null) return items;
    try {
      const predicate = parseGraphFilter(raw, props);
      return items.filter((i) => predicate(shape(i)));
    } catch (e) {
      if (e instanceof GraphFilterError) return this.error(req, 400, 'Request_UnsupportedQuery', e.message);
      throw e;
    }
  }

  /** `$top` (1–999) and `@odata.nextLink` with an opaque `$skiptoken` (graph/paging). */
  private page<T>(req: IdpRequest, items: T[], context: string, shape: (t: T) => Record<string, unknown>): IdpResponse {
    const rawTop = req.query.get('$top');
    const top = rawTop === null ? 100 : Number(rawTop);
    if (!Number.isInteger(top) || top < 1 || top > 999)
      return this.error(
        req,
        400,
        'Request_BadRequest',
        `Invalid page size specified: '${rawTop ?? ''}'. Must be between 1 and 999 inclusive.`,
      );
    const token = req.query.get('$skiptoken');
    let start = 0;
    if (token !== null) {
      const n = Number(
        Buffer.from(token, 'base64url')
          .toString('utf8')
          .replace(/^skip:/, ''),
      );
      if (!Number.isInteger(n) || n < 0)
        return this.error(
          req,
          400,
          'Directory_ExpiredPageToken',
          'The specified page token value has expired and can no longer be included in your request.',
        );
      start = n;
    }
    const slice = items.slice(start, start + top);
    const body: Record<string, unknown> = { '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#${context}` };
    if (start + top < items.length) {
      const next = new URL(`${req.origin}${req.path}`);
      req.query.forEach((v, k) => next.searchParams.set(k, v));
      next.searchParams.set('$top', String(top));
      next.searchParams.set('$skiptoken', Buffer.from(`skip:${start + top}`).toString('base64url'));
      // Graph writes its system query options with a literal `$` ($top, $skiptoken), as URLSearchParams does not.
      next.search = next.searchParams.toString().replace(/(^|&)%24/g, '$1$$');
      body['@odata.nextLink'] = next.href;
    }
    body.value = slice.map(shape);
    return this.ok(req, body);
  }
}
