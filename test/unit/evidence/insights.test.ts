// insights: pure computation over records with `now` passed in; the JQL each metric carries.
import { TenthsHistogram, computeInsights, percentile } from '../../../src/domain/evidence/insights';
import type { GrantDoc } from '../../../src/domain/grant/types';
import type { RequestDoc } from '../../../src/domain/request/types';

const NOW = new Date('2026-06-30T12:00:00.000Z');
let n = 0;
function req(
  p: Partial<RequestDoc> & { submittedAt: string; status: RequestDoc['status'] },
  decidedHours?: number,
): RequestDoc {
  n++;
  const decision =
    decidedHours === undefined
      ? undefined
      : {
          by: 'acct-1',
          at: new Date(Date.parse(p.submittedAt) + decidedHours * 3_600_000).toISOString(),
          auto: p.status === 'auto_approved',
        };
  return {
    v: 1,
    id: String(n),
    ticket: { id: String(n), key: `AIC-${n}` },
    kind: 'access',
    source: 'portal_panel',
    requester: 'acct-r',
    toolId: 'deepl-pro',
    toolName: 'DeepL Pro',
    purpose: 'x',
    requestedDays: 30,
    risk: 'low',
    policyVersion: 1,
    updatedAt: p.submittedAt,
    holdsLock: false,
    ...p,
    ...(decision ? { decision } : {}),
  };
}
const grant = (status: GrantDoc['status'], expiresAt: string) => ({ status, expiresAt }) as GrantDoc;

const requests = [
  req({ submittedAt: '2026-06-29T09:00:00.000Z', status: 'approved' }, 2),
  req({ submittedAt: '2026-06-29T10:00:00.000Z', status: 'auto_approved' }, 0),
  req({ submittedAt: '2026-06-28T10:00:00.000Z', status: 'declined', risk: 'high', toolId: 'x-ai', toolName: 'X' }, 10),
  req({ submittedAt: '2026-06-10T10:00:00.000Z', status: 'pending_approval' }),
  req({ submittedAt: '2026-06-27T10:00:00.000Z', status: 'pending_approval', toolId: 'needs "quotes"' }),
];
const grants = [
  grant('active', '2026-07-05T00:00:00.000Z'),
  grant('in_review', '2026-07-14T11:00:00.000Z'),
  grant('active', '2026-07-20T00:00:00.000Z'),
  grant('expired', '2026-07-01T00:00:00.000Z'),
];

