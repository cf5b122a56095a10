// The emulated Okta org: the Groups and Users management APIs the app uses, the org
// authorization server's client-credentials token endpoint, Okta's error bodies and rate-limit
// headers. Sources (one ledger row each in docs/platform-contract.md, OKTA-n):
//   - Okta Management API OpenAPI spec (github.com/okta/okta-management-openapi-spec,
//     dist/current/management-oneOfInheritance.yaml): listGroups, getGroup, listGroupUsers,
//     assignUserToGroup, unassignUserFromGroup, listUsers, getUser, the Error schema and examples.
//   - Okta OAuth OpenAPI spec (same repo, oauth-oneOfInheritance.yaml): /oauth2/v1/token, OAuthError.
//   - https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/
//   - https://developer.okta.com/docs/reference/rl-best-practices/
//   - Role Assignment API for clients (GET /oauth2/v1/clients/{clientId}/roles):
//     https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleAssignmentClient/
//   - DPoP: https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/ (./dpop.ts)
import { randomBytes } from 'node:crypto';
import type { SandboxClock } from '../../clock';
import type { FaultInjector } from '../../faults';
import { bearerToken, json, noContent, pathSegments, type IdpRequest, type IdpResponse } from '../http';
import type { RateWindows } from '../rate-window';
import type { IdpStore, OktaGroup, OktaState, OktaUser } from '../state';
import { decodeJwt, formBody, publicKeyFromJwk, signHs256, verifyAsymmetric, verifyHs256 } from '../tokens';
import { checkDpopProof } from './dpop';
import { OktaFilterError, parseOktaFilter } from './filter';

export interface OktaDeps {
  store: IdpStore;
  clock: SandboxClock;
  faults: FaultInjector;
  rate: RateWindows;
}

type Caller = { kind: 'ssws'; userId: string | undefined } | { kind: 'oauth'; clientId: string; scopes: string[] };
type TokenClaims = Record<string, unknown>;

