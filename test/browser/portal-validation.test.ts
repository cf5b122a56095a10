// The portal's request-create panel keeps the portal's Create from filing a draft that is not valid
// (platform-contract.md UI-2): with no tool picked Create is refused and no ticket appears; a duration over
// the tool's limit is shown and submitted as not valid. The panel on the extension and hand-back request
// types offers only the person's live access (no days for a hand-back), and on a request type that is not the
// app's it submits no fields and isValid true. `npm start` says how to get an issue key for the issue URLs.
// axe-core finds no serious or critical violation on any of these.
import type { Page } from 'playwright-core';
import { seriousAxeViolations, settle, type BrowserRig, useRig } from './harness';
import { addPerson, approve, fileRequest } from './scenario';

jest.setTimeout(180_000);

const theRig = useRig();

interface Submitted {
  fields?: Array<{ key: string; value: Record<string, unknown> }>;
  isValid?: boolean;
}

/** What the panel last handed the portal form with view.submit (the host page keeps it). */
async function submitted(page: Page): Promise<Submitted | undefined> {
  return page.evaluate(() => (window as unknown as { __aicHost: { submitted?: Submitted } }).__aicHost.submitted);
}

/** Waits until the panel's last submission says `isValid` (it checks each draft with portal.validate first). */
async function untilSubmitted(page: Page, isValid: boolean): Promise<void> {
  await page.waitForFunction(
    (valid) => (window as unknown as { __aicHost: { submitted?: Submitted } }).__aicHost.submitted?.isValid === valid,
    isValid,
    { timeout: 10_000 },
  );
}

/** The issue keys of the requests a person has filed, as the portal lists them. */
async function keysOf(rig: BrowserRig, email: string): Promise<string[]> {
  const mine = await rig.api('GET', '/rest/servicedeskapi/request', undefined, email);
  return (mine.json.values as Array<{ issueKey: string }>).map((r) => r.issueKey);
}

/** A catalog entry's durations, as the admin sees them (the panel's hint and default come from them). */
async function durations(rig: BrowserRig, toolId: string): Promise<{ defaultDays: number; maxDays: number }> {
  const res = await rig.api(
    'POST',
    '/__sandbox/invoke',
    { functionKey: 'admin-resolver', functionName: 'catalog.list', payload: {} },
    'admin@example.com',
  );
  const entries = res.json.result.entries as Array<{ id: string; defaultDays: number; maxDays: number }>;
  const found = entries.find((e) => e.id === toolId);
  if (!found) throw new Error(`no catalog entry ${toolId}`);
  return found;
}

it('refuses Create while no tool is picked: no ticket is filed, and the host shows why', async () => {
  const rig = theRig();
  await addPerson(rig, 'fay@example.com', 'Fay Customer', false);
  const { page, frame, problems } = await rig.open('ai-clearance-request-panel', 'fay@example.com');
  await frame.waitForSelector('#aic-tool');
  // On load the panel already tells the portal its draft is not valid.
  await untilSubmitted(page, false);
  expect((await submitted(page))?.fields?.[0]).toMatchObject({
    key: 'aiClearanceRequest',
    value: { v: 1, kind: 'access', toolId: '' },
  });
  expect(await seriousAxeViolations(frame)).toEqual([]);

  await page.fill('#portal-form input[name="summary"]', 'I need an AI tool');
  await frame.fill('#aic-purpose', 'Drafting replies to supplier emails');
  await page.click('#portal-form button[type="submit"]');
  await page.waitForFunction(() => /not valid/.test(document.getElementById('host-status')?.textContent ?? ''));
  expect(await page.textContent('#host-status')).toContain(
    "The app's request-create panel reports its fields as not valid",
  );
  expect(await page.textContent('#portal-created')).not.toMatch(/AIC-\d+/);
  expect(await keysOf(rig, 'fay@example.com')).toEqual([]);
  expect(problems).toEqual([]);
});

it('preselects the default duration, and a duration over the limit is shown and submitted as not valid', async () => {
  const rig = theRig();
  const deepl = await durations(rig, 'deepl-pro');
  const { page, frame, problems } = await rig.open('ai-clearance-request-panel', 'alice@example.com');
  await frame.focus('#aic-tool');
  await page.keyboard.type('DeepL');
  await frame.waitForSelector('text=DeepL Pro');
  await page.keyboard.press('Enter');
  await frame.waitForSelector(`text=Up to ${deepl.maxDays} days (usually ${deepl.defaultDays})`);
  expect(await frame.inputValue('#aic-days')).toBe(String(deepl.defaultDays));

  await frame.fill('#aic-purpose', 'Translating supplier contracts for the legal team');
  await untilSubmitted(page, true);
  const tooLong = deepl.maxDays + 909;
  await frame.fill('#aic-days', String(tooLong));
  // portal.validate's refusal names the limit, next to the field.
  await frame.waitForSelector(`text=/at most ${deepl.maxDays}|up to ${deepl.maxDays}/i`);
  await page.waitForFunction(
    (days) => {
      const s = (window as unknown as { __aicHost: { submitted?: Submitted } }).__aicHost.submitted;
      return s?.isValid === false && s.fields?.[0]?.value.days === days;
    },
    tooLong,
    { timeout: 10_000 },
  );
  expect((await submitted(page))?.fields?.[0]?.value).toMatchObject({ toolId: 'deepl-pro', days: tooLong });
  expect(await seriousAxeViolations(frame)).toEqual([]);
  expect(problems).toEqual([]);
});

