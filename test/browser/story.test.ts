// The whole story across the surfaces, in Chromium: a new person files a request through the portal
// panel by keyboard only, the agent approves it from the issue panel, IT marks it set up, and the person
// sees it in My AI access and extends it from the request detail.
import { seriousAxeViolations, settle, startRig, type BrowserRig } from './harness';
import { addPerson, aiClearance, confirmExtension, fileByKeyboard } from './scenario';

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startRig();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

it('files by keyboard, is approved from the issue panel, shows in My AI access and is extended from the detail', async () => {
  // A Jira licence, because My AI access (jira:globalPage) has no unlicensed access (UI-12).
  await addPerson(rig, 'erin@example.com', 'Erin Engineer', true);
  const portal = await rig.open('ai-clearance-request-panel', 'erin@example.com');
  const key = await fileByKeyboard(portal, {
    summary: 'ChatGPT for interview notes',
    toolName: 'ChatGPT Enterprise',
    toolSearch: 'ChatGPT',
    purpose: 'Summarising customer interview notes for the research team',
    days: 30,
  });
  expect(key).toMatch(/^AIC-\d+$/);
  await settle(rig);
  expect(await aiClearance(rig, key)).toMatchObject({ toolId: 'chatgpt-enterprise', status: 'pending_approval' });

  const panel = await rig.open('ai-clearance-agent-panel', 'agent@example.com', { issue: key });
  await panel.frame.getByText('ChatGPT Enterprise for Erin Engineer').waitFor();
  await panel.frame.getByRole('button', { name: 'Approve' }).click();
  await panel.frame.getByText('Grant chain intact').waitFor();
  await settle(rig);
  expect(await aiClearance(rig, key)).toMatchObject({ status: 'pending_fulfilment' });
  // IT sets the tool up and marks it fulfilled (the workflow's Mark fulfilled transition).
  const fulfilled = await rig.api(
    'POST',
    `/rest/api/3/issue/${key}/transitions`,
    { transition: { id: '51' } },
    'agent@example.com',
  );
  expect(fulfilled.status).toBe(204);
  await settle(rig);
  expect(await aiClearance(rig, key)).toMatchObject({ status: 'active' });

  const access = await rig.open('ai-clearance-my-access', 'erin@example.com');
  await access.frame.waitForSelector('text=ChatGPT Enterprise');
  expect(await access.frame.textContent('table')).toContain('Active');
  expect(await seriousAxeViolations(access.frame)).toEqual([]);

  const detail = await rig.open('ai-clearance-request-detail', 'erin@example.com', { issue: key });
  await detail.frame.waitForSelector('text=Access until');
  await detail.frame.click('role=button[name="Extend"]');
  await detail.frame.waitForSelector('role=dialog');
  expect(await confirmExtension(detail, 14, 'The study runs two more weeks')).toMatch(
    /Your extension request is AIC-\d+/,
  );
  await settle(rig);
  for (const opened of [portal, panel, access, detail]) expect(opened.problems).toEqual([]);
}, 180_000);
