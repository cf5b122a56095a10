// Sandbox-only controls over the emulated IdPs (/__sandbox/idp/…): look at and change their
// directories as an Okta or Entra admin would in their consoles, for tests and demos. None of
// this exists on a real IdP's API.
import * as z from 'zod';
import { HttpInputError } from '../http-util';
import { graphId, oktaId, thumbprintOf } from './seed';
import type { IdpEmulators } from './index';
import { PublicJwk, StandardRoleType, type IdpState } from './state';

export interface IdpControl {
  method: string;
  pattern: RegExp;
  handler: (idp: IdpEmulators, body: unknown, params: string[], baseUrl: string) => { status: number; body?: unknown };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success)
    throw new HttpInputError(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/** The labels Okta shows for its standard roles (https://developer.okta.com/docs/api/openapi/okta-management/guides/roles/#standard-roles). */
const ROLE_LABELS: Record<z.infer<typeof StandardRoleType>, string> = {
  SUPER_ADMIN: 'Super Administrator',
  ORG_ADMIN: 'Organizational Administrator',
  GROUP_MEMBERSHIP_ADMIN: 'Group Membership Administrator',
  USER_ADMIN: 'Group Administrator',
  HELP_DESK_ADMIN: 'Help Desk Administrator',
  READ_ONLY_ADMIN: 'Read-only Administrator',
};

const MemberBody = z.object({ email: z.string().trim().email() }).strict();
const PersonBody = z
  .object({ email: z.string().trim().email(), displayName: z.string().trim().min(1).max(255) })
  .strict();
const OktaAppBody = z
  .object({
    scopes: z.array(z.string().min(1)).optional(),
    jwks: z
      .object({ keys: z.array(PublicJwk).min(1) })
      .strict()
      .optional(),
    /** The app's admin roles (its Admin roles tab), replacing the current ones: `[]` takes them all away. */
    roles: z.array(StandardRoleType).optional(),
    /** "Require Demonstrating Proof of Possession (DPoP) header in token requests". */
    requireDpop: z.boolean().optional(),
  })
  .strict();
const GraphAppBody = z
  .object({
    roles: z.array(z.string().min(1)).optional(),
    secrets: z.array(z.string().min(1)).optional(),
    certificates: z.array(z.object({ publicKeyPem: z.string().includes('PUBLIC KEY') }).strict()).optional(),
  })
  .strict();
const RateBody = z.object({ perMinute: z.number().int().min(1).max(100_000) }).strict();

/** One IdP's directory, as the member controls see it. */
interface Directory {
  name: string;
  group(state: IdpState, id: string): { id: string; members: string[] };
  /** The user with this email, by id. */
  userId(state: IdpState, email: string): string | undefined;
  emailOf(state: IdpState, userId: string): string | null | undefined;
}

const DIRECTORIES: Record<'okta' | 'graph', Directory> = {
  okta: {
    name: 'Okta',
    group: (s, id) => s.okta.groups.find((g) => g.id === id) ?? noGroup('Okta', id),
    userId: (s, email) => s.okta.users.find((u) => u.profile.email.toLowerCase() === email.toLowerCase())?.id,
    emailOf: (s, id) => s.okta.users.find((u) => u.id === id)?.profile.email,
  },
  graph: {
    name: 'Entra',
    group: (s, id) => s.graph.groups.find((g) => g.id === id) ?? noGroup('Entra', id),
    userId: (s, email) => s.graph.users.find((u) => (u.mail ?? '').toLowerCase() === email.toLowerCase())?.id,
    emailOf: (s, id) => s.graph.users.find((u) => u.id === id)?.mail,
  },
};

function noGroup(name: string, id: string): never {
  throw new HttpInputError(404, `no ${name} group ${id}; GET /__sandbox/idp lists them`);
}

function directoryOf(kind: string): Directory {
  return kind === 'okta' ? DIRECTORIES.okta : DIRECTORIES.graph;
}

const MEMBERS = /^\/__sandbox\/idp\/(okta|graph)\/groups\/([^/]+)\/members$/;
const MEMBER = /^\/__sandbox\/idp\/(okta|graph)\/groups\/([^/]+)\/members\/([^/]+)$/;

export function idpSummary(idp: IdpEmulators, baseUrl: string): Record<string, unknown> {
  const s = idp.store.read();
  return {
    okta: {
      orgUrl: `https://${s.okta.orgHost}`,
      httpBase: `${baseUrl}/__idp/okta`,
      apiTokens: s.okta.apiTokens.map((t) => t.token),
      serviceApps: s.okta.serviceApps.map((a) => ({
        clientId: a.clientId,
        scopes: a.scopes,
        keyIds: a.jwks.map((k) => k.kid),
        roles: a.roles.map((r) => r.type),
        requireDpop: a.requireDpop,
      })),
      groups: s.okta.groups.map((g) => ({ id: g.id, name: g.profile.name, type: g.type, members: g.members.length })),
      users: s.okta.users.map((u) => ({ id: u.id, email: u.profile.email, status: u.status })),
    },
    graph: {
      tenantId: s.graph.tenantId,
      tenantNames: s.graph.tenantAliases,
      graphBase: `${baseUrl}/__idp/graph/v1.0`,
      tokenUrl: `${baseUrl}/__idp/login/${s.graph.tenantAliases[0] ?? s.graph.tenantId}/oauth2/v2.0/token`,
      apps: s.graph.apps.map((a) => ({
        clientId: a.clientId,
        roles: a.roles,
        secrets: a.secrets,
        certificateThumbprints: a.certificates.map((c) => c.thumbprint),
      })),
      groups: s.graph.groups.map((g) => ({
        id: g.id,
        displayName: g.displayName,
        groupTypes: g.groupTypes,
        securityEnabled: g.securityEnabled,
        onPremisesSyncEnabled: g.onPremisesSyncEnabled,
        members: g.members.length,
      })),
      users: s.graph.users.map((u) => ({ id: u.id, mail: u.mail, userPrincipalName: u.userPrincipalName })),
    },
  };
}

export const IDP_CONTROLS: IdpControl[] = [
  {
    method: 'GET',
    pattern: /^\/__sandbox\/idp$/,
    handler: (idp, _b, _p, baseUrl) => ({ status: 200, body: idpSummary(idp, baseUrl) }),
  },
  {
    method: 'GET',
    pattern: /^\/__sandbox\/idp\/credentials$/,
    handler: (idp) => ({ status: 200, body: idp.connectionDetails() }),
  },
  {
    method: 'POST',
    pattern: /^\/__sandbox\/idp\/users$/,
    handler: (idp, body) => {
      const p = parse(PersonBody, body);
      const email = p.email.toLowerCase();
      const now = idp.nowIso();
      const [first = p.displayName, ...rest] = p.displayName.split(' ');
      idp.store.update((s) => {
        if (s.okta.users.some((u) => u.profile.email.toLowerCase() === email))
          throw new HttpInputError(409, `${p.email} exists already`);
        s.okta.users.push({
          id: oktaId('00u', email),
          status: 'ACTIVE',
          created: now,
          activated: now,
          statusChanged: now,
          lastLogin: null,
          lastUpdated: now,
          passwordChanged: now,
          profile: {
            firstName: first,
            lastName: rest.join(' ') || first,
            email: p.email,
            login: p.email,
            mobilePhone: null,
            secondEmail: null,
          },
        });
        s.graph.users.push({
          id: graphId(email),
          displayName: p.displayName,
          givenName: first,
          surname: rest.join(' ') || null,
          mail: p.email,
          userPrincipalName: p.email,
          jobTitle: null,
          department: null,
          accountEnabled: true,
        });
      });
      return { status: 201, body: { okta: { id: oktaId('00u', email) }, graph: { id: graphId(email) } } };
    },
  },
  {
    method: 'GET',
    pattern: MEMBERS,
    handler: (idp, _b, [kind = '', id = '']) => {
      const d = directoryOf(kind);
      const s = idp.store.read();
      const g = d.group(s, id);
      return { status: 200, body: { members: g.members.map((m) => ({ id: m, email: d.emailOf(s, m) })) } };
    },
  },
  {
    method: 'POST',
    pattern: MEMBERS,
    handler: (idp, body, [kind = '', id = '']) => {
      const { email } = parse(MemberBody, body);
      const d = directoryOf(kind);
      return idp.store.update((s) => {
        const g = d.group(s, id);
        const userId = d.userId(s, email);
        if (!userId) throw new HttpInputError(404, `no ${d.name} user ${email}`);
        if (!g.members.includes(userId)) g.members.push(userId);
        return { status: 200, body: { group: g.id, members: g.members } };
      });
    },
  },
  {
    method: 'DELETE',
    pattern: MEMBER,
    handler: (idp, _b, [kind = '', id = '', who = '']) => {
      const d = directoryOf(kind);
      return idp.store.update((s) => {
        const g = d.group(s, id);
        const userId = g.members.includes(who) ? who : d.userId(s, who);
        g.members = g.members.filter((m) => m !== userId);
        return { status: 200, body: { group: g.id, members: g.members } };
      });
    },
  },
  {
    method: 'PUT',
    pattern: /^\/__sandbox\/idp\/okta\/service-apps\/([^/]+)$/,
    handler: (idp, body, [clientId = '']) => {
      const b = parse(OktaAppBody, body);
      return idp.store.update((s) => {
        const app = s.okta.serviceApps.find((a) => a.clientId === clientId);
        if (!app) throw new HttpInputError(404, `no Okta service app ${clientId}`);
        if (b.scopes) app.scopes = b.scopes;
        if (b.jwks) app.jwks = b.jwks.keys;
        if (b.requireDpop !== undefined) app.requireDpop = b.requireDpop;
        if (b.roles) {
          const now = idp.nowIso();
          app.roles = b.roles.map((type) => ({
            id: oktaId('ra', `${clientId}:${type}`),
            type,
            label: ROLE_LABELS[type],
            created: now,
          }));
        }
        return {
          status: 200,
          body: {
            clientId,
            scopes: app.scopes,
            keyIds: app.jwks.map((k) => k.kid),
            roles: app.roles.map((r) => r.type),
            requireDpop: app.requireDpop,
          },
        };
      });
    },
  },
  {
    method: 'PUT',
    pattern: /^\/__sandbox\/idp\/graph\/apps\/([^/]+)$/,
    handler: (idp, body, [clientId = '']) => {
      const b = parse(GraphAppBody, body);
      return idp.store.update((s) => {
        const app = s.graph.apps.find((a) => a.clientId === clientId);
        if (!app) throw new HttpInputError(404, `no Entra app ${clientId}`);
        if (b.roles) app.roles = b.roles;
        if (b.secrets) app.secrets = b.secrets;
        if (b.certificates)
          app.certificates = b.certificates.map((c) => ({
            publicKeyPem: c.publicKeyPem,
            thumbprint: thumbprintOf(c.publicKeyPem),
          }));
        return {
          status: 200,
          body: { clientId, roles: app.roles, certificateThumbprints: app.certificates.map((c) => c.thumbprint) },
        };
      });
    },
  },
  {
    method: 'PUT',
    pattern: /^\/__sandbox\/idp\/okta\/rate-limit$/,
    handler: (idp, body) => {
      idp.oktaRate.perMinute = parse(RateBody, body).perMinute;
      return { status: 200, body: { perMinute: idp.oktaRate.perMinute } };
    },
  },
];
