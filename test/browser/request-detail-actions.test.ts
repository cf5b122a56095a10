// A portal customer (no Jira licence) acts on their own requests from the portal request detail
// (jiraServiceManagement:portalRequestDetail): cancels a pending request, stops renewal of an active grant,
// then hands it back — each confirmed in a dialog, each carried out and evidenced on the ticket. axe-core
// finds no serious or critical violations on the detail or its dialogs.
import type { OpenedModule } from './harness';
import { seriousAxeViolations, settle, useRig } from './harness';
import { addPerson, aiClearance, approve, fileRequest } from './scenario';

const theRig = useRig();

/** Clicks an action, checks the dialog, confirms it, and answers the new success flag's text. */
async function confirmAction(detail: OpenedModule, action: string, dialogTitle: string): Promise<string> {
  const flagsBefore = await detail.page.locator('.host-flag-success').count();
  await detail.frame.click(`role=button[name="${action}"]`);
  await detail.frame.waitForSelector(`role=dialog >> text=${dialogTitle}`);
  expect(await seriousAxeViolations(detail.frame)).toEqual([]);
  await detail.frame.click(`role=dialog >> role=button[name="${action}"]`);
  await detail.page.waitForFunction((n) => document.querySelectorAll('.host-flag-success').length > n, flagsBefore);
  return (await detail.page.locator('.host-flag-success').last().textContent()) ?? '';
}

/** The ticket's comments that the customer sees (public), each as its plain text. */
async function publicComments(rig: ReturnType<typeof theRig>, key: string): Promise<string> {
  const res = await rig.api('GET', `/rest/api/3/issue/${key}/comment`, undefined, 'agent@example.com');
  const textOf = (node: unknown): string => {
    const n = node as { text?: string; content?: unknown[] };
    return (n.text ?? '') + (n.content ?? []).map(textOf).join('');
  };
  return (res.json.comments as Array<{ body: unknown; jsdPublic: boolean }>)
    .filter((c) => c.jsdPublic)
    .map((c) => textOf(c.body))
    .join('\n');
}

it('a customer cancels a pending request from its detail page', async () => {
  const rig = theRig();
  await addPerson(rig, 'erin@example.com', 'Erin Customer', false);
  // ChatGPT Enterprise for 30 days waits for an approver (not auto-approved).
  const key = await fileRequest(rig, 'erin@example.com', { id: 'chatgpt-enterprise', name: 'ChatGPT Enterprise' }, 30);
  expect(await aiClearance(rig, key)).toMatchObject({ status: 'pending_approval' });

  const detail = await rig.open('ai-clearance-request-detail', 'erin@example.com', { issue: key });
  await detail.frame.waitForSelector('role=button[name="Cancel request"]');
  expect(await seriousAxeViolations(detail.frame)).toEqual([]);
  // "Keep as is" closes the dialog and changes nothing.
  await detail.frame.click('role=button[name="Cancel request"]');
  await detail.frame.click('role=dialog >> role=button[name="Keep as is"]');
  await detail.frame.waitForSelector('role=dialog', { state: 'detached' });
  expect(await aiClearance(rig, key)).toMatchObject({ status: 'pending_approval' });

  expect(await confirmAction(detail, 'Cancel request', 'Cancel this request?')).toContain('Request cancelled');
  await settle(rig);
  expect(await aiClearance(rig, key)).toMatchObject({ status: 'cancelled' });
  expect(await publicComments(rig, key)).toMatch(/You cancelled your request for ChatGPT Enterprise/);
  expect(detail.problems).toEqual([]);
}, 120_000);

it('a customer stops renewal of an active grant, then hands it back', async () => {
  const rig = theRig();
  await addPerson(rig, 'finn@example.com', 'Finn Customer', false);
  const key = await fileRequest(rig, 'finn@example.com', { id: 'chatgpt-enterprise', name: 'ChatGPT Enterprise' }, 30);
  await approve(rig, key);
  expect(await aiClearance(rig, key)).toMatchObject({ status: 'active' });

  const detail = await rig.open('ai-clearance-request-detail', 'finn@example.com', { issue: key });
  await detail.frame.waitForSelector('role=button[name="Do not renew"]');
  expect(await confirmAction(detail, 'Do not renew', 'Stop renewing this access?')).toContain(
    'You will not be asked to renew',
  );
  await settle(rig);
  // Renewal is off but the access stays until it expires.
  expect(await aiClearance(rig, key)).toMatchObject({ status: 'active' });
  expect(await publicComments(rig, key)).toMatch(/we won't remind you about ChatGPT Enterprise again/);

  await detail.frame.waitForSelector('role=button[name="Hand back"]');
  expect(await confirmAction(detail, 'Hand back', 'Hand back this access?')).toContain('Access handed back');
  await settle(rig);
  // A handed-back grant ends as revoked (its reason, handed_back, is in the governance event); the ticket says so.
  expect(await aiClearance(rig, key)).toMatchObject({ status: 'revoked' });
  expect(await publicComments(rig, key)).toMatch(/Thanks for handing back your access to ChatGPT Enterprise/);
  expect(detail.problems).toEqual([]);
}, 120_000);
