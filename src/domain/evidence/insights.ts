// Insights for a manager: requests over time, the most requested tools, and a
// few metrics, each with the JQL that finds the same issues in Jira through the
// app's indexed property aliases (manifest.yml jira:entityProperty; operators
// per docs/platform-contract.md JQL-2..6: string aliases take = and != only, so
// alternatives are written with OR, never IN). Values go through quoteJqlString,
// never into the JQL as they are. Pure: records and `now` are passed in.
import * as z from 'zod/mini';
import { LIVE_GRANT_STATUSES, type GrantDoc } from '../grant/types';
import { decisionPropertyValue, type RequestDoc, type RequestStatus } from '../request/types';
import { quoteJqlString } from '../provisioning/jql-template';

const isoDate = z.iso.date();
export const insightsQuerySchema = z._default(
  z.optional(z.strictObject({ from: z.optional(isoDate), to: z.optional(isoDate) })),
  {},
);
export type InsightsQuery = z.infer<typeof insightsQuerySchema>;

export type MetricId =
  | 'timeToDecisionP50Hours'
  | 'timeToDecisionP90Hours'
  | 'approvalRate'
  | 'declineRate'
  | 'autoApprovalRate'
  | 'expiringIn14Days'
  | 'stalePending';

export interface Metric {
  id: MetricId;
  label: string;
  value: number | null;
  unit: 'count' | 'percent' | 'hours';
  jql: string;
}

/** One stacked segment of a day's bar: how many requests, and the JQL that lists them. */
export interface Segment {
  key: string;
  count: number;
  jql: string;
}

/**
 * A day of the window. byStatus holds every request submitted that day; byRisk those with a risk (a request
 * for a tool outside the catalog has none, and no JQL finds an empty string alias, JQL-3); byTool those naming
 * one of the TOOLS_PER_DAY most requested tools, otherTools those naming another. Segments with no request
 * are left out, so the answer grows with what happened, at most days × (statuses + risks + TOOLS_PER_DAY + 1).
 */
export interface DayBucket {
  bucket: string;
  byStatus: Segment[];
  byRisk: Segment[];
  byTool: Segment[];
  otherTools: { count: number; jql: string } | null;
}

export interface InsightsOverview {
  generatedAt: string;
  requestsOverTime: DayBucket[];
  topTools: Array<{ toolId: string; toolName: string; requests: number; jql: string }>;
  /** Requests of the window whose status is a decision (approved, auto-approved, declined): the rates' whole. */
  decided: { count: number; jql: string };
  metrics: Metric[];
}

export const DEFAULT_WINDOW_DAYS = 30;
export const MAX_WINDOW_DAYS = 366;
export const STALE_PENDING_DAYS = 7;
export const EXPIRING_WITHIN_DAYS = 14;
const TOP_TOOLS = 10;
/** Tools with their own segment in the per-day chart (the rest are one "other tools" segment). */
export const TOOLS_PER_DAY = 5;
const DAY_MS = 86_400_000;

export class InsightsInputError extends Error {
  readonly code = 'BAD_REQUEST';
  override readonly name = 'InsightsInputError';
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayStart = (date: string) => Date.parse(`${date}T00:00:00.000Z`);
/** An instant as a `date` alias operand: ISO 8601 with offset, no fractions (JQL-1, JQL-6). */
const jqlInstant = (ms: number) => new Date(toSecond(ms)).toISOString().replace('.000Z', 'Z');
/**
 * The indexed expiresAt has no fractions (JQL-1) and the JQL's bounds are whole seconds, so the expiring count
 * compares whole seconds too: otherwise a grant expiring within the same second as `now` would be counted and
 * not found, or found and not counted.
 */
const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

const DECIDED = ['approved', 'auto_approved', 'declined'] as const;

/** Nearest-rank percentile of sorted values (https://en.wikipedia.org/wiki/Percentile#The_nearest-rank_method). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const share = (part: number, whole: number) => (whole === 0 ? null : round1((part / whole) * 100));

export function insightsWindow(q: InsightsQuery, now: Date): { from: string; to: string } {
  const to = q.to ?? dateOf(now.getTime());
  const from = q.from ?? dateOf(dayStart(to) - (DEFAULT_WINDOW_DAYS - 1) * DAY_MS);
  if (from > to) throw new InsightsInputError(`from (${from}) is after to (${to}); swap them`);
  const days = (dayStart(to) - dayStart(from)) / DAY_MS + 1;
  if (days > MAX_WINDOW_DAYS)
    throw new InsightsInputError(`the window is ${days} days; ask for at most ${MAX_WINDOW_DAYS}`);
  return { from, to };
}

/** JQL condition joins; every value quoted by quoteJqlString. */
const eq = (alias: string, value: string) => `${alias} = ${quoteJqlString(value)}`;
const anyOf = (alias: string, values: readonly string[]) => `(${values.map((v) => eq(alias, v)).join(' OR ')})`;
/** `!=` never matches an empty value (EXP-7), so this finds issues whose alias holds some other value. */
const noneOf = (alias: string, values: readonly string[]) =>
  values.map((v) => `${alias} != ${quoteJqlString(v)}`).join(' AND ');

const increment = <K>(counts: Map<K, number>, key: K) => counts.set(key, (counts.get(key) ?? 0) + 1);
const byKey = <K extends string>([a]: [K, number], [b]: [K, number]) => (a < b ? -1 : a > b ? 1 : 0);

interface DayCounts {
  status: Map<RequestStatus, number>;
  risk: Map<string, number>;
  tool: Map<string, number>;
}

/**
 * Exact nearest-rank percentiles of values shown to one decimal, in memory bounded by the values' span rather
 * than their count: rounding to tenths is monotone, so the percentile of the rounded values is the rounded
 * percentile, and a count per tenth is enough (a year of decision times is at most ~88,000 tenths of an hour,
 * whatever the number of requests).
 */
export class TenthsHistogram {
  private readonly counts = new Map<number, number>();
  private n = 0;

