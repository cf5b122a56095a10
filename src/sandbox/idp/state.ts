// The emulated identity providers' directory state (Okta org and Entra tenant), one JSON
// document in the sandbox's SQLite file, so it survives restarts like the Jira site.
// Validated with zod on every load: a hand-edited or stale file fails loudly.
import * as z from 'zod';
import type { SandboxDb } from '../db';

export const OktaUser = z
  .object({
    id: z.string(),
    status: z.enum([
      'STAGED',
      'PROVISIONED',
      'ACTIVE',
      'RECOVERY',
      'PASSWORD_EXPIRED',
      'LOCKED_OUT',
      'SUSPENDED',
      'DEPROVISIONED',
    ]),
    created: z.string(),
    activated: z.string().nullable(),
    statusChanged: z.string().nullable(),
    lastLogin: z.string().nullable(),
    lastUpdated: z.string(),
    passwordChanged: z.string().nullable(),
    profile: z.object({
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      login: z.string(),
      mobilePhone: z.string().nullable(),
      secondEmail: z.string().nullable(),
    }),
  })
  .strict();
export type OktaUser = z.infer<typeof OktaUser>;

export const OktaGroup = z
  .object({
    id: z.string(),
    created: z.string(),
    lastUpdated: z.string(),
    lastMembershipUpdated: z.string(),
    type: z.enum(['OKTA_GROUP', 'APP_GROUP', 'BUILT_IN']),
    profile: z.object({ name: z.string(), description: z.string().nullable() }).strict(),
    /** Member user ids, in the order they were added. */
    members: z.array(z.string()),
  })
  .strict();
export type OktaGroup = z.infer<typeof OktaGroup>;

/** A public key in JWK form (what an admin registers for an OAuth service app). */
export const PublicJwk = z.looseObject({ kty: z.enum(['RSA', 'EC']), kid: z.string().optional() });
export type PublicJwk = z.infer<typeof PublicJwk>;

/** Okta standard admin role types (https://developer.okta.com/docs/api/openapi/okta-management/guides/roles/#standard-roles), the ones modelled here. */
export const StandardRoleType = z.enum([
  'SUPER_ADMIN',
  'ORG_ADMIN',
  'GROUP_MEMBERSHIP_ADMIN',
  'USER_ADMIN',
  'HELP_DESK_ADMIN',
  'READ_ONLY_ADMIN',
]);

export const OktaServiceApp = z
  .object({
    clientId: z.string(),
    name: z.string(),
    /** Okta API scopes granted to the app (its grants collection). */
    scopes: z.array(z.string()),
    jwks: z.array(PublicJwk),
    /** The private key of the sandbox's own key pair (PKCS#8 PEM), handed out by the sandbox-only controls. */
    sandboxPrivateKeyPem: z.string().optional(),
    /**
     * Admin roles assigned to the app (Role Assignment API for clients): none by default, as Okta assigns none
     * to a new service app. Defaulted so that a sandbox saved before app roles were modelled still loads.
     */
    roles: z
      .array(z.object({ id: z.string(), type: StandardRoleType, label: z.string(), created: z.string() }).strict())
      .default([]),
    /** "Require Demonstrating Proof of Possession (DPoP) header in token requests" (settings.oauthClient.dpop_bound_access_tokens). */
    requireDpop: z.boolean().default(false),
  })
  .strict();
export type OktaServiceApp = z.infer<typeof OktaServiceApp>;

/** A standard admin role assigned directly to a user (Okta's Role object). */
export const OktaRoleAssignment = z
  .object({
    id: z.string(),
    userId: z.string(),
    type: StandardRoleType,
    label: z.string(),
    created: z.string(),
  })
  .strict();
export type OktaRoleAssignment = z.infer<typeof OktaRoleAssignment>;

export const OktaState = z
  .object({
    /** The org's host, e.g. clearance-sandbox.okta.com: egress to it reaches this org. */
    orgHost: z.string(),
    /**
     * An API token acts as the admin who created it (userId) with that admin's roles. Optional, with no roles
     * by default, so that a sandbox saved before owners were recorded still loads (its token owns nobody).
     */
    apiTokens: z.array(z.object({ name: z.string(), token: z.string(), userId: z.string().optional() }).strict()),
    /** Standard admin roles assigned to users (Role Assignment API). */
    roleAssignments: z.array(OktaRoleAssignment).default([]),
    serviceApps: z.array(OktaServiceApp),
    users: z.array(OktaUser),
    groups: z.array(OktaGroup),
  })
  .strict();
