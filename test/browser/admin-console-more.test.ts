// More of the agent and admin surfaces in a real browser: a licensed non-admin opening the admin console
// gets one "admins only" message and no controls (the admin gets the tabs for the Overview's one
// overview.get call); the approvals filters and a sorted column; the Catalog's status, risk and category
// filters, approving a proposed tool and retiring one with a reason; Provisioning applied with its progress
// shown. axe-core finds no serious or critical violation on any of these states.
import type { Frame, Page } from 'playwright-core';
import { seriousAxeViolations, settle, useRig } from './harness';
import { aiClearance, fileRequest } from './scenario';

jest.setTimeout(180_000);

const theRig = useRig();

async function expectAccessible(frame: Frame, where: string): Promise<void> {
  expect({ where, violations: await seriousAxeViolations(frame) }).toEqual({ where, violations: [] });
}

const panel = (frame: Frame) => frame.locator('[role=tabpanel]:not([hidden])');

/** Picks `value` in the Atlaskit select labelled `label` (a FilterSelect) inside `scope`. */
async function choose(frame: Frame, label: string, value: string): Promise<void> {
  const input = frame.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Enter');
}

/** Counts the page's resolver calls by name (the host page posts each invoke to its session). */
function countCalls(page: Page): Map<string, number> {
  const calls = new Map<string, number>();
  page.on('request', (r) => {
    if (!r.url().endsWith('/invoke') || r.method() !== 'POST') return;
    const name = (JSON.parse(r.postData() ?? '{}') as { functionKey?: string }).functionKey ?? '';
    calls.set(name, (calls.get(name) ?? 0) + 1);
  });
  return calls;
}

interface CatalogEntry {
  id: string;
  name: string;
  status: string;
  risk: string;
  category: string;
}

async function catalog(): Promise<CatalogEntry[]> {
  const res = await theRig().api(
    'POST',
    '/__sandbox/invoke',
    { functionKey: 'admin-resolver', functionName: 'catalog.list', payload: {} },
    'admin@example.com',
  );
  return res.json.result.entries as CatalogEntry[];
}

describe('admin console for someone who is not a Jira admin', () => {
  it('shows one "admins only" message and no tabs or controls to a licensed agent', async () => {
    const { frame, problems } = await theRig().open('ai-clearance-admin', 'agent@example.com');
    await frame.getByText('AI Clearance settings are for Jira admins only.').waitFor();
    expect(await frame.locator('#root').innerText()).toContain('Ask a Jira admin');
    expect(await frame.getByRole('tab').count()).toBe(0);
    expect(await frame.getByRole('tabpanel').count()).toBe(0);
    expect(await frame.getByRole('button').count()).toBe(0);
    expect(await frame.locator('input, textarea, select').count()).toBe(0);
    expect(await frame.getByText('Something went wrong').count()).toBe(0);
    await expectAccessible(frame, 'admin console, not an admin');
    expect(problems).toEqual([]);
  });

  it('gives an admin the tabs, and the Overview reuses the check: overview.get is called once', async () => {
    const rig = theRig();
    const context = await rig.browser.newContext();
    const page = await context.newPage();
    const calls = countCalls(page);
    await page.goto(`${rig.url}/__sandbox/ui/ai-clearance-admin?user=admin%40example.com`);
    const frame = (await (await page.waitForSelector('#module-frame')).contentFrame()) as Frame;
    await panel(frame).getByText('Waiting for approval').waitFor();
    expect(await frame.getByRole('tab').count()).toBe(8);
    await page.waitForLoadState('networkidle');
    expect(calls.get('overview.get')).toBe(1);
    expect(await frame.getByText('for Jira admins only').count()).toBe(0);
    await context.close();
  });
});