  add(value: number): void {
    const tenth = Math.round(value * 10);
    this.counts.set(tenth, (this.counts.get(tenth) ?? 0) + 1);
    this.n++;
  }

  get size(): number {
    return this.n;
  }

  /** Nearest-rank percentile (https://en.wikipedia.org/wiki/Percentile#The_nearest-rank_method), to one decimal. */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (const tenth of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(tenth) ?? 0;
      if (seen >= rank) return tenth / 10;
    }
    return null;
  }
}

/**
 * The insights of a window, fed one record at a time (records are read page by page and dropped): it keeps
 * counters per day, status, risk and tool, and the decision-time histogram, never the records.
 */
export class InsightsAccumulator {
  private readonly from: string;
  private readonly to: string;
  private readonly nowMs: number;
  private readonly startMs: number;
  private readonly endMs: number;
  private readonly buckets = new Map<string, DayCounts>();
  private readonly tools = new Map<string, { toolName: string; requests: number }>();
  private readonly decisionHours = new TenthsHistogram();
  private readonly decidedBy: Record<(typeof DECIDED)[number], number> = {
    approved: 0,
    auto_approved: 0,
    declined: 0,
  };
  private stale = 0;
  private expiring = 0;

  constructor(
    q: InsightsQuery,
    private readonly now: Date,
  ) {
    ({ from: this.from, to: this.to } = insightsWindow(q, now));
    this.nowMs = now.getTime();
    this.startMs = dayStart(this.from);
    this.endMs = dayStart(this.to) + DAY_MS;
    for (let t = this.startMs; t < this.endMs; t += DAY_MS)
      this.buckets.set(dateOf(t), { status: new Map(), risk: new Map(), tool: new Map() });
  }

  addRequest(r: RequestDoc): void {
    const submitted = Date.parse(r.submittedAt);
    if (r.status === 'pending_approval' && submitted <= this.nowMs - STALE_PENDING_DAYS * DAY_MS) this.stale++;
    if (submitted < this.startMs || submitted >= this.endMs) return;
    const b = this.buckets.get(r.submittedAt.slice(0, 10));
    if (b) {
      increment(b.status, r.status);
      if (r.risk) increment(b.risk, r.risk);
      if (r.toolId) increment(b.tool, r.toolId);
    }
    if (r.toolId) {
      const t = this.tools.get(r.toolId) ?? { toolName: r.toolName ?? r.toolId, requests: 0 };
      t.requests++;
      this.tools.set(r.toolId, t);
    }
    // Decided is a matter of status, as the decided JQL (aicDecision) has it; the time needs the decision's instant.
    const status = DECIDED.find((s) => s === r.status);
    if (status) {
      this.decidedBy[status]++;
      if (r.decision) this.decisionHours.add((Date.parse(r.decision.at) - submitted) / 3_600_000);
    }
  }

  addGrant(g: GrantDoc): void {
    const expires = toSecond(Date.parse(g.expiresAt));
    if (
      LIVE_GRANT_STATUSES.has(g.status) &&
      expires >= toSecond(this.nowMs) &&
      expires <= toSecond(this.nowMs + EXPIRING_WITHIN_DAYS * DAY_MS)
    )
      this.expiring++;
  }

