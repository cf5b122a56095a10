// The issue's "Done when" through the REAL flow: requests filed through the
// portal panel, decided with workflow transitions, and the lifecycle sweeps
// run by the emulated Forge scheduler — no seeded records.
import { verifySubjectChain } from '../../../src/domain/governance';
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await makeCoreHarness();
});
afterEach(async () => {
  await h.close();
});

const lockOf = (toolId: string) => h.record('lock', `${IDS.alice}:${toolId}`);
const statusName = async (key: string) => (await h.issue(key)).fields.status.name as string;

async function snapshot(key: string, id: string) {
  return JSON.stringify({
    c: await h.comments(key),
    r: await h.record('request', id),
    g: await h.record('grant', id),
    s: await statusName(key),
  });
}

test('a 30-day grant: review at +16 d, final reminder at +29 d, expiry at +30 d; alice can file again at once', async () => {
  const first = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  await h.settle();
  expect((await h.record('request', first.issueId))?.status).toBe('pending_approval');
  await h.transitionAsAgent(first.issueKey, '21'); // Approve
  await h.transitionAsAgent(first.issueKey, '51'); // Mark fulfilled
  expect((await h.record('grant', first.issueId))?.status).toBe('active');
  const before = (await h.comments(first.issueKey)).length;
  const reviews = async () => (await h.comments(first.issueKey)).slice(before);

  h.sb.clock.advance('P16D');
  await h.runSweeps();
  let added = await reviews();
  expect(added).toHaveLength(1);
  expect(added[0].public).toBe(true);
  expect(added[0].text).toMatch(/ChatGPT Enterprise/);

  // Same clock again: nothing changes.
  const snap = await snapshot(first.issueKey, first.issueId);
  await h.runSweeps();
  expect(await snapshot(first.issueKey, first.issueId)).toBe(snap);

  h.sb.clock.advance('P13D');
  await h.runSweeps();
  added = await reviews();
  expect(added).toHaveLength(2);
  expect(added[1].public).toBe(true);
  expect((await h.record('grant', first.issueId))?.doc.review.secondSentAt).toBeDefined();
  expect(await lockOf('chatgpt-enterprise')).toBeDefined();

  h.sb.clock.advance('P1D');
  await h.runSweeps();
  added = await reviews();
  expect(added).toHaveLength(3);
  expect(added[2].text).toMatch(/ended/);
  expect(await statusName(first.issueKey)).toBe('Expired');
  expect((await h.record('grant', first.issueId))?.status).toBe('expired');
  expect((await h.issue(first.issueKey)).properties.aiClearance.status).toBe('expired');
  expect(await lockOf('chatgpt-enterprise')).toBeUndefined();
  const snap2 = await snapshot(first.issueKey, first.issueId);
  await h.runSweeps();
  expect(await snapshot(first.issueKey, first.issueId)).toBe(snap2);
  expect(verifySubjectChain((await h.events(`grant:${first.issueId}`)).map((e) => e.doc as never)).ok).toBe(true);

  const again = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  await h.settle();
  expect((await h.record('request', again.issueId))?.status).toBe('pending_approval');
});

test('a pending request left unanswered: escalated (internal) after the delay, lapsed (public) after the lapse delay, lock released', async () => {
  const r = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  await h.settle();
  const req = await h.record('request', r.issueId);
  expect(req?.status).toBe('pending_approval');
  const { afterHours, lapseAfterDays } = req!.doc.escalation as { afterHours: number; lapseAfterDays: number };
  const before = (await h.comments(r.issueKey)).length;

  h.sb.clock.advance(`PT${afterHours - 1}H`);
  await h.runSweeps();
  expect(await h.comments(r.issueKey)).toHaveLength(before);

  h.sb.clock.advance('PT1H');
  await h.runSweeps();
  let added = (await h.comments(r.issueKey)).slice(before);
  expect(added).toHaveLength(1);
  expect(added[0].public).toBe(false);
  expect(added[0].text).toMatch(/Escalated/);
  // The requester does not see it.
  expect((await h.comments(r.issueKey, 'alice')).some((c) => /Escalated/.test(c.text))).toBe(false);
  await h.runSweeps();
  expect((await h.comments(r.issueKey)).slice(before)).toHaveLength(1);

  h.sb.clock.advance(`PT${lapseAfterDays * 24 - afterHours}H`);
  await h.runSweeps();
  added = (await h.comments(r.issueKey)).slice(before);
  expect(added).toHaveLength(2);
  expect(added[1].public).toBe(true);
  expect(added[1].text).toMatch(/lapsed/);
  expect((await h.record('request', r.issueId))?.status).toBe('lapsed');
  expect((await h.issue(r.issueKey)).properties.aiClearance.status).toBe('lapsed');
  expect(await lockOf('chatgpt-enterprise')).toBeUndefined();
  const snap = await snapshot(r.issueKey, r.issueId);
  await h.runSweeps();
  expect(await snapshot(r.issueKey, r.issueId)).toBe(snap);
});
