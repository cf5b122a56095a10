// The insights' charts (recharts): requests per day as stacked bars (by status, risk or tool) and the most
// requested tools as horizontal bars. A click on a bar opens the JQL that lists its issues in Jira's issue
// navigator (router.navigate, as JqlLink); the same numbers are in a table of links, for keyboards, screen
// readers and axe (the SVG bars are not focusable).
import { router } from '@forge/bridge';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { JqlLink, issueNavigatorUrl } from './jql-link';
import type { DayBucket, Insights } from './types';

export interface Series {
  name: string;
  colour: string;
  /** The day's count and JQL of this series, if it has any request that day. */
  cell: (b: DayBucket) => { count: number; jql: string } | undefined;
}

const openJql = (jql: string | undefined) => {
  if (jql) void router.navigate(issueNavigatorUrl(jql));
};

/** Requests per day, one stacked bar a day and one segment per series; series names are user text, so rows hold
 * the counts by series index, never by name. */
export function DayChart({
  id,
  title,
  buckets,
  series,
}: {
  id: string;
  title: string;
  buckets: DayBucket[];
  series: Series[];
}) {
  const rows = buckets.map((b) => ({ bucket: b.bucket, cells: series.map((s) => s.cell(b)) }));
  const busyRows = rows.filter((r) => r.cells.some((c) => c !== undefined));
  return (
    <figure className="aic-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bucket" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {series.map((s, i) => (
            <Bar
              key={s.name}
              dataKey={(row: (typeof rows)[number]) => row.cells[i]?.count ?? 0}
              stackId={id}
              name={s.name}
              fill={s.colour}
              cursor="pointer"
              onClick={(_bar, index) => openJql(rows[index]?.cells[i]?.jql)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <details>
        <summary>{`${title}: table`}</summary>
        <table className="aic-table">
          <caption>{`${title} (days with requests; each number opens its issues in Jira)`}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {busyRows.map((r) => (
              <tr key={r.bucket}>
                <th scope="row">{r.bucket}</th>
                {r.cells.map((c, i) => (
                  <td key={series[i]?.name ?? i}>
                    {c ? (
                      <JqlLink
                        jql={c.jql}
                        label={`${c.count} ${series[i]?.name ?? ''} on ${r.bucket}, open them in Jira`}
                      >
                        {String(c.count)}
                      </JqlLink>
                    ) : (
                      '0'
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The most requested tools as horizontal bars, each opening its requests; the ordered list is the text version. */
export function TopToolsChart({ tools }: { tools: Insights['topTools'] }) {
  const rows = tools.map((t) => ({ name: t.toolName, requests: t.requests }));
  return (
    <section aria-labelledby="aic-top-tools-heading" className="aic-stack">
      <h3 id="aic-top-tools-heading">Most requested tools</h3>
      <figure className="aic-chart" aria-label="Most requested tools, as bars">
        <ResponsiveContainer width="100%" height={40 + 32 * rows.length}>
          <BarChart data={rows} layout="vertical" margin={{ left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={180} />
            <Tooltip />
            <Bar
              dataKey="requests"
              name="Requests"
              fill="var(--ds-background-accent-blue-bolder, #0055cc)"
              cursor="pointer"
              onClick={(_bar, index) => openJql(tools[index]?.jql)}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <ol>
        {tools.map((t) => (
          <li key={t.toolId}>
            {`${t.toolName}: `}
            <JqlLink
              jql={t.jql}
              label={`${t.requests} ${t.requests === 1 ? 'request' : 'requests'} for ${t.toolName}, open them in Jira`}
            >
              {`${t.requests} ${t.requests === 1 ? 'request' : 'requests'}`}
            </JqlLink>
          </li>
        ))}
      </ol>
    </section>
  );
}
