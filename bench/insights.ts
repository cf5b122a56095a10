// insights.overview over N request records (default 20,000, a 90-day window)
// through the app's use case (usecases/evidence/insights.ts: pages of 100 into
// the InsightsAccumulator), over an AppStore whose request index is generated
// page by page, so the source adds nothing to memory and the figures are the
// aggregation's own. For comparison, the same answer computed the way it was
// before (every record loaded into arrays, then computeInsights); the bench
// fails if the two answers differ.
//
// Prints time and peak RSS / heap above the baseline taken just before each
// run, median (min–max) over the runs. Run with --expose-gc (the npm script
// does), every 10th page is sampled after a collection: the peak is what a
// method keeps, not the garbage it has not collected yet.
//   npm run bench:insights [-- --requests 20000 --runs 5]
import { computeInsights, type InsightsOverview } from '../src/domain/evidence/insights';
import { requestDocSchema, type RequestDoc } from '../src/domain/request/types';
import type { AppStore, Page, StoredRecord } from '../src/ports/store';
import { insightsOverview } from '../src/usecases/evidence/insights';
import { numberArg, printPeaks, spread } from './stats';

const REQUESTS = numberArg('--requests', 20_000);
const RUNS = Math.max(3, numberArg('--runs', 5));
const NOW = new Date('2026-06-30T12:00:00.000Z');
const WINDOW = { from: '2026-04-02', to: '2026-06-30' };
const WINDOW_MS = 90 * 86_400_000;
const TOOLS = ['chatgpt-enterprise', 'claude-for-work', 'deepl-pro', 'github-copilot-business', 'notion-ai'];
const STATUSES = ['approved', 'auto_approved', 'declined', 'pending_approval', 'cancelled'] as const;

/** Request i of the synthetic set: spread over the window, a decision 0–72 h after submission when decided. */
function requestAt(i: number): RequestDoc {
  const submitted = Date.parse(`${WINDOW.from}T00:00:00.000Z`) + Math.floor((i * WINDOW_MS) / REQUESTS);
  const status = STATUSES[i % STATUSES.length];
  const at = new Date(submitted).toISOString();
  const id = String(100_000 + i);
  return {
    v: 1,
    id,
    ticket: { id, key: `AIC-${i + 1}` },
    kind: 'access',
    source: 'portal_panel',
    status,
    requester: `acct-${i % 997}`,
    toolId: TOOLS[i % TOOLS.length],
    toolName: TOOLS[i % TOOLS.length],
    purpose: 'Summarising customer interview notes for the research team',
    requestedDays: 30,
    risk: (['low', 'medium', 'high'] as const)[i % 3],
    policyVersion: 1,
    submittedAt: at,
    updatedAt: at,
    ...(status === 'pending_approval' || status === 'cancelled'
      ? {}
      : {
          decision: {
            by: 'acct-approver',
            at: new Date(submitted + ((i * 7919) % (72 * 60)) * 60_000).toISOString(),
            auto: status === 'auto_approved',
          },
        }),
    holdsLock: false,
  };
}

/** node --expose-gc (npm run bench:insights passes it). */
const gc = (globalThis as { gc?: () => void }).gc;

interface Peak {
  rss: number;
  heap: number;
}

function benchStore(peak: Peak, base: NodeJS.MemoryUsage): AppStore {
  let pages = 0;
  const sample = () => {
    // Every 10th page, what is still reachable (the records a method keeps), not the garbage of earlier pages.
    if (++pages % 10 === 0) gc?.();
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss - base.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed - base.heapUsed);
  };
  const notUsed = () => Promise.reject(new Error('not used by insights'));
  return {
    get: () => Promise.resolve(undefined),
    query<T>(q: { partition: unknown[]; cursor?: string; limit?: number }) {
      sample();
      const start = q.cursor ? Number(q.cursor) : 0;
      const end = q.partition[0] === 'request' ? REQUESTS : 0;
      const count = Math.min(q.limit ?? 100, end - start);
      const items: StoredRecord<T>[] = [];
      for (let i = start; i < start + count; i++) {
        const doc = requestAt(i);
        items.push({ kind: 'request', id: doc.id, version: 1, dueAt: i, doc: doc as T });
      }
      const page: Page<StoredRecord<T>> = { items, ...(start + count < end ? { cursor: String(start + count) } : {}) };
      // Yield like a real KVS round trip would.
      return new Promise<Page<StoredRecord<T>>>((r) => setImmediate(() => r(page)));
    },
    commit: notUsed,
    eventsOf: notUsed,
    eventsBetween: notUsed,
    replaceEventDoc: notUsed,
  } as AppStore;
}

/** The way insights were computed before: every request and grant record loaded, then computeInsights. */
async function loadedAnswer(store: AppStore): Promise<InsightsOverview> {
  const requests: RequestDoc[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<unknown>({
      index: 'by-kind-due',
      partition: ['request'],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const r of page.items) requests.push(requestDocSchema.parse(r.doc));
    cursor = page.cursor;
  } while (cursor);
  return computeInsights({ requests, grants: [], projectKey: 'AIC' }, WINDOW, NOW);
}

async function once(
  how: 'streamed' | 'loaded',
): Promise<{ ms: number; rssMb: number; heapMb: number; answer: InsightsOverview }> {
  gc?.();
  const base = process.memoryUsage();
  const peak: Peak = { rss: 0, heap: 0 };
  const store = benchStore(peak, base);
  const t = performance.now();
  const answer = how === 'streamed' ? await insightsOverview(store, WINDOW, NOW) : await loadedAnswer(store);
  return { ms: performance.now() - t, rssMb: peak.rss / 2 ** 20, heapMb: peak.heap / 2 ** 20, answer };
}

async function main(): Promise<void> {
  console.log(`insights.overview: ${REQUESTS} requests, a 90-day window, ${RUNS} runs each`);
  const answers: string[] = [];
  for (const how of ['streamed', 'loaded'] as const) {
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await once(how));
    answers.push(JSON.stringify(results[0].answer));
    console.log(`  ${how === 'streamed' ? 'streamed (pages of 100 into counters)' : 'all records loaded (before)'}`);
    console.log(
      `    time                  ${spread(
        results.map((r) => r.ms / 1000),
        2,
      )} s`,
    );
    printPeaks(results, '    ');
  }
  if (answers[0] !== answers[1]) {
    console.error('FAIL: the streamed answer differs from the loaded one');
    process.exitCode = 1;
  }
}

void main();
