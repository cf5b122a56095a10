// The app's outbound fetch inside a Forge function reaches the emulated IdPs at their real hosts,
// and only hosts manifest.yml declares (docs/platform-contract.md RT-24, RT-25, IDP-1).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { egressAllowed } from '../../../src/sandbox/forge/transport';
import { createSandbox, type Sandbox } from '../../../src/sandbox/sandbox';
import { SANDBOX_IDP } from '../../../src/sandbox/idp';

let sb: Sandbox;
// Loaded after the sandbox platform: @forge/api captures global fetch when it is first required.
let forgeApi: typeof import('@forge/api');

beforeAll(async () => {
  sb = createSandbox({ dataDir: ':memory:' });
  forgeApi = await import('@forge/api');
});
afterAll(async () => {
  await sb.close();
});

const manifest = parse(fs.readFileSync(path.resolve(__dirname, '../../../manifest.yml'), 'utf8')) as {
  permissions: { external: { fetch: { backend: Array<string | { address: string }> } } };
};
const declared = manifest.permissions.external.fetch.backend.map((e) => (typeof e === 'string' ? e : e.address));

describe('RT-25 manifest.yml declares the IdP hosts (wildcards cover subdomains, not the parent)', () => {
  it.each([
    ['acme.okta.com', true],
    ['acme.oktapreview.com', true],
    ['acme.okta-emea.com', true],
    ['graph.microsoft.com', true],
    ['login.microsoftonline.com', true],
    ['okta.com', false],
    ['evil-okta.com', false],
    ['api.example.com', false],
  ])('%s allowed: %s', (host, allowed) => {
    expect(egressAllowed(declared, host)).toBe(allowed);
  });
  it('declares them as EgressPermission objects, not deprecated strings', () => {
    expect(manifest.permissions.external.fetch.backend.every((e) => typeof e === 'object')).toBe(true);
  });
});

describe('IDP-1 egress to the real hosts reaches the emulators', () => {
  it('Okta: fetch(https://<org>.okta.com/api/v1/groups) with SSWS answers from the sandbox org, links on the real host', async () => {
    const { value, counters } = await sb.forge.run(async () => {
      const res = await forgeApi.fetch(`https://${SANDBOX_IDP.okta.orgHost}/api/v1/groups?limit=2`, {
        headers: { Authorization: `SSWS ${SANDBOX_IDP.okta.apiToken}`, Accept: 'application/json' },
      });
      return {
        status: res.status,
        link: res.headers.get('link'),
        rate: res.headers.get('x-rate-limit-limit'),
        body: (await res.json()) as unknown[],
      };
    });
    expect(value.status).toBe(200);
    expect(value.body).toHaveLength(2);
    expect(value.rate).not.toBeNull();
    expect(value.link).toContain(`<https://${SANDBOX_IDP.okta.orgHost}/api/v1/groups?limit=2&after=`);
    expect(counters.egressCalls).toBe(1);
  });
  it('Graph: a token from login.microsoftonline.com, then graph.microsoft.com/v1.0 with nextLinks on the real host', async () => {
    const { value } = await sb.forge.run(async () => {
      const tokenRes = await forgeApi.fetch(
        `https://login.microsoftonline.com/${SANDBOX_IDP.graph.tenantName}/oauth2/v2.0/token`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            client_id: SANDBOX_IDP.graph.clientId,
            client_secret: SANDBOX_IDP.graph.clientSecret,
            scope: 'https://graph.microsoft.com/.default',
            grant_type: 'client_credentials',
          }).toString(),
        },
      );
      const token = ((await tokenRes.json()) as { access_token: string }).access_token;
      const groups = await forgeApi.fetch('https://graph.microsoft.com/v1.0/groups?$top=2', {
        headers: { Authorization: `Bearer ${token}` },
      });
      return {
        tokenStatus: tokenRes.status,
        status: groups.status,
        body: (await groups.json()) as Record<string, unknown>,
      };
    });
    expect(value.tokenStatus).toBe(200);
    expect(value.status).toBe(200);
    expect(String(value.body['@odata.nextLink'])).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/groups\?/);
  });
  it('an Okta host other than the sandbox org answers 404 (the sandbox has one org)', async () => {
    const { value } = await sb.forge.run(
      async () => (await forgeApi.fetch('https://other-org.okta.com/api/v1/groups')).status,
    );
    expect(value).toBe(404);
  });
});

describe('RT-24 a host manifest.yml does not declare is refused as Forge refuses it', () => {
  it('throws @forge/api ExternalEndpointNotAllowedError (status 403) and sends nothing', async () => {
    const err = await sb.forge
      .run(() => forgeApi.fetch('https://api.example.com/v1/things'))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(forgeApi.ExternalEndpointNotAllowedError);
    expect(err).toMatchObject({
      status: 403,
      message:
        'URL not included in the external fetch backend permissions: https://api.example.com/v1/things. Visit go.atlassian.com/forge-egress for more information.',
    });
  });
});
