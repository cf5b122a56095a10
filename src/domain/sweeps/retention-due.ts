// When a closed record is due for minimisation, and how to tell closed and
// minimised records. Apart from retention.ts and plan.ts because every record
// write needs these few lines (records.ts), while the minimising itself and
// the sweep plan are the sweeps' business.
import { isLive, type GrantDoc } from '../grant/types';
import { TERMINAL_REQUEST_STATUSES, type RequestDoc } from '../request/types';

const DAY = 86400;
export { DEFAULT_RETENTION_DAYS, MIN_RETENTION_DAYS } from './retention-limits';
export const REDACTED = 'redacted';

/** When a closed record's personal data must be minimised (epoch seconds). */
export function retentionDueAt(closedAtIso: string, retentionDays: number): number {
  return Math.floor(Date.parse(closedAtIso) / 1000) + retentionDays * DAY;
}

export function isClosedRequest(r: RequestDoc): boolean {
  return TERMINAL_REQUEST_STATUSES.has(r.status);
}

export function isClosedGrant(g: GrantDoc): boolean {
  return !isLive(g.status);
}

export function isMinimised(doc: { requester: string }): boolean {
  return doc.requester === REDACTED;
}
