// Evidence exports (requests, grants, governance events, catalog history) as
// CSV or JSON Lines, assembled by `evidence.export` jobs of the aic-work queue
// and downloaded chunk by chunk (docs/evidence.md says why).
//
// A resolver has 25 s and answers at most 5 MB
// (https://developer.atlassian.com/platform/forge/limits-invocation/), a KVS
// value holds 240 KiB (https://developer.atlassian.com/platform/forge/limits-kvs-ce/):
// so `startExport` only records a run and queues its first job; each job reads
// the source in index pages of 100, writes chunks of ~100 KB, each in ONE
// transaction with the run record (position, counts, the chunk's SHA-256), and
// queues the next job before its time is up. Memory holds one page and one
// chunk, whatever the export's size. A job that crashes is retried by the
// queue and continues after the last chunk that was committed.
import { createHash } from 'node:crypto';
import { governanceEventSchema, type GovernanceEvent } from '../../domain/governance/event';
import { grantDocSchema, type GrantDoc } from '../../domain/grant/types';
import { requestDocSchema, type RequestDoc } from '../../domain/request/types';
import {
  columnsOf,
  eventMatches,
  eventRow,
  grantMatches,
  grantRow,
  requestMatches,
  requestRow,
  type ExportFilter,
  type ExportFormat,
  type ExportKind,
  type Row,
} from '../../domain/evidence/export-rows';
import { formatRows, headerOf } from '../../domain/evidence/format';
import {
  CHUNK_TARGET_BYTES,
  MAX_EXPORT_CHUNKS,
  chunkId,
  exportChunkSchema,
  exportDeleteAt,
  exportRunSchema,
  isWritten,
  type ExportChunk,
  type ExportPosition,
  type ExportRun,
} from '../../domain/evidence/export-run';
import { eventKey, isStoreConflict, type AppStore, type RecordQuery } from '../../ports/store';
import { UseCaseRefusal } from '../shared/errors';
import { parseStored } from '../shared/stored-data';
import type { EvidenceExportJob } from '../shared/work-job-schema';

export interface ExportDeps {
  store: AppStore;
  /** The app's clock (timestamps in the run). */
  now: () => Date;
  /** Real time in ms, for the job's deadline. */
  elapsedMs?: () => number;
  push: (job: EvidenceExportJob) => Promise<void>;
  newExportId: () => string;
}

/**
 * An export or pack the caller cannot have as asked: answered with its code and message (a use-case refusal of the
 * app's error family, domain/errors.ts). Inside an export job it ends the run as failed instead of being retried.
 */
export class ExportError extends UseCaseRefusal {
  constructor(
    override readonly code:
      | 'EXPORT_NOT_FOUND'
      | 'CHUNK_NOT_FOUND'
      | 'EXPORT_TOO_LARGE'
      | 'EXPORT_ORDER_UNSTABLE'
      | 'PACK_NOT_FOUND'
      | 'PACK_PART_NOT_FOUND',
    message: string,
  ) {
    super(code, message);
    this.name = 'ExportError';
  }
}

export function isExportError(e: unknown): e is ExportError {
  return e instanceof ExportError;
}

interface Loaded {
  run: ExportRun;
  version: number;
}

export async function loadExportRun(store: AppStore, exportId: string): Promise<Loaded | undefined> {
  const rec = await store.get<unknown>('export', exportId);
  return rec ? { run: parseStored(exportRunSchema, rec.doc, `export ${exportId}`), version: rec.version } : undefined;
}

const sec = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const runPut = (run: ExportRun, expected: number | 'absent') => ({
  record: {
    kind: 'export' as const,
    id: run.exportId,
    version: expected === 'absent' ? 1 : expected + 1,
    dueAt: exportDeleteAt(run),
    doc: run,
  },
  expected,
});

export async function startExport(
  deps: ExportDeps,
  req: { kind: ExportKind; format: ExportFormat; filter: ExportFilter; requestedBy?: string; chunkBytes?: number },
): Promise<ExportRun> {
  const at = deps.now().toISOString();
  const run: ExportRun = {
    v: 1,
    exportId: deps.newExportId(),
    kind: req.kind,
    format: req.format,
    filter: req.filter,
    ...(req.chunkBytes ? { chunkBytes: req.chunkBytes } : {}),
    state: 'running',
    ...(req.requestedBy ? { requestedBy: req.requestedBy } : {}),
    startedAt: at,
    asOf: at,
    changedAfterAsOf: 0,
    updatedAt: at,
    seq: 0,
    chunks: 0,
    rows: 0,
    scanned: 0,
    bytes: 0,
    position: null,
    chunkDigests: [],
    resumes: 0,
  };
  await deps.store.commit({ puts: [runPut(run, 'absent')] });
  await deps.push(jobOf(run.exportId, 0));
  return run;
}

