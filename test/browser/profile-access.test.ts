// A JSM customer (no Jira licence) opens My AI access on the portal's Profile page
// (jiraServiceManagement:portalProfilePanel, UI-17): they see their approved grant with its countdown and
// the approved-tools directory, extend the grant through the confirmation dialog, and axe-core finds no
// serious or critical violations on the panel, the directory or the dialog.
import { seriousAxeViolations, settle, useRig } from './harness';
import { addPerson, approve, confirmExtension, fileRequest, requestSummaries } from './scenario';

const theRig = useRig();

it('a portal customer sees their grant and the directory on their profile and extends the grant', async () => {
  const rig = theRig();
  await addPerson(rig, 'frank@example.com', 'Frank Customer', false);
  const key = await fileRequest(rig, 'frank@example.com', { id: 'chatgpt-enterprise', name: 'ChatGPT Enterprise' }, 30);
  await approve(rig, key);
  // Someone else's request (low risk: approved automatically), which Frank's panel must not show.
  const other = await fileRequest(rig, 'alice@example.com', { id: 'deepl-pro', name: 'DeepL Pro' }, 30);

  // The Jira page is not for customers (jira:globalPage has no unlicensedAccess, UI-12).
  const jiraPage = await fetch(`${rig.url}/__sandbox/ui/ai-clearance-my-access?user=frank@example.com`);
  expect(jiraPage.status).toBe(403);

  const profile = await rig.open('ai-clearance-profile-access', 'frank@example.com');
  expect(await profile.page.textContent('h1')).toBe('Profile');
  await profile.frame.waitForSelector('text=ChatGPT Enterprise');
  const grants = await profile.frame.textContent('table');
  expect(grants).toContain('Active');
  expect(grants).toContain('days left');
  expect(grants).toContain(key);
  expect(grants).not.toContain(other);
  expect(await profile.frame.textContent('[role="tabpanel"]')).not.toContain('DeepL Pro');
  expect(await seriousAxeViolations(profile.frame)).toEqual([]);

  await profile.frame.click('role=tab[name="Approved tools"]');
  await profile.frame.waitForSelector('text=Does not train on your data');
  expect(await seriousAxeViolations(profile.frame)).toEqual([]);

  await profile.frame.click('role=tab[name="My access"]');
  await profile.frame.click('role=button[name="Extend"]');
  await profile.frame.waitForSelector('role=dialog');
  expect(await seriousAxeViolations(profile.frame)).toEqual([]);
  expect(await confirmExtension(profile, 21, 'The vendor evaluation runs three more weeks')).toMatch(
    /Your extension request is AIC-\d+/,
  );
  await settle(rig);

  // The extension is the customer's own request on the portal (created as them, as on the request detail).
  const summaries = await requestSummaries(rig, 'frank@example.com');
  expect(summaries).toContain('Extend my ChatGPT Enterprise access by 21 days');
  await profile.frame.click('role=tab[name="My requests"]');
  await profile.frame.waitForSelector('text=Extension');
  expect(profile.problems).toEqual([]);
}, 180_000);
