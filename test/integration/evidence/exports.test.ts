// Evidence exports through the sandbox: admin resolvers start a run, aic-work
// jobs assemble chunks in KVS, the download reassembles the file; every filter;
// a job that crashes mid-export (the sandbox's KVS write fault) is retried and
// continues after its last committed chunk.
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { IDS, PURPOSE, adminCaller, makeCoreHarness, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
let alice: { issueId: string; issueKey: string };
let bob: { issueId: string; issueKey: string };

const admin = (functionName: string, payload: unknown = {}) => adminCaller(h)(functionName, payload);

async function exportText(payload: unknown): Promise<{ text: string; run: any }> {
  const started = await admin('evidence.export.start', payload);
  expect(started.error).toBeUndefined();
  await h.settle();
  const run = await admin('evidence.export.status', { exportId: started.exportId });
  expect(run.state).toBe('done');
  let text = '';
  for (let n = 1; n <= run.chunks; n++) {
    const chunk = await admin('evidence.export.chunk', { exportId: started.exportId, n });
    expect(createHash('sha256').update(chunk.text, 'utf8').digest('hex')).toBe(run.chunkDigests[n - 1]);
    text += chunk.text;
  }
  return { text, run };
}

const csvRows = (text: string) => parse<Record<string, string>>(text, { columns: true, record_delimiter: '\r\n' });

beforeAll(async () => {
  h = await makeCoreHarness();
  alice = h.fileViaPanel('alice', {
    toolId: 'chatgpt-enterprise',
    purpose: `=HYPERLINK("http://evil") ${PURPOSE}`,
    days: 30,
  });
  bob = h.fileViaPanel('bob', { toolId: 'deepl-pro', purpose: PURPOSE, days: 30 });
  await h.settle();
});
afterAll(async () => {
  await h.close();
});

it('exports requests as CSV: RFC 4180, every cell quoted, the formula neutralised', async () => {
  const { text, run } = await exportText({ kind: 'requests', format: 'csv' });
  expect(text.startsWith('"requestId","issueKey"')).toBe(true);
  expect(text).toContain('\r\n');
  const rows = csvRows(text);
  expect(rows.map((r) => r.issueKey).sort()).toEqual([alice.issueKey, bob.issueKey].sort());
  expect(run.rows).toBe(2);
  const a = rows.find((r) => r.issueKey === alice.issueKey)!;
  expect(a.purpose).toBe(`'=HYPERLINK("http://evil") ${PURPOSE}`);
});

it('filters by user, tool, status and risk', async () => {
  const byUser = csvRows((await exportText({ kind: 'requests', format: 'csv', filter: { user: IDS.bob } })).text);
  expect(byUser.map((r) => r.issueKey)).toEqual([bob.issueKey]);
  const byTool = csvRows(
    (await exportText({ kind: 'requests', format: 'csv', filter: { toolId: 'chatgpt-enterprise' } })).text,
  );
  expect(byTool.map((r) => r.issueKey)).toEqual([alice.issueKey]);
  const statuses = csvRows((await exportText({ kind: 'requests', format: 'csv' })).text).map((r) => r.status);
  const status = statuses[0];
  const byStatus = csvRows((await exportText({ kind: 'requests', format: 'csv', filter: { status } })).text);
  expect(byStatus.length).toBe(statuses.filter((s) => s === status).length);
  const risks = csvRows((await exportText({ kind: 'requests', format: 'csv' })).text).map((r) => r.risk);
  const byRisk = csvRows((await exportText({ kind: 'requests', format: 'csv', filter: { risk: risks[0] } })).text);
  expect(byRisk.length).toBe(risks.filter((r) => r === risks[0]).length);
  const none = csvRows(
    (await exportText({ kind: 'requests', format: 'csv', filter: { from: '2030-01-01T00:00:00Z' } })).text,
  );
  expect(none).toEqual([]);
});

it('exports governance events as JSON Lines, filtered by time and actor', async () => {
  const all = (await exportText({ kind: 'events', format: 'jsonl' })).text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(all.length).toBeGreaterThan(2);
  for (const e of all) expect(Object.keys(e)).toContain('digest');
  expect(JSON.stringify(all)).not.toContain(PURPOSE);
  const late = (await exportText({ kind: 'events', format: 'jsonl', filter: { from: '2030-01-01T00:00:00Z' } })).text;
  expect(late).toBe('');
  const catalog = (await exportText({ kind: 'catalog', format: 'jsonl' })).text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(catalog.length).toBeGreaterThan(0);
  for (const e of catalog) expect(e.subject).toMatch(/^(catalog|policy):/);
});

it('refuses a bad filter with a sentence saying what to fix', async () => {
  const r = await admin('evidence.export.start', { kind: 'requests', format: 'csv', filter: { risk: 'extreme' } });
  expect(r.error.code).toBe('BAD_REQUEST');
  expect(r.error.message).toMatch(/risk/);
});

it('a job that fails mid-export (KVS rate limit) is retried and continues after its last chunk', async () => {
  const clean = await exportText({ kind: 'events', format: 'csv', chunkBytes: 1024 });
  expect(clean.run.chunks).toBeGreaterThan(4);
  // The start commits once; the job commits chunks 1 and 2, then its third chunk is refused.
  h.sb.faults.configure({ kvs: { rateLimitTransactions: { after: 3, count: 1 } } });
  try {
    const started = await admin('evidence.export.start', { kind: 'events', format: 'csv', chunkBytes: 1024 });
    await h.settle(true);
    const run = await admin('evidence.export.status', { exportId: started.exportId });
    expect(run.state).toBe('done');
    expect(run.resumes).toBe(1);
    expect(run.chunks).toBe(clean.run.chunks);
    let text = '';
    for (let n = 1; n <= run.chunks; n++)
      text += (await admin('evidence.export.chunk', { exportId: started.exportId, n })).text;
    expect(text).toBe(clean.text);
    const ids = csvRows(text).map((r) => r.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  } finally {
    h.sb.faults.reset();
  }
});
