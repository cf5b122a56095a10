// The app's DPoP key and proofs (docs/platform-contract.md OKTA-57): the key is made when a service-app
// connection is made, whatever the form sent, and is kept as a secret of the connection; a proof names the
// request (htm, htu without the query), binds the access token (ath) and verifies as the emulated Okta
// org verifies it (OKTA-15).
import { createHash } from 'node:crypto';
import { connectionSchema, publicView, secretStrings } from '../../../src/domain/connectors/connection';
import { directoryProvider } from '../../../src/adapters/idp/directories';
import { dpopKey, dpopProof } from '../../../src/adapters/idp/dpop';
import { checkDpopProof } from '../../../src/sandbox/idp/okta/dpop';
import { decodeJwt } from '../../../src/sandbox/idp/tokens';
import type { ConnectionSecrets } from '../../../src/ports/group-directory';

const noSecrets: ConnectionSecrets = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(),
};
const fetchNever = () => Promise.reject(new Error('no network in this test'));
const clock = { now: () => new Date('2026-12-07T10:00:00Z') };
const provider = directoryProvider(noSecrets, fetchNever, clock);

const serviceApp = (extra: Record<string, unknown> = {}) =>
  connectionSchema.parse({
    provider: 'okta',
    orgUrl: 'https://acme.okta.com',
    auth: {
      type: 'private_key_jwt',
      clientId: '0oaAcme',
      privateKeyPem: '-----BEGIN PRIVATE KEY-----\nMIIclientauthkey\n-----END PRIVATE KEY-----',
      ...extra,
    },
  });

describe('connection secrets: the DPoP key', () => {
  it('is made at connect, replaces one a form sent, is a secret, and stays out of the public view', () => {
    const sent = '-----BEGIN PRIVATE KEY-----\nMIIformsentkey\n-----END PRIVATE KEY-----';
    const c = provider.prepare(serviceApp({ dpopKeyPem: sent }));
    if (c.provider !== 'okta' || c.auth.type !== 'private_key_jwt') throw new Error('not a service app');
    const made = c.auth.dpopKeyPem ?? '';
    expect(made).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(made).not.toBe(sent);
    expect(dpopKey(made)).toMatchObject({ alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256' } });
    expect(secretStrings(c)).toEqual([c.auth.privateKeyPem, made]);
    expect(JSON.stringify(publicView(c))).not.toContain('PRIVATE KEY');
    expect(connectionSchema.parse(c)).toEqual(c); // what is stored parses back
  });

  it('leaves API-token and Entra connections as entered', () => {
    const token = connectionSchema.parse({
      provider: 'okta',
      orgUrl: 'https://acme.okta.com',
      auth: { type: 'api_token', token: '00aBcD-secret-token' },
    });
    expect(provider.prepare(token)).toEqual(token);
  });
});

describe('DPoP proofs', () => {
  const c = provider.prepare(serviceApp());
  const key = dpopKey(c.provider === 'okta' && c.auth.type === 'private_key_jwt' ? (c.auth.dpopKeyPem ?? '') : '');
  const nowMs = clock.now().getTime();
  const url = 'https://acme.okta.com/api/v1/groups/00g1/users?limit=200';

  it('carries typ dpop+jwt and the public key only, htm, htu without the query, iat, jti and ath', () => {
    const jwt = decodeJwt(dpopProof(key, { method: 'get', url, nowMs, accessToken: 'the-token' }));
    expect(jwt?.header).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk });
    expect(Object.keys(key.jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(jwt?.payload).toEqual({
      htm: 'GET',
      htu: 'https://acme.okta.com/api/v1/groups/00g1/users',
      iat: nowMs / 1000,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      ath: createHash('sha256').update('the-token').digest('base64url'),
    });
  });

  it('verifies as the emulated org verifies it, and only for the request and token it names', () => {
    const want = {
      method: 'GET',
      urls: ['https://acme.okta.com/api/v1/groups/00g1/users'],
      nowSeconds: nowMs / 1000,
      accessToken: 'the-token',
    };
    const proof = dpopProof(key, { method: 'GET', url, nowMs, accessToken: 'the-token' });
    expect(checkDpopProof(proof, { ...want, seenJti: new Set() })).toMatchObject({ ok: true });
    expect(checkDpopProof(proof, { ...want, method: 'PUT', seenJti: new Set() })).toMatchObject({ ok: false });
    expect(checkDpopProof(proof, { ...want, accessToken: 'another', seenJti: new Set() })).toMatchObject({
      ok: false,
    });
    const withNonce = decodeJwt(dpopProof(key, { method: 'POST', url, nowMs, nonce: 'n-1' }));
    expect(withNonce?.payload).toMatchObject({ nonce: 'n-1' });
    expect(withNonce?.payload).not.toHaveProperty('ath');
  });
});
