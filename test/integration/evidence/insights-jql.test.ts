// Every number of insights.overview that carries JQL is reproduced by that JQL: over a varied scenario (seven tools, three risks, every kind of outcome, three days), each metric tile, each top tool and each segment of each
// day's bars is searched in the sandbox's Jira and the search finds exactly as many issues as the number says.
import { PURPOSE, adminCaller, withComment, makeCoreHarness, type CoreHarness, type Who } from '../core-loop/harness';
import type { InsightsOverview } from '../../../src/domain/evidence/insights';

let h: CoreHarness;
let o: InsightsOverview;
const filedPerDay = new Map<string, number>();

async function file(who: Who, toolId: string, then: 'approve' | 'decline' | 'leave' = 'leave', days = 30) {
  const day = h.sb.clock.now().toISOString().slice(0, 10);
  filedPerDay.set(day, (filedPerDay.get(day) ?? 0) + 1);
  const r = h.fileViaPanel(who, { toolId, purpose: PURPOSE, days });
  await h.settle();
  h.sb.clock.advance('PT1H');
  if (then === 'approve') await h.transitionAsAgent(r.issueKey, '21');
  if (then === 'decline') await h.transitionAsAgent(r.issueKey, '31', withComment('Use the team workspace'));
  return r;
}

async function search(jql: string): Promise<number> {
  const r = await h.call('admin', 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 100 });
  if (r.status !== 200) throw new Error(`${jql}: ${r.status} ${JSON.stringify(r.body)}`);
  expect(r.body.nextPageToken).toBeUndefined();
  return (r.body.issues as unknown[]).length;
}

beforeAll(async () => {
  h = await makeCoreHarness();
  for (const toolId of ['adobe-firefly', 'canva-magic-studio'])
    // seven requestable tools: two beyond the chart's five
    expect((await adminCaller(h)('catalog.approve', { toolId })).error).toBeUndefined();
  // 2026-06-01
  await file('alice', 'deepl-pro'); // auto-approved, low
  await file('bob', 'claude-for-work', 'approve'); // medium
  await file('alice', 'openai-api', 'decline'); // high
  await file('bob', 'chatgpt-enterprise'); // pending, medium (stale by the time insights are read)
  await file('alice', 'not-in-the-catalog'); // rejected: no tool, no risk
  h.sb.clock.advance('P1D');
  // 2026-06-02
  await file('bob', 'deepl-pro', 'leave', 20); // auto-approved, expires on 2026-06-22
  await file('bob', 'deepl-pro'); // blocked: bob holds it
  await file('alice', 'github-copilot-business', 'approve');
  await file('bob', 'openai-api', 'decline');
  h.sb.clock.advance('P2D');
  // 2026-06-04
  await file('alice', 'claude-for-work', 'decline');
  await file('bob', 'github-copilot-business');
  await file('alice', 'adobe-firefly');
  await file('bob', 'canva-magic-studio');
  h.sb.clock.advance('P9D'); // 2026-06-13: bob's DeepL grant expires within 14 days; the pending requests are stale
  await h.runSweeps();
  o = await adminCaller(h)('insights.overview', { from: '2026-05-31', to: '2026-06-05' });
});
afterAll(async () => {
  await h.close();
});

it('covers what the scenario was built for (so the checks below check something)', () => {
  expect(o.requestsOverTime.map((b) => b.bucket)).toEqual([
    '2026-05-31',
    '2026-06-01',
    '2026-06-02',
    '2026-06-03',
    '2026-06-04',
    '2026-06-05',
  ]);
  for (const b of o.requestsOverTime)
    expect(b.byStatus.reduce((n, s) => n + s.count, 0)).toBe(filedPerDay.get(b.bucket) ?? 0);
  const statuses = new Set(o.requestsOverTime.flatMap((b) => b.byStatus.map((s) => s.key)));
  expect([...statuses].sort()).toEqual(
    expect.arrayContaining(['approved', 'auto_approved', 'blocked_duplicate', 'declined', 'rejected_invalid']),
  );
  expect(new Set(o.requestsOverTime.flatMap((b) => b.byRisk.map((s) => s.key)))).toEqual(
    new Set(['low', 'medium', 'high']),
  );
  expect(o.topTools).toHaveLength(7);
  expect(o.requestsOverTime.some((b) => b.otherTools !== null)).toBe(true);
  const decidedSegments = o.requestsOverTime.flatMap((b) =>
    b.byStatus.filter((s) => ['approved', 'auto_approved', 'declined'].includes(s.key)),
  );
  expect(o.decided.count).toBe(decidedSegments.reduce((n, s) => n + s.count, 0));
  expect(o.decided.count).toBeGreaterThanOrEqual(7);
  const m = Object.fromEntries(o.metrics.map((x) => [x.id, x]));
  expect(m.expiringIn14Days.value).toBeGreaterThan(0);
  expect(m.stalePending.value).toBeGreaterThan(0);
});

it('each top tool: its JQL finds as many issues as it counts ', async () => {
  for (const t of o.topTools) expect([t.toolId, await search(t.jql)]).toEqual([t.toolId, t.requests]);
});

it('each segment of each day, by status, risk and tool (and other tools): its JQL finds its count', async () => {
  let checked = 0;
  for (const b of o.requestsOverTime) {
    for (const s of [...b.byStatus, ...b.byRisk, ...b.byTool, ...(b.otherTools ? [b.otherTools] : [])]) {
      expect([b.bucket, s.jql, await search(s.jql)]).toEqual([b.bucket, s.jql, s.count]);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(20);
});

it('each metric tile: counts are found by their JQL, rates are their JQL over the decided JQL', async () => {
  const decided = await search(o.decided.jql);
  expect(decided).toBe(o.decided.count);
  const share = (part: number) => Math.round((part / decided) * 1000) / 10;
  for (const m of o.metrics) {
    const found = await search(m.jql);
    if (m.unit === 'count') expect([m.id, found]).toEqual([m.id, m.value]);
    else if (m.unit === 'percent') expect([m.id, share(found)]).toEqual([m.id, m.value]);
    else expect([m.id, found]).toEqual([m.id, decided]); // time to decision lists the decided requests
  }
});
