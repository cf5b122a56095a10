// My AI access › My requests: every request the person filed, newest first.
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import type { MyAccess } from '../access';
import { formatDate, statusLabel } from '../format';

const KIND: Record<string, string> = { access: 'Access', extension: 'Extension', hand_back: 'Hand back' };

export function MyRequests({ data }: { data: MyAccess }) {
  if (data.requests.length === 0)
    return <EmptyState header="No requests yet" description="Requests you file appear here." headingLevel={2} />;
  return (
    <DynamicTable
      caption="My AI access requests"
      head={{
        cells: [
          { key: 'ticket', content: 'Ticket' },
          { key: 'kind', content: 'Kind' },
          { key: 'tool', content: 'Tool' },
          { key: 'days', content: 'Days asked' },
          { key: 'status', content: 'Status' },
          { key: 'submitted', content: 'Submitted' },
        ],
      }}
      rows={data.requests.map((r) => ({
        key: r.id,
        cells: [
          { key: 'ticket', content: r.issueKey },
          { key: 'kind', content: KIND[r.kind] ?? r.kind },
          { key: 'tool', content: r.toolName ?? '—' },
          { key: 'days', content: r.requestedDays ?? '—' },
          { key: 'status', content: statusLabel(r.status) },
          { key: 'submitted', content: formatDate(r.submittedAt) },
        ],
      }))}
    />
  );
}
