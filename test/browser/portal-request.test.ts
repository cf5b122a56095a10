// A new customer files a request through the portal's request-create panel by keyboard only, in Chromium,
// on the sandbox UI host, answering each question once (the request type's own fields for them are
// optional and left empty); the ticket appears with the panel's values. axe-core finds no serious or critical
// violations on the panel. (platform-contract.md UI-1, UI-11, UI-13)
import { seriousAxeViolations, settle, useRig } from './harness';
import { addPerson, aiClearance } from './scenario';

const theRig = useRig();

it('a new customer files a request through the panel by keyboard only, and the ticket appears', async () => {
  const rig = theRig();
  const carol = await addPerson(rig, 'carol@example.com', 'Carol Customer', false);
  const { page, frame, problems } = await rig.open('ai-clearance-request-panel', 'carol@example.com');
  await frame.waitForSelector('#aic-tool');
  expect(await seriousAxeViolations(frame)).toEqual([]);

  // The request type's own AI tool / purpose / days fields are optional (the REST API's way in): the customer
  // types each answer once, in the panel.
  const required = await page.$$eval('label', (ls) =>
    ls.map((l) => l.textContent ?? '').filter((t) => /required/.test(t)),
  );
  expect(required).toEqual(['Short summary (required)']);

  const kb = page.keyboard;
  // The portal's own form first (JSM renders the request type's fields), then the app's panel, then Create.
  await kb.press('Tab');
  await kb.type('DeepL for contract translation');
  await kb.press('Tab'); // past the optional form fields, left empty
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.press('Tab'); // into the panel: the tool picker
  await kb.type('DeepL');
  await frame.waitForSelector('text=DeepL Pro');
  await kb.press('Enter');
  await frame.waitForSelector('text=Does not train on your data', { timeout: 10_000 });
  await kb.press('Tab');
  await kb.type('Translating supplier contracts for the legal team in Berlin');
  await kb.press('Tab');
  await kb.press('Control+A');
  await kb.type('60');
  // The panel checks the draft and submits it to the portal form (view.submit) on its own.
  await page.waitForFunction(
    () => {
      const s = (window as unknown as { __aicHost: { submitted?: { isValid?: boolean; fields?: unknown[] } } })
        .__aicHost.submitted;
      return s?.isValid === true && JSON.stringify(s.fields).includes('"days":60');
    },
    undefined,
    { timeout: 10_000 },
  );
  expect(await frame.textContent('body')).toContain('approved automatically');
  // Tab out of the panel to the portal's Create button.
  for (let i = 0; i < 6; i++) {
    if (await page.evaluate(() => document.activeElement?.classList.contains('host-create'))) break;
    await kb.press('Tab');
  }
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Create');
  await kb.press('Enter');
  await page.waitForFunction(() =>
    /created|\d{3}|not|must|required/i.test(document.getElementById('host-status')?.textContent ?? ''),
  );
  expect(await page.textContent('#host-status')).toMatch(/^Request AIC-\d+ created$/);
  const key = (await page.textContent('#portal-created a')) ?? '';
  expect(key).toMatch(/^AIC-\d+$/);
  await settle(rig);

  const issue = await rig.api('GET', `/rest/api/3/issue/${key}`, undefined, 'agent@example.com');
  expect(issue.json.fields.reporter.accountId).toBe(carol);
  // 60 days is within DeepL Pro's auto-approval: approved at once, waiting for IT to set it up.
  expect(await aiClearance(rig, key)).toMatchObject({ toolId: 'deepl-pro', status: 'pending_fulfilment' });
  expect(problems).toEqual([]);
}, 90_000);
