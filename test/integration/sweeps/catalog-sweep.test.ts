// The catalog safety net: a tool that left the catalog without its
// consequences being carried out (the suspension's follow-up crashed) has its
// live grants flagged — or revoked when settings/app says liveGrantsOnLeave:
// revoke — by the next sweep, once.
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { entryPut } from '../../../src/usecases/catalog/records';
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await makeCoreHarness();
});
afterEach(async () => {
  await h.close();
});

async function activeGrant(toolId: string) {
  const r = h.fileViaPanel('alice', { toolId, purpose: PURPOSE, days: 30 });
  await h.settle();
  await h.transitionAsAgent(r.issueKey, '21');
  await h.transitionAsAgent(r.issueKey, '51');
  expect((await h.record('grant', r.issueId))?.status).toBe('active');
  return r;
}

/** The catalog entry changes status with nothing else (as if the follow-up had crashed). */
async function leaveSilently(toolId: string, status: 'suspended' | 'retired'): Promise<void> {
  const rec = await h.record('catalog', toolId);
  await h.sb.forge.run(() => kvsStore().commit({ puts: [entryPut({ ...rec!.doc, status }, rec!.version)] }));
}

async function setLiveGrantsOnLeave(value: 'flag' | 'revoke'): Promise<void> {
  const rec = await h.record('settings', 'app');
  await h.sb.forge.run(() =>
    kvsStore().commit({
      puts: [
        {
          expected: rec ? rec.version : 'absent',
          record: {
            kind: 'settings',
            id: 'app',
            version: rec ? rec.version + 1 : 1,
            dueAt: 0,
            doc: { ...(rec?.doc ?? {}), liveGrantsOnLeave: value },
          },
        },
      ],
    }),
  );
}

test('flag (the default): a live grant of a suspended tool is flagged once, with a note on its ticket', async () => {
  const r = await activeGrant('chatgpt-enterprise');
  await h.runSweeps();
  expect((await h.record('grant', r.issueId))?.doc.flagged).toBeUndefined();
  const before = (await h.comments(r.issueKey)).length;

  await leaveSilently('chatgpt-enterprise', 'suspended');
  await h.runSweeps();
  const g = await h.record('grant', r.issueId);
  expect(g?.status).toBe('active');
  expect(g?.doc.flagged).toBeDefined();
  const added = (await h.comments(r.issueKey)).slice(before);
  expect(added).toHaveLength(1);
  expect((await h.events(`grant:${r.issueId}`)).map((e) => (e.doc as { action: string }).action)).toContain(
    'grant.flagged',
  );

  const snap = JSON.stringify([await h.record('grant', r.issueId), await h.comments(r.issueKey)]);
  await h.runSweeps();
  expect(JSON.stringify([await h.record('grant', r.issueId), await h.comments(r.issueKey)])).toBe(snap);
});

test('revoke: a live grant of a retired tool is revoked, the ticket moves to Revoked and the lock is released', async () => {
  await setLiveGrantsOnLeave('revoke');
  const r = await activeGrant('chatgpt-enterprise');
  await leaveSilently('chatgpt-enterprise', 'retired');
  await h.runSweeps();
  const g = await h.record('grant', r.issueId);
  expect(g?.status).toBe('revoked');
  expect(g?.doc.ended).toMatchObject({ reason: 'tool_retired' });
  expect((await h.issue(r.issueKey)).fields.status.name).toBe('Revoked');
  expect(await h.record('lock', `${IDS.alice}:chatgpt-enterprise`)).toBeUndefined();
  const n = (await h.comments(r.issueKey)).length;
  await h.runSweeps();
  expect(await h.comments(r.issueKey)).toHaveLength(n);
});
