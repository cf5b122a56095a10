// Evidence packs and insights through the sandbox: a grant's pack verifies
// offline, and each kind of tampering is named with its file and record; user
// text is escaped in the HTML page; each insights metric's JQL, run against the
// sandbox's Jira search, finds the issues the metric counted.
import { verifyEvidencePack } from '../../../src/domain/evidence/pack';
import { IDS, PURPOSE, adminCaller, makeCoreHarness, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
let bob: { issueId: string; issueKey: string };
let carol: { issueId: string; issueKey: string };
const HOSTILE = `<img src=x onerror=alert(1)> & "quotes" ${PURPOSE}`;

const admin = (functionName: string, payload: unknown = {}) => adminCaller(h)(functionName, payload);

beforeAll(async () => {
  h = await makeCoreHarness();
  bob = h.fileViaPanel('bob', { toolId: 'deepl-pro', purpose: HOSTILE, days: 30 });
  carol = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
  await h.settle();
});
afterAll(async () => {
  await h.close();
});

async function pack(): Promise<Record<string, string>> {
  const r = await admin('evidence.pack', { issueKey: bob.issueKey });
  expect(r.error).toBeUndefined();
  return { ...r.files };
}
const check = (files: Record<string, string>) => verifyEvidencePack((name) => files[name]);

describe('evidence pack', () => {
  it('holds the request, decisions, policy, grant and events, and verifies offline', async () => {
    const files = await pack();
    expect(Object.keys(files).sort()).toEqual(['events.json', 'manifest.json', 'pack.html', 'pack.json']);
    const p = JSON.parse(files['pack.json']);
    expect(p.scope).toEqual({ issueKey: bob.issueKey });
    expect(p.grants).toHaveLength(1);
    p.sections = p.grants[0].sections;
    expect(p.sections.request.ticket.key).toBe(bob.issueKey);
    expect(p.sections.grant.id).toBe(bob.issueId);
    expect(p.sections.decisions.map((d: any) => d.action)).toContain('request.auto_approved');
    expect(p.sections.policy.appliedVersion).toBe(p.sections.grant.policyVersion);
    expect(p.sections.events.length).toBeGreaterThan(2);
    expect(p.disclaimer).toMatch(/does not by itself establish compliance/);
    expect(p.controls.bySection.grant.join(' ')).toMatch(/CC6\.1/);
    const manifest = JSON.parse(files['manifest.json']);
    expect(manifest.chainTips.map((t: any) => t.subject)).toEqual(
      expect.arrayContaining([`request:${bob.issueId}`, `grant:${bob.issueId}`]),
    );
    expect(check(files)).toMatchObject({ ok: true });
  });

  it('escapes user text in the HTML page and loads nothing from outside', async () => {
    const html = (await pack())['pack.html'];
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    expect(html).toContain('@media print');
    expect(html).toContain("default-src 'none'");
  });

  it('names a changed file', async () => {
    const files = await pack();
    files['pack.html'] = files['pack.html'].replace('evidence pack', 'evidence pack (edited)');
    const r = check(files);
    expect(r.ok).toBe(false);
    expect(r.problems).toContain('pack.html changed: its SHA-256 differs from the manifest');
  });

  it('names a changed record', async () => {
    const files = await pack();
    const p = JSON.parse(files['pack.json']);
    p.grants[0].sections.grant.expiresAt = '2099-01-01T00:00:00.000Z';
    files['pack.json'] = JSON.stringify(p, null, 2);
    const r = check(files);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        'pack.json changed: its SHA-256 differs from the manifest',
        'pack.json: record grants.0.sections.grant changed',
      ]),
    );
    const ev = JSON.parse(files['events.json']);
    ev.chains[0].events[0].actor = { type: 'user', accountId: IDS.admin };
    files['events.json'] = JSON.stringify(ev);
    const subject = `${ev.chains[0].subject.type}:${ev.chains[0].subject.id}`;
    expect(check(files).problems.join('\n')).toContain(`events.json: record ${subject} seq 1 changed`);
  });

  it('names a removed event', async () => {
    const files = await pack();
    const ev = JSON.parse(files['events.json']);
    const chain = ev.chains.find((c: any) => c.subject.type === 'request');
    const removed = chain.events.pop();
    files['events.json'] = JSON.stringify(ev);
    const text = check(files).problems.join('\n');
    expect(text).toContain(`events.json: record request:${bob.issueId} seq ${removed.seq} was removed or moved`);
    expect(text).toContain(`the chain of request:${bob.issueId} ends at seq ${removed.seq - 1}`);
  });

  it('names reordered events', async () => {
    const files = await pack();
    const ev = JSON.parse(files['events.json']);
    const chain = ev.chains.find((c: any) => c.subject.type === 'request');
    expect(chain.events.length).toBeGreaterThan(1);
    [chain.events[0], chain.events[1]] = [chain.events[1], chain.events[0]];
    files['events.json'] = JSON.stringify(ev);
    const r = check(files);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(
      new RegExp(`events\\.json: governance log broken at request:${bob.issueId}, seq 1`),
    );
  });

  it('packs every grant approved in a period, and the period pack verifies', async () => {
    const r = await admin('evidence.pack', { from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' });
    expect(r.error).toBeUndefined();
    const p = JSON.parse(r.files['pack.json']);
    expect(p.scope).toEqual({ from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' });
    const keys = p.grants.map((g: any) => g.issueKey);
    expect(keys).toContain(bob.issueKey);
    for (const g of p.grants) expect(g.sections.grant.approvedAt.startsWith('2026-06-01')).toBe(true);
    expect(r.files['pack.html']).toContain(`<h2>${bob.issueKey}</h2>`);
    expect(check(r.files)).toMatchObject({ ok: true });
    const empty = await admin('evidence.pack', { from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' });
    expect(JSON.parse(empty.files['pack.json']).grants).toEqual([]);
    expect(empty.files['pack.html']).toContain('No grant in this period.');
  });

  it('answers an unknown issue key with NOT_FOUND and a bad one with BAD_REQUEST', async () => {
    expect((await admin('evidence.pack', { issueKey: 'AIC-9999' })).error.code).toBe('PACK_NOT_FOUND');
    expect((await admin('evidence.pack', { issueKey: 'not a key' })).error.code).toBe('BAD_REQUEST');
  });
});

describe('insights.overview', () => {
  it('answers the agreed shape, and each metric JQL finds the issues it counted', async () => {
    const o = await admin('insights.overview', { from: '2026-05-20', to: '2026-06-01' });
    expect(Object.keys(o).sort()).toEqual(['decided', 'generatedAt', 'metrics', 'requestsOverTime', 'topTools']);
    expect(o.requestsOverTime).toHaveLength(13);
    const day = o.requestsOverTime.find((b: any) => b.bucket === '2026-06-01');
    const total = (day.byStatus as Array<{ count: number }>).reduce((a, b) => a + b.count, 0);
    expect(total).toBe(2);
    expect(o.metrics.map((m: any) => m.id)).toEqual([
      'timeToDecisionP50Hours',
      'timeToDecisionP90Hours',
      'approvalRate',
      'declineRate',
      'autoApprovalRate',
      'expiringIn14Days',
      'stalePending',
    ]);
    const search = async (jql: string) => {
      const r = await h.call('admin', 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 100 });
      expect(r.status).toBe(200);
      return (r.body.issues as Array<{ key: string }>).map((i) => i.key).sort();
    };
    for (const t of o.topTools) expect((await search(t.jql)).length).toBe(t.requests);
    const byId = Object.fromEntries(o.metrics.map((m: any) => [m.id, m]));
    // Counts: the JQL finds exactly the counted issues.
    expect((await search(byId.expiringIn14Days.jql)).length).toBe(byId.expiringIn14Days.value);
    expect((await search(byId.stalePending.jql)).length).toBe(byId.stalePending.value);
    // Rates: the JQL finds the numerator's issues; time to decision: JQL finds the decided issues, not durations.
    const decided = (await search(byId.timeToDecisionP50Hours.jql)).length;
    expect(decided).toBeGreaterThan(0);
    expect(decided).toBe(o.decided.count);
    const approved = (await search(byId.approvalRate.jql)).length;
    expect(byId.approvalRate.value).toBeCloseTo((approved / decided) * 100, 1);
    const auto = (await search(byId.autoApprovalRate.jql)).length;
    expect(byId.autoApprovalRate.value).toBeCloseTo((auto / decided) * 100, 1);
    const declined = (await search(byId.declineRate.jql)).length;
    expect(byId.declineRate.value).toBeCloseTo((declined / decided) * 100, 1);
  });

  it('counts a live grant expiring within 14 days, with JQL that finds it', async () => {
    h.sb.clock.advance('P20D');
    await h.runSweeps();
    const o = await admin('insights.overview', {});
    const m = Object.fromEntries(o.metrics.map((x: any) => [x.id, x]));
    expect(m.expiringIn14Days.value).toBeGreaterThan(0);
    const r = await h.call('admin', 'POST', '/rest/api/3/search/jql', { jql: m.expiringIn14Days.jql, fields: ['key'] });
    expect(r.status).toBe(200);
    expect(r.body.issues.map((i: any) => i.key)).toContain(bob.issueKey);
    expect(r.body.issues).toHaveLength(m.expiringIn14Days.value);
    void carol;
  });

  it('refuses a window the wrong way round', async () => {
    const r = await admin('insights.overview', { from: '2026-06-10', to: '2026-06-01' });
    expect(r.error.code).toBe('BAD_REQUEST');
    expect(r.error.message).toMatch(/swap/);
  });
});