export type OktaState = z.infer<typeof OktaState>;

export const GraphUser = z
  .object({
    id: z.string(),
    displayName: z.string(),
    givenName: z.string().nullable(),
    surname: z.string().nullable(),
    mail: z.string().nullable(),
    userPrincipalName: z.string(),
    jobTitle: z.string().nullable(),
    department: z.string().nullable(),
    accountEnabled: z.boolean(),
  })
  .strict();
export type GraphUser = z.infer<typeof GraphUser>;

export const GraphGroup = z
  .object({
    id: z.string(),
    displayName: z.string(),
    description: z.string().nullable(),
    mail: z.string().nullable(),
    mailEnabled: z.boolean(),
    mailNickname: z.string(),
    securityEnabled: z.boolean(),
    groupTypes: z.array(z.string()),
    membershipRule: z.string().nullable(),
    membershipRuleProcessingState: z.enum(['On', 'Paused']).nullable(),
    onPremisesSyncEnabled: z.boolean().nullable(),
    createdDateTime: z.string(),
    visibility: z.string().nullable(),
    members: z.array(z.string()),
  })
  .strict();
export type GraphGroup = z.infer<typeof GraphGroup>;

export const GraphApp = z
  .object({
    clientId: z.string(),
    displayName: z.string(),
    secrets: z.array(z.string()),
    /** Application permissions (app roles) granted with admin consent; they become the token's `roles`. */
    roles: z.array(z.string()),
    /** Certificate credentials: the public key and the thumbprint a client assertion names in `x5t`. */
    certificates: z.array(
      z
        .object({
          thumbprint: z.string(),
          /** x5t#S256, when a certificate (not a bare key) is registered. */
          thumbprintS256: z.string().optional(),
          publicKeyPem: z.string(),
        })
        .strict(),
    ),
    sandboxPrivateKeyPem: z.string().optional(),
  })
  .strict();
export type GraphApp = z.infer<typeof GraphApp>;

export const GraphState = z
  .object({
    tenantId: z.string(),
    /** Other names the token endpoint accepts for the tenant (its domain names). */
    tenantAliases: z.array(z.string()),
    apps: z.array(GraphApp),
    users: z.array(GraphUser),
    groups: z.array(GraphGroup),
  })
  .strict();
export type GraphState = z.infer<typeof GraphState>;

export const IdpState = z
  .object({
    version: z.literal(1),
    /** Signs the access tokens both IdPs issue (HS256): tokens stay valid across restarts. */
    tokenSecret: z.string(),
    okta: OktaState,
    graph: GraphState,
  })
  .strict();
export type IdpState = z.infer<typeof IdpState>;

const KEY = 'idp';

export class IdpStore {
  private cached: IdpState | undefined;

  constructor(private readonly db: SandboxDb) {
    db.exec('CREATE TABLE IF NOT EXISTS sandbox_idp (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  }

  exists(): boolean {
    return this.db.prepare('SELECT 1 FROM sandbox_idp WHERE key = ?').get(KEY) !== undefined;
  }

  read(): IdpState {
    if (this.cached) return this.cached;
    const row = this.db.prepare('SELECT value FROM sandbox_idp WHERE key = ?').get(KEY) as
      { value: string } | undefined;
    if (!row) throw new Error('the sandbox identity providers are not seeded (POST /__sandbox/reset re-seeds them)');
    const parsed = IdpState.safeParse(JSON.parse(row.value));
    if (!parsed.success)
      throw new Error(
        `the IdP state saved in the sandbox data folder does not match this version (${parsed.error.issues[0]?.message ?? 'invalid'}); POST /__sandbox/reset or delete the folder`,
      );
    this.cached = parsed.data;
    return this.cached;
  }

  write(state: IdpState): void {
    const valid = IdpState.parse(state);
    this.db
      .prepare(
        'INSERT INTO sandbox_idp (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(KEY, JSON.stringify(valid));
    this.cached = valid;
  }

  /** Applies one change and saves it at once (the sandbox is one process: no interleaving within a call). */
  update<T>(change: (state: IdpState) => T): T {
    const state = structuredClone(this.read());
    const out = change(state);
    this.write(state);
    return out;
  }

  clear(): void {
    this.db.prepare('DELETE FROM sandbox_idp WHERE key = ?').run(KEY);
    this.cached = undefined;
  }
}
