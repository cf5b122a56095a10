// After an approval the requester sees the grant in My AI access (jira:globalPage) and extends it from the
// portal request detail (jiraServiceManagement:portalRequestDetail), each confirmed in a dialog; axe-core
// finds no serious or critical violations on either page.
import { seriousAxeViolations, settle, useRig } from './harness';
import { addPerson, approve, confirmExtension, fileRequest, requestSummaries } from './scenario';

const theRig = useRig();

it('the requester sees the approved grant in My AI access and extends it from the request detail', async () => {
  const rig = theRig();
  // jira:globalPage has no unlicensedAccess: the Jira page is for people with a Jira licence (UI-12);
  // customers see the same on the portal's Profile page (profile-access.test.ts, UI-17).
  await addPerson(rig, 'dana@example.com', 'Dana Developer', true);
  const key = await fileRequest(rig, 'dana@example.com', { id: 'chatgpt-enterprise', name: 'ChatGPT Enterprise' }, 30);
  await approve(rig, key);

  const access = await rig.open('ai-clearance-my-access', 'dana@example.com');
  await access.frame.waitForSelector('text=ChatGPT Enterprise');
  const row = await access.frame.textContent('table');
  expect(row).toContain('Active');
  expect(row).toContain('days left');
  expect(await seriousAxeViolations(access.frame)).toEqual([]);
  await access.frame.click('role=tab[name="Approved tools"]');
  await access.frame.waitForSelector('text=Does not train on your data');
  expect(await seriousAxeViolations(access.frame)).toEqual([]);
  expect(access.problems).toEqual([]);

  const detail = await rig.open('ai-clearance-request-detail', 'dana@example.com', { issue: key });
  await detail.frame.waitForSelector('text=Access until');
  expect(await detail.frame.textContent('body')).toContain('Policy version');
  expect(await seriousAxeViolations(detail.frame)).toEqual([]);
  await detail.frame.click('role=button[name="Extend"]');
  await detail.frame.waitForSelector('role=dialog');
  expect(await seriousAxeViolations(detail.frame)).toEqual([]);
  expect(await confirmExtension(detail, 14, 'The interview study runs two more weeks')).toMatch(
    /Your extension request is AIC-\d+/,
  );
  await settle(rig);

  const summaries = await requestSummaries(rig, 'dana@example.com');
  expect(summaries).toContain('Extend my ChatGPT Enterprise access by 14 days');
  expect(detail.problems).toEqual([]);
}, 120_000);
