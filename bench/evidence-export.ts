// Evidence export of N governance events (default 100,000) as CSV through the
// app's export use case (usecases/evidence/export.ts: the same job code the
// aic-work queue runs, chunk commits, the next-job hand-off), over an AppStore
// whose event index is generated page by page: valid hash chains (10 events a
// subject, one event a second), so the source adds nothing to memory and the
// figures are the export's own. Chunks are "stored" as their size and SHA-256
// only, as KVS would hold them outside this process.
//
// Prints time and peak RSS / heap above the baseline taken just before each
// run, median (min–max) over the runs, and exits 1 if any peak passes 100 MB.
//   npm run bench:evidence [-- --events 100000 --runs 3]
import { randomBytes } from 'node:crypto';
import { appendEvent } from '../src/domain/governance/chain';
import type { GovernanceEvent, SubjectHead } from '../src/domain/governance/event';
import { headOf } from '../src/domain/governance/chain';
import type { AppStore, Page, StoredGovernanceEvent, StoredRecord, WriteSet } from '../src/ports/store';
import { runExportJob, startExport } from '../src/usecases/evidence/export';
import type { EvidenceExportJob } from '../src/usecases/shared/work-job-schema';
import { numberArg, printPeaks, spread } from './stats';

const EVENTS = numberArg('--events', 100_000);
const RUNS = Math.max(3, numberArg('--runs', 3));
const LIMIT_MB = 100;
const T0 = Date.parse('2026-01-01T00:00:00.000Z') / 1000;
const PER_SUBJECT = 10;

/** Events [start, start+count) of the synthetic log, chained per subject. */
function eventsAt(start: number, count: number): StoredGovernanceEvent[] {
  const out: StoredGovernanceEvent[] = [];
  let first = start - (start % PER_SUBJECT);
  for (; first < start + count && first < EVENTS; first += PER_SUBJECT) {
    let head: SubjectHead | undefined;
    const id = String(1_000_000 + first / PER_SUBJECT);
    for (let k = 0; k < PER_SUBJECT && first + k < EVENTS; k++) {
      const i = first + k;
      const e: GovernanceEvent = appendEvent(
        head,
        {
          subject: { type: 'request', id },
          action: k === 0 ? 'request.submitted' : 'request.escalated',
          actor: { type: 'user', accountId: `acct-${i % 97}` },
          ticket: { id, key: `AIC-${id}` },
          after: { status: 'pending_approval', toolId: 'chatgpt-enterprise', note: '=1+1, "quoted"' },
        },
        new Date((T0 + i) * 1000),
        (n) => new Uint8Array(randomBytes(n)),
      );
      head = headOf(e);
      if (i >= start && i < start + count) out.push({ subject: `request:${id}`, seq: e.seq, at: T0 + i, doc: e });
    }
  }
  return out;
}

interface Peak {
  rss: number;
  heap: number;
}

function benchStore(peak: Peak, base: NodeJS.MemoryUsage): AppStore & { chunks: number; bytes: number } {
  const records = new Map<string, StoredRecord>();
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss - base.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed - base.heapUsed);
  };
  const store = {
    chunks: 0,
    bytes: 0,
    get: <T>(kind: string, id: string) => Promise.resolve(records.get(`${kind}:${id}`) as StoredRecord<T> | undefined),
    query: () => Promise.reject(new Error('not used by an events export')),
    commit(w: WriteSet) {
      sample();
      for (const { record, expected } of w.puts ?? []) {
        const key = `${record.kind}:${record.id}`;
        const current = records.get(key);
        if (expected === 'absent' ? current : current?.version !== expected) throw new Error(`conflict on ${key}`);
        if (record.kind === 'export-chunk') {
          store.chunks++;
          store.bytes += (record.doc as { text: string }).text.length;
          records.set(key, { ...record, doc: null });
        } else records.set(key, record);
      }
      return Promise.resolve();
    },
    eventsOf: () => Promise.reject(new Error('not used')),
    eventsBetween(fromAt: number, toAt: number, opts: { cursor?: string; limit?: number } = {}) {
      sample();
      const start = opts.cursor ? Number(opts.cursor) : Math.max(0, fromAt - T0);
      const end = Math.min(EVENTS, toAt - T0 + 1);
      const count = Math.min(opts.limit ?? 100, end - start);
      const items = count > 0 ? eventsAt(start, count) : [];
      const next = start + Math.max(0, count);
      const page: Page<StoredGovernanceEvent> = { items, ...(next < end ? { cursor: String(next) } : {}) };
      // Yield like a real KVS round trip would.
      return new Promise<Page<StoredGovernanceEvent>>((r) => setImmediate(() => r(page)));
    },
    replaceEventDoc: () => Promise.reject(new Error('not used')),
  };
  return store;
}

async function once(): Promise<{
  ms: number;
  rssMb: number;
  heapMb: number;
  rows: number;
  chunks: number;
  mb: number;
}> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  const peak: Peak = { rss: 0, heap: 0 };
  const store = benchStore(peak, base);
  const jobs: EvidenceExportJob[] = [];
  const deps = {
    store,
    now: () => new Date((T0 + EVENTS + 60) * 1000),
    push: (j: EvidenceExportJob) => {
      jobs.push(j);
      return Promise.resolve();
    },
    newExportId: () => 'exp-00000000000000be',
  };
  const t = performance.now();
  const run = await startExport(deps, { kind: 'events', format: 'csv', filter: {} });
  let outcome = '';
  while (jobs.length > 0) outcome = await runExportJob(deps, jobs.shift() as EvidenceExportJob);
  const ms = performance.now() - t;
  const done = (await store.get<{ rows: number; chunks: number; state: string }>('export', run.exportId))?.doc;
  if (outcome !== 'done' || done?.rows !== EVENTS)
    throw new Error(`export ended ${outcome} with ${String(done?.rows)} rows, expected ${EVENTS}`);
  return {
    ms,
    rssMb: peak.rss / 2 ** 20,
    heapMb: peak.heap / 2 ** 20,
    rows: done.rows,
    chunks: done.chunks,
    mb: store.bytes / 2 ** 20,
  };
}

async function main(): Promise<void> {
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await once());
  const r0 = results[0];
  console.log(
    `evidence export: ${EVENTS} governance events → CSV, ${r0.chunks} chunks, ${r0.mb.toFixed(1)} MB, ${RUNS} runs`,
  );
  console.log(
    `  time                  ${spread(
      results.map((r) => r.ms / 1000),
      2,
    )} s`,
  );
  console.log(
    `  rows per second       ${spread(
      results.map((r) => r.rows / (r.ms / 1000)),
      0,
    )}`,
  );
  printPeaks(results);
  const worst = Math.max(...results.map((r) => Math.max(r.rssMb, r.heapMb)));
  if (worst > LIMIT_MB) {
    console.error(`FAIL: memory grew ${worst.toFixed(1)} MB above the baseline (limit ${LIMIT_MB} MB)`);
    process.exitCode = 1;
  }
}

void main();
