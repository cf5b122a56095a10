// The agent and admin surfaces in a real browser over the sandbox: the agent approves from the issue
// panel (and sees a refusal before the click), bulk-declines from the approvals page, the admin suspends
// a tool and sees its pending requests declined, every admin tab renders real data, and axe-core finds no
// serious or critical violation on any of these surfaces.
import type { Frame, Locator } from 'playwright-core';
import { seriousAxeViolations, settle, startRig, type BrowserRig } from './harness';

jest.setTimeout(180_000);

let rig: BrowserRig;
let ids: { requestTypeId: string; fields: Record<string, string> };
beforeAll(async () => {
  rig = await startRig();
  const types = await rig.api('GET', '/rest/servicedeskapi/servicedesk/1/requesttype', undefined, 'alice@example.com');
  const access = (types.json.values as Array<{ id: string; name: string }>).find(
    (t) => t.name === 'Request access to an AI tool',
  );
  const fields = (await rig.api('GET', '/rest/api/3/field', undefined, 'admin@example.com')).json as Array<{
    id: string;
    name: string;
  }>;
  if (!access) throw new Error('the sandbox has no "Request access to an AI tool" request type');
  ids = { requestTypeId: access.id, fields: Object.fromEntries(fields.map((f) => [f.name, f.id])) };
});
afterAll(async () => {
  await rig?.close();
});

const PURPOSE = 'Summarising customer interview notes for the research team';

