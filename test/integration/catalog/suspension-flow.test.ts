// Issue 4 "done when", through the real flow: suspending a tool disables its
// form option, declines pending requests for it with a comment that says why,
// and flags live grants for review — on the tickets, with evidence.
import { makeCoreHarness, PURPOSE, IDS, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

async function admin(functionName: string, payload: unknown): Promise<any> {
  return h.sb.forge.invokeResolver({
    functionKey: 'admin-resolver',
    functionName,
    payload,
    accountId: IDS.admin,
  });
}

async function aiToolOption(value: string): Promise<{ disabled: boolean } | undefined> {
  const fieldId = h.fieldIds.aiTool;
  const contexts = (await h.call('admin', 'GET', `/rest/api/3/field/${fieldId}/context`)).body.values as Array<{
    id: string;
  }>;
  for (const c of contexts) {
    const options = (await h.call('admin', 'GET', `/rest/api/3/field/${fieldId}/context/${c.id}/option`)).body
      .values as Array<{ value: string; disabled: boolean }>;
    const found = options.find((o) => o.value === value);
    if (found) return found;
  }
  return undefined;
}

it('suspending Claude for Work declines the pending request with the reason and flags the live grant', async () => {
  // bob holds a live grant; alice's request is pending.
  const bobs = h.fileViaPanel('bob', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
  await h.settle();
  await h.transitionAsAgent(bobs.issueKey, '21');
  await h.transitionAsAgent(bobs.issueKey, '51');
  expect((await h.record('grant', bobs.issueId))?.status).toBe('active');
  const alices = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
  await h.settle();
  expect((await h.record('request', alices.issueId))?.status).toBe('pending_approval');
  expect(await aiToolOption('Claude for Work (Team and Enterprise)')).toMatchObject({ disabled: false });

  const result = await admin('catalog.suspend', { toolId: 'claude-for-work', reason: 'Vendor DPA under legal review' });
  expect(result.error).toBeUndefined();
  await h.settle();

  expect(await aiToolOption('Claude for Work (Team and Enterprise)')).toMatchObject({ disabled: true });

  const alice = await h.issue(alices.issueKey);
  expect(alice.fields.status.name).toBe('Declined');
  expect(alice.properties.aiClearance).toMatchObject({ status: 'declined' });
  const aliceComments = await h.comments(alices.issueKey);
  const declined = aliceComments.filter((c) => c.public && c.text.includes('Vendor DPA under legal review'));
  expect(declined).toHaveLength(1);
  expect(await h.record('lock', `${IDS.alice}:claude-for-work`)).toBeUndefined();

  const bobComments = await h.comments(bobs.issueKey);
  expect(
    bobComments.filter((c) => !c.public && /review/i.test(c.text) && c.text.includes('Vendor DPA under legal review')),
  ).toHaveLength(1);
  expect((await h.record('grant', bobs.issueId))?.doc).toMatchObject({ flagged: expect.anything() });

  // A new request for the suspended tool is refused at once.
  const late = h.fileViaPanel('admin', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
  await h.settle();
  expect((await h.record('request', late.issueId))?.status).toBe('rejected_invalid');
});
