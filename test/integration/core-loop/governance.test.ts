// Every step of a lifecycle is in the governance log, each subject's chain
// verifies, and altering one stored event makes verify fail and name it.
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { verifySubjectChain } from '../../../src/domain/governance';
import { PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

async function t(key: string, id: string) {
  expect((await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } })).status).toBe(
    204,
  );
  await h.settle();
}

it('logs every step with actor, policy version and ticket; verify passes, then names the altered event', async () => {
  const { issueId, issueKey } = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
  await h.settle();
  await t(issueKey, '21');
  await t(issueKey, '51');
  await t(issueKey, '61');
  const req = await h.events(`request:${issueId}`);
  const grant = await h.events(`grant:${issueId}`);
  expect(req.map((e) => (e.doc as { action: string }).action)).toEqual([
    'request.submitted',
    'request.pending_approval',
    'request.approved',
  ]);
  expect(grant.map((e) => (e.doc as { action: string }).action)).toEqual([
    'grant.created',
    'grant.fulfilled',
    'grant.revoked',
  ]);
  const approved = req[2].doc as {
    actor: { accountId: string };
    policyVersion: number;
    ticket: { key: string };
    before: { status: string };
    after: { status: string };
  };
  expect(approved).toMatchObject({
    policyVersion: 1,
    ticket: { key: issueKey },
    before: { status: 'pending_approval' },
    after: { status: 'approved' },
  });
  for (const chain of [req, grant]) expect(verifySubjectChain(chain.map((e) => e.doc)).ok).toBe(true);

  // Tamper: stretch the recorded grant to a year.
  const forged = { ...(grant[0].doc as object), after: { ...(grant[0].doc as { after: object }).after, days: 365 } };
  await h.sb.forge.run(() => kvsStore().replaceEventDoc(`grant:${issueId}`, 1, forged));
  const result = verifySubjectChain((await h.events(`grant:${issueId}`)).map((e) => e.doc));
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.firstBroken.seq).toBe(1);
    expect(result.firstBroken.reason).toMatch(/digest/);
    expect(result.message).toContain(`grant:${issueId}`);
  }
});
