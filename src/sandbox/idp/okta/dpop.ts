// DPoP (RFC 9449) as Okta's org authorization server and Management API check it:
//   https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/ — the proof's header (`typ`
//   dpop+jwt, an asymmetric `alg`, the public `jwk`), its claims (`htm`, `htu`, `iat`, `jti`; `nonce` at
//   the token endpoint after `use_dpop_nonce`; `ath` on resource requests) and the `cnf.jkt` binding;
//   error codes and descriptions from Okta's OAuth 2.0 error table (github.com/okta/okta-developer-docs,
//   packages/@okta/vuepress-site/data/oauth2-error-codes.json: invalid_dpop_proof, use_dpop_nonce).
import { createHash } from 'node:crypto';
import { decodeJwt, publicKeyFromJwk, verifyAsymmetric } from '../tokens';

/** "The DPoP proof JWT is issued more than five minutes in the past." */
const MAX_AGE_SECONDS = 300;

export type DpopCheck = { ok: true; jkt: string; nonce: string | undefined } | { ok: false; description: string };

export interface ProofExpectation {
  method: string;
  /** The URLs the request may name in `htu` (the org's own URL, or the sandbox front door it came through). */
  urls: string[];
  nowSeconds: number;
  /** The access token the proof must be bound to (`ath`), on resource requests. */
  accessToken?: string;
  /** Each proof is used once: the `jti`s seen so far (the check adds this one). */
  seenJti: Set<string>;
}

/** RFC 7638 JWK thumbprint: SHA-256 of the required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: Record<string, unknown>): string {
  const members =
    jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

export function checkDpopProof(proof: string | undefined, want: ProofExpectation): DpopCheck {
  const no = (description: string): DpopCheck => ({ ok: false, description });
  if (!proof) return no('The DPoP proof JWT header is missing.');
  const jwt = decodeJwt(proof);
  if (!jwt) return no('The DPoP proof JWT cannot be parsed.');
  if (jwt.header.typ !== 'dpop+jwt') return no("'typ' must be 'dpop+jwt' in the DPoP proof JWT.");
  const alg = jwt.header.alg;
  const jwk = jwt.header.jwk;
  if (typeof alg !== 'string' || !/^(RS|ES)(256|384|512)$/.test(alg) || !jwk || typeof jwk !== 'object')
    return no('The DPoP proof JWT signature algorithm is invalid.');
  const publicJwk = jwk as Record<string, unknown>;
  const key = 'd' in publicJwk ? undefined : publicKeyFromJwk(publicJwk);
  if (!key || !verifyAsymmetric(jwt, key)) return no('The DPoP proof JWT signature is invalid.');
  const { htm, htu, iat, jti, ath, nonce } = jwt.payload;
  if (htm !== want.method.toUpperCase()) return no("'htm' claim in the DPoP proof JWT is invalid.");
  if (typeof htu !== 'string' || !want.urls.includes(htu)) return no("'htu' claim in the DPoP proof JWT is invalid.");
  if (typeof iat !== 'number') return no("'iat' claim in the DPoP proof JWT is invalid.");
  if (iat > want.nowSeconds + 60) return no('The DPoP proof JWT is issued in the future.');
  if (iat < want.nowSeconds - MAX_AGE_SECONDS)
    return no('The DPoP proof JWT is issued more than five minutes in the past.');
  if (typeof jti !== 'string' || jti === '') return no("'jti' claim in the DPoP proof JWT is invalid.");
  if (want.seenJti.has(jti)) return no('The DPoP proof JWT has already been used.');
  if (want.accessToken !== undefined) {
    const expected = createHash('sha256').update(want.accessToken).digest('base64url');
    if (ath !== expected) return no("'ath' claim in the DPoP proof does not match the presented access_token.");
  }
  want.seenJti.add(jti);
  return { ok: true, jkt: jwkThumbprint(publicJwk), nonce: typeof nonce === 'string' ? nonce : undefined };
}
