// The admin console's Connected mode tab in Chromium over `npm start`'s sandbox (both IdPs connected, the
// users mapped, Copilot and Claude bound): the admin sees both providers connected, tests a connection, is
// refused a wrong secret (the secret field is empty again), sees the seeded bindings; an unmapped
// requester's approved grant waits as a task, the admin confirms the suggested Okta user and retries it,
// and the task clears with the grant active; reconciliation reports each bound group; a CSV file with a
// wrong row imports nothing, naming the row. axe finds no serious or critical violation, and no
// credential is in the page's text or in any resolver answer the page received.
import type { Frame } from 'playwright-core';
import { accountIdOf, seriousAxeViolations, settle, useRig } from './harness';
import { aiClearance, fileRequest } from './scenario';

jest.setTimeout(180_000);
const rig = useRig();

const panel = (frame: Frame) => frame.locator('[role=tabpanel]:not([hidden])');

async function admin(functionName: string, payload: unknown = {}): Promise<any> {
  const res = await rig().api(
    'POST',
    '/__sandbox/invoke',
    { functionKey: 'admin-resolver', functionName, payload },
    'admin@example.com',
  );
  expect(res.status).toBe(200);
  return res.json.result;
}

async function expectAccessible(frame: Frame, where: string): Promise<void> {
  const violations = await seriousAxeViolations(frame);
  expect({ where, violations }).toEqual({ where, violations: [] });
}

