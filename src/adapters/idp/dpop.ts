// DPoP proofs (RFC 9449) for Okta service apps that require them — the default for API Services apps
// created since February 2024. https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/:
// header `typ: dpop+jwt`, an asymmetric `alg`, the public `jwk`; claims `htm`, `htu`, `iat`, `jti`, plus
// `nonce` at the token endpoint (after its `use_dpop_nonce` answer) and `ath` (base64url SHA-256 of the
// access token) on API calls. The key is the app's own P-256 key, made when the connection is made and kept
// in Forge secret storage with the rest of it; Okta says it must not be the client-authentication key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { DirectoryError } from '../../ports/group-directory';
import { base64url } from './http';

export interface DpopKey {
  privateKey: KeyObject;
  alg: 'ES256' | 'RS256';
  /** The public half as a JWK (what the proof's header carries). */
  jwk: Record<string, unknown>;
}

/** A new P-256 private key (PKCS#8 PEM) for a connection's DPoP proofs. */
export function newDpopKeyPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

export function dpopKey(privateKeyPem: string): DpopKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch {
    throw new DirectoryError('invalid', 'the stored DPoP key is not a PEM private key: connect Okta again');
  }
  const ec = privateKey.asymmetricKeyType === 'ec';
  const { kty, crv, x, y, n, e } = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privateKey, alg: ec ? 'ES256' : 'RS256', jwk: ec ? { kty, crv, x, y } : { kty, n, e } };
}

export interface ProofFor {
  method: string;
  /** The request URL; `htu` is it without query and fragment (RFC 9449 § 4.2). */
  url: string;
  nowMs: number;
  nonce?: string | undefined;
  /** On API calls: the DPoP-bound access token, hashed into `ath`. */
  accessToken?: string | undefined;
}

export function dpopProof(key: DpopKey, p: ProofFor): string {
  const u = new URL(p.url);
  const header = { typ: 'dpop+jwt', alg: key.alg, jwk: key.jwk };
  const payload = {
    htm: p.method.toUpperCase(),
    htu: `${u.origin}${u.pathname}`,
    iat: Math.floor(p.nowMs / 1000),
    jti: randomUUID(),
    ...(p.nonce ? { nonce: p.nonce } : {}),
    ...(p.accessToken ? { ath: base64url(createHash('sha256').update(p.accessToken).digest()) } : {}),
  };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign(
    'sha256',
    Buffer.from(input),
    key.alg === 'ES256' ? { key: key.privateKey, dsaEncoding: 'ieee-p1363' } : key.privateKey,
  );
  return `${input}.${base64url(signature)}`;
}