describe('the extension and hand-back request types', () => {
  let grantedTool = '';
  beforeAll(async () => {
    const rig = theRig();
    await addPerson(rig, 'gus@example.com', 'Gus Grantee', false);
    await approve(
      rig,
      await fileRequest(rig, 'gus@example.com', { id: 'chatgpt-enterprise', name: 'ChatGPT Enterprise' }, 30),
    );
    // A second request, still waiting: not live access, so neither panel offers it.
    await fileRequest(rig, 'gus@example.com', { id: 'deepl-pro', name: 'DeepL Pro' }, 200);
    grantedTool = 'ChatGPT Enterprise';
  });

  /** The names the tool picker offers, once opened. */
  async function offered(frame: import('playwright-core').Frame): Promise<string[]> {
    await frame.click('#aic-tool');
    const options = frame.locator('[id^="react-select-aic-tool-option"], [role="option"]');
    await options.first().waitFor();
    // Each option shows the name, then its risk and vendor.
    return (await options.allInnerTexts()).map((t) => t.split('\n')[0]);
  }

  it('extension: offers only live access, asks how many more days, and submits kind extension', async () => {
    const rig = theRig();
    const { page, frame, problems } = await rig.open('ai-clearance-request-panel', 'gus@example.com', {
      requestType: 'Extend AI tool access',
    });
    await frame.waitForSelector('text=Access to extend');
    expect(await frame.locator('label[for="aic-days"]').innerText()).toBe('Extend by (days)');
    expect(await offered(frame)).toEqual([grantedTool]);
    await page.keyboard.press('Enter');
    await frame.fill('#aic-purpose', 'The research project runs another month');
    await frame.fill('#aic-days', '14');
    await untilSubmitted(page, true);
    expect((await submitted(page))?.fields?.[0]?.value).toMatchObject({
      kind: 'extension',
      toolId: 'chatgpt-enterprise',
      days: 14,
    });
    expect(await seriousAxeViolations(frame)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('hand back: offers only live access, has no days field, and is not valid until a tool is picked', async () => {
    const rig = theRig();
    const { page, frame, problems } = await rig.open('ai-clearance-request-panel', 'gus@example.com', {
      requestType: 'Hand back AI tool access',
    });
    await frame.waitForSelector('text=Access to hand back');
    expect(await frame.locator('#aic-days').count()).toBe(0);
    await untilSubmitted(page, false);
    expect(await offered(frame)).toEqual([grantedTool]);
    await page.keyboard.press('Enter');
    await untilSubmitted(page, true);
    expect((await submitted(page))?.fields?.[0]?.value).toMatchObject({
      kind: 'hand_back',
      toolId: 'chatgpt-enterprise',
      days: null,
    });
    expect(await seriousAxeViolations(frame)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

it("on a request type that is not the app's, submits no fields, valid, and shows nothing", async () => {
  const rig = theRig();
  // The panel renders nothing here, so the page is opened by hand (rig.open waits for rendered content).
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  const q = new URLSearchParams({ user: 'alice@example.com', requestType: 'Propose an AI tool for the catalog' });
  await page.goto(`${rig.url}/__sandbox/ui/ai-clearance-request-panel?${q.toString()}`);
  await page.waitForFunction(
    () => (window as unknown as { __aicHost: { submitted?: Submitted } }).__aicHost.submitted !== undefined,
  );
  expect(await submitted(page)).toEqual({ fields: [], isValid: true });
  const frame = await (await page.waitForSelector('#module-frame')).contentFrame();
  if (!frame) throw new Error('the panel has no frame');
  await frame.waitForLoadState();
  expect(await frame.locator('#aic-tool').count()).toBe(0);
  expect((await frame.locator('#root').innerText()).trim()).toBe('');
  expect(await seriousAxeViolations(frame)).toEqual([]);
  await context.close();
});

it('npm start says how to get the issue key its issue URLs need, and following it works', async () => {
  const rig = theRig();
  const printed = rig.sandbox.output();
  expect(printed).toMatch(/agent-panel\?user=agent@example\.com&issue=<KEY>/);
  expect(printed).toContain('A fresh sandbox has none: file one');
  expect(printed).toContain('first with the request panel URL above');
  const before = await keysOf(rig, 'alice@example.com');
  const { page, frame } = await rig.open('ai-clearance-request-panel', 'alice@example.com');
  await page.fill('#portal-form input[name="summary"]', 'Claude for release notes');
  await frame.focus('#aic-tool');
  await page.keyboard.type('Claude');
  await page.keyboard.press('Enter');
  await frame.fill('#aic-purpose', 'Drafting release notes from engineering changelogs');
  await untilSubmitted(page, true);
  await page.click('#portal-form button[type="submit"]');
  await page.waitForSelector('#portal-created a');
  const key = (await page.textContent('#portal-created a')) ?? '';
  expect(key).toMatch(/^AIC-\d+$/);
  expect(await keysOf(rig, 'alice@example.com')).toEqual(expect.arrayContaining([...before, key]));
  await settle(rig);
  const detail = await rig.open('ai-clearance-request-detail', 'alice@example.com', { issue: key });
  await detail.frame
    .getByText(/Claude/)
    .first()
    .waitFor();
});
