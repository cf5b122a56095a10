// Connecting Okta with an OAuth 2.0 service app (private_key_jwt), as the sandbox's app is set up: the
// Group Membership Administrator role assigned, "Require DPoP" on as Okta's default for new API Services apps
// (docs/platform-contract.md OKTA-14, OKTA-15, OKTA-54, OKTA-57). `npm start` connects Okta with the API token
// instead (OKTA-55); this connects the service app explicitly, over it.
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_IDP } from '../../../src/sandbox/idp';
import { approveAliceCopilot, oktaGroupEmails, serveSandbox, type ServedSandbox } from './served-sandbox';

const O = SANDBOX_IDP.okta;
let served: ServedSandbox;
let privateKeyPem: string;

beforeAll(async () => {
  served = await serveSandbox({ connected: true });
  privateKeyPem = served.sb.idp.connectionDetails().okta.serviceApp.privateKeyPem;
  fs.writeFileSync(path.join(served.dir, 'okta-key.pem'), privateKeyPem);
}, 120_000);
afterAll(() => served.close());

const connectServiceApp = () =>
  served.cli([
    'connector',
    'connect',
    'okta',
    '--org-url',
    `https://${O.orgHost}`,
    '--client-id',
    O.serviceAppClientId,
    '--key-file',
    'okta-key.pem',
    '--key-id',
    O.serviceAppKeyId,
  ]);

async function configureApp(settings: { roles?: string[]; requireDpop?: boolean; scopes?: string[] }): Promise<void> {
  const res = await fetch(`${served.server.url}/__sandbox/idp/okta/service-apps/${O.serviceAppClientId}`, {
    method: 'PUT',
    body: JSON.stringify(settings),
  });
  expect(res.status).toBe(200);
}

const copilotMembers = () => oktaGroupEmails(served.sb, O.groups.copilot);

const keyLines = () => privateKeyPem.split('\n').filter((l) => l && !l.startsWith('-----'));

it('the first start connected Okta with the API token sandbox-okta-token', async () => {
  const status = await served.cli(['connector', 'status', '--json']);
  expect(JSON.parse(status.out).providers).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        provider: 'okta',
        connected: true,
        view: expect.objectContaining({ authType: 'api_token' }),
      }),
    ]),
  );
});

it('connects the service app through the DPoP nonce round trip, and an approved requester is added with DPoP-bound calls', async () => {
  const connect = await connectServiceApp();
  expect(connect.err).toBe('');
  expect(connect.out.trim()).toBe(
    `okta https://${O.orgHost} (private_key_jwt): can read groups and change members — the service app holds GROUP_MEMBERSHIP_ADMIN and was granted okta.groups.manage (DPoP-bound tokens)`,
  );
  expect(connect.code).toBe(0);
  for (const line of keyLines()) expect(connect.out + connect.err).not.toContain(line);

  expect(copilotMembers()).toEqual([O.strayEmail]);
  await approveAliceCopilot(served.sb);
  expect(copilotMembers()).toEqual(['alice@example.com', O.strayEmail]);
  const tasks = await served.cli(['connector', 'tasks', '--json']);
  expect(JSON.parse(tasks.out).grants).toEqual([]);
});

it('Test connection says the app holds no admin role, and connecting such an app is refused with what to do', async () => {
  await configureApp({ roles: [] });
  try {
    const test = await served.cli(['connector', 'test', 'okta']);
    expect(test.out.trim()).toBe(
      `okta https://${O.orgHost} (private_key_jwt): CANNOT change members — the service app holds no admin role; Okta refuses membership changes (403) without one that changes group members: assign it Group Membership Administrator on its Admin roles tab (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/#assign-admin-roles-to-the-oauth-2-0-service-app)`,
    );
    const refused = await connectServiceApp();
    expect(refused.code).not.toBe(0);
    expect(refused.out).toBe('');
    expect(refused.err.trim()).toBe(
      'Error CONNECTION_CANNOT_CHANGE_GROUPS: Okta accepted the credentials, but they cannot change group members: the service app holds no admin role; Okta refuses membership changes (403) without one that changes group members: assign it Group Membership Administrator on its Admin roles tab (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/#assign-admin-roles-to-the-oauth-2-0-service-app). Nothing was saved.',
    );
    await configureApp({ roles: ['READ_ONLY_ADMIN'] });
    const readOnly = await served.cli(['connector', 'test', 'okta']);
    expect(readOnly.out).toMatch(/CANNOT change members — the service app holds READ_ONLY_ADMIN; Okta refuses/);
  } finally {
    await configureApp({ roles: ['GROUP_MEMBERSHIP_ADMIN'] });
  }
});

it('an app with "Require DPoP" unticked connects with Bearer tokens', async () => {
  await configureApp({ requireDpop: false });
  try {
    const connect = await connectServiceApp();
    expect(connect.code).toBe(0);
    expect(connect.out.trim()).toBe(
      `okta https://${O.orgHost} (private_key_jwt): can read groups and change members — the service app holds GROUP_MEMBERSHIP_ADMIN and was granted okta.groups.manage`,
    );
  } finally {
    await configureApp({ requireDpop: true });
  }
});

it('without okta.roles.read the app cannot tell, says which scopes to grant, and saves nothing', async () => {
  const before = (await served.cli(['connector', 'status', '--json'])).out;
  await configureApp({ scopes: ['okta.groups.manage', 'okta.groups.read', 'okta.users.read'] });
  try {
    const refused = await connectServiceApp();
    expect(refused.code).not.toBe(0);
    expect(refused.err.trim()).toMatch(
      /^Error CONNECTION_CANNOT_CHANGE_GROUPS: Okta accepted the credentials, but they cannot change group members: the service app was not granted all of okta\.groups\.manage okta\.users\.read okta\.roles\.read \(Okta API Scopes tab\): Okta \(the token endpoint\) answered 400: invalid_scope: The following scopes were not granted to the service app: okta\.roles\.read\..*Nothing was saved\.$/,
    );
    expect((await served.cli(['connector', 'status', '--json'])).out).toBe(before);
  } finally {
    await configureApp({ scopes: ['okta.groups.manage', 'okta.groups.read', 'okta.users.read', 'okta.roles.read'] });
  }
});