/** A customer files a request through JSM's REST API, as the portal form does; the app's work settles. */
async function fileRequest(who: string, tool: string, days: number): Promise<string> {
  const res = await rig.api(
    'POST',
    '/rest/servicedeskapi/request',
    {
      serviceDeskId: '1',
      requestTypeId: ids.requestTypeId,
      requestFieldValues: {
        summary: `Access to ${tool}`,
        [ids.fields['AI tool']]: { value: tool },
        [ids.fields['Business purpose']]: PURPOSE,
        [ids.fields['Access duration (days)']]: days,
      },
    },
    who,
  );
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.json)}`);
  await settle(rig);
  return String(res.json.issueKey);
}

/** The app's record of a request, as the aiClearance issue property shows it. */
async function appStatus(key: string): Promise<{ status: string; [k: string]: unknown }> {
  const res = await rig.api('GET', `/rest/api/3/issue/${key}/properties/aiClearance`, undefined, 'agent@example.com');
  return res.json.value;
}

async function expectAccessible(frame: Frame, where: string): Promise<void> {
  const violations = await seriousAxeViolations(frame);
  expect({ where, violations }).toEqual({ where, violations: [] });
}

describe('agent issue panel', () => {
  it('shows the facts and approves a shorter duration; the request is approved with that many days', async () => {
    const key = await fileRequest('alice@example.com', 'ChatGPT Enterprise', 30);
    const { frame, problems } = await rig.open('ai-clearance-agent-panel', 'agent@example.com', { issue: key });
    await frame.getByRole('button', { name: 'Approve' }).waitFor();
    const text = await frame.locator('#root').innerText();
    expect(text).toContain('ChatGPT Enterprise for Alice Customer');
    expect(text).toContain('medium risk');
    expect(text).toMatch(/30 days requested; policy allows up to 90 days/);
    expect(text).toContain('No other open request or live access for this person and tool.');
    expect(text).toContain('ai-clearance-approvers');
    expect(text).toMatch(/Request chain intact \(\d+ events\)/);
    await expectAccessible(frame, 'agent panel (pending)');

    await frame.getByLabel('Days to grant').fill('20');
    await frame.getByRole('button', { name: 'Approve' }).click();
    await frame.getByText('Grant chain intact').waitFor();
    await settle(rig);
    const after = await appStatus(key);
    expect(after.status).not.toBe('pending_approval');
    expect(['pending_fulfilment', 'active']).toContain(after.status);
    expect(await frame.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await frame.locator('#root').innerText()).toContain('Request approved');
    expect(await frame.locator('#root').innerText()).toContain('By an approver, 20 days');
    await expectAccessible(frame, 'agent panel (decided)');
    expect(problems).toEqual([]);
  });

  it('says before the click that the requester cannot approve their own request, and the button is disabled', async () => {
    const key = await fileRequest('admin@example.com', 'Claude for Work (Team and Enterprise)', 14);
    const { frame } = await rig.open('ai-clearance-agent-panel', 'admin@example.com', { issue: key });
    await frame.getByText('You cannot approve this request').waitFor();
    expect(await frame.locator('#root').innerText()).toContain('separation of duties');
    expect(await frame.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    // Decline stays possible, once a rationale is written.
    const decline = frame.getByRole('button', { name: 'Decline' });
    expect(await decline.isDisabled()).toBe(true);
    await frame.getByLabel('Why decline? (the requester reads this)').fill('Filed by mistake');
    expect(await decline.isDisabled()).toBe(false);
    expect((await appStatus(key)).status).toBe('pending_approval');
  });
});

describe('approvals (queue page)', () => {
  it('bulk-declines two requests with one rationale and shows a result per request', async () => {
    const first = await fileRequest('alice@example.com', 'GitHub Copilot Business', 30);
    const second = await fileRequest('bob@example.com', 'GitHub Copilot Business', 30);
    const { page, frame, problems } = await rig.open('ai-clearance-queues', 'agent@example.com');
    await frame.getByRole('checkbox', { name: `Select ${first}` }).waitFor();
    await expectAccessible(frame, 'approvals page');
    // An issue key opens the issue in the product (router.navigate with a relative URL).
    await frame.getByRole('button', { name: first, exact: true }).click();
    await page.locator('#host-status').getByText(`/browse/${first}`).waitFor();
    await frame.getByRole('checkbox', { name: `Select ${first}` }).check();
    await frame.getByRole('checkbox', { name: `Select ${second}` }).check();
    await frame.getByLabel('Rationale (required to decline; the requesters read it)').fill('No budget this quarter');
    await frame.getByRole('button', { name: 'Decline 2' }).click();
    const results = frame.getByRole('region', { name: 'Results of decline' });
    await results.waitFor();
    const text = await results.innerText();
    expect(text).toContain(first);
    expect(text).toContain(second);
    expect(text.match(/declined/g)?.length).toBe(2);
    await settle(rig);
    expect((await appStatus(first)).status).toBe('declined');
    expect((await appStatus(second)).status).toBe('declined');
    // The decided requests leave the list.
    await frame.getByRole('checkbox', { name: `Select ${first}` }).waitFor({ state: 'detached' });
    await expectAccessible(frame, 'approvals page (after a bulk decision)');
    expect(problems).toEqual([]);
  });
});

describe('approvals tab of My AI access', () => {
  it('shows an agent the requests waiting for a decision next to their own access', async () => {
    const key = await fileRequest('alice@example.com', 'Claude for Work (Team and Enterprise)', 30);
    expect((await appStatus(key)).status).toBe('pending_approval');
    const { frame, problems } = await rig.open('ai-clearance-my-access', 'agent@example.com');
    await frame.getByRole('tab', { name: 'Approvals' }).click();
    await frame.getByRole('checkbox', { name: `Select ${key}` }).waitFor();
    await expectAccessible(frame, 'My AI access, Approvals tab');
    expect(problems).toEqual([]);
  });
});

describe('admin console', () => {
  async function openTab(frame: Frame, name: string): Promise<void> {
    await frame.getByRole('tab', { name }).click();
  }
  const panel = (frame: Frame) => frame.locator('[role=tabpanel]:not([hidden])');

  it('suspends a tool with a reason and its pending request is declined', async () => {
    const key = await fileRequest('bob@example.com', 'OpenAI API platform', 14);
    expect((await appStatus(key)).status).toBe('pending_approval');
    const { frame } = await rig.open('ai-clearance-admin', 'admin@example.com');
    await openTab(frame, 'Catalog');
    await frame.getByLabel('Search').fill('OpenAI API');
    await frame.getByRole('button', { name: 'OpenAI API platform' }).click();
    const dialog = frame.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(frame, 'catalog tool dialog');
    await dialog.getByLabel(/^Reason/).fill('Vendor changed its data retention terms');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await dialog.getByText(/Pending requests declined: 1/).waitFor();
    await settle(rig);
    expect((await appStatus(key)).status).toBe('declined');
  });

  it('charts requests per day by status, risk and tool, and a bar opens the JQL of its requests', async () => {
    const { page, frame, problems } = await rig.open('ai-clearance-admin', 'admin@example.com');
    await panel(frame).getByRole('heading', { name: 'Most requested tools' }).waitFor();
    const navigations = () =>
      page.evaluate(() =>
        (window as unknown as { __aicHost: { navigations: Array<{ url: string }> } }).__aicHost.navigations.map(
          (n) => n.url,
        ),
      );
    /** Clicks a bar; it must navigate once more, to the issue navigator: the JQL it opened. */
    const jqlOpenedBy = async (bar: Locator) => {
      const before = (await navigations()).length;
      await bar.click();
      // router.navigate reaches the host by postMessage: wait for it to land, then count exactly one.
      await page.waitForFunction(
        (n) => (window as unknown as { __aicHost: { navigations: unknown[] } }).__aicHost.navigations.length > n,
        before,
      );
      const after = await navigations();
      expect(after).toHaveLength(before + 1);
      const url = after.at(-1) ?? '';
      expect(url.startsWith('/issues/?jql=')).toBe(true);
      return decodeURIComponent(url.slice('/issues/?jql='.length));
    };
    for (const [chart, alias] of [
      ['Requests per day, by status', 'aicDecision'],
      ['Requests per day, by risk', 'aicRisk'],
      ['Requests per day, by tool', 'aicTool'],
    ] as const) {
      const figure = panel(frame).getByRole('figure', { name: chart });
      const bars = figure.locator('.recharts-bar-rectangle path');
      await bars.first().waitFor();
      expect(await bars.count()).toBeGreaterThan(0);
      expect(await jqlOpenedBy(bars.first())).toMatch(
        new RegExp(`^project = "AIC" AND created >= "\\d{4}-\\d\\d-\\d\\d" AND created < "[^"]+" AND ${alias} `),
      );
      // The table alternative has the same segments as links.
      await figure.locator('summary').click();
      expect(await figure.getByRole('table').getByRole('link').count()).toBeGreaterThan(0);
    }
    const topTools = panel(frame).getByRole('figure', { name: 'Most requested tools, as bars' });
    expect(await jqlOpenedBy(topTools.locator('.recharts-bar-rectangle path').first())).toMatch(
      /^project = "AIC" AND created >= "[^"]+" AND created < "[^"]+" AND aicTool = "[a-z0-9-]+"$/,
    );
    await expectAccessible(frame, 'admin Overview (insights charts, tables open)');
    expect(problems).toEqual([]);
  });

  it('renders every tab with real data, accessibly', async () => {
    const { frame, problems } = await rig.open('ai-clearance-admin', 'admin@example.com');
    await panel(frame).getByText('Waiting for approval').waitFor();
    await panel(frame)
      .getByText(/Insights unavailable|Most requested tools/)
      .waitFor();
    await expectAccessible(frame, 'admin Overview');

    await openTab(frame, 'Catalog');
    await panel(frame)
      .getByText(/\d+ of \d+ tools/)
      .waitFor();
    await panel(frame).getByLabel('Search').fill('chatgpt');
    await panel(frame).getByRole('button', { name: 'ChatGPT Enterprise' }).waitFor();
    expect(await panel(frame).innerText()).not.toContain('DeepL Pro');
    await expectAccessible(frame, 'admin Catalog');

    await openTab(frame, 'Policies');
    await panel(frame).getByText('Rules per risk level').waitFor();
    expect(await panel(frame).innerText()).toContain('ai-clearance-security-approvers');
    await expectAccessible(frame, 'admin Policies');

    await openTab(frame, 'Settings');
    await panel(frame).getByLabel('Jira project key').waitFor();
    expect(await panel(frame).getByLabel('Jira project key').inputValue()).toBe('AIC');
    await panel(frame)
      .getByLabel(/^Retention/)
      .fill('0');
    await panel(frame).getByRole('button', { name: 'Save settings' }).click();
    await panel(frame)
      .getByText(/Whole days from 1 to 36500/)
      .waitFor();
    await expectAccessible(frame, 'admin Settings');

    await openTab(frame, 'Provisioning');
    await panel(frame)
      .getByText(/Project AIC: \d+ create, \d+ update, \d+ unchanged/)
      .waitFor();
    // The sandbox provisioned the site on first start and nothing here changed it since.
    await panel(frame).getByRole('button', { name: 'Check for drift' }).click();
    await panel(frame).getByText('No drift: the site matches the templates.').waitFor();
    await expectAccessible(frame, 'admin Provisioning');

    await openTab(frame, 'Governance log');
    await panel(frame).getByRole('button', { name: 'Verify the whole log' }).click();
    await panel(frame).getByText('Chain intact').waitFor();
    await panel(frame).getByRole('button', { name: 'Show events' }).click();
    await panel(frame)
      .getByText(/^\d+ events( so far)?$/)
      .waitFor();
    await expectAccessible(frame, 'admin Governance log');

    expect(problems).toEqual([]);
  });

  /** Picks `value` in the Atlaskit select labelled `label`. */
  async function choose(frame: Frame, label: string, value: string): Promise<void> {
    const input = panel(frame).getByLabel(label, { exact: true });
    await input.fill(value);
    await input.press('Enter');
  }

  it("edits a tool's vendor and data-handling facts, and finds the change in the governance log by subject", async () => {
    const { frame, problems } = await rig.open('ai-clearance-admin', 'admin@example.com');
    await openTab(frame, 'Catalog');
    await panel(frame).getByLabel('Search').fill('DeepL');
    await panel(frame).getByRole('button', { name: 'DeepL Pro' }).click();
    const dialog = frame.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Vendor', { exact: true }).fill('DeepL GmbH');
    await dialog.getByLabel('Retention', { exact: true }).fill('Deleted 7 days after translation');
    await dialog.getByLabel(/^Data residency/).fill('EU, US');
    const soc2 = dialog.getByRole('checkbox', { name: 'SOC 2' });
    const hadSoc2 = await soc2.isChecked();
    await soc2.click();
    // New facts under the old assessment date: the form says what to do (the server would refuse it).
    await dialog.getByText(/set “Assessed on” to the day you reassessed them/).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await dialog.getByLabel('Assessed on').fill(today);
    await expectAccessible(frame, 'catalog tool dialog (edit form)');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('DeepL Pro: saved.').waitFor();
    await dialog.getByText('DeepL GmbH (https://').waitFor();
    const facts = await dialog.locator('.aic-facts').innerText();
    expect(facts).toContain('retention: Deleted 7 days after translation');
    expect(facts).toContain(`SOC 2 ${hadSoc2 ? 'no' : 'yes'}`);
    expect(facts).toContain('residency EU, US');
    expect(facts).toContain(`${today} (version`);
    // The form starts again from what was saved.
    expect(await dialog.getByLabel('Vendor', { exact: true }).inputValue()).toBe('DeepL GmbH');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await openTab(frame, 'Governance log');
    await choose(frame, 'Subject type', 'catalog');
    await panel(frame)
      .getByLabel(/^Subject id/)
      .fill('deepl-pro');
    await panel(frame).getByRole('button', { name: 'Show events' }).click();
    // The edit's event names exactly the facts that changed (the tool's creation event names them all).
    const edited = panel(frame).getByRole('row').filter({ hasText: 'vendor, dataHandling, assessedOn' });
    await edited.waitFor();
    const row = await edited.innerText();
    expect(row).toContain('catalog:deepl-pro');
    expect(row).toMatch(/edited/i);
    await panel(frame).getByRole('button', { name: 'Verify this chain' }).click();
    await panel(frame).getByText('Chain intact').waitFor();
    await expectAccessible(frame, 'admin Governance log (one subject)');
    expect(problems).toEqual([]);
  });

  it('pages through the log: Load more reads on with the same filter until the end', async () => {
    // More settings changes than one page holds.
    for (let i = 0; i < 210; i++) {
      const r = await rig.api(
        'POST',
        '/__sandbox/invoke',
        { functionKey: 'admin-resolver', functionName: 'settings.update', payload: { retentionDays: 500 + (i % 2) } },
        'admin@example.com',
      );
      expect(r.json.result?.error).toBeUndefined();
    }
    const { frame, problems } = await rig.open('ai-clearance-admin', 'admin@example.com');
    await openTab(frame, 'Governance log');
    await choose(frame, 'Subject type', 'settings');
    await panel(frame).getByRole('button', { name: 'Show events' }).click();
    await panel(frame)
      .getByText(/^\d+ events so far$/)
      .waitFor();
    await panel(frame)
      .getByText(/^Searched up to .*; there is more to search\.$/)
      .waitFor();
    const first = Number((await panel(frame).locator('caption').innerText()).split(' ')[0]);
    expect(first).toBeGreaterThanOrEqual(100);
    await expectAccessible(frame, 'admin Governance log (a page with more)');
    for (let clicks = 0; clicks < 5; clicks++) {
      const more = panel(frame).getByRole('button', { name: 'Load more' });
      if ((await more.count()) === 0) break;
      await more.click();
      await panel(frame)
        .getByRole('button', { name: 'Load more', disabled: false })
        .or(panel(frame).getByText(/^\d+ events$/))
        .first()
        .waitFor();
    }
    await panel(frame)
      .getByText(/^\d+ events$/)
      .waitFor();
    const all = Number((await panel(frame).locator('caption').innerText()).split(' ')[0]);
    expect(all).toBeGreaterThanOrEqual(210);
    expect(all).toBeGreaterThan(first);
    const rows = await panel(frame).locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(all);
    expect(rows.every((r) => r.includes('settings:app'))).toBe(true);
    expect(new Set(rows).size).toBe(rows.length);
    expect(problems).toEqual([]);
  });
});
