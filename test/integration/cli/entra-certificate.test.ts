// Connecting Microsoft Entra ID with a certificate credential
// (docs/platform-contract.md GRAPH-2, GRAPH-54): `ai-clearance connector connect entra --cert-file
// --key-file` signs a client_assertion whose x5t / x5t#S256 are the base64url SHA-1 / SHA-256 of the
// certificate's DER, the sandbox token endpoint accepts it only for the X.509 certificate registered
// on the app, and an approved request then adds the requester to the bound Entra group.
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_IDP } from '../../../src/sandbox/idp';
import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { fileAndApprove, serveSandbox, type ServedSandbox } from './served-sandbox';

const G = SANDBOX_IDP.graph;
let served: ServedSandbox;

beforeAll(async () => {
  served = await serveSandbox({ connected: true });
}, 120_000);
afterAll(() => served.close());

const claudeMembers = () => {
  const graph = served.sb.idp.store.read().graph;
  return graph.groups
    .find((g) => g.id === G.groups.claude)
    ?.members.map((id) => graph.users.find((u) => u.id === id)?.mail)
    .sort();
};

it('connects Entra with a certificate and adds an approved requester to the bound group with it', async () => {
  const cert = served.sb.idp.connectionDetails().graph.certificate;
  expect(cert.certificatePem).toContain('-----BEGIN CERTIFICATE-----');
  // Only the certificate can sign in from here on: the app's client secrets are withdrawn.
  served.sb.idp.store.update((s) => {
    for (const app of s.graph.apps) app.secrets = [];
  });
  const certFile = path.join(served.dir, 'sandbox-client.cert.pem');
  const keyFile = path.join(served.dir, 'sandbox-client.key.pem');
  fs.writeFileSync(certFile, cert.certificatePem);
  fs.writeFileSync(keyFile, cert.privateKeyPem);

  const connect = await served.cli([
    'connector',
    'connect',
    'entra',
    '--tenant',
    G.tenantId,
    '--client-id',
    G.clientId,
    '--cert-file',
    certFile,
    '--key-file',
    keyFile,
  ]);
  expect(connect.err).toBe('');
  expect(connect.code).toBe(0);
  expect(connect.out).toContain('certificate');
  expect(connect.out + connect.err).not.toContain('PRIVATE KEY');

  const before = claudeMembers() ?? [];
  expect(before).not.toContain('alice@example.com');
  await fileAndApprove(served.sb, SEEDED_ACCOUNT_IDS.alice, {
    optionValue: 'Claude for Work (Team and Enterprise)',
    summary: 'AI access: claude-for-work',
  });
  expect(claudeMembers()).toEqual([...before, 'alice@example.com'].sort());
  const tasks = await served.cli(['connector', 'tasks', '--json']);
  expect(JSON.parse(tasks.out).grants).toEqual([]);
});

it('registers the sandbox certificate by the SHA-1 and SHA-256 thumbprints of its DER', () => {
  const registered = served.sb.idp.store.read().graph.apps[0]?.certificates[0];
  expect(registered?.thumbprintS256).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // x5t is the SHA-1 of the certificate's DER, not of the public key.
  const der = new X509Certificate(served.sb.idp.connectionDetails().graph.certificate.certificatePem).raw;
  expect(registered?.thumbprint).toBe(createHash('sha1').update(der).digest('base64url'));
  expect(registered?.thumbprintS256).toBe(createHash('sha256').update(der).digest('base64url'));
});
