// A transition without a screen takes no fields; the admin's manual step (the workflow editor, which no REST
// API drives) gives it one: PUT /__sandbox/transitions/{id}/screen. Jira REST, POST transitions › 400:
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
import { makeHarness, placeOnScreens, raiseRequest, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});

async function daysField(): Promise<string> {
  const created = await h.call('admin', 'POST', '/rest/api/3/field', {
    body: {
      name: 'Days',
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
      searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:exactnumber',
    },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

test('a field on no transition screen is refused; with the screen it is set; an empty list takes the screen away', async () => {
  const fieldId = await daysField();
  await placeOnScreens(h, fieldId);
  const { key } = await raiseRequest(h, 'alice', 'Access please');
  const approve = (value: number) =>
    h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, {
      body: { transition: { id: '21' }, fields: { [fieldId]: value } },
    });
  const refused = await approve(12);
  expect(refused.status).toBe(400);
  expect(refused.body.errors[fieldId]).toMatch(/not on the appropriate screen/);

  expect(h.jira.setTransitionScreen('21', { fields: [fieldId] })).toMatchObject({
    transitionId: '21',
    screen: { fields: [fieldId] },
  });
  expect((await approve(12)).status).toBe(204);
  expect(
    (await h.call('agent', 'GET', `/rest/api/3/issue/${key}`, { query: { fields: fieldId } })).body.fields[fieldId],
  ).toBe(12);

  expect(h.jira.setTransitionScreen('21', { fields: [] })).toEqual({ transitionId: '21', screen: null });
  const transitions = await h.call('agent', 'GET', `/rest/api/3/issue/${key}/transitions`);
  expect(transitions.body.transitions.every((t: { hasScreen: boolean }) => t.hasScreen === false)).toBe(true);
});

test('an unknown transition or field is a clear error', () => {
  expect(() => h.jira.setTransitionScreen('999', { fields: [] })).toThrow(
    /Transition 999 does not exist; the workflow's transitions are 11 Request approval/,
  );
  expect(() => h.jira.setTransitionScreen('21', { fields: ['customfield_99999'] })).toThrow(
    /Field customfield_99999 does not exist/,
  );
});
