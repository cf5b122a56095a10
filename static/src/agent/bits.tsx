// Small pieces the agent surfaces share: risk and status lozenges, waiting time, event labels.
import Lozenge from '@atlaskit/lozenge';
import './surfaces.css';

type Appearance = 'default' | 'success' | 'removed' | 'inprogress' | 'new' | 'moved';

const RISK: Record<string, Appearance> = { low: 'success', medium: 'moved', high: 'removed', prohibited: 'removed' };

export function RiskLozenge({ risk }: { risk: string | null | undefined }) {
  if (!risk) return <Lozenge>unknown risk</Lozenge>;
  return <Lozenge appearance={RISK[risk] ?? 'default'}>{`${risk} risk`}</Lozenge>;
}

const STATUS: Record<string, Appearance> = {
  pending_approval: 'inprogress',
  approved: 'success',
  auto_approved: 'success',
  active: 'success',
  pending_fulfilment: 'inprogress',
  declined: 'removed',
  revoked: 'removed',
  cancelled: 'default',
  expired: 'default',
  requestable: 'success',
  proposed: 'new',
  suspended: 'moved',
  retired: 'default',
};

export function StatusLozenge({ status }: { status: string }) {
  return <Lozenge appearance={STATUS[status] ?? 'default'}>{status.replace(/_/g, ' ')}</Lozenge>;
}

/** "3 d 4 h" from an ISO instant to now. */
export function waitingFor(since: string | null | undefined, now = Date.now()): string {
  if (!since) return 'unknown';
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${minutes % 60} min`;
  return `${minutes} min`;
}

export function hoursSince(since: string | null | undefined, now = Date.now()): number {
  return since ? Math.max(0, (now - Date.parse(since)) / 3_600_000) : 0;
}

/** "request.declined" → "Request declined". */
export function eventLabel(action: string): string {
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function when(iso: string | null | undefined): string {
  return iso
    ? new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }) + ' UTC'
    : '—';
}
