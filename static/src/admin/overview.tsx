// Overview: counts by status, what expires soon, what waits too long, the last verification of the log,
// and the insights (insights.overview): requests over time by status, top tools, decision metrics — each
// number links to the JQL that lists the issues behind it.
import SectionMessage from '@atlaskit/section-message';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLoad } from '../shared/hooks';
import { call, ResolverError } from '../shared/invoke';
import { Await } from '../shared/shell';
import { when } from '../agent/bits';
import { JqlLink } from './jql-link';
import type { Insights, Overview } from './types';

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

function InsightsView({ insights }: { insights: Insights }) {
  const statuses = [...new Set(insights.requestsOverTime.flatMap((b) => Object.keys(b.byStatus)))];
  const data = insights.requestsOverTime.map((b) => ({ bucket: b.bucket, ...b.byStatus }));
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
          </li>
        ))}
      </ul>
      <figure className="aic-chart">
        <figcaption>Requests per day, by status</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="bucket" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {statuses.map((s) => (
              <Bar
                key={s}
                dataKey={s}
                stackId="status"
                name={s.replace(/_/g, ' ')}
                fill={STATUS_COLOURS[s] ?? '#8590a2'}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <h3>Most requested tools</h3>
      <ol>
        {insights.topTools.map((t) => (
          <li key={t.toolId}>
            {`${t.toolName}: `}
            <JqlLink jql={t.jql} label={`${t.requests} requests for ${t.toolName}, open them in Jira`}>
              {`${t.requests} requests`}
            </JqlLink>
          </li>
        ))}
      </ol>
      <p className="aic-muted">{`Computed ${when(insights.generatedAt)}.`}</p>
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
