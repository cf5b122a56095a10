// The admin console's Evidence tab in a real browser over the sandbox: the admin starts a CSV export of
// requests, follows it to the end, downloads it (every chunk checked against its SHA-256 in the page, the
// file offered as a Blob URL) and the downloaded bytes are CSV whose rows are the sandbox's requests; an
// evidence pack of one ticket downloads its four files; axe-core finds no serious or critical violation.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Frame, Page } from 'playwright-core';
import { seriousAxeViolations, settle, startRig, type BrowserRig } from './harness';

jest.setTimeout(180_000);

let rig: BrowserRig;
let filed: string[] = [];
const PURPOSE = 'Summarising customer interview notes for the research team';

async function fileRequest(who: string, tool: string, days: number): Promise<string> {
  const types = await rig.api('GET', '/rest/servicedeskapi/servicedesk/1/requesttype', undefined, who);
  const access = (types.json.values as Array<{ id: string; name: string }>).find(
    (t) => t.name === 'Request access to an AI tool',
  );
  const fields = (await rig.api('GET', '/rest/api/3/field', undefined, 'admin@example.com')).json as Array<{
    id: string;
    name: string;
  }>;
  const id = (name: string) => fields.find((f) => f.name === name)?.id ?? name;
  const res = await rig.api(
    'POST',
    '/rest/servicedeskapi/request',
    {
      serviceDeskId: '1',
      requestTypeId: access?.id,
      requestFieldValues: {
        summary: `Access to ${tool}`,
        [id('AI tool')]: { value: tool },
        [id('Business purpose')]: PURPOSE,
        [id('Access duration (days)')]: days,
      },
    },
    who,
  );
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.json)}`);
  await settle(rig);
  return String(res.json.issueKey);
}

/** The app's stamp on a ticket (the aiClearance issue property): which tool its request is for. */
async function stampedTool(key: string): Promise<string> {
  const res = await rig.api('GET', `/rest/api/3/issue/${key}/properties/aiClearance`, undefined, 'agent@example.com');
  expect(res.status).toBe(200);
  return String(res.json.value.toolId);
}

async function downloaded(page: Page, frame: Frame, name: RegExp): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('link', { name }).click()]);
  const file = await download.path();
  return fs.readFileSync(file, 'utf8');
}

beforeAll(async () => {
  rig = await startRig();
  filed = [
    await fileRequest('alice@example.com', 'ChatGPT Enterprise', 30),
    await fileRequest('bob@example.com', 'DeepL Pro', 14),
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
