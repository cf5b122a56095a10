// Export retention: the hourly lifecycle sweep deletes an export run and every
// chunk it wrote EXPORT_RETENTION_DAYS after the run's last write, and only
// then; a rerun finds nothing left to do. The sandbox clock is moved as the
// clock control moves it.
import { EXPORT_RETENTION_DAYS, chunkId } from '../../../src/domain/evidence/export-run';
import { PURPOSE, adminCaller, makeCoreHarness, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
const admin = (functionName: string, payload: unknown = {}) => adminCaller(h)(functionName, payload);

beforeAll(async () => {
  h = await makeCoreHarness();
  h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  h.fileViaPanel('bob', { toolId: 'deepl-pro', purpose: PURPOSE, days: 30 });
  await h.settle();
});
afterAll(async () => {
  await h.close();
});

async function chunksLeft(exportId: string, chunks: number): Promise<number> {
  let n = 0;
  for (let i = 1; i <= chunks; i++) if (await h.record('export-chunk', chunkId(exportId, i))) n++;
  return n;
}

it(`deletes an export run and all its chunks ${EXPORT_RETENTION_DAYS} days after it ended, not before`, async () => {
  const started = await admin('evidence.export.start', { kind: 'events', format: 'jsonl', chunkBytes: 1024 });
  expect(started.error).toBeUndefined();
  await h.settle();
  const run = await admin('evidence.export.status', { exportId: started.exportId });
  expect(run.state).toBe('done');
  expect(run.chunks).toBeGreaterThan(1);
  expect(await chunksLeft(started.exportId, run.chunks)).toBe(run.chunks);

  h.sb.clock.advance(`P${EXPORT_RETENTION_DAYS - 1}D`);
  await h.runSweeps();
  expect((await admin('evidence.export.status', { exportId: started.exportId })).state).toBe('done');
  expect(await chunksLeft(started.exportId, run.chunks)).toBe(run.chunks);
  const chunk = await admin('evidence.export.chunk', { exportId: started.exportId, n: run.chunks });
  expect(chunk.sha256).toBe(run.chunkDigests[run.chunks - 1]);

  h.sb.clock.advance('P1DT1H');
  await h.runSweeps();
  expect(await h.record('export', started.exportId)).toBeUndefined();
  expect(await chunksLeft(started.exportId, run.chunks)).toBe(0);
  const gone = await admin('evidence.export.status', { exportId: started.exportId });
  expect(gone.error.code).toBe('EXPORT_NOT_FOUND');

  // Idempotent: a rerun (or a duplicate delivery of the scheduled trigger) has nothing left to delete.
  await h.runSweeps();
  expect(await h.record('export', started.exportId)).toBeUndefined();
});

it('keeps a newer export while an older one is deleted', async () => {
  const older = await admin('evidence.export.start', { kind: 'requests', format: 'csv' });
  await h.settle();
  h.sb.clock.advance('P5D');
  const newer = await admin('evidence.export.start', { kind: 'requests', format: 'csv' });
  await h.settle();
  h.sb.clock.advance('P3D');
  await h.runSweeps();
  expect(await h.record('export', older.exportId)).toBeUndefined();
  expect(await h.record('export-chunk', chunkId(older.exportId, 1))).toBeUndefined();
  const kept = await admin('evidence.export.status', { exportId: newer.exportId });
  expect(kept.state).toBe('done');
  expect(await h.record('export-chunk', chunkId(newer.exportId, 1))).toBeDefined();
});
