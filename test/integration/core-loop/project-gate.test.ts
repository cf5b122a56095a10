import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

// avi:jira:created:issue and avi:jira:updated:issue fire for every issue on the site. The triggers read
// the settings record (one KVS get) and drop other projects' events before loading the use cases.
describe("the issue triggers' project gate", () => {
  async function setProjectKey(projectKey: string | undefined): Promise<void> {
    await setSettings({ projectKey });
  }
  async function setSettings(changes: Record<string, unknown>): Promise<void> {
    const rec = await h.record('settings', 'app');
    const doc = { ...(rec?.doc ?? {}) } as Record<string, unknown>;
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete doc[k];
      else doc[k] = v;
    }
    await h.sb.forge.run(() =>
      kvsStore().commit({
        puts: [
          {
            expected: rec ? rec.version : 'absent',
            record: { kind: 'settings', id: 'app', version: rec ? rec.version + 1 : 1, dueAt: 0, doc },
          },
        ],
      }),
    );
  }
  const invocationsSince = (since: number, eventType: string) =>
    h.sb.forge.listInvocations({ since }).filter((i) => i.eventType === eventType);

  it('drops an issue of another project after one storage read: no Jira call, no record, no comment', async () => {
    await setProjectKey('OPS'); // the app now runs in OPS, so AIC is "another project"
    try {
      const since = h.sb.forge.lastInvocationSeq();
      const { issueId, issueKey } = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
      await h.settle();
      const [created] = invocationsSince(since, 'avi:jira:created:issue');
      expect(created).toMatchObject({ result: 'ok', productCalls: 0, queueCalls: 0, kvsOps: { 'entity.get': 1 } });
      expect(await h.record('request', issueId)).toBeUndefined();
      expect(await h.comments(issueKey)).toEqual([]);

      // A status change of that issue is dropped the same way.
      const before = h.sb.forge.lastInvocationSeq();
      const res = await h.call('agent', 'POST', `/rest/api/3/issue/${issueKey}/transitions`, {
        transition: { id: '21' },
      });
      expect(res.status).toBe(204);
      await h.settle();
      const updated = invocationsSince(before, 'avi:jira:updated:issue');
      expect(updated.length).toBeGreaterThan(0);
      for (const u of updated) expect(u).toMatchObject({ result: 'ok', productCalls: 0, kvsOps: { 'entity.get': 1 } });
      expect(await h.record('request', issueId)).toBeUndefined();
    } finally {
      await setProjectKey(undefined);
    }
  });

  it("takes the app's own project again once the setting is back (the gate reads the setting every time)", async () => {
    const { issueId } = h.fileViaPanel('alice', { toolId: 'github-copilot-business', purpose: PURPOSE, days: 30 });
    await h.settle();
    expect((await h.record('request', issueId))?.status).toBe('pending_approval');
  });

  it('a bad setting falls back to its default alone: intake still runs for the project, the sweeps still run', async () => {
    await setSettings({ retentionDays: 'soon', portalId: 'help' });
    try {
      const { issueId } = h.fileViaPanel('bob', { toolId: 'github-copilot-business', purpose: PURPOSE, days: 30 });
      await h.settle();
      expect((await h.record('request', issueId))?.status).toBe('pending_approval');
      await h.runSweeps(); // one ok run (the harness checks it)
    } finally {
      await setSettings({ retentionDays: undefined, portalId: undefined });
    }
  });

  it('drops a field edit without reading storage', async () => {
    const { issueKey } = h.fileViaPanel('bob', { toolId: 'claude-for-work', purpose: PURPOSE, days: 20 });
    await h.settle();
    const since = h.sb.forge.lastInvocationSeq();
    expect(
      (
        await h.call('agent', 'PUT', `/rest/api/3/issue/${issueKey}`, {
          fields: { summary: 'AI access: Claude (renamed)' },
        })
      ).status,
    ).toBe(204);
    await h.settle();
    const updated = invocationsSince(since, 'avi:jira:updated:issue');
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ result: 'ok', productCalls: 0, kvsOps: {} });
  });
});
