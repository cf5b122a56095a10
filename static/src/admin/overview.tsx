// Overview: counts by status, what expires soon, what waits too long, the last verification of the log,
// and the insights (insights.overview): requests per day by status, risk and tool, top tools, decision
// metrics — each number and each bar links to the JQL that lists the issues behind it.
import SectionMessage from '@atlaskit/section-message';
import { useLoad } from '../shared/hooks';
import { call, ResolverError } from '../shared/invoke';
import { Await } from '../shared/shell';
import { when } from '../agent/bits';
import { DayChart, TopToolsChart, type Series } from './insights-charts';
import { JqlLink } from './jql-link';
import type { DayBucket, Insights, Overview, Segment } from './types';

const STATUS_COLOURS: Record<string, string> = {
  pending_approval: 'var(--ds-background-information-bold, #0c66e4)',
  approved: 'var(--ds-background-success-bold, #1f845a)',
  auto_approved: 'var(--ds-background-accent-teal-bolder, #206a83)',
  declined: 'var(--ds-background-danger-bold, #c9372c)',
  cancelled: 'var(--ds-background-neutral-bold, #44546f)',
  lapsed: 'var(--ds-background-warning-bold, #f5cd47)',
};

function Counts({ o }: { o: Overview }) {
  const tiles: Array<[string, number]> = [
    ['Waiting for approval', o.requests.pending_approval ?? 0],
    ['Stale (escalated) requests', o.stalePending],
    ['Active access', o.grants.active ?? 0],
    ['Expiring in 14 days', o.expiringIn14Days],
    ['Waiting for fulfilment', o.grants.pending_fulfilment ?? 0],
    ['In review', o.grants.in_review ?? 0],
  ];
  const v = o.lastVerification;
  return (
    <section aria-labelledby="aic-counts-heading" className="aic-stack">
      <h2 id="aic-counts-heading">Now</h2>
      <ul className="aic-tiles">
        {tiles.map(([label, n]) => (
          <li key={label} className="aic-tile">
            <span className="aic-tile-value">{n}</span>
            <span className="aic-muted">{label}</span>
          </li>
        ))}
      </ul>
      <p>
        {v
          ? `Last governance log verification: ${when(v.at)} — ${v.ok ? 'intact' : `BROKEN: ${v.message ?? ''}`} (${v.events} events, ${v.subjects} subjects).`
          : 'The governance log has not been verified yet: run it on the Governance log tab.'}
      </p>
      <details>
        <summary>All statuses</summary>
        <dl className="aic-facts">
          {Object.entries(o.requests).map(([s, n]) => (
            <div key={`r-${s}`} className="aic-contents">
              <dt>{`Requests ${s.replace(/_/g, ' ')}`}</dt>
              <dd>{n}</dd>
            </div>
          ))}
          {Object.entries(o.grants).map(([s, n]) => (
            <div key={`g-${s}`} className="aic-contents">
              <dt>{`Grants ${s.replace(/_/g, ' ')}`}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

function formatMetric(value: number | null, unit: string): string {
  if (value === null) return 'no data';
  if (unit === 'percent') return `${Math.round(value * 10) / 10}%`;
  if (unit === 'hours') return `${Math.round(value * 10) / 10} h`;
  return String(value);
}

const RISK_COLOURS: Record<string, string> = {
  low: 'var(--ds-background-success-bold, #1f845a)',
  medium: 'var(--ds-background-warning-bold, #f5cd47)',
  high: 'var(--ds-background-danger-bold, #c9372c)',
  prohibited: 'var(--ds-background-neutral-bold, #44546f)',
};
const TOOL_COLOURS = [
  'var(--ds-background-accent-blue-bolder, #0055cc)',
  'var(--ds-background-accent-purple-bolder, #6e5dc6)',
  'var(--ds-background-accent-teal-bolder, #206a83)',
  'var(--ds-background-accent-orange-bolder, #a54800)',
  'var(--ds-background-accent-magenta-bolder, #ae4787)',
];
const OTHER_COLOUR = 'var(--ds-background-neutral-bold, #44546f)';
const shown = (key: string) => key.replace(/_/g, ' ');

/** Series of the segments a list of buckets holds, in first-seen order. */
function seriesOf(buckets: DayBucket[], pick: (b: DayBucket) => Segment[], colours: Record<string, string>): Series[] {
  const keys = [...new Set(buckets.flatMap((b) => pick(b).map((s) => s.key)))];
  return keys.map((key) => ({
    name: shown(key),
    colour: colours[key] ?? OTHER_COLOUR,
    cell: (b) => pick(b).find((s) => s.key === key),
  }));
}

/** The charted tools (the server's top few, in top-tools order), then the other tools. */
function toolSeries(insights: Insights): Series[] {
  const charted = new Set(insights.requestsOverTime.flatMap((b) => b.byTool.map((s) => s.key)));
  const series: Series[] = insights.topTools
    .filter((t) => charted.has(t.toolId))
    .map((t, i) => ({
      name: t.toolName,
      colour: TOOL_COLOURS[i % TOOL_COLOURS.length] ?? OTHER_COLOUR,
      cell: (b) => b.byTool.find((s) => s.key === t.toolId),
    }));
  if (insights.requestsOverTime.some((b) => b.otherTools))
    series.push({ name: 'other tools', colour: OTHER_COLOUR, cell: (b) => b.otherTools ?? undefined });
  return series;
}

function MetricBasis({ unit, decided }: { unit: string; decided: Insights['decided'] }) {
  if (unit === 'percent')
    return (
      <span className="aic-muted">
        {'of '}
        <JqlLink jql={decided.jql} label={`${decided.count} decided requests, open them in Jira`}>
          {`${decided.count} decided`}
        </JqlLink>
      </span>
    );
  if (unit === 'hours')
    return <span className="aic-muted">{`over ${decided.count} decided; the link lists them`}</span>;
  return null;
}

function InsightsView({ insights }: { insights: Insights }) {
  const days = insights.requestsOverTime;
  return (
    <section aria-labelledby="aic-insights-heading" className="aic-stack">
      <h2 id="aic-insights-heading">Insights</h2>
      <ul className="aic-tiles">
        {insights.metrics.map((m) => (
          <li key={m.id} className="aic-tile">
            <JqlLink jql={m.jql} label={`${m.label}: ${formatMetric(m.value, m.unit)}, open the issues in Jira`}>
              <span className="aic-tile-value">{formatMetric(m.value, m.unit)}</span>
            </JqlLink>
            <span className="aic-muted">{m.label}</span>
            <MetricBasis unit={m.unit} decided={insights.decided} />
          </li>
        ))}
      </ul>
      <DayChart
        id="aic-by-status"
        title="Requests per day, by status"
        buckets={days}
        series={seriesOf(days, (b) => b.byStatus, STATUS_COLOURS)}
      />
      <DayChart
        id="aic-by-risk"
        title="Requests per day, by risk"
        buckets={days}
        series={seriesOf(days, (b) => b.byRisk, RISK_COLOURS)}
      />
      <DayChart id="aic-by-tool" title="Requests per day, by tool" buckets={days} series={toolSeries(insights)} />
      <TopToolsChart tools={insights.topTools} />
      <p className="aic-muted">{`Computed ${when(insights.generatedAt)}. Click a bar to open its requests in Jira.`}</p>
    </section>
  );
}

/** The insights, or why they are not there (the resolver may not be deployed yet, or may fail). */
async function loadInsights(): Promise<Insights | { unavailable: string }> {
  try {
    return await call<Insights>('insights.overview', {});
  } catch (e) {
    return { unavailable: e instanceof ResolverError ? e.message : 'The insights could not be loaded.' };
  }
}

export function OverviewTab() {
  const overview = useLoad(() => call<Overview>('overview.get'));
  const insights = useLoad(loadInsights);
  return (
    <div className="aic-stack">
      <Await value={overview} label="Loading the overview" onRetry={overview.reload}>
        {(o) => <Counts o={o} />}
      </Await>
      <Await value={insights} label="Loading insights" onRetry={insights.reload}>
        {(i) =>
          'unavailable' in i ? (
            <SectionMessage appearance="information" title="Insights unavailable">
              <p>{`The charts and decision metrics are not available right now: ${i.unavailable}`}</p>
            </SectionMessage>
          ) : (
            <InsightsView insights={i} />
          )
        }
      </Await>
    </div>
  );
}
