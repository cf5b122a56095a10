// A sandbox served on a free loopback port, for the IdP conformance tests: they call the
// emulated Okta org and Microsoft Graph over HTTP exactly as the vendors' APIs are called.
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { createSandbox, type Sandbox } from '../../../src/sandbox/sandbox';
import { startServer, type RunningServer } from '../../../src/sandbox/server';
import { SANDBOX_IDP, type IdpConnectionDetails } from '../../../src/sandbox/idp';

export { SANDBOX_IDP };

export interface ServedIdp {
  sb: Sandbox;
  server: RunningServer;
  okta: string;
  graph: string;
  login: string;
  close(): Promise<void>;
}

export async function serveIdp(): Promise<ServedIdp> {
  const sb = createSandbox({ dataDir: ':memory:' });
  const server = await startServer(sb, 0);
  return {
    sb,
    server,
    okta: `${server.url}/__idp/okta`,
    graph: `${server.url}/__idp/graph/v1.0`,
    login: `${server.url}/__idp/login`,
    async close() {
      await server.close();
      await sb.close();
    },
  };
}

/** A compact JWS signed with `privateKeyPem` (ES256 for EC keys, RS256 for RSA keys). */
export function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateKeyPem: string,
): string {
  const key = createPrivateKey(privateKeyPem);
  const ec = key.asymmetricKeyType === 'ec';
  const h = Buffer.from(JSON.stringify({ typ: 'JWT', alg: ec ? 'ES256' : 'RS256', ...header })).toString('base64url');
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = sign('sha256', Buffer.from(`${h}.${p}`), ec ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${h}.${p}.${sig.toString('base64url')}`;
}

export async function credentials(s: ServedIdp): Promise<IdpConnectionDetails> {
  const res = await fetch(`${s.server.url}/__sandbox/idp/credentials`);
  return (await res.json()) as IdpConnectionDetails;
}

export function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  };
}

/** A client assertion for Okta's org authorization server (service app, private_key_jwt). */
export function oktaAssertion(
  clientId: string,
  keyId: string,
  privateKeyPem: string,
  aud: string,
  nowSeconds: number,
): string {
  return signJwt(
    { kid: keyId },
    { iss: clientId, sub: clientId, aud, iat: nowSeconds, exp: nowSeconds + 300, jti: randomUUID() },
    privateKeyPem,
  );
}

export async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

/** Serves the IdPs for one test file (started before all, reset before each test, closed after all). */
export function servedIdpForEachTest(): () => ServedIdp {
  let s: ServedIdp | undefined;
  beforeAll(async () => {
    s = await serveIdp();
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(() => {
    s?.sb.reset();
  });
  return () => {
    if (!s) throw new Error('the IdPs are served only inside a test');
    return s;
  };
}
