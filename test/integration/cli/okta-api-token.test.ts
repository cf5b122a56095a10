// Connecting Okta with an API token (SSWS), as an admin whose token acts with their own admin role
// (docs/platform-contract.md OKTA-13, OKTA-55): `ai-clearance connector connect okta --token-env`
// proves the token's admin may change group members, and an approved request then adds the
// requester to the bound Okta group through that token.
import { SANDBOX_IDP } from '../../../src/sandbox/idp';
import { approveAliceCopilot, oktaGroupEmails, serveSandbox, type ServedSandbox } from './served-sandbox';

const O = SANDBOX_IDP.okta;
let served: ServedSandbox;

beforeAll(async () => {
  served = await serveSandbox({ connected: true });
}, 120_000);
afterAll(() => served.close());

const copilotMembers = () => oktaGroupEmails(served.sb, O.groups.copilot);

it('connects Okta by API token and adds an approved requester to the bound group with it', async () => {
  const connect = await served.cli(
    ['connector', 'connect', 'okta', '--org-url', `https://${O.orgHost}`, '--token-env', 'OKTA_API_TOKEN'],
    { OKTA_API_TOKEN: O.apiToken },
  );
  expect(connect.err).toBe('');
  expect(connect.out.trim()).toBe(
    `okta https://${O.orgHost} (api_token): can read groups and change members — the token's admin holds GROUP_MEMBERSHIP_ADMIN`,
  );
  expect(connect.code).toBe(0);
  expect(connect.out + connect.err).not.toContain(O.apiToken);
  const status = await served.cli(['connector', 'status', '--json']);
  expect(JSON.parse(status.out).providers).toEqual(
    expect.arrayContaining([expect.objectContaining({ provider: 'okta', connected: true })]),
  );

  expect(copilotMembers()).toEqual([O.strayEmail]);
  await approveAliceCopilot(served.sb);
  expect(copilotMembers()).toEqual(['alice@example.com', O.strayEmail]);
  // Nothing waits for a person: the connector job finished with the API-token connection.
  const tasks = await served.cli(['connector', 'tasks', '--json']);
  expect(tasks.code).toBe(0);
  expect(JSON.parse(tasks.out).grants).toEqual([]);
});
