// No credential leaves the site, for every way to connect: over `npm start` (which connected Okta with
// the service app's private key and Entra with the client secret), the admin reconnects Okta with the
// API token and Entra with the certificate, tests both, makes each do a real membership change, and is
// refused once with a wrong token. Then every resolver answer, app log line, governance event (the
// connector subjects' logs and the evidence export) is searched for every secret, and for every line of
// each PEM private key's body, not just one.
import { CLAUDE, CLAUDE_GROUP, COPILOT, COPILOT_GROUP, connectedSite } from './connected-site';

jest.setTimeout(300_000);

const s = connectedSite();

beforeAll(() => s.start());
afterAll(() => s.stop());

/** The base64 lines between a PEM's BEGIN and END lines. */
function pemBodyLines(pem: string): string[] {
  return pem
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('-----'));
}

it('connected by API token and by certificate, no secret or key line reaches an answer, log, event or export', async () => {
  const creds = (await s.call('GET', '/__sandbox/idp/credentials')).json;
  const okta = await s.admin('connectors.connect', {
    connection: {
      provider: 'okta',
      orgUrl: creds.okta.orgUrl,
      auth: { type: 'api_token', token: creds.okta.apiToken },
    },
  });
  expect(okta).toMatchObject({ connection: { authType: 'api_token' }, proof: { canChangeMembers: true } });
  const entra = await s.admin('connectors.connect', {
    connection: {
      provider: 'entra',
      tenantId: creds.graph.tenantId,
      clientId: creds.graph.clientId,
      auth: {
        type: 'certificate',
        certificatePem: creds.graph.certificate.certificatePem,
        privateKeyPem: creds.graph.certificate.privateKeyPem,
      },
    },
  });
  expect(entra).toMatchObject({ connection: { authType: 'certificate' }, proof: { canChangeMembers: true } });
  const wrong = 'not-the-okta-t0ken-9f8e7d';
  const refused = await s.admin('connectors.connect', {
    connection: { provider: 'okta', orgUrl: creds.okta.orgUrl, auth: { type: 'api_token', token: wrong } },
  });
  expect(refused.error.code).toBe('CONNECTION_REFUSED');
  await s.admin('connectors.test', { provider: 'okta' });
  await s.admin('connectors.test', { provider: 'entra' });

  // Each connection does real work: an add in each IdP with the new credentials.
  const copilot = await s.requestAndApprove('alice@example.com', COPILOT);
  const claude = await s.requestAndApprove('alice@example.com', CLAUDE);
  expect((await s.aiClearance(copilot)).status).toBe('active');
  expect((await s.aiClearance(claude)).status).toBe('active');
  expect(await s.members('okta', COPILOT_GROUP)).toContain('alice@example.com');
  expect(await s.members('graph', CLAUDE_GROUP)).toEqual(['alice@example.com']);

  const events = [
    await s.admin('governance.list', { subjectType: 'connector', subjectId: 'okta' }),
    await s.admin('governance.list', { subjectType: 'connector', subjectId: 'entra' }),
    await s.admin('governance.list', { subjectType: 'connector', subjectId: `okta.${await s.issueId(copilot)}` }),
    await s.admin('governance.list', { subjectType: 'connector', subjectId: `entra.${await s.issueId(claude)}` }),
  ];
  const exported = await s.admin('governance.export', { personalData: 'include' });
  const secrets: Array<[string, string]> = [
    ['Okta API token', creds.okta.apiToken],
    ['the refused Okta token', wrong],
    ['Entra client secret', creds.graph.clientSecret],
    ...pemBodyLines(creds.okta.serviceApp.privateKeyPem).map((l, i): [string, string] => [`Okta key line ${i + 1}`, l]),
    ...pemBodyLines(creds.graph.certificate.privateKeyPem).map((l, i): [string, string] => [
      `Entra key line ${i + 1}`,
      l,
    ]),
  ];
  expect(secrets.length).toBeGreaterThan(8);
  // The app's log lines: all the sandbox process printed but the banner of its emulated IdPs, which shows
  // a newcomer the sandbox-only credentials to try.
  const appLines = s
    .sandbox()
    .output()
    .split('\n')
    .filter((l) => !/^\s+(Okta org|Entra tenant|token:|curl -s -H 'Authorization: SSWS)/.test(l));
  const haystacks = {
    answers: s.answers.join('\n'),
    logs: appLines.join('\n'),
    events: JSON.stringify(events),
    export: JSON.stringify(exported),
  };
  const found = secrets.flatMap(([what, secret]) =>
    Object.entries(haystacks)
      .filter(([, text]) => text.includes(secret))
      .map(([where]) => `${what} in ${where}`),
  );
  expect(found).toEqual([]);
  // The search is not vacuous: each haystack holds what it should.
  expect(haystacks.answers).toMatch(/"authType":"api_token"/);
  expect(haystacks.answers).toMatch(/"authType":"certificate"/);
  expect(haystacks.logs).toMatch(/"job":"connector\.add"/);
  expect(haystacks.events).toMatch(/connector\.configured/);
  expect(haystacks.events).toMatch(/connector\.job_succeeded/);
  expect(haystacks.export).toMatch(/connector\.configured/);
});
