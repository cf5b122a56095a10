// The governance log as an auditor meets it: heads sealed into anchors by the
// hourly run, the whole log verified, evidence exported and checked offline;
// tampering, a truncated chain and a deleted subject are each named.
import { verifyEvidenceBundle } from '../../../src/domain/governance';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { PURPOSE, adminCaller, makeCoreHarness, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
let keys: Array<{ issueId: string; issueKey: string }>;

const admin = (functionName: string, payload: unknown = {}) => adminCaller(h)(functionName, payload);

beforeAll(async () => {
  h = await makeCoreHarness();
  keys = [
    h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 }),
    h.fileViaPanel('bob', { toolId: 'deepl-pro', purpose: PURPOSE, days: 30 }),
  ];
  await h.settle();
  h.sb.clock.advance('PT1H');
  await h.sb.forge.runScheduled('lifecycle-sweeps-hourly');
  await h.settle();
});
afterAll(async () => {
  await h.close();
});

describe('anchoring', () => {
  it('seals every subject head once, and a run with nothing new writes nothing', async () => {
    const anchors = (
      await h.sb.forge.run(() =>
        kvsStore().query({ index: 'by-kind-due', partition: ['gov-anchor'], dueAt: { from: 1 } }),
      )
    ).value.items;
    expect(anchors.length).toBeGreaterThanOrEqual(1);
    const sealed = new Set(
      anchors.flatMap((a) =>
        (a.doc as { heads: Array<{ subject: { type: string; id: string } }> }).heads.map(
          (x) => `${x.subject.type}:${x.subject.id}`,
        ),
      ),
    );
    for (const k of keys) expect(sealed.has(`request:${k.issueId}`)).toBe(true);
    const before = anchors.length;
    h.sb.clock.advance('PT1H');
    const runs = await h.sb.forge.runScheduled('lifecycle-sweeps-hourly');
    expect((runs[0] as unknown as { result: string }).result).toBe('ok');
    const after = (
      await h.sb.forge.run(() =>
        kvsStore().query({ index: 'by-kind-due', partition: ['gov-anchor'], dueAt: { from: 1 } }),
      )
    ).value.items;
    expect(after.length).toBe(before);
  });
});

describe('whole-log verification and evidence', () => {
  it('verifies the whole log and exports a bundle that verifies offline', async () => {
    const all = await admin('governance.verifyAll');
    expect(all).toMatchObject({ ok: true });
    expect(all.counts.anchors).toBeGreaterThanOrEqual(1);
    const { bundle } = await admin('governance.export', { personalData: 'omit' });
    expect(bundle.manifest.eventCount).toBe(all.counts.events);
    const check = verifyEvidenceBundle(JSON.parse(JSON.stringify(bundle)));
    expect(check.ok).toBe(true);
    expect(JSON.stringify(bundle)).not.toContain(PURPOSE);
  });

  it('an edited bundle fails offline verification', async () => {
    const { bundle } = await admin('governance.export');
    const tampered = JSON.parse(JSON.stringify(bundle));
    const first = tampered.subjects[0];
    first.events[0].event.at = '2020-01-01T00:00:00.000Z'; // backdate one event
    const check = verifyEvidenceBundle(tampered);
    expect(check.ok).toBe(false);
    expect(check.message).toContain(`${first.subject.type}:${first.subject.id}, seq 1`);
  });

  it('names a truncated chain: the anchored tail is missing', async () => {
    const subject = `request:${keys[1].issueId}`;
    const events = (await h.sb.forge.run(() => kvsStore().eventsOf(subject))).value.items;
    const last = events[events.length - 1];
    // Delete the newest event of bob's request straight from the emulated KVS, as an attacker with storage access would.
    h.sb.db.prepare('DELETE FROM forge_kvs WHERE key = ?').run(`${subject}:${String(last.seq).padStart(8, '0')}`);
    const all = await admin('governance.verifyAll');
    expect(all.ok).toBe(false);
    expect(all.firstBroken.subject).toMatchObject({ type: 'request', id: keys[1].issueId });
    expect(all.message).toContain(`request:${keys[1].issueId}`);
    expect(all.firstBroken.reason).toMatch(/missing_tail|head_mismatch|anchor_mismatch/);
  });
});