const ACCESS_TOKEN_SECONDS = 3600;
/** Standard roles whose holders may change group membership. */
const MEMBERSHIP_ROLES: readonly string[] = ['SUPER_ADMIN', 'ORG_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'USER_ADMIN'];
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

function errorId(): string {
  return `oae${randomBytes(16).toString('base64url').slice(0, 22)}`;
}

/** Okta's error object (management spec, components.schemas.Error). */
export function oktaError(status: number, code: string, summary: string, headers: Record<string, string> = {}) {
  return json(
    status,
    { errorCode: code, errorSummary: summary, errorLink: code, errorId: errorId(), errorCauses: [] },
    headers,
  );
}

const notFound = (what: string) => oktaError(404, 'E0000007', `Not found: Resource not found: ${what}`);
const accessDenied = (headers: Record<string, string> = {}) =>
  oktaError(403, 'E0000006', 'You do not have permission to perform the requested action', headers);

/** Okta's role assignment object (Role Assignment API), for a user's or a client app's role. */
function roleJson(
  r: { id: string; label: string; type: string; created: string },
  assignmentType: 'USER' | 'CLIENT',
  assignee: string,
) {
  const { id, label, type, created } = r;
  return {
    id,
    label,
    type,
    status: 'ACTIVE',
    created,
    lastUpdated: created,
    assignmentType,
    _links: { assignee: { href: assignee } },
  };
}

/** OAuth errors of the token endpoint (oauth spec, OAuthError: `error`, `error_description`). */
const oauthError = (status: number, error: string, description: string) =>
  json(status, { error, error_description: description });

export class OktaEmulator {
  private readonly usedJti = new Set<string>();
  private readonly usedDpopJti = new Set<string>();
  /** The org authorization server's current `dpop-nonce` (Okta renews it daily; one per sandbox run here). */
  private readonly dpopNonce = randomBytes(24).toString('base64url');

  constructor(private readonly deps: OktaDeps) {}

  private get state(): OktaState {
    return this.deps.store.read().okta;
  }

  /** The org's own URL (issuer of its org authorization server). */
  orgUrl(): string {
    return `https://${this.state.orgHost}`;
  }

  handle(req: IdpRequest): IdpResponse {
    const segs = pathSegments(req.path);
    if (!segs) return oktaError(400, 'E0000003', 'The request body was not well-formed.');
    const bucket = this.bucketOf(segs);
    const window = this.deps.rate.hit(bucket);
    const rateHeaders = {
      'x-rate-limit-limit': String(window.limit),
      'x-rate-limit-remaining': String(window.remaining),
      'x-rate-limit-reset': String(window.resetSeconds),
    };
    const tooMany = (resetSeconds: number) =>
      oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', {
        'x-rate-limit-limit': String(window.limit),
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(resetSeconds),
      });
    if (window.exceeded) return tooMany(window.resetSeconds);
    const out = this.route(req, segs, tooMany);
    return { ...out, headers: { ...rateHeaders, ...out.headers } };
  }

  private bucketOf(segs: string[]): string {
    if (segs[0] === 'oauth2') return segs[2] === 'clients' ? '/oauth2/v1/clients' : '/oauth2/v1/token';
    return `/api/v1/${segs[2] ?? ''}`;
  }

  private route(req: IdpRequest, segs: string[], tooMany: (reset: number) => IdpResponse): IdpResponse {
    const method = req.method.toUpperCase();
    if (segs.join('/') === 'oauth2/v1/token') {
      if (method !== 'POST')
        return oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
      return this.token(req);
    }
    if (segs[0] === 'oauth2' && segs[1] === 'v1' && segs[2] === 'clients' && segs[4] === 'roles' && segs.length === 5) {
      if (method !== 'GET') return oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
      const caller = this.authenticate(req);
      if ('status' in caller) return caller;
      if (caller.kind === 'oauth' && !['okta.roles.read', 'okta.roles.manage'].some((x) => caller.scopes.includes(x)))
        return this.insufficientScope('okta.roles.read', req.path);
      return this.listClientRoles(segs[3] ?? '', req.origin);
    }
    if (segs[0] !== 'api' || segs[1] !== 'v1' || (segs[2] !== 'groups' && segs[2] !== 'users'))
      return notFound(req.path);

    const caller = this.authenticate(req);
    if ('status' in caller) return caller;

    const fault = this.deps.faults.nextIdpFault('okta');
    if (fault?.kind === '429') return tooMany(this.deps.clock.nowSeconds() + fault.retryAfterSeconds);
    if (fault?.kind === '5xx') return oktaError(fault.status, 'E0000009', 'Internal Server Error');

    const write = method === 'PUT' || method === 'DELETE';
    const resource = segs[2];
    const rest = segs.slice(3);
    const needed =
      resource === 'users' && rest[1] === 'roles'
        ? ['okta.roles.read', 'okta.roles.manage']
        : resource === 'users'
          ? ['okta.users.read', 'okta.users.manage']
          : write
            ? ['okta.groups.manage']
            : ['okta.groups.read', 'okta.groups.manage'];
    if (caller.kind === 'oauth' && !needed.some((s) => caller.scopes.includes(s)))
      return this.insufficientScope(needed[0] ?? '', req.path);
    // Scopes say which APIs a service app may call; its admin roles what it may do there: none → 403, and
    // membership changes need a role that changes group members (Implement OAuth for Okta with a service app ›
    // "Assign admin roles to the OAuth 2.0 service app"; Okta support: "403 Forbidden - You do not have
    // permission to perform the requested action" until a role is assigned).
    if (caller.kind === 'oauth') {
      const roles = this.state.serviceApps.find((a) => a.clientId === caller.clientId)?.roles.map((r) => r.type) ?? [];
      if (roles.length === 0 || (write && !roles.some((r) => MEMBERSHIP_ROLES.includes(r)))) return accessDenied();
    }

    if (resource === 'groups') {
      if (rest.length === 0 && method === 'GET') return this.listGroups(req);
      if (rest.length === 1 && method === 'GET') {
        const g = this.group(rest[0]);
        return g ? json(200, this.groupJson(g, req.origin)) : notFound(`${rest[0]} (UserGroup)`);
      }
      if (rest.length === 2 && rest[1] === 'users' && method === 'GET') return this.listMembers(req, rest[0]);
      if (rest.length === 3 && rest[1] === 'users' && (method === 'PUT' || method === 'DELETE'))
        return this.changeMembership(rest[0], rest[2], method === 'PUT');
    } else {
      if (rest.length === 0 && method === 'GET') return this.listUsers(req);
      // `me` is the user the API token acts as; a service app's token has no user behind it.
      const target = rest[0] === 'me' && caller.kind === 'ssws' ? (caller.userId ?? 'me') : rest[0];
      if (rest.length === 1 && method === 'GET') {
        const u = this.user(target);
        return u ? json(200, this.userJson(u, req.origin)) : notFound(`${rest[0]} (User)`);
      }
      if (rest.length === 2 && rest[1] === 'roles' && method === 'GET') return this.listRoles(target, req.origin);
    }
    if (rest.length <= 3) return oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
    return notFound(req.path);
  }

  private insufficientScope(scope: string, path: string): IdpResponse {
    return accessDenied({
      'www-authenticate': `Bearer authorization_uri="${this.orgUrl()}/oauth2/v1/authorize", realm="${this.orgUrl()}", scope="${scope}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${path}"`,
    });
  }

  // ---- authentication ----

  private authenticate(req: IdpRequest): Caller | IdpResponse {
    const invalid = oktaError(401, 'E0000011', 'Invalid token provided', { 'www-authenticate': 'SSWS realm="Okta"' });
    const ssws = bearerToken(req.headers, 'SSWS');
    if (ssws !== undefined) {
      const token = this.state.apiTokens.find((t) => t.token === ssws);
      return token ? { kind: 'ssws', userId: token.userId } : invalid;
    }
    const dpop = bearerToken(req.headers, 'DPoP');
    const presented = dpop ?? bearerToken(req.headers, 'Bearer');
    if (presented === undefined) return invalid;
    const claims = verifyHs256(presented, this.deps.store.read().tokenSecret);
    const exp = typeof claims?.exp === 'number' ? claims.exp : 0;
    if (!claims || claims.iss !== this.orgUrl() || claims.aud !== this.orgUrl() || exp <= this.deps.clock.nowSeconds())
      return oktaError(401, 'E0000011', 'Invalid token provided', {
        'www-authenticate': `Bearer authorization_uri="${this.orgUrl()}/oauth2/v1/authorize", realm="${this.orgUrl()}", error="invalid_token", error_description="The token is not valid as it was issued by a different authorization server or has expired."`,
      });
    const bindingRefused = this.checkBinding(req, presented, claims, dpop !== undefined);
    if (bindingRefused) return bindingRefused;
    return {
      kind: 'oauth',
      clientId: String(claims.cid),
      scopes: Array.isArray(claims.scp) ? claims.scp.map(String) : [],
    };
  }

  /**
   * A DPoP-bound token (`cnf.jkt`) is only accepted as `Authorization: DPoP` with a fresh proof for this request,
   * signed by the bound key, whose `ath` is the token's hash; a `DPoP` scheme on an unbound token is refused.
   * The statuses and descriptions are Okta's OAuth error table's; the body and WWW-Authenticate are the sandbox's.
   */
  private checkBinding(
    req: IdpRequest,
    token: string,
    claims: TokenClaims,
    dpopScheme: boolean,
  ): IdpResponse | undefined {
    const jkt = (claims.cnf as { jkt?: unknown } | undefined)?.jkt;
    const refuse = (status: number, error: string, description: string) =>
      json(
        status,
        { error, error_description: description },
        {
          'www-authenticate': `DPoP algs="ES256 RS256", error="${error}", error_description="${description}"`,
        },
      );
    if (typeof jkt !== 'string')
      return dpopScheme ? refuse(401, 'invalid_token', 'The presented access_token is not DPoP bound.') : undefined;
    if (!dpopScheme)
      return refuse(
        400,
        'invalid_request',
        'The resource request must use the DPoP authentication scheme when using a DPoP bound token.',
      );
    const proof = checkDpopProof(req.headers.dpop, {
      method: req.method,
      urls: [`${this.orgUrl()}${req.path}`, `${req.origin}${req.path}`],
      nowSeconds: this.deps.clock.nowSeconds(),
      accessToken: token,
      seenJti: this.usedDpopJti,
    });
    if (!proof.ok) return refuse(400, 'invalid_dpop_proof', proof.description);
    if (proof.jkt !== jkt)
      return refuse(400, 'invalid_dpop_proof', 'The access_token is not bound to the provided DPoP proof.');
    return undefined;
  }

  /**
   * DPoP at the token endpoint, for an app that requires it: a valid proof for POST on this endpoint, then a
   * second request carrying the server's `dpop-nonce`. Answers the refusal, or the key thumbprint to bind to.
   * An app that does not require DPoP gets an unbound Bearer token whatever it sends (Okta's own Node SDK
   * sends a proof to every app and switches to DPoP only on `use_dpop_nonce`).
   */
  private tokenDpop(req: IdpRequest, requireDpop: boolean): IdpResponse | { jkt: string } | undefined {
    if (!requireDpop) return undefined;
    const proof = checkDpopProof(req.headers.dpop, {
      method: 'POST',
      urls: [`${this.orgUrl()}/oauth2/v1/token`, `${req.origin}/oauth2/v1/token`],
      nowSeconds: this.deps.clock.nowSeconds(),
      seenJti: this.usedDpopJti,
    });
    if (!proof.ok) return oauthError(400, 'invalid_dpop_proof', proof.description);
    if (proof.nonce !== this.dpopNonce)
      return json(
        400,
        { error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof.' },
        { 'dpop-nonce': this.dpopNonce },
      );
    return { jkt: proof.jkt };
  }

  /** POST /oauth2/v1/token: client credentials with a private_key_jwt client assertion (service apps). */
  private token(req: IdpRequest): IdpResponse {
    const form = formBody(req.bodyText);
    if (form.get('grant_type') !== 'client_credentials')
      return oauthError(400, 'unsupported_grant_type', "The grant type in the request isn't supported.");
    const assertion = form.get('client_assertion');
    if (form.get('client_secret') || req.headers.authorization)
      return oauthError(
        401,
        'invalid_client',
        'Service apps that request Okta scopes must authenticate with private_key_jwt (a signed client_assertion).',
      );
    if (!assertion) return oauthError(401, 'invalid_client', 'No client credentials found');
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE)
      return oauthError(400, 'invalid_request', 'The `client_assertion_type` is invalid.');
    const jwt = decodeJwt(assertion);
    if (!jwt) return oauthError(401, 'invalid_client', 'The client_assertion token is not a valid JWT.');
    const { iss, sub, aud, exp, jti } = jwt.payload;
    const app = this.state.serviceApps.find((a) => a.clientId === iss);
    if (!app || sub !== iss) return oauthError(401, 'invalid_client', 'Invalid value for the `client_id` parameter');
    const formClientId = form.get('client_id');
    if (formClientId && formClientId !== app.clientId)
      return oauthError(401, 'invalid_client', 'Invalid value for the `client_id` parameter');
    const tokenUrl = `${this.orgUrl()}/oauth2/v1/token`;
    const audOk = [tokenUrl, `${req.origin}/oauth2/v1/token`].includes(String(aud));
    if (!audOk)
      return oauthError(401, 'invalid_client', `The audience claim of the client_assertion must be ${tokenUrl}.`);
    const now = this.deps.clock.nowSeconds();
    if (typeof exp !== 'number' || exp <= now || exp > now + 3600)
      return oauthError(
        401,
        'invalid_client',
        'The client_assertion token is expired, or its exp is more than one hour in the future.',
      );
    const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
    const keys = app.jwks.filter((k) => !kid || k.kid === kid);
    const signed = keys.some((k) => {
      const key = publicKeyFromJwk(k);
      return key !== undefined && verifyAsymmetric(jwt, key);
    });
    if (!signed) return oauthError(401, 'invalid_client', 'The client_assertion signature is invalid.');
    if (typeof jti === 'string') {
      if (this.usedJti.has(`${app.clientId}:${jti}`))
        return oauthError(401, 'invalid_client', 'The client_assertion token has already been used.');
      this.usedJti.add(`${app.clientId}:${jti}`);
    }
    const dpop = this.tokenDpop(req, app.requireDpop);
    if (dpop && 'status' in dpop) return dpop;
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (requested.length === 0) return oauthError(400, 'invalid_scope', 'No scopes were requested.');
    const refused = requested.filter((s) => !app.scopes.includes(s));
    if (refused.length > 0)
      return oauthError(
        400,
        'invalid_scope',
        `The following scopes were not granted to the service app: ${refused.join(' ')}. One or more scopes are not configured for the authorization server resource.`,
      );
    const accessToken = signHs256(
      {
        ver: 1,
        jti: `AT.${randomBytes(12).toString('base64url')}`,
        iss: this.orgUrl(),
        aud: this.orgUrl(),
        iat: now,
        exp: now + ACCESS_TOKEN_SECONDS,
        cid: app.clientId,
        sub: app.clientId,
        scp: requested,
        ...(dpop ? { cnf: { jkt: dpop.jkt } } : {}),
      },
      this.deps.store.read().tokenSecret,
    );
    return json(200, {
      token_type: dpop ? 'DPoP' : 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      access_token: accessToken,
      scope: requested.join(' '),
    });
  }

  /** GET /oauth2/v1/clients/{clientId}/roles: the admin roles assigned to a client app (assignmentType CLIENT). */
  private listClientRoles(clientId: string, origin: string): IdpResponse {
    const app = this.state.serviceApps.find((a) => a.clientId === clientId);
    if (!app) return notFound(`${clientId} (Client)`);
    return json(
      200,
      app.roles.map((r) => roleJson(r, 'CLIENT', `${origin}/oauth2/v1/clients/${app.clientId}`)),
    );
  }

  /** GET /api/v1/users/{id}/roles: the standard roles assigned to the user. */
  private listRoles(idOrLogin: string | undefined, origin: string): IdpResponse {
    const u = this.user(idOrLogin ?? '');
    if (!u) return notFound(`${idOrLogin ?? ''} (User)`);
    const roles = this.state.roleAssignments
      .filter((r) => r.userId === u.id)
      .map((r) => roleJson(r, 'USER', `${origin}/api/v1/users/${u.id}`));
    return json(200, roles);
  }

  // ---- groups ----

  private group(id: string): OktaGroup | undefined {
    return this.state.groups.find((g) => g.id === id);
  }

  private user(idOrLogin: string): OktaUser | undefined {
    const l = idOrLogin.toLowerCase();
    return this.state.users.find((u) => u.id === idOrLogin || u.profile.login.toLowerCase() === l);
  }

  groupJson(g: OktaGroup, origin: string): Record<string, unknown> {
    const { members: _members, ...rest } = g;
    void _members;
    return {
      ...rest,
      objectClass: g.type === 'APP_GROUP' ? ['okta:windows_security_principal'] : ['okta:user_group'],
      _links: {
        logo: [
          { name: 'medium', href: `${origin}/img/logos/groups/okta-medium.png`, type: 'image/png' },
          { name: 'large', href: `${origin}/img/logos/groups/okta-large.png`, type: 'image/png' },
        ],
        users: { href: `${origin}/api/v1/groups/${g.id}/users` },
        apps: { href: `${origin}/api/v1/groups/${g.id}/apps` },
      },
    };
  }

  userJson(u: OktaUser, origin: string): Record<string, unknown> {
    return {
      ...u,
      type: { id: 'otysandboxdefault0001' },
      credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
      _links: { self: { href: `${origin}/api/v1/users/${u.id}` } },
    };
  }

  private listGroups(req: IdpRequest): IdpResponse {
    const q = req.query.get('q');
    const expr = req.query.get('search') ?? req.query.get('filter');
    let groups = this.state.groups;
    if (q !== null) {
      const prefix = q.toLowerCase();
      groups = groups.filter((g) => g.profile.name.toLowerCase().startsWith(prefix));
    }
    if (expr !== null) {
      const filtered = this.filtered(groups, expr, (g) => this.groupJson(g, req.origin));
      if ('status' in filtered) return filtered;
      groups = filtered;
    }
    // "Paging and searching are currently mutually exclusive. You can't page a query" (listGroups › q).
    return this.page(req, groups, q !== null ? 300 : 10000, q === null, (g) => this.groupJson(g, req.origin));
  }

  private listMembers(req: IdpRequest, groupId: string): IdpResponse {
    const g = this.group(groupId);
    if (!g) return notFound(`${groupId} (UserGroup)`);
    const users = g.members.map((id) => this.state.users.find((u) => u.id === id)).filter((u) => u !== undefined);
    return this.page(req, users, 1000, true, (u) => this.userJson(u, req.origin));
  }

  private changeMembership(groupId: string, userId: string, add: boolean): IdpResponse {
    const g = this.group(groupId);
    if (!g) return notFound(`${groupId} (UserGroup)`);
    const u = this.state.users.find((x) => x.id === userId);
    if (!u) return notFound(`${userId} (User)`);
    // "You only can modify memberships for groups of the OKTA_GROUP type" (assignUserToGroup); the
    // operation documents 403 (E0000006) and 404 as its errors.
    if (g.type !== 'OKTA_GROUP') return accessDenied();
    const now = this.deps.clock.now().toISOString();
    this.deps.store.update((s) => {
      const group = s.okta.groups.find((x) => x.id === groupId);
      if (!group) return;
      const has = group.members.includes(userId);
      if (add && !has) group.members.push(userId);
      if (!add && has) group.members = group.members.filter((m) => m !== userId);
      if (add !== has) group.lastMembershipUpdated = now;
    });
    return noContent();
  }

  // ---- users ----

  private listUsers(req: IdpRequest): IdpResponse {
    const q = req.query.get('q');
    const expr = req.query.get('search') ?? req.query.get('filter');
    let users = this.state.users;
    // Without a filter or search, DEPROVISIONED users are left out (listUsers › Notes).
    if (expr === null) users = users.filter((u) => u.status !== 'DEPROVISIONED');
    if (q !== null) {
      const p = q.toLowerCase();
      users = users.filter((u) =>
        [u.profile.firstName, u.profile.lastName, u.profile.email].some((v) => v.toLowerCase().startsWith(p)),
      );
    }
    if (expr !== null) {
      const filtered = this.filtered(users, expr, (u) => this.userJson(u, req.origin));
      if ('status' in filtered) return filtered;
      users = filtered;
    }
    return this.page(req, users, 200, true, (u) => this.userJson(u, req.origin));
  }

  // ---- shared ----

  private filtered<T>(items: T[], expr: string, shape: (t: T) => Record<string, unknown>): T[] | IdpResponse {
    try {
      const predicate = parseOktaFilter(expr);
      return items.filter((i) => predicate(shape(i)));
    } catch (e) {
      if (e instanceof OktaFilterError) return oktaError(400, 'E0000031', `Invalid search criteria. ${e.message}`);
      throw e;
    }
  }

  /**
   * `limit` / `after` cursor paging with RFC 8288 `Link` headers rel="self" and rel="next"
   * (https://developer.okta.com/docs/api/#pagination). The cursor is the last id of the page.
   */
  private page<T extends { id: string }>(
    req: IdpRequest,
    items: T[],
    defaultLimit: number,
    pageable: boolean,
    shape: (t: T) => Record<string, unknown>,
  ): IdpResponse {
    const rawLimit = req.query.get('limit');
    const limit = rawLimit === null ? defaultLimit : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1) return oktaError(400, 'E0000001', 'Api validation failed: limit', {});
    const after = req.query.get('after');
    let start = 0;
    if (after !== null && pageable) {
      const i = items.findIndex((x) => x.id === after);
      start = i >= 0 ? i + 1 : items.length;
    }
    const slice = items.slice(start, start + limit);
    const self = new URL(`${req.origin}${req.path}`);
    req.query.forEach((v, k) => self.searchParams.set(k, v));
    const links = [`<${self.href}>; rel="self"`];
    const last = slice[slice.length - 1];
    if (pageable && last && start + limit < items.length) {
      const next = new URL(self.href);
      next.searchParams.set('after', last.id);
      next.searchParams.set('limit', String(limit));
      links.push(`<${next.href}>; rel="next"`);
    }
    return json(200, slice.map(shape), { link: links });
  }
}
