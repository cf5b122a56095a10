// What an export is as of: the run's asOf (its start). Governance events recorded after it are left out;
// a request or grant written after it is exported as it is when read and counted in changedAfterAsOf. The
// export's jobs are run here by hand (the use case's own job code over the sandbox's KVS), so the writes
// between the start and the job are deterministic.
import { parse } from 'csv-parse/sync';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import type { ExportRun } from '../../../src/domain/evidence/export-run';
import { runExportJob, startExport, type ExportDeps } from '../../../src/usecases/evidence/export';
import type { EvidenceExportJob } from '../../../src/usecases/shared/work-job-schema';
import { PURPOSE, makeCoreHarness, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
let alice: { issueId: string; issueKey: string };
let exports = 0;

beforeAll(async () => {
  h = await makeCoreHarness();
  alice = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  h.fileViaPanel('bob', { toolId: 'deepl-pro', purpose: PURPOSE, days: 30 });
  await h.settle();
});
afterAll(async () => {
  await h.close();
});

/** Starts an export whose jobs are kept here, not queued; `between` runs before its one job. */
async function exportWith(
  kind: 'requests' | 'events',
  between: () => Promise<void>,
): Promise<{ run: ExportRun; text: string }> {
  const jobs: EvidenceExportJob[] = [];
  const deps = (): ExportDeps => ({
    store: kvsStore(),
    now: () => h.sb.clock.now(),
    push: (j) => {
      jobs.push(j);
      return Promise.resolve();
    },
    newExportId: () => `exp-${(++exports).toString(16).padStart(16, '0')}`,
  });
  const started = (await h.sb.forge.run(() => startExport(deps(), { kind, format: 'csv', filter: {} }))).value;
  await between();
  while (jobs.length > 0) {
    const job = jobs.shift() as EvidenceExportJob;
    await h.sb.forge.run(() => runExportJob(deps(), job));
  }
  const run = (await h.record<ExportRun>('export', started.exportId))?.doc as ExportRun;
  let text = '';
  for (let i = 1; i <= run.chunks; i++)
    text += (await h.record<{ text: string }>('export-chunk', `${run.exportId}.${String(i).padStart(5, '0')}`))?.doc
      ?.text;
  return { run, text };
}
const rows = (text: string) => parse<Record<string, string>>(text, { columns: true, record_delimiter: '\r\n' });

it('states asOf (its start) and counts the requests written after it, exported as they are when read', async () => {
  const { run, text } = await exportWith('requests', async () => {
    h.sb.clock.advance('PT1M');
    const rec = await h.record('request', alice.issueId);
    const updatedAt = h.sb.clock.now().toISOString();
    await h.sb.forge.run(() =>
      kvsStore().commit({
        puts: [
          {
            record: { ...rec!, version: rec!.version + 1, doc: { ...rec!.doc, updatedAt } },
            expected: rec!.version,
          },
        ],
      }),
    );
  });
  expect(run.state).toBe('done');
  expect(run.asOf).toBe(run.startedAt);
  expect(run.changedAfterAsOf).toBe(1);
  const changed = rows(text).filter((r) => r.updatedAt > (run.asOf ?? ''));
  expect(changed.map((r) => r.issueKey)).toEqual([alice.issueKey]);
});

it('leaves out governance events recorded after asOf', async () => {
  const before = (await exportWith('events', () => Promise.resolve())).run.rows;
  const { run, text } = await exportWith('events', async () => {
    h.sb.clock.advance('PT1M');
    h.fileViaPanel('bob', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
    await h.settle();
  });
  expect(run.asOf).toBe(run.startedAt);
  expect(run.rows).toBe(before);
  for (const r of rows(text)) expect(r.at <= (run.asOf ?? '')).toBe(true);
  // The events are there: an export started now has them.
  expect((await exportWith('events', () => Promise.resolve())).run.rows).toBeGreaterThan(before);
});