const jobOf = (exportId: string, seq: number): EvidenceExportJob => ({
  type: 'evidence.export',
  exportId,
  seq,
  idempotencyKey: `${exportId}:${seq}`,
});

/** Queues a job again for a run whose job was lost (a failed push): it continues after the last chunk. */
export async function resumeExport(deps: ExportDeps, exportId: string): Promise<ExportRun> {
  const loaded = await loadExportRun(deps.store, exportId);
  if (!loaded) throw new ExportError('EXPORT_NOT_FOUND', `no export ${exportId}; start one with evidence.export.start`);
  if (loaded.run.state === 'running') await deps.push(jobOf(exportId, loaded.run.seq + 1));
  return loaded.run;
}

interface SourceItem {
  range: number;
  key: string;
  row?: Row;
}

function recordQuery(kind: 'request' | 'grant', f: ExportFilter): Pick<RecordQuery, 'index' | 'partition'> {
  // One index narrows the read; the row filters check every condition anyway.
  if (f.status) return { index: 'by-kind-status', partition: [kind, f.status] };
  if (f.toolId) return { index: 'by-tool', partition: [kind, f.toolId] };
  if (f.user) return { index: 'by-owner', partition: [kind, f.user] };
  return { index: 'by-kind-due', partition: [kind] };
}

