// What the emulated IdPs hold on a new sandbox: the sandbox's people (same emails as the Jira
// site's users), credentials for the app, the groups that connected mode binds to, groups that
// binding must refuse, and one stray member for reconciliation to find.
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { SANDBOX_CERTIFICATE_KEY_PEM, SANDBOX_CERTIFICATE_PEM } from './graph/sandbox-certificate';
import type { IdpState, OktaUser, GraphUser, GraphGroup, OktaGroup } from './state';

export const SANDBOX_IDP = {
  okta: {
    orgHost: 'clearance-sandbox.okta.com',
    apiToken: 'sandbox-okta-token',
    /** Who created the API token: it acts as this admin, who holds Group Membership Administrator. */
    apiTokenOwnerEmail: 'admin@example.com',
    serviceAppClientId: '0oaSbxService0000001',
    serviceAppKeyId: 'sandbox-okta-key-1',
    groups: {
      copilot: '00gAiCopilot00000001',
      cursor: '00gAiCursor000000001',
      appGroup: '00gAppGroupAD0000001',
      everyone: '00gEveryone000000001',
    },
    /** The stray: a member of "AI - GitHub Copilot" without any grant in the app. */
    strayEmail: 'bob@example.com',
  },
  graph: {
    tenantId: '5a1c0de0-7e4a-4c1e-9a7d-000000000001',
    tenantName: 'sandbox-tenant',
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-graph-secret',
    roles: ['GroupMember.ReadWrite.All', 'Group.Read.All', 'User.Read.All'],
    groups: {
      claude: '5a1c0de0-0000-4000-8000-00000000c1a0',
      marketingUnified: '5a1c0de0-0000-4000-8000-000000000004',
      dynamic: '5a1c0de0-0000-4000-8000-000000000002',
      onPremSynced: '5a1c0de0-0000-4000-8000-000000000003',
    },
  },
} as const;

export interface SeedPerson {
  email: string;
  displayName: string;
}

/** A stable Okta-style id (3-character prefix + 17 characters) from a seed string. */
export function oktaId(prefix: string, seed: string): string {
  const alnum = createHash('sha256')
    .update(seed)
    .digest('base64')
    .replace(/[^A-Za-z0-9]/g, '');
  return `${prefix}${alnum.slice(0, 17)}`;
}

