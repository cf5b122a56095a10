// My AI access › My access: the person's grants with expiry, next review and the actions on each.
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import type { MyAccess } from '../access';
import { AccessActions } from '../access-actions';
import { countdown, formatDate, statusLabel } from '../format';

export function MyGrants({ data, reload }: { data: MyAccess; reload: () => void }) {
  const grants = [...data.grants].sort((a, b) => Number(b.live) - Number(a.live) || a.daysLeft - b.daysLeft);
  if (grants.length === 0)
    return (
      <EmptyState
        header="You have no AI tool access yet"
        description="Pick a tool in Approved tools and request it on the help center."
        headingLevel={2}
      />
    );
  return (
    <DynamicTable
      caption="My AI tool access"
      head={{
        cells: [
          { key: 'tool', content: 'Tool' },
          { key: 'status', content: 'Status' },
          { key: 'expires', content: 'Access until' },
          { key: 'review', content: 'Next review' },
          { key: 'ticket', content: 'Ticket' },
          { key: 'actions', content: 'Actions' },
        ],
      }}
      rows={grants.map((g) => ({
        key: g.id,
        cells: [
          { key: 'tool', content: g.toolName },
          {
            key: 'status',
            content: <Lozenge appearance={g.live ? 'success' : 'default'}>{statusLabel(g.status)}</Lozenge>,
          },
          {
            key: 'expires',
            content: `${formatDate(g.expiresAt)}${g.live ? ` (${countdown(g.daysLeft)})` : ''}`,
          },
          { key: 'review', content: g.doNotRenew ? 'Not renewing' : formatDate(g.nextReviewAt) },
          { key: 'ticket', content: g.issueKey },
          {
            key: 'actions',
            content: <AccessActions issueKey={g.issueKey} toolName={g.toolName} actions={g.actions} onDone={reload} />,
          },
        ],
      }))}
    />
  );
}
