// Retention of evidence exports: a run whose dueAt (EXPORT_RETENTION_DAYS after
// its last write) has come is deleted with its chunks. Chunks go last-first,
// up to 24 per transaction together with the run record, whose chunk count
// shrinks in the same commit (a transaction holds at most 25 operations,
// https://developer.atlassian.com/platform/forge/limits-kvs-ce/ › "Transaction
// limits"), so a crash or a rerun continues where the last commit stopped and
// a chunk already gone is simply skipped. The run itself goes in the last
// commit. Each invocation deletes at most MAX_EXPORT_CHUNK_DELETES chunks; a
// run with more stays due and the next hourly run carries on.
import { chunkId, exportDeleteAt, exportRunSchema, type ExportRun } from '../../domain/evidence/export-run';
import { PARSE } from '../../domain/zod-messages';
import { isStoreConflict, type RecordDelete, type StoredRecord } from '../../ports/store';
import { wants, type SweepContext } from './context';
import type { ItemOutcome } from './grant-steps';

const CHUNKS_PER_COMMIT = 24;
export const MAX_EXPORT_CHUNK_DELETES = 480;

/**
 * Runs recorded before export retention existed have no dueAt, so no dueAt index holds them (indexes are
 * sparse): they are read by the key index and given the dueAt a run gets now (EXPORT_RETENTION_DAYS after
 * its last write), then the due-ordered pass deletes them like any run. Idempotent: a dated run is skipped,
 * and a run a job writes meanwhile (a conflict) is dated by the job itself.
 */
export async function dateUndatedExportRuns(ctx: SweepContext): Promise<number> {
  if (!wants(ctx, 'retention')) return 0;
  let dated = 0;
  let cursor: string | undefined;
  do {
    const page = await ctx.deps.store.query<unknown>({
      index: 'by-key',
      partition: ['export'],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const rec of page.items) {
      if (rec.dueAt !== undefined) continue;
      const run = exportRunSchema.parse(rec.doc, PARSE);
      try {
        await ctx.deps.store.commit({
          puts: [
            {
              record: { ...rec, version: rec.version + 1, dueAt: exportDeleteAt(run), doc: run },
              expected: rec.version,
            },
          ],
        });
        dated++;
      } catch (e) {
        if (!isStoreConflict(e)) throw e;
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return dated;
}

export async function sweepExportRetention(ctx: SweepContext, rec: StoredRecord<unknown>): Promise<ItemOutcome> {
  if (!wants(ctx, 'retention')) return 'skipped';
  if (rec.dueAt === undefined || rec.dueAt > ctx.nowS) return 'nothing';
  try {
    return await deleteRun(ctx, rec, rec.dueAt);
  } catch (e) {
    // A job or a resume wrote the run meanwhile; the next run looks again.
    if (isStoreConflict(e)) return 'skipped';
    throw e;
  }
}

async function deleteRun(ctx: SweepContext, rec: StoredRecord<unknown>, dueAt: number): Promise<ItemOutcome> {
  const store = ctx.deps.store;
  let run: ExportRun = exportRunSchema.parse(rec.doc, PARSE);
  let version = rec.version;
  while (run.chunks > 0) {
    if (ctx.counts.exportChunksDeleted >= MAX_EXPORT_CHUNK_DELETES) return 'skipped';
    const first = Math.max(1, run.chunks - CHUNKS_PER_COMMIT + 1);
    const ids = Array.from({ length: run.chunks - first + 1 }, (_, i) => chunkId(run.exportId, first + i));
    const found = await Promise.all(ids.map((id) => store.get<unknown>('export-chunk', id)));
    const deletes: RecordDelete[] = found.flatMap((c) =>
      c ? [{ kind: 'export-chunk' as const, id: c.id, expected: c.version }] : [],
    );
    // A run being deleted is over: a job or a resume that finds it must not write chunks again.
    const at = ctx.now.toISOString();
    run = {
      ...run,
      chunks: first - 1,
      chunkDigests: run.chunkDigests.slice(0, first - 1),
      state: 'failed',
      updatedAt: at,
      finishedAt: run.finishedAt ?? at,
      error: { code: 'EXPORT_EXPIRED', message: 'the export is being deleted (retention); start a new one' },
    };
    await store.commit({
      puts: [
        { record: { kind: 'export', id: run.exportId, version: version + 1, dueAt, doc: run }, expected: version },
      ],
      deletes,
    });
    version++;
    ctx.counts.exportChunksDeleted += deletes.length;
  }
  await store.commit({ deletes: [{ kind: 'export', id: run.exportId, expected: version }] });
  ctx.counts.exportsDeleted++;
  return 'done';
}