/** A stable GUID-shaped object id from a seed string. */
export function graphId(seed: string): string {
  const h = createHash('sha256').update(`graph:${seed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function names(displayName: string): { first: string; last: string } {
  const [first = displayName, ...rest] = displayName.split(' ');
  return { first, last: rest.join(' ') || first };
}

export function seedIdpState(people: SeedPerson[], nowIso: string): IdpState {
  const S = SANDBOX_IDP;
  const oktaUsers: OktaUser[] = people.map((p) => {
    const n = names(p.displayName);
    return {
      id: oktaId('00u', p.email.toLowerCase()),
      status: 'ACTIVE',
      created: nowIso,
      activated: nowIso,
      statusChanged: nowIso,
      lastLogin: null,
      lastUpdated: nowIso,
      passwordChanged: nowIso,
      profile: {
        firstName: n.first,
        lastName: n.last,
        email: p.email,
        login: p.email,
        mobilePhone: null,
        secondEmail: null,
      },
    };
  });
  const oktaIdOf = (email: string) => oktaUsers.find((u) => u.profile.email === email)?.id;
  const stray = oktaIdOf(S.okta.strayEmail);
  const tokenOwner = oktaIdOf(S.okta.apiTokenOwnerEmail) ?? oktaUsers[0]?.id ?? '';
  const oktaGroup = (
    id: string,
    type: OktaGroup['type'],
    name: string,
    description: string,
    members: string[] = [],
  ): OktaGroup => ({
    id,
    created: nowIso,
    lastUpdated: nowIso,
    lastMembershipUpdated: nowIso,
    type,
    profile: { name, description },
    members,
  });
  const graphUsers: GraphUser[] = people.map((p) => {
    const n = names(p.displayName);
    return {
      id: graphId(p.email.toLowerCase()),
      displayName: p.displayName,
      givenName: n.first,
      surname: n.last,
      mail: p.email,
      userPrincipalName: p.email,
      jobTitle: null,
      department: null,
      accountEnabled: true,
    };
  });
  const graphGroup = (g: Partial<GraphGroup> & Pick<GraphGroup, 'id' | 'displayName'>): GraphGroup => ({
    description: null,
    mail: null,
    mailEnabled: false,
    mailNickname: g.displayName.replace(/[^A-Za-z0-9]/g, '').toLowerCase(),
    securityEnabled: true,
    groupTypes: [],
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesSyncEnabled: null,
    createdDateTime: nowIso,
    visibility: null,
    members: [],
    ...g,
  });

  const oktaKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    version: 1,
    tokenSecret: randomBytes(32).toString('base64url'),
    okta: {
      orgHost: S.okta.orgHost,
      apiTokens: [{ name: 'AI Clearance (sandbox)', token: S.okta.apiToken, userId: tokenOwner }],
      roleAssignments: [
        {
          id: oktaId('ra', `${tokenOwner}:GROUP_MEMBERSHIP_ADMIN`),
          userId: tokenOwner,
          type: 'GROUP_MEMBERSHIP_ADMIN',
          label: 'Group Membership Administrator',
          created: nowIso,
        },
      ],
      serviceApps: [
        {
          clientId: S.okta.serviceAppClientId,
          name: 'AI Clearance service app (sandbox)',
          scopes: ['okta.groups.manage', 'okta.groups.read', 'okta.users.read', 'okta.roles.read'],
          jwks: [
            {
              ...oktaKey.publicKey.export({ format: 'jwk' }),
              kid: S.okta.serviceAppKeyId,
              use: 'sig',
              alg: 'ES256',
            } as { kty: 'EC'; kid: string },
          ],
          sandboxPrivateKeyPem: oktaKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          // Okta assigns no admin role to a new service app; the sandbox's admin gave it the least one that
          // changes group members. New API Services apps require DPoP by default (see OKTA-15).
          roles: [
            {
              id: oktaId('ra', `${S.okta.serviceAppClientId}:GROUP_MEMBERSHIP_ADMIN`),
              type: 'GROUP_MEMBERSHIP_ADMIN',
              label: 'Group Membership Administrator',
              created: nowIso,
            },
          ],
          requireDpop: true,
        },
      ],
      users: oktaUsers,
      groups: [
        oktaGroup(
          S.okta.groups.everyone,
          'BUILT_IN',
          'Everyone',
          'All users in your organization',
          oktaUsers.map((u) => u.id),
        ),
        oktaGroup(
          S.okta.groups.copilot,
          'OKTA_GROUP',
          'AI - GitHub Copilot',
          'Access to GitHub Copilot',
          stray ? [stray] : [],
        ),
        oktaGroup(S.okta.groups.cursor, 'OKTA_GROUP', 'AI - Cursor', 'Access to Cursor'),
        oktaGroup(
          S.okta.groups.appGroup,
          'APP_GROUP',
          'Engineering (imported from Active Directory)',
          'Imported by the AD agent; memberships are managed in AD',
        ),
      ],
    },
    graph: {
      tenantId: S.graph.tenantId,
      tenantAliases: [S.graph.tenantName, `${S.graph.tenantName}.onmicrosoft.com`],
      apps: [
        {
          clientId: S.graph.clientId,
          displayName: 'AI Clearance (sandbox)',
          secrets: [S.graph.clientSecret],
          roles: [...S.graph.roles],
          // The sandbox's certificate key is made when its credentials are first asked for
          // (sandboxCertificate): RSA key generation takes up to a second, and most sandboxes never use it.
          certificates: [],
        },
      ],
      users: graphUsers,
      groups: [
        graphGroup({
          id: S.graph.groups.claude,
          displayName: 'AI - Claude for Work',
          description: 'Access to Claude for Work',
        }),
        graphGroup({
          id: S.graph.groups.marketingUnified,
          displayName: 'Marketing Team',
          description: 'Microsoft 365 group',
          groupTypes: ['Unified'],
          mailEnabled: true,
          securityEnabled: false,
          mail: 'marketing@sandbox-tenant.onmicrosoft.com',
          visibility: 'Private',
        }),
        graphGroup({
          id: S.graph.groups.dynamic,
          displayName: 'All Engineers (dynamic)',
          groupTypes: ['DynamicMembership'],
          membershipRule: 'user.department -eq "Engineering"',
          membershipRuleProcessingState: 'On',
        }),
        graphGroup({
          id: S.graph.groups.onPremSynced,
          displayName: 'HR Staff (synced from AD)',
          onPremisesSyncEnabled: true,
        }),
      ],
    },
  };
}

/**
 * The Entra app's certificate credential: a committed, sandbox-only self-signed X.509 certificate
 * (graph/sandbox-certificate.ts), named by its x5t and x5t#S256 — base64url SHA-1 / SHA-256 of the
 * certificate's DER (https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials › "Header").
 */
export function sandboxCertificate(): {
  thumbprint: string;
  thumbprintS256: string;
  certificatePem: string;
  publicKeyPem: string;
  privateKeyPem: string;
} {
  const cert = new X509Certificate(SANDBOX_CERTIFICATE_PEM);
  return {
    ...certificateThumbprints(cert),
    certificatePem: SANDBOX_CERTIFICATE_PEM,
    publicKeyPem: cert.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: SANDBOX_CERTIFICATE_KEY_PEM,
  };
}

/** x5t and x5t#S256 of a certificate: base64url SHA-1 and SHA-256 of its DER encoding. */
export function certificateThumbprints(cert: X509Certificate): { thumbprint: string; thumbprintS256: string } {
  return {
    thumbprint: createHash('sha1').update(cert.raw).digest('base64url'),
    thumbprintS256: createHash('sha256').update(cert.raw).digest('base64url'),
  };
}

/**
 * A bare public key registered through the control API (no certificate): the sandbox names it by
 * base64url SHA-1 of the key's DER, a stand-in for a certificate thumbprint.
 */
export function thumbprintOf(publicKeyPem: string): string {
  const der = Buffer.from(publicKeyPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return createHash('sha1').update(der).digest('base64url');
}