/** The source in index order from `run.position` on (a cursor lives only inside this invocation). */
async function* sourceItems(store: AppStore, run: ExportRun): AsyncGenerator<SourceItem> {
  const f = run.filter;
  const pos = run.position;
  let cursor: string | undefined;
  if (run.kind === 'events' || run.kind === 'catalog') {
    const kind = run.kind;
    const fromAt = Math.max(f.from ? sec(f.from) : 0, pos?.range ?? 0);
    // Events after asOf (the run's start) are left out: the export is the log as it was then.
    const toAt = Math.min(f.to ? sec(f.to) : Number.MAX_SAFE_INTEGER, sec(run.asOf ?? run.startedAt));
    do {
      const page = await store.eventsBetween(fromAt, toAt, { limit: 100, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) {
        const key = eventKey(item.subject, item.seq);
        if (isWritten(pos, item.at, key)) {
          yield { range: item.at, key };
          continue;
        }
        const e: GovernanceEvent = parseStored(governanceEventSchema, item.doc, `governance event ${key}`);
        yield { range: item.at, key, ...(eventMatches(e, kind, f) ? { row: eventRow(e) } : {}) };
      }
      cursor = page.cursor;
    } while (cursor);
    return;
  }
  const kind = run.kind === 'requests' ? 'request' : 'grant';
  do {
    const page = await store.query<unknown>({
      ...recordQuery(kind, f),
      ...(pos ? { dueAt: { from: pos.range } } : {}),
      sort: 'ASC',
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const rec of page.items) {
      const range = rec.dueAt ?? 0;
      if (isWritten(pos, range, rec.id)) {
        yield { range, key: rec.id };
        continue;
      }
      let row: Row | undefined;
      if (kind === 'request') {
        const doc: RequestDoc = parseStored(requestDocSchema, rec.doc, `request ${rec.id}`);
        if (requestMatches(doc, f)) row = requestRow(doc);
      } else {
        const doc: GrantDoc = parseStored(grantDocSchema, rec.doc, `grant ${rec.id}`);
        if (grantMatches(doc, f)) row = grantRow(doc);
      }
      yield { range, key: rec.id, ...(row ? { row } : {}) };
    }
    cursor = page.cursor;
  } while (cursor);
}

export type ExportJobOutcome = 'done' | 'continued' | 'stale' | 'missing' | 'failed';

/** consume-work runs 120 s (manifest.yml); a job starts no chunk after this, so the last one and the push fit. */
export const EXPORT_JOB_BUDGET_MS = 45_000;

/**
 * Runs one `evidence.export` job: chunks until the source ends (run done) or the budget is spent (next job
 * queued). A job older than the run's seq stops; `retryCount` > 0 (a retry after a crash) counts as a resume.
 */
export async function runExportJob(
  deps: ExportDeps,
  job: EvidenceExportJob,
  opts: { budgetMs?: number; retryCount?: number } = {},
): Promise<ExportJobOutcome> {
  const clock = deps.elapsedMs ?? (() => Date.now());
  const deadline = clock() + (opts.budgetMs ?? EXPORT_JOB_BUDGET_MS);
  const loaded = await loadExportRun(deps.store, job.exportId);
  if (!loaded) return 'missing';
  let { run, version } = loaded;
  if (run.state !== 'running' || job.seq < run.seq) return 'stale';
  if ((opts.retryCount ?? 0) > 0 && run.seq === job.seq) run = { ...run, resumes: run.resumes + 1 };
  run = { ...run, seq: job.seq };

  const columns = columnsOf(run.kind);
  const items = sourceItems(deps.store, run);
  let last: ExportPosition | null = run.position;
  let exhausted = false;
  try {
    for (;;) {
      const rows: Row[] = [];
      let scanned = 0;
      let changed = 0;
      const asOf = run.asOf ?? run.startedAt;
      let bytes = 0;
      while (bytes < (run.chunkBytes ?? CHUNK_TARGET_BYTES)) {
        const next = await items.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const item = next.value;
        if (isWritten(run.position, item.range, item.key)) continue;
        // Resuming relies on (range, key) order; if the store ever breaks it, fail loudly rather than skip rows.
        if (last && (item.range < last.range || (item.range === last.range && item.key <= last.afterKey)))
          throw new ExportError(
            'EXPORT_ORDER_UNSTABLE',
            `the store returned ${item.key} out of index order; start the export again`,
          );
        last = { range: item.range, afterKey: item.key };
        scanned++;
        if (item.row) {
          rows.push(item.row);
          // A request or grant written after asOf is exported as it is now: counted, so the reader knows.
          if (typeof item.row.updatedAt === 'string' && item.row.updatedAt > asOf) changed++;
          // The chunk's text is stored inside a JSON value, so its quotes are escaped once more: estimate the
          // stored size from the row's JSON, JSON-encoded again, in UTF-8 bytes (the chunk is formatted once, below).
          bytes += Buffer.byteLength(JSON.stringify(JSON.stringify(item.row)), 'utf8');
        }
      }
      const n = run.chunks + 1;
      const first = run.chunks === 0;
      if (rows.length === 0 && !first && exhausted) {
        run = { ...run, state: 'done', updatedAt: deps.now().toISOString(), finishedAt: deps.now().toISOString() };
        run.position = last;
        run.scanned += scanned;
        await deps.store.commit({ puts: [runPut(run, version)] });
        return 'done';
      }
      if (n > MAX_EXPORT_CHUNKS)
        throw new ExportError(
          'EXPORT_TOO_LARGE',
          `the export passed ${MAX_EXPORT_CHUNKS} chunks; narrow it with --from/--to or another filter`,
        );
      const text = (first ? headerOf(run.format, columns) : '') + formatRows(run.format, columns, rows);
      const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
      const at = deps.now().toISOString();
      const chunk: ExportChunk = { exportId: run.exportId, n, rows: rows.length, sha256, text };
      const nextRun: ExportRun = {
        ...run,
        chunks: n,
        rows: run.rows + rows.length,
        scanned: run.scanned + scanned,
        changedAfterAsOf: (run.changedAfterAsOf ?? 0) + changed,
        bytes: run.bytes + Buffer.byteLength(text, 'utf8'),
        position: last,
        chunkDigests: [...run.chunkDigests, sha256],
        updatedAt: at,
        ...(exhausted ? { state: 'done' as const, finishedAt: at } : {}),
      };
      // The chunk and the run's new position land together or not at all.
      await deps.store.commit({
        puts: [
          {
            record: { kind: 'export-chunk', id: chunkId(run.exportId, n), version: 1, doc: chunk },
            expected: 'absent',
          },
          runPut(nextRun, version),
        ],
      });
      run = nextRun;
      version += 1;
      if (exhausted) return 'done';
      if (clock() > deadline) {
        await deps.push(jobOf(run.exportId, run.seq + 1));
        return 'continued';
      }
    }
  } catch (e) {
    if (isStoreConflict(e)) return 'stale'; // another delivery of this job got there first
    if (!isExportError(e)) throw e; // the queue retries it; the next try resumes after the last chunk
    const at = deps.now().toISOString();
    const failed: ExportRun = {
      ...run,
      state: 'failed',
      updatedAt: at,
      finishedAt: at,
      error: { code: e.code, message: e.message },
    };
    await deps.store.commit({ puts: [runPut(failed, version)] });
    return 'failed';
  } finally {
    await items.return(undefined);
  }
}

export async function readExportChunk(
  store: AppStore,
  exportId: string,
  n: number,
): Promise<ExportChunk & { chunks: number; state: ExportRun['state'] }> {
  const loaded = await loadExportRun(store, exportId);
  if (!loaded) throw new ExportError('EXPORT_NOT_FOUND', `no export ${exportId}; start one with evidence.export.start`);
  const rec = n <= loaded.run.chunks ? await store.get<unknown>('export-chunk', chunkId(exportId, n)) : undefined;
  if (!rec)
    throw new ExportError(
      'CHUNK_NOT_FOUND',
      `export ${exportId} has ${loaded.run.chunks} chunks so far (${loaded.run.state}); ask for 1..${loaded.run.chunks}`,
    );
  const chunk = parseStored(exportChunkSchema, rec.doc, `export chunk ${n}`);
  return { ...chunk, chunks: loaded.run.chunks, state: loaded.run.state };
}