  private dayBucket(bucket: string, b: DayCounts, project: string, chartedTools: readonly string[]): DayBucket {
    const dayJql = `${project} AND created >= ${quoteJqlString(bucket)} AND created < ${quoteJqlString(dateOf(dayStart(bucket) + DAY_MS))}`;
    const segments = <K extends string>(counts: Map<K, number>, condition: (key: K) => string): Segment[] =>
      [...counts.entries()].sort(byKey).map(([key, count]) => ({ key, count, jql: `${dayJql} AND ${condition(key)}` }));
    const charted = new Map([...b.tool].filter(([id]) => chartedTools.includes(id)));
    let other = 0;
    for (const [id, n] of b.tool) if (!chartedTools.includes(id)) other += n;
    return {
      bucket,
      byStatus: segments(b.status, (s) => eq('aicDecision', decisionPropertyValue(s))),
      byRisk: segments(b.risk, (risk) => eq('aicRisk', risk)),
      byTool: segments(charted, (id) => eq('aicTool', id)),
      otherTools: other === 0 ? null : { count: other, jql: `${dayJql} AND ${noneOf('aicTool', chartedTools)}` },
    };
  }

  result(projectKey: string): InsightsOverview {
    const { from, endMs, nowMs } = this;
    const project = `project = ${quoteJqlString(projectKey)}`;
    // Jira's `created` is the ticket's creation; the app's submittedAt is intake, seconds later (see docs/evidence.md).
    const windowJql = `${project} AND created >= ${quoteJqlString(from)} AND created < ${quoteJqlString(dateOf(endMs))}`;
    const topTools = [...this.tools.entries()]
      .sort(([a, x], [b, y]) => y.requests - x.requests || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, TOP_TOOLS)
      .map(([toolId, t]) => ({
        toolId,
        toolName: t.toolName,
        requests: t.requests,
        jql: `${windowJql} AND ${eq('aicTool', toolId)}`,
      }));
    const { approved, auto_approved: autoApproved, declined } = this.decidedBy;
    const decided = approved + autoApproved + declined;
    const p50 = this.decisionHours.percentile(50);
    const p90 = this.decisionHours.percentile(90);
    const decidedJql = `${windowJql} AND ${anyOf('aicDecision', DECIDED)}`;
    const soon = nowMs + EXPIRING_WITHIN_DAYS * DAY_MS;
    const chartedTools = topTools.slice(0, TOOLS_PER_DAY).map((t) => t.toolId);

    const metrics: Metric[] = [
      {
        id: 'timeToDecisionP50Hours',
        label: 'Time to decision (median)',
        value: p50,
        unit: 'hours',
        jql: decidedJql,
      },
      {
        id: 'timeToDecisionP90Hours',
        label: 'Time to decision (90th percentile)',
        value: p90,
        unit: 'hours',
        jql: decidedJql,
      },
      {
        id: 'approvalRate',
        label: 'Approved (of decided)',
        value: share(approved + autoApproved, decided),
        unit: 'percent',
        jql: `${windowJql} AND ${anyOf('aicDecision', ['approved', 'auto_approved'])}`,
      },
      {
        id: 'declineRate',
        label: 'Declined (of decided)',
        value: share(declined, decided),
        unit: 'percent',
        jql: `${windowJql} AND ${eq('aicDecision', 'declined')}`,
      },
      {
        id: 'autoApprovalRate',
        label: 'Auto-approved (of decided)',
        value: share(autoApproved, decided),
        unit: 'percent',
        jql: `${windowJql} AND ${eq('aicDecision', 'auto_approved')}`,
      },
      {
        id: 'expiringIn14Days',
        label: `Live grants expiring within ${EXPIRING_WITHIN_DAYS} days`,
        value: this.expiring,
        unit: 'count',
        jql: `${project} AND ${anyOf('aicStatus', [...LIVE_GRANT_STATUSES])} AND aicExpiresAt >= ${quoteJqlString(jqlInstant(nowMs))} AND aicExpiresAt <= ${quoteJqlString(jqlInstant(soon))}`,
      },
      {
        id: 'stalePending',
        label: `Pending for more than ${STALE_PENDING_DAYS} days`,
        value: this.stale,
        unit: 'count',
        // Relative dates are documented for system fields (not for property aliases, JQL-6).
        jql: `${project} AND ${eq('aicDecision', 'pending')} AND created <= -${STALE_PENDING_DAYS}d`,
      },
    ];
    return {
      generatedAt: this.now.toISOString(),
      requestsOverTime: [...this.buckets.entries()].map(([bucket, b]) =>
        this.dayBucket(bucket, b, project, chartedTools),
      ),
      topTools,
      decided: { count: decided, jql: decidedJql },
      metrics,
    };
  }
}

/** The insights of records held in memory (tests, small sets); the resolver feeds an InsightsAccumulator page by page. */
export function computeInsights(
  input: { requests: readonly RequestDoc[]; grants: readonly GrantDoc[]; projectKey: string },
  q: InsightsQuery,
  now: Date,
): InsightsOverview {
  const acc = new InsightsAccumulator(q, now);
  for (const r of input.requests) acc.addRequest(r);
  for (const g of input.grants) acc.addGrant(g);
  return acc.result(input.projectKey);
}