describe('approvals filters and sorting', () => {
  const filed: Record<string, string> = {};
  beforeAll(async () => {
    const rig = theRig();
    // Three requests, oldest first, each longer than its tool's auto-approval allows, so all three wait.
    for (const [id, name, days] of [
      ['chatgpt-enterprise', 'ChatGPT Enterprise', 30],
      ['openai-api', 'OpenAI API platform', 14],
      ['github-copilot-business', 'GitHub Copilot Business', 30],
    ] as const)
      filed[id] = await fileRequest(rig, 'bob@example.com', { id, name }, days);
    await settle(rig);
  });

  const keysShown = async (frame: Frame) =>
    (await frame.locator('tbody tr').allInnerTexts()).map((t) => /AIC-\d+/.exec(t)?.[0]).filter(Boolean);

  it('filters by risk and waiting time, and sorts by how long each has waited', async () => {
    const entries = await catalog();
    const riskOf = (id: string) => entries.find((e) => e.id === id)?.risk;
    for (const id of Object.keys(filed))
      expect((await aiClearance(theRig(), filed[id])).status).toBe('pending_approval');
    const { frame, problems } = await theRig().open('ai-clearance-queues', 'agent@example.com');
    await frame.getByRole('checkbox', { name: `Select ${filed['openai-api']}` }).waitFor();
    const all = Object.values(filed);
    // Default: the longest waiting first, so in the order they were filed.
    expect(await keysShown(frame)).toEqual(all);

    const risk = riskOf('openai-api') ?? '';
    await choose(frame, 'Risk', risk);
    const sameRisk = Object.keys(filed)
      .filter((id) => riskOf(id) === risk)
      .map((id) => filed[id]);
    await frame.getByText(`${sameRisk.length} of 3 requests waiting for a decision`).waitFor();
    expect(await keysShown(frame)).toEqual(sameRisk);
    expect(sameRisk.length).toBeLessThan(3);
    for (const row of await frame.locator('tbody tr').allInnerTexts()) expect(row).toContain(risk);
    await expectAccessible(frame, 'approvals filtered by risk');

    await choose(frame, 'Risk', 'Any');
    await choose(frame, 'Waiting', 'Over 1 day');
    await frame.getByText('Nothing matches: clear a filter, or nothing is waiting.').waitFor();
    await choose(frame, 'Waiting', 'Any');
    await frame.getByText('3 of 3 requests waiting for a decision').waitFor();

    // The Waiting column sorts: once more for the shortest waits first.
    await frame.getByRole('columnheader', { name: 'Waiting' }).click();
    await frame.waitForFunction(
      (first) => document.querySelector('tbody tr')?.textContent?.includes(first) === true,
      all[2],
    );
    expect(await keysShown(frame)).toEqual([...all].reverse());
    await expectAccessible(frame, 'approvals sorted by waiting');
    expect(problems).toEqual([]);
  });
});

describe('admin Catalog filters and lifecycle', () => {
  it('filters by status, risk and category, approves a proposed tool and retires one with a reason', async () => {
    const entries = await catalog();
    const { frame, problems } = await theRig().open('ai-clearance-admin', 'admin@example.com');
    await frame.getByRole('tab', { name: 'Catalog' }).click();
    const total = entries.length;
    await panel(frame).getByText(`${total} of ${total} tools`).waitFor();

    const proposed = entries.filter((e) => e.status === 'proposed');
    expect(proposed.length).toBeGreaterThan(0);
    await choose(frame, 'Status', 'proposed');
    await panel(frame).getByText(`${proposed.length} of ${total} tools`).waitFor();
    const high = proposed.filter((e) => e.risk === 'high');
    await choose(frame, 'Risk', 'high');
    await panel(frame).getByText(`${high.length} of ${total} tools`).waitFor();
    await choose(frame, 'Risk', 'Any');
    const category = proposed[0].category;
    const inCategory = proposed.filter((e) => e.category === category);
    await choose(frame, 'Category', category);
    await panel(frame).getByText(`${inCategory.length} of ${total} tools`).waitFor();
    const rows = await panel(frame).locator('tbody tr').allInnerTexts();
    expect(rows.length).toBe(Math.min(inCategory.length, 25));
    for (const row of rows) {
      expect(row).toContain(category);
      expect(row).toContain('proposed');
    }
    await expectAccessible(frame, 'admin Catalog filtered');

    // Approve the first proposed tool of that category.
    const toApprove = inCategory[0];
    await panel(frame).getByRole('button', { name: toApprove.name, exact: true }).click();
    let dialog = frame.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await dialog.getByText(`${toApprove.name}: approved`).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await settle(theRig());
    expect((await catalog()).find((e) => e.id === toApprove.id)?.status).toBe('requestable');
    // It left the "proposed" list.
    await panel(frame)
      .getByText(`${inCategory.length - 1} of ${total} tools`)
      .waitFor();

    // Retire a requestable tool: it is suspended first, and Retire waits for a reason.
    await choose(frame, 'Category', 'Any');
    await choose(frame, 'Status', 'Any');
    const toRetire = (await catalog()).find((e) => e.status === 'requestable' && e.id !== toApprove.id);
    if (!toRetire) throw new Error('no requestable tool to retire');
    await panel(frame).getByLabel('Search').fill(toRetire.name);
    await panel(frame).getByRole('button', { name: toRetire.name, exact: true }).click();
    dialog = frame.getByRole('dialog');
    const retire = dialog.getByRole('button', { name: 'Retire', exact: true });
    expect(await retire.count()).toBe(0);
    await dialog.getByText('To retire this tool, suspend it first').waitFor();
    await dialog.getByLabel(/^Reason/).fill('Replaced by the company-wide assistant');
    await dialog.getByRole('button', { name: 'Suspend', exact: true }).click();
    await dialog.getByText(`${toRetire.name}: suspended.`).waitFor();
    await dialog.getByLabel(/^Reason/).fill('');
    expect(await retire.isDisabled()).toBe(true);
    await dialog.getByLabel(/^Reason/).fill('Replaced by the company-wide assistant');
    await retire.click();
    await dialog.getByText(`${toRetire.name}: retired.`).waitFor();
    await expectAccessible(frame, 'catalog tool dialog (retired)');
    await settle(theRig());
    expect((await catalog()).find((e) => e.id === toRetire.id)?.status).toBe('retired');
    expect(problems).toEqual([]);
  });
});

