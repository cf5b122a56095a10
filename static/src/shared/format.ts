// Dates and durations as a requester reads them.
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : DATE.format(new Date(t));
}

/** "12 days left", "ends today", "ended 3 days ago". */
export function countdown(daysLeft: number): string {
  if (daysLeft > 1) return `${daysLeft} days left`;
  if (daysLeft === 1) return '1 day left';
  if (daysLeft === 0) return 'ends today';
  return `ended ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`;
}

const STATUS: Record<string, string> = {
  pending_approval: 'Waiting for approval',
  approved: 'Approved',
  auto_approved: 'Approved automatically',
  declined: 'Declined',
  cancelled: 'Cancelled',
  lapsed: 'Lapsed (no decision in time)',
  rejected_invalid: 'Not valid',
  blocked_duplicate: 'Already requested',
  submitted: 'Submitted',
  pending_fulfilment: 'Being set up',
  active: 'Active',
  in_review: 'Up for review',
  expired: 'Expired',
  revoked: 'Ended',
  fulfilment_failed: 'Set-up failed',
  manual_action_required: 'Being set up by IT',
};

export function statusLabel(status: string): string {
  return STATUS[status] ?? status.replace(/_/g, ' ');
}
