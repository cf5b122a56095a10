// A provider connection: what an admin enters to connect Okta or Entra ID.
// The whole object is a CREDENTIAL: it lives only in Forge secret storage
// (kvs.setSecret), and only `publicView` of it is ever stored elsewhere,
// answered, logged or written to the governance log.
import * as z from 'zod/mini';

const pem = (what: string) =>
  z
    .string()
    .check(
      z.maxLength(20_000),
      z.regex(/-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----/, `must be a PEM ${what} (-----BEGIN …-----)`),
    );
const clientId = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200));

/** Okta org URLs: https://{org}.okta.com (also oktapreview.com and okta-emea.com orgs); the manifest's egress allows exactly these. */
export const OKTA_ORG_URL = /^https:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.(?:okta|oktapreview|okta-emea)\.com$/;

export const oktaConnectionSchema = z.strictObject({
  provider: z.literal('okta'),
  orgUrl: z
    .string()
    .check(
      z.trim(),
      z.regex(
        OKTA_ORG_URL,
        'orgUrl must be your Okta org URL, such as https://acme.okta.com (no path, no custom domain)',
      ),
    ),
  auth: z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('api_token'),
      token: z.string().check(z.trim(), z.minLength(10, 'token must be an Okta API token'), z.maxLength(200)),
    }),
    z.strictObject({
      type: z.literal('private_key_jwt'),
      clientId,
      privateKeyPem: pem('private key'),
      keyId: z.optional(z.string().check(z.maxLength(200))),
      /**
       * The app's own key for DPoP proofs, made when the connection is made (DirectoryProvider.prepare), never
       * entered by an admin: whatever a form sends here is replaced.
       */
      dpopKeyPem: z.optional(pem('private key')),
    }),
  ]),
});

export const entraConnectionSchema = z.strictObject({
  provider: z.literal('entra'),
  tenantId: z
    .string()
    .check(
      z.trim(),
      z.regex(
        /^(?:[0-9a-fA-F-]{36}|[a-z0-9][a-z0-9.-]{1,250}\.[a-z]{2,})$/,
        'tenantId must be the directory (tenant) id GUID or its domain, such as contoso.onmicrosoft.com',
      ),
    ),
  /** The application (client) id: a GUID in Entra (not enforced, since Entra is what checks it). */
  clientId,
  auth: z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('client_secret'),
      secret: z.string().check(z.minLength(8, 'secret must be a client secret value'), z.maxLength(500)),
    }),
    z.strictObject({
      type: z.literal('certificate'),
      certificatePem: pem('certificate'),
      privateKeyPem: pem('private key'),
    }),
  ]),
});

export const connectionSchema = z.discriminatedUnion('provider', [oktaConnectionSchema, entraConnectionSchema]);
export type Connection = z.output<typeof connectionSchema>;
export type OktaConnection = z.output<typeof oktaConnectionSchema>;
export type EntraConnection = z.output<typeof entraConnectionSchema>;

/** What may be shown and stored about a connection: where and how, never with what. */
export interface ConnectionView {
  provider: 'okta' | 'entra';
  /** Okta org URL, or the Entra tenant. */
  target: string;
  clientId?: string | undefined;
  authType: string;
}

export function publicView(c: Connection): ConnectionView {
  if (c.provider === 'okta')
    return {
      provider: 'okta',
      target: c.orgUrl,
      authType: c.auth.type,
      ...(c.auth.type === 'private_key_jwt' ? { clientId: c.auth.clientId } : {}),
    };
  return { provider: 'entra', target: c.tenantId, clientId: c.clientId, authType: c.auth.type };
}

/** Every credential string in a connection: what the tests search logs, answers and exports for. */
export function secretStrings(c: Connection): string[] {
  if (c.provider === 'okta')
    return c.auth.type === 'api_token'
      ? [c.auth.token]
      : [c.auth.privateKeyPem, ...(c.auth.dpopKeyPem ? [c.auth.dpopKeyPem] : [])];
  return c.auth.type === 'client_secret' ? [c.auth.secret] : [c.auth.privateKeyPem];
}