describe('admin Provisioning', () => {
  it('finds a deleted filter as drift, applies the templates with progress until done, and the drift is gone', async () => {
    const rig = theRig();
    const { frame, problems } = await rig.open('ai-clearance-admin', 'admin@example.com');
    await frame.getByRole('tab', { name: 'Provisioning' }).click();
    await panel(frame)
      .getByText(/Project AIC: 0 create, 0 update, \d+ unchanged/)
      .waitFor();
    const check = panel(frame).getByRole('button', { name: 'Check for drift' });
    await check.click();
    await panel(frame).getByText('No drift: the site matches the templates.').waitFor();

    // Someone deletes one of the app's queue filters in Jira.
    const filters = await rig.api('GET', '/rest/api/3/filter/search?expand=jql', undefined, 'admin@example.com');
    const filter = (filters.json.values as Array<{ id: string; name: string; jql?: string }>).find((f) =>
      /project = AIC/i.test(f.jql ?? ''),
    );
    if (!filter) throw new Error(`no AIC filter in ${JSON.stringify(filters.json)}`);
    const deleted = await rig.api('DELETE', `/rest/api/3/filter/${filter.id}`, undefined, 'admin@example.com');
    expect(deleted.status).toBe(204);
    await check.click();
    const gone = panel(frame).getByText(/was provisioned but is gone from Jira; apply recreates it\./);
    await gone.waitFor();
    expect(await gone.count()).toBe(1);
    expect(await gone.innerText()).toContain(filter.name);

    await panel(frame).getByRole('button', { name: 'Apply the templates' }).click();
    const run = panel(frame).getByRole('status').filter({ hasText: /^Run / });
    await run.waitFor();
    expect(await run.innerText()).toMatch(/^Run \S+: (running|done), \d+ of [1-9]\d* steps/);
    const bar = panel(frame).getByRole('progressbar', { name: 'Provisioning progress' });
    await bar.waitFor();
    await settle(rig);
    await panel(frame)
      .getByRole('status')
      .filter({ hasText: /^Run \S+: done, (\d+) of \1 steps/ })
      .waitFor({ timeout: 60_000 });
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
    expect(await panel(frame).getByRole('button', { name: 'Apply the templates' }).isDisabled()).toBe(false);
    await expectAccessible(frame, 'admin Provisioning (applied)');

    await check.click();
    await panel(frame).getByText('No drift: the site matches the templates.').waitFor();
    expect(problems).toEqual([]);
  });
});
