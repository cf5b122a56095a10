// A signed JWT that proves the app holds a private key (RFC 7523 client
// authentication), for the two "no shared secret" options:
//  - Okta service app with private_key_jwt:
//    https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/ › "Create and sign the JWT"
//    (iss = sub = client id, aud = the token endpoint, exp within an hour, a jti)
//  - Entra certificate credentials:
//    https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials › "Assertion format"
//    (header x5t = base64url SHA-1 thumbprint of the certificate; aud = the token endpoint)
// Signed with node:crypto (no JOSE library on the cold path).
import { createPrivateKey, createSign, randomUUID, X509Certificate } from 'node:crypto';
import { DirectoryError } from '../../ports/group-directory';
import { base64url } from './http';

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
  const header: Record<string, string> = { alg: 'RS256', typ: 'JWT' };
  if (input.keyId) header.kid = input.keyId;
  if (input.certificatePem) header.x5t = certificateThumbprint(input.certificatePem);
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
  let key;
  try {
    key = createPrivateKey(input.privateKeyPem);
  } catch {
    throw new DirectoryError('invalid', 'the private key is not a PEM private key (PKCS#8 or PKCS#1)');
  }
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key);
  return `${signingInput}.${base64url(signature)}`;
}

export function certificateThumbprint(pem: string): string {
  try {
    const hex = new X509Certificate(pem).fingerprint.replace(/:/g, '');
    return base64url(Buffer.from(hex, 'hex'));
  } catch {
    throw new DirectoryError('invalid', 'the certificate is not a PEM X.509 certificate');
  }
}
