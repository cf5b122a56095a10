// My AI access › Approved tools: what the person can request, why it has its risk level, what the vendor
// does with data, and for how long.
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import { RiskLozenge } from '../risk';
import type { RequestableTool } from '../types';

function duration(t: RequestableTool): string {
  if (!t.maxDays) return '—';
  const auto = t.autoApproval ? `; up to ${t.autoApproval} days approved automatically` : '; an approver decides';
  return `Usually ${t.defaultDays ?? t.maxDays} days, at most ${t.maxDays}${auto}`;
}

export function Directory({ tools }: { tools: RequestableTool[] }) {
  if (tools.length === 0)
    return (
      <EmptyState
        header="No approved tools yet"
        description="Your admins have not approved any AI tools."
        headingLevel={2}
      />
    );
  return (
    <DynamicTable
      caption="Approved AI tools you can request"
      head={{
        cells: [
          { key: 'tool', content: 'Tool' },
          { key: 'risk', content: 'Risk' },
          { key: 'data', content: 'Your data' },
          { key: 'why', content: 'Why this risk' },
          { key: 'duration', content: 'For how long' },
        ],
      }}
      rows={[...tools]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((t) => ({
          key: t.id,
          cells: [
            { key: 'tool', content: t.vendor ? `${t.name} (${t.vendor})` : t.name },
            { key: 'risk', content: <RiskLozenge risk={t.risk} /> },
            { key: 'data', content: t.dataHandling ?? '—' },
            { key: 'why', content: t.guidance ?? '—' },
            { key: 'duration', content: duration(t) },
          ],
        }))}
    />
  );
}
