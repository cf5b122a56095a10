// The admin console's Evidence tab in a real browser over the sandbox: the admin starts a CSV export of
// requests, follows it to the end, downloads it (every chunk checked against its SHA-256 in the page, the
// file offered as a Blob URL) and the downloaded bytes are CSV whose rows are the sandbox's requests; an
// evidence pack of one ticket downloads its four files; axe-core finds no serious or critical violation.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Frame, Page } from 'playwright-core';
import { seriousAxeViolations, settle, startRig, type BrowserRig } from './harness';
import { aiClearance, fileRequest } from './scenario';

jest.setTimeout(180_000);

let rig: BrowserRig;
let filed: string[] = [];

/** The app's stamp on a ticket (the aiClearance issue property): which tool its request is for. */
async function stampedTool(key: string): Promise<string> {
  return String((await aiClearance(rig, key)).toolId);
}

async function downloaded(page: Page, frame: Frame, name: RegExp): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('link', { name }).click()]);
  const file = await download.path();
  return fs.readFileSync(file, 'utf8');
}

beforeAll(async () => {
  rig = await startRig();
  filed = [
    await fileRequest(rig, 'alice@example.com', { id: 'chatgpt-enterprise', name: 'ChatGPT Enterprise' }, 30),
    await fileRequest(rig, 'bob@example.com', { id: 'deepl-pro', name: 'DeepL Pro' }, 14),
  ];
});
afterAll(async () => {
  await rig?.close();
});

it('exports requests as CSV, downloads it checked chunk by chunk, and the rows are the sandbox requests', async () => {
  const { page, frame, problems } = await rig.open('ai-clearance-admin', 'admin@example.com');
  await frame.getByRole('tab', { name: 'Evidence' }).click();
  const panel = frame.locator('[role=tabpanel]:not([hidden])');
  await panel.getByRole('button', { name: 'Start export' }).click();
  await panel.getByText(/Export exp-[0-9a-f]+: running|Export exp-[0-9a-f]+: done/).waitFor();
  await settle(rig);
  await panel.getByText(/Export exp-[0-9a-f]+: done/).waitFor();
  expect(await seriousAxeViolations(frame).then((violations) => ({ where: 'admin Evidence', violations }))).toEqual({
    where: 'admin Evidence',
    violations: [],
  });

  await panel.getByRole('button', { name: 'Prepare download' }).click();
  const text = await downloaded(page, frame, /^Download requests-exp-[0-9a-f]+\.csv$/);
  const exportManifest = JSON.parse(
    await downloaded(page, frame, /^Download requests-exp-[0-9a-f]+\.csv\.manifest\.json$/),
  ) as {
    asOf: string;
    sha256: string;
    kind: string;
  };
  expect(exportManifest).toMatchObject({
    kind: 'requests',
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
  });
  expect(await panel.getByText(`as of ${exportManifest.asOf}`, { exact: false }).count()).toBe(1);
  const rows = parse<Record<string, string>>(text, { columns: true, record_delimiter: '\r\n' });
  const keys = rows.map((r) => r.issueKey);
  for (const key of filed) expect(keys).toContain(key);
  for (const row of rows) expect(row.toolId).toBe(await stampedTool(String(row.issueKey)));

  await panel.getByLabel('Issue key').fill(filed[0] ?? '');
  await panel.getByRole('button', { name: 'Build evidence pack' }).click();
  const manifest = JSON.parse(await downloaded(page, frame, /^Download manifest\.json$/)) as unknown;
  expect(JSON.stringify(manifest)).toContain('pack.json');
  const pack = await downloaded(page, frame, /^Download pack\.json$/);
  expect(pack).toContain(filed[0]);
  expect(problems).toEqual([]);
});

it('builds the evidence pack of a period and downloads its files, checked against the manifest', async () => {
  const { page, frame, problems } = await rig.open('ai-clearance-admin', 'admin@example.com');
  await frame.getByRole('tab', { name: 'Evidence' }).click();
  const panel = frame.locator('[role=tabpanel]:not([hidden])');
  await settle(rig);
  await panel.getByLabel('Approved from (date)').fill('2000-01-01');
  await panel.getByLabel('Approved to (date)').fill('2100-12-31');
  await panel.getByRole('button', { name: 'Build period pack' }).click();
  await panel.getByText(/\d+ grants? approved in the period/).waitFor();
  const pack = JSON.parse(await downloaded(page, frame, /^Download pack\.json$/)) as {
    scope: { from: string; to: string };
    grants: Array<{ issueKey: string }>;
  };
  expect(pack.scope).toEqual({ from: '2000-01-01T00:00:00.000Z', to: '2100-12-31T23:59:59.999Z' });
  // bob's DeepL Pro request is low risk: approved automatically, so its grant is in the period.
  expect(pack.grants.map((g) => g.issueKey)).toContain(filed[1]);
  const html = await downloaded(page, frame, /^Download pack\.html$/);
  expect(html).toContain('grants approved 2000-01-01T00:00:00.000Z to 2100-12-31T23:59:59.999Z');
  expect(await seriousAxeViolations(frame)).toEqual([]);
  expect(problems).toEqual([]);
});