it('shows the providers and bindings, and clears an unmapped requester’s task by a confirmed suggestion and Retry now', async () => {
  const bob = await accountIdOf(rig(), 'bob@example.com');
  // Bob is not mapped to an Okta user: his approved Copilot grant waits for a person.
  expect((await admin('identity.remove', { provider: 'okta', accountId: bob })).removed).toBe(true);
  const key = await fileRequest(
    rig(),
    'bob@example.com',
    { id: 'github-copilot-business', name: 'GitHub Copilot Business' },
    30,
  );
  const approved = await rig().api(
    'POST',
    `/rest/api/3/issue/${key}/transitions`,
    { transition: { id: '21' } },
    'agent@example.com',
  );
  expect(approved.status).toBe(204);
  await settle(rig());
  expect(await aiClearance(rig(), key)).toMatchObject({ status: 'manual_action_required' });

  const { page, frame, problems } = await rig().open('ai-clearance-admin', 'admin@example.com');
  // Every resolver answer the page receives, to search for credentials at the end.
  const answers: string[] = [];
  page.on('response', (res) => {
    if (/\/__sandbox\/ui-session\/[^/]+\/invoke$/.test(new URL(res.url()).pathname))
      void res.text().then((t) => answers.push(t));
  });
  await frame.getByRole('tab', { name: 'Connected mode' }).click();
  const tab = panel(frame);
  await tab.getByRole('heading', { name: 'Identity providers' }).waitFor();

  // Both providers connected, by their public view.
  const okta = tab.getByRole('region', { name: /^Okta/ });
  const entra = tab.getByRole('region', { name: /^Microsoft Entra ID/ });
  expect(await okta.innerText()).toMatch(
    /connected[\s\S]*https:\/\/[a-z0-9-]+\.okta\.com[\s\S]*Signs in with\s+API token/,
  );
  expect(await entra.innerText()).toMatch(/connected[\s\S]*client secret/);
  expect(await okta.innerText()).not.toMatch(/not connected/);
  expect(await entra.innerText()).not.toMatch(/not connected/);

  // Test connection proves the stored credentials again.
  await okta.getByRole('button', { name: 'Test Okta connection' }).click();
  await okta.getByText(/\(tested /).waitFor();
  expect(await okta.innerText()).toMatch(/works\s+Can read groups and change members: .*\(tested /);

  // A wrong Entra secret is refused inline; the secret field is empty again and Entra stays connected.
  const creds = (await rig().api('GET', '/__sandbox/idp/credentials')).json;
  await entra.getByRole('button', { name: 'Replace the credentials' }).click();
  await entra.getByLabel('Directory (tenant) id').fill(creds.graph.tenantId);
  await entra.getByLabel('Application (client) id').fill(creds.graph.clientId);
  const secret = entra.getByLabel("Client secret (the secret's value)");
  expect(await secret.getAttribute('type')).toBe('password');
  expect(await secret.inputValue()).toBe('');
  await secret.fill('not-the-secret-s3cr3t');
  await entra.getByRole('button', { name: 'Save the new Microsoft Entra ID credentials' }).click();
  await entra.getByText(/did not accept the connection/).waitFor();
  expect(await entra.innerText()).toMatch(
    /Credentials not replaced[\s\S]*Invalid client secret[\s\S]*Nothing was saved/,
  );
  expect(await secret.inputValue()).toBe('');
  expect((await admin('connectors.status')).providers.map((p: any) => p.connected)).toEqual([true, true]);

  // The seeded bindings.
  const bindings = tab.getByRole('region', { name: 'Bindings' });
  await bindings.getByText('AI - GitHub Copilot', { exact: false }).waitFor();
  expect(await bindings.innerText()).toContain('AI - Claude for Work');
  await expectAccessible(frame, 'Connected mode tab');

  // Bob's task: suggest his Okta user by email, confirm it, retry, and the task clears.
  const tasks = tab.getByRole('region', { name: 'Tasks' });
  await tasks.getByRole('link', { name: key, exact: true }).waitFor();
  expect(await tasks.innerText()).toMatch(/requester not mapped/);
  expect(await tasks.innerText()).toMatch(/no Okta user mapped/);
  await tasks.getByRole('button', { name: `Suggest the Okta user of ${bob}` }).click();
  await tasks.getByRole('button', { name: 'Confirm: map to bob@example.com' }).click();
  await tasks.getByText('requester not mapped').waitFor({ state: 'detached' });
  const mapping = (await admin('identity.list', { provider: 'okta' })).mappings.find((m: any) => m.accountId === bob);
  expect(mapping).toMatchObject({ source: 'suggestion', idpLogin: 'bob@example.com' });

  await tasks.getByRole('button', { name: `Retry now: ${key} add` }).click();
  await tasks.getByRole('link', { name: key, exact: true }).waitFor({ state: 'detached' });
  await settle(rig());
  await tasks.getByRole('button', { name: 'Refresh' }).click();
  await tasks.getByText('Nothing waits for a person.').waitFor();
  expect(await aiClearance(rig(), key)).toMatchObject({ status: 'active' });
  await expectAccessible(frame, 'Connected mode tab after the retry');

  // Reconciliation: bob is now in the Copilot group with a grant (the seed had him there without one).
  const reconciliation = tab.getByRole('region', { name: 'Reconciliation', exact: true });
  await reconciliation.getByRole('button', { name: 'Run reconciliation' }).click();
  const copilot = reconciliation.getByRole('region', { name: 'Reconciliation of github-copilot-business' });
  await copilot.waitFor();
  expect(await copilot.innerText()).toMatch(
    /AI - GitHub Copilot[\s\S]*1 members, 0 approved but missing, 0 present without a grant\. Report only: nobody removed\./,
  );
  expect(await reconciliation.innerText()).toMatch(/claude-for-work → Microsoft Entra ID "AI - Claude for Work"/);

  // A CSV chosen as a file is read in the page and imported all or nothing: a wrong row imports none.
  const identity = tab.getByRole('region', { name: 'Identity mapping' });
  await identity.getByLabel('CSV file').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `atlassian_account_id,provider,idp_user_id,idp_login\n${bob},okta,not an id!,bob@example.com\n`,
    ),
  });
  await identity.getByRole('button', { name: 'Import' }).click();
  await identity.getByText('Nothing was imported').waitFor();
  expect(await identity.innerText()).toMatch(/line 2, column idp_user_id/);
  expect(
    (await admin('identity.list', { provider: 'okta' })).mappings.find((m: any) => m.accountId === bob),
  ).toMatchObject({
    source: 'suggestion',
  });

  // No credential in what the page shows or received.
  const oktaKey: string = creds.okta.serviceApp.privateKeyPem;
  const keyLines = oktaKey.split('\n').filter((l) => l && !l.startsWith('-----'));
  const dom = await frame.locator('body').innerText();
  const received = answers.join('\n');
  expect(received).toMatch(/"authType":"api_token"/); // the search is not vacuous (npm start connects Okta by API token)
  for (const s of ['sandbox-okta-token', 'sandbox-graph-secret', 'not-the-secret-s3cr3t', 'PRIVATE KEY', ...keyLines])
    for (const [where, text] of Object.entries({ dom, received }))
      expect({ where, s, found: text.includes(s) }).toEqual({ where, s, found: false });
  expect(problems).toEqual([]);
});
