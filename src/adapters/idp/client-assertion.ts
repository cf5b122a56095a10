// A signed JWT that proves the app holds a private key (RFC 7523 client
// authentication), for the two "no shared secret" options:
//  - Okta service app with private_key_jwt:
//    https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/ › "Create and sign the JWT"
//    (iss = sub = client id, aud = the token endpoint, exp within an hour, a jti)
//  - Entra certificate credentials:
//    https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials › "Assertion format"
//    (header x5t = base64url SHA-1, x5t#S256 = base64url SHA-256 of the certificate's DER; the
//    current page names x5t#S256, earlier versions x5t, so the assertion carries both; aud = the token endpoint)
// Signed with node:crypto (no JOSE library on the cold path): RS256, or ES256 for a P-256 key.
import { createHash, createPrivateKey, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { DirectoryError } from '../../ports/group-directory';
import { base64url } from './http';

/** RFC 7523 § 2.2: the client_assertion_type of a JWT client assertion. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AssertionInput {
  clientId: string;
  audience: string;
  privateKeyPem: string;
  nowMs: number;
  /** Okta: the key's kid, if the app has several keys. */
  keyId?: string | undefined;
  /** Entra: the certificate whose key signs (its thumbprint goes in x5t). */
  certificatePem?: string | undefined;
}

export function clientAssertion(input: AssertionInput): string {
  const key = privateKey(input.privateKeyPem);
  const alg = algorithmOf(key);
  const header: Record<string, string> = { alg, typ: 'JWT' };
  if (input.keyId) header.kid = input.keyId;
  if (input.certificatePem) {
    const cert = certificate(input.certificatePem);
    header.x5t = base64url(createHash('sha1').update(cert.raw).digest());
    header['x5t#S256'] = base64url(createHash('sha256').update(cert.raw).digest());
  }
  const iat = Math.floor(input.nowMs / 1000);
  const payload = {
    iss: input.clientId,
    sub: input.clientId,
    aud: input.audience,
    iat,
    nbf: iat,
    exp: iat + 300,
    jti: randomUUID(),
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  // JWS ES256 signatures are the raw r||s pair (RFC 7518 § 3.4), not DER.
  const signature = sign(
    'sha256',
    Buffer.from(signingInput),
    alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key,
  );
  return `${signingInput}.${base64url(signature)}`;
}

function privateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new DirectoryError('invalid', 'the private key is not a PEM private key (PKCS#8 or PKCS#1)');
  }
}

/** RS256 for RSA keys (both vendors); ES256 for P-256 keys (Okta accepts it; Entra certificates are RSA). */
function algorithmOf(key: KeyObject): 'RS256' | 'ES256' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new DirectoryError('invalid', 'the private key must be an RSA or P-256 (EC) key');
}

function certificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new DirectoryError('invalid', 'the certificate is not a PEM X.509 certificate');
  }
}
