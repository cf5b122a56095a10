// Retention of records the core loop closes (decline, revoke): the decision
// commit leaves them due for the retention sweep, which minimises them after
// the retention period (the setting) and the governance chain still verifies.
import { verifySubjectChain } from '../../../src/domain/governance';
import { NEVER_DUE } from '../../../src/usecases/shared/records';
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await makeCoreHarness();
});
afterEach(async () => {
  await h.close();
});

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const events = async (subject: string) => (await h.events(subject)).map((e) => e.doc as any);

/** Every personal part is gone (its digest stays); actors' account ids stay as the evidence of who acted. */
function expectRedacted(evs: any[]): void {
  const withPersonal = evs.filter((e) => e.personalDigest !== undefined);
  expect(withPersonal.length).toBeGreaterThan(0);
  for (const e of withPersonal) {
    expect(e.personal).toBeUndefined();
    expect(e.redactedAt).toBeDefined();
  }
  expect(JSON.stringify(evs)).not.toContain(PURPOSE);
}

test('a declined request is due for retention, minimised after the period, and its chain verifies', async () => {
  const r = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  await h.settle();
  await h.transitionAsAgent(r.issueKey, '31', {
    update: { comment: [{ add: { body: adf('Use the approved assistant instead') } }] },
  });
  const declined = await h.record('request', r.issueId);
  expect(declined?.status).toBe('declined');
  expect(declined?.dueAt).toBeLessThan(NEVER_DUE);

  h.sb.clock.advance('P399D');
  await h.runSweeps();
  expect((await h.record('request', r.issueId))?.doc.requester).toBe(IDS.alice);
  expect(JSON.stringify(await events(`request:${r.issueId}`))).toContain(PURPOSE);

  h.sb.clock.advance('P1D');
  await h.runSweeps();
  const rec = await h.record('request', r.issueId);
  expect(rec?.status).toBe('declined');
  expect(rec?.dueAt).toBe(NEVER_DUE);
  expect(JSON.stringify(rec?.doc)).not.toContain(IDS.alice);
  expect(JSON.stringify(rec?.doc)).not.toContain('approved assistant');
  expect(rec?.doc.purpose).toBeNull();
  const evs = await events(`request:${r.issueId}`);
  expectRedacted(evs);
  expect(JSON.stringify(evs)).not.toContain('approved assistant');
  expect(evs.at(-1)).toMatchObject({ action: 'retention.minimised' });
  expect(verifySubjectChain(evs).ok).toBe(true);

  // Once: a rerun at the same clock and later runs leave it alone.
  const snap = JSON.stringify([rec, evs.length]);
  await h.runSweeps();
  h.sb.clock.advance('P30D');
  await h.runSweeps();
  expect(JSON.stringify([await h.record('request', r.issueId), (await events(`request:${r.issueId}`)).length])).toBe(
    snap,
  );
});

test('a revoked grant and its request are minimised together after the period', async () => {
  const r = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  await h.settle();
  await h.transitionAsAgent(r.issueKey, '21');
  await h.transitionAsAgent(r.issueKey, '51');
  await h.transitionAsAgent(r.issueKey, '61'); // Revoke
  expect((await h.record('grant', r.issueId))?.status).toBe('revoked');
  // The approved request waits for its grant: it is never due on its own.
  expect((await h.record('request', r.issueId))?.dueAt).toBe(NEVER_DUE);

  h.sb.clock.advance('P400D');
  await h.runSweeps();
  const grant = await h.record('grant', r.issueId);
  const req = await h.record('request', r.issueId);
  expect(JSON.stringify(grant?.doc)).not.toContain(IDS.alice);
  expect(JSON.stringify(req?.doc)).not.toContain(IDS.alice);
  expect(grant?.dueAt).toBe(NEVER_DUE);
  for (const s of [`grant:${r.issueId}`, `request:${r.issueId}`]) {
    const evs = await events(s);
    if (s.startsWith('request')) expectRedacted(evs);
    expect(evs.some((e) => e.personal !== undefined)).toBe(false);
    expect(verifySubjectChain(evs).ok).toBe(true);
  }
});
