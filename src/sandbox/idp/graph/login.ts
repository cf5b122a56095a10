// The emulated Microsoft identity platform token endpoint for the client credentials grant:
// POST /{tenant}/oauth2/v2.0/token with client_secret or a certificate client_assertion, scope
// https://graph.microsoft.com/.default. Sources (ledger GRAPH-n):
//   https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
//     (first case: access token request with a shared secret; second case: with a certificate;
//     successful response; error response)
//   https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes (the error
//     object's fields; AADSTS90002, 700016, 7000215, 7000218, 700027, 70011, 70003, 900144)
//   https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials (assertion claims)
import { randomUUID } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import type { SandboxClock } from '../../clock';
import { json, pathSegments, type IdpRequest, type IdpResponse } from '../http';
import type { GraphState, IdpStore } from '../state';
import { decodeJwt, formBody, signHs256, verifyAsymmetric } from '../tokens';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TOKEN_SECONDS = 3599;

function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

export class EntraLogin {
  constructor(
    private readonly store: IdpStore,
    private readonly clock: SandboxClock,
  ) {}

  private get state(): GraphState {
    return this.store.read().graph;
  }

  /** The AADSTS error object (reference-error-codes › "Handling error codes in your application"). */
  private error(status: number, error: string, code: number, message: string): IdpResponse {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = stamp(this.clock.nowMs());
    return json(status, {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    });
  }

  handle(req: IdpRequest): IdpResponse {
    const segs = pathSegments(req.path) ?? [];
    const [tenant, oauth2, version, token] = segs;
    if (segs.length !== 4 || oauth2 !== 'oauth2' || version !== 'v2.0' || token !== 'token')
      return this.error(
        404,
        'invalid_request',
        90056,
        'BadResourceRequest - the sandbox serves only /{tenant}/oauth2/v2.0/token.',
      );
    if (req.method.toUpperCase() !== 'POST')
      return this.error(
        405,
        'invalid_request',
        900561,
        `The endpoint only accepts (POST, OPTIONS) requests. Received a ${req.method} request.`,
      );
    const state = this.state;
    const tenantOk = tenant === state.tenantId || state.tenantAliases.includes((tenant ?? '').toLowerCase());
    if (!tenantOk)
      return this.error(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant ?? ''}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    const form = formBody(req.bodyText);
    const grant = form.get('grant_type');
    if (!grant)
      return this.error(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    if (grant !== 'client_credentials')
      return this.error(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grant}'.`,
      );
    const clientId = form.get('client_id');
    if (!clientId)
      return this.error(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_id'.",
      );
    const app = state.apps.find((a) => a.clientId === clientId);
    if (!app)
      return this.error(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant ?? ''}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    const scope = form.get('scope');
    if (!scope)
      return this.error(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'scope'.",
      );
    if (scope !== GRAPH_DEFAULT_SCOPE)
      return this.error(
        400,
        'invalid_scope',
        70011,
        `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid. Client credential flows must use the /.default scope (${GRAPH_DEFAULT_SCOPE}).`,
      );

    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (!secret && !assertion)
      return this.error(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    if (secret) {
      if (!app.secrets.includes(secret))
        return this.error(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
        );
    } else if (assertion) {
      const refused = this.checkAssertion(
        app.clientId,
        assertion,
        form.get('client_assertion_type'),
        tenant ?? '',
        req.origin,
      );
      if (refused) return refused;
    }

    const now = this.clock.nowSeconds();
    const accessToken = signHs256(
      {
        aud: GRAPH_RESOURCE,
        iss: `https://sts.windows.net/${state.tenantId}/`,
        iat: now,
        nbf: now,
        exp: now + TOKEN_SECONDS,
        appid: app.clientId,
        idtyp: 'app',
        roles: app.roles,
        tid: state.tenantId,
        ver: '1.0',
      },
      this.store.read().tokenSecret,
    );
    return json(200, {
      token_type: 'Bearer',
      expires_in: TOKEN_SECONDS,
      ext_expires_in: TOKEN_SECONDS,
      access_token: accessToken,
    });
  }

  /** The certificate credential checks (certificate-credentials › "Assertion format"). */
  private checkAssertion(
    clientId: string,
    assertion: string,
    assertionType: string | null,
    tenant: string,
    origin: string,
  ): IdpResponse | undefined {
    if (assertionType !== ASSERTION_TYPE)
      return this.error(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_assertion_type'.",
      );
    const jwt = decodeJwt(assertion);
    if (!jwt) return this.error(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
    const { aud, iss, sub, exp, nbf } = jwt.payload;
    if (iss !== clientId || sub !== clientId)
      return this.error(
        401,
        'invalid_client',
        700023,
        `Client assertion must name the client id '${clientId}' as iss and sub.`,
      );
    const state = this.state;
    const audiences = [state.tenantId, tenant].flatMap((t) => [
      `https://login.microsoftonline.com/${t}/oauth2/v2.0/token`,
      `${origin}/${t}/oauth2/v2.0/token`,
    ]);
    if (!audiences.includes(String(aud)))
      return this.error(
        401,
        'invalid_client',
        700021,
        `Client assertion audience claim does not match Realm issuer. Expected https://login.microsoftonline.com/${state.tenantId}/oauth2/v2.0/token.`,
      );
    const now = this.clock.nowSeconds();
    if (typeof exp !== 'number' || exp <= now || (typeof nbf === 'number' && nbf > now + 300))
      return this.error(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.');
    const app = state.apps.find((a) => a.clientId === clientId);
    // The header names the certificate by x5t#S256 (SHA-256) or x5t (SHA-1) of its DER.
    const s256 = jwt.header['x5t#S256'];
    const x5t = typeof s256 === 'string' ? s256 : jwt.header.x5t;
    const certs = (app?.certificates ?? []).filter((c) =>
      typeof s256 === 'string' ? c.thumbprintS256 === s256 : x5t === undefined || c.thumbprint === x5t,
    );
    const valid = certs.some((c) => verifyAsymmetric(jwt, createPublicKey(c.publicKeyPem)));
    if (!valid)
      return this.error(
        401,
        'invalid_client',
        700027,
        `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${typeof x5t === 'string' ? x5t : ''}']`,
      );
    return undefined;
  }
}
