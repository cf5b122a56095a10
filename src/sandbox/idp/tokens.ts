// JSON Web Tokens for the emulated IdPs: the client assertions apps send (RFC 7523, signed with
// their private key) and the access tokens the IdPs issue. Verification and signing use
// node:crypto's JWK and signature support; the access tokens are HS256 with the sandbox's secret,
// since no client may check them (both vendors document them as opaque to clients).
import {
  createHmac,
  createPublicKey,
  timingSafeEqual,
  verify as verifySignature,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as unknown;
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') return undefined;
    return {
      header: header as Record<string, unknown>,
      payload: payload as Record<string, unknown>,
      signingInput: `${h}.${p}`,
      signature: Buffer.from(s, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

const HASH: Record<string, string> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
};

/** True when `jwt` is signed by `key` with its header's asymmetric algorithm. */
export function verifyAsymmetric(jwt: DecodedJwt, key: KeyObject): boolean {
  const alg = typeof jwt.header.alg === 'string' ? jwt.header.alg : '';
  const hash = HASH[alg];
  if (!hash) return false;
  const data = Buffer.from(jwt.signingInput);
  try {
    if (alg.startsWith('ES')) return verifySignature(hash, data, { key, dsaEncoding: 'ieee-p1363' }, jwt.signature);
    if (alg.startsWith('PS'))
      return verifySignature(
        hash,
        data,
        { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 },
        jwt.signature,
      );
    return verifySignature(hash, data, key, jwt.signature);
  } catch {
    return false;
  }
}

export function publicKeyFromJwk(jwk: Record<string, unknown>): KeyObject | undefined {
  try {
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch {
    return undefined;
  }
}

export function signHs256(payload: Record<string, unknown>, secret: string): string {
  const input = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The payload of an access token this sandbox issued, or undefined when it is not one (or was tampered with). */
export function verifyHs256(token: string, secret: string): Record<string, unknown> | undefined {
  const jwt = decodeJwt(token);
  if (!jwt || jwt.header.alg !== 'HS256') return undefined;
  const expected = createHmac('sha256', secret).update(jwt.signingInput).digest();
  if (expected.length !== jwt.signature.length || !timingSafeEqual(expected, jwt.signature)) return undefined;
  return jwt.payload;
}

/** RFC 6749 § 2.3.1 / RFC 7523: a form-encoded token request body. */
export function formBody(text: string): URLSearchParams {
  return new URLSearchParams(text);
}