describe('computeInsights', () => {
  const o = computeInsights({ requests, grants, projectKey: 'AIC' }, { from: '2026-06-27', to: '2026-06-30' }, NOW);
  const m = Object.fromEntries(o.metrics.map((x) => [x.id, x]));

  it('buckets every day of the window by status and risk', () => {
    expect(o.generatedAt).toBe(NOW.toISOString());
    expect(o.requestsOverTime.map((b) => b.bucket)).toEqual(['2026-06-27', '2026-06-28', '2026-06-29', '2026-06-30']);
    const day = 'project = "AIC" AND created >= "2026-06-29" AND created < "2026-06-30"';
    expect(o.requestsOverTime[2]).toEqual({
      bucket: '2026-06-29',
      byStatus: [
        { key: 'approved', count: 1, jql: `${day} AND aicDecision = "approved"` },
        { key: 'auto_approved', count: 1, jql: `${day} AND aicDecision = "auto_approved"` },
      ],
      byRisk: [{ key: 'low', count: 2, jql: `${day} AND aicRisk = "low"` }],
      byTool: [{ key: 'deepl-pro', count: 2, jql: `${day} AND aicTool = "deepl-pro"` }],
      otherTools: null,
    });
    expect(o.requestsOverTime[0].byStatus).toEqual([
      {
        key: 'pending_approval',
        count: 1,
        jql: 'project = "AIC" AND created >= "2026-06-27" AND created < "2026-06-28" AND aicDecision = "pending"',
      },
    ]);
    expect(o.requestsOverTime[3]).toEqual({
      bucket: '2026-06-30',
      byStatus: [],
      byRisk: [],
      byTool: [],
      otherTools: null,
    });
  });

  it('ranks tools and quotes user-set values in their JQL', () => {
    expect(o.topTools.map((t) => [t.toolId, t.requests])).toEqual([
      ['deepl-pro', 2],
      ['needs "quotes"', 1],
      ['x-ai', 1],
    ]);
    expect(o.topTools[1].jql).toBe(
      'project = "AIC" AND created >= "2026-06-27" AND created < "2026-07-01" AND aicTool = "needs \\"quotes\\""',
    );
  });

  it('computes time to decision, rates, expiring grants and stale pending requests', () => {
    expect(m.timeToDecisionP50Hours.value).toBe(2);
    expect(m.timeToDecisionP90Hours.value).toBe(10);
    expect(m.approvalRate.value).toBe(66.7);
    expect(m.declineRate.value).toBe(33.3);
    expect(m.autoApprovalRate.value).toBe(33.3);
    expect(m.expiringIn14Days.value).toBe(2);
    expect(m.stalePending.value).toBe(1);
    expect(m.expiringIn14Days.jql).toContain(
      'aicExpiresAt >= "2026-06-30T12:00:00Z" AND aicExpiresAt <= "2026-07-14T12:00:00Z"',
    );
    expect(m.stalePending.jql).toBe('project = "AIC" AND aicDecision = "pending" AND created <= -7d');
    for (const x of o.metrics) expect(x.jql).not.toMatch(/\bIN\s*\(/);
  });

  it('charts the five most requested tools per day and the rest as other tools, with JQL that excludes the five', () => {
    const tools = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const many = tools.flatMap((toolId, i) =>
      Array.from({ length: tools.length - i }, () =>
        req({ submittedAt: '2026-06-29T09:00:00.000Z', status: 'declined', toolId, toolName: toolId }, 1),
      ),
    );
    const day = computeInsights({ requests: many, grants: [], projectKey: 'AIC' }, { from: '2026-06-29' }, NOW)
      .requestsOverTime[0];
    expect(day.byTool.map((t) => [t.key, t.count])).toEqual([
      ['a', 7],
      ['b', 6],
      ['c', 5],
      ['d', 4],
      ['e', 3],
    ]);
    expect(day.otherTools).toEqual({
      count: 3,
      jql: 'project = "AIC" AND created >= "2026-06-29" AND created < "2026-06-30" AND aicTool != "a" AND aicTool != "b" AND aicTool != "c" AND aicTool != "d" AND aicTool != "e"',
    });
  });

  it('counts decided by status, as the decided JQL does, even without a recorded decision time', () => {
    const o2 = computeInsights(
      {
        requests: [
          req({ submittedAt: '2026-06-29T09:00:00.000Z', status: 'approved' }),
          req({ submittedAt: '2026-06-29T09:00:00.000Z', status: 'declined' }, 4),
        ],
        grants: [],
        projectKey: 'AIC',
      },
      { from: '2026-06-29' },
      NOW,
    );
    expect(o2.decided.count).toBe(2);
    const rate = o2.metrics.find((x) => x.id === 'approvalRate');
    expect(rate?.value).toBe(50);
    expect(o2.metrics.find((x) => x.id === 'timeToDecisionP50Hours')?.value).toBe(4);
  });

  it('counts expiring grants in whole seconds, as the JQL bounds and the indexed expiresAt are', () => {
    const at = new Date('2026-06-30T12:00:00.700Z');
    const expiring = (expiresAt: string) =>
      computeInsights({ requests: [], grants: [grant('active', expiresAt)], projectKey: 'AIC' }, {}, at).metrics.find(
        (x) => x.id === 'expiringIn14Days',
      );
    // Same second as now (indexed 12:00:00Z, the JQL asks >= 12:00:00Z): counted.
    expect(expiring('2026-06-30T12:00:00.300Z')?.value).toBe(1);
    // Within the last second of the 14 days (indexed 2026-07-14T12:00:00Z, the JQL asks <= that): counted.
    expect(expiring('2026-07-14T12:00:00.900Z')?.value).toBe(1);
    expect(expiring('2026-07-14T12:00:01.000Z')?.value).toBe(0);
    expect(expiring('2026-06-30T11:59:59.999Z')?.value).toBe(0);
    expect(expiring('2026-06-30T12:00:00.300Z')?.jql).toContain(
      'aicExpiresAt >= "2026-06-30T12:00:00Z" AND aicExpiresAt <= "2026-07-14T12:00:00Z"',
    );
  });

  it('answers null for a metric with nothing to measure', () => {
    const empty = computeInsights({ requests: [], grants: [], projectKey: 'AIC' }, {}, NOW);
    expect(empty.requestsOverTime).toHaveLength(30);
    expect(empty.metrics.find((x) => x.id === 'approvalRate')!.value).toBeNull();
    expect(empty.metrics.find((x) => x.id === 'timeToDecisionP50Hours')!.value).toBeNull();
  });

  it('refuses a reversed or over-long window, saying what to fix', () => {
    expect(() =>
      computeInsights({ requests, grants, projectKey: 'AIC' }, { from: '2026-07-01', to: '2026-06-01' }, NOW),
    ).toThrow(/swap/);
    expect(() =>
      computeInsights({ requests, grants, projectKey: 'AIC' }, { from: '2024-01-01', to: '2026-06-01' }, NOW),
    ).toThrow(/at most 366/);
  });
});

it('percentile is nearest-rank', () => {
  expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  expect(percentile([1, 2, 3, 4], 90)).toBe(4);
  expect(percentile([], 50)).toBeNull();
});

it('the tenths histogram gives the nearest-rank percentile of the values, to one decimal, whatever their order', () => {
  // A fixed pseudo-random sequence (a linear congruential generator): many values, many ties, some negative.
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (const size of [1, 2, 7, 100, 5_000]) {
    const values = Array.from({ length: size }, () => (next() - 0.05) * 500);
    const h = new TenthsHistogram();
    for (const v of values) h.add(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [1, 50, 90, 99, 100]) {
      const exact = percentile(sorted, p);
      expect(h.percentile(p)).toBe(exact === null ? null : Math.round(exact * 10) / 10);
    }
    expect(h.size).toBe(size);
  }
  expect(new TenthsHistogram().percentile(50)).toBeNull();
});
