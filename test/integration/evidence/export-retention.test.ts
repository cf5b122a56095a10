// Export retention: the hourly lifecycle sweep deletes an export run and every
// chunk it wrote EXPORT_RETENTION_DAYS after the run's last write, and only
// then; a rerun finds nothing left to do. The sandbox clock is moved as the
// clock control moves it.
import {
  EXPORT_RETENTION_DAYS,
  chunkId,
  exportDeleteAt,
  type ExportRun,
} from '../../../src/domain/evidence/export-run';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import type { WriteSet } from '../../../src/ports/store';
import { MAX_EXPORT_CHUNK_DELETES } from '../../../src/usecases/sweeps/export-retention';
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

/** Writes a finished run with `chunks` chunks straight into the store (dueAt absent: the shape before retention). */
async function writeRun(exportId: string, chunks: number, lastWrite: Date, dated: boolean): Promise<void> {
  const at = lastWrite.toISOString();
  const run: ExportRun = {
    v: 1,
    exportId,
    kind: 'events',
    format: 'csv',
    filter: {},
    state: 'done',
    startedAt: at,
    updatedAt: at,
    finishedAt: at,
    seq: 0,
    chunks,
    rows: chunks,
    scanned: chunks,
    bytes: chunks,
    position: null,
    chunkDigests: Array.from({ length: chunks }, (_, i) => `digest-${i + 1}`),
    resumes: 0,
  };
  const store = () => kvsStore();
  const put = { kind: 'export' as const, id: exportId, version: 1, doc: run };
  await h.sb.forge.run(() =>
    store().commit({ puts: [{ record: dated ? { ...put, dueAt: exportDeleteAt(run) } : put, expected: 'absent' }] }),
  );
  for (let first = 1; first <= chunks; first += 25) {
    const puts: NonNullable<WriteSet['puts']> = [];
    for (let n = first; n < Math.min(first + 25, chunks + 1); n++)
      puts.push({
        record: {
          kind: 'export-chunk' as const,
          id: chunkId(exportId, n),
          version: 1,
          doc: { exportId, n, rows: 1, sha256: `digest-${n}`, text: 'x\r\n' },
        },
        expected: 'absent' as const,
      });
    await h.sb.forge.run(() => store().commit({ puts }));
  }
}

it('deletes a run recorded before retention existed (no dueAt) once it is due, and dates a recent one', async () => {
  const old = 'exp-00000000000000a1';
  const recent = 'exp-00000000000000a2';
  const now = h.sb.clock.now().getTime();
  await writeRun(old, 3, new Date(now - (EXPORT_RETENTION_DAYS + 1) * 86_400_000), false);
  await writeRun(recent, 2, new Date(now - 86_400_000), false);
  expect((await h.record('export', old))?.dueAt).toBeUndefined();

  await h.runSweeps();
  expect(await h.record('export', old)).toBeUndefined();
  expect(await chunksLeft(old, 3)).toBe(0);
  // The recent one now carries the dueAt a run gets (7 days after its last write) and is kept until then.
  const dated = await h.record<{ dueAt?: number }>('export', recent);
  expect(dated?.dueAt).toBe(Math.floor((now - 86_400_000) / 1000) + EXPORT_RETENTION_DAYS * 86_400);
  expect(await chunksLeft(recent, 2)).toBe(2);
  h.sb.clock.advance(`P${EXPORT_RETENTION_DAYS}D`);
  await h.runSweeps();
  expect(await h.record('export', recent)).toBeUndefined();
  expect(await chunksLeft(recent, 2)).toBe(0);
});

it(`deletes at most ${MAX_EXPORT_CHUNK_DELETES} chunks a sweep; the next sweep finishes the run`, async () => {
  const big = 'exp-00000000000000b1';
  const chunks = MAX_EXPORT_CHUNK_DELETES + 20;
  await writeRun(big, chunks, new Date(h.sb.clock.now().getTime() - (EXPORT_RETENTION_DAYS + 1) * 86_400_000), true);

  await h.runSweeps();
  expect(await chunksLeft(big, chunks)).toBe(20);
  const left = await h.record<ExportRun>('export', big);
  expect(left?.doc).toMatchObject({ chunks: 20, state: 'failed', error: { code: 'EXPORT_EXPIRED' } });
  expect(left?.doc.chunkDigests).toHaveLength(20);

  await h.runSweeps();
  expect(await h.record('export', big)).toBeUndefined();
  expect(await chunksLeft(big, chunks)).toBe(0);
}, 120_000);
