// The admin console's governance log search: a time window, optionally narrowed to one ticket, one kind
// of subject or one subject, a page at a time. The store indexes events by time and by subject only
// (adapters/kvs/kvs-store.ts), so a ticket or subject-type filter is applied to the events read: one
// read page of 100 may hold no match while later ones do. Rather than answer an empty page with a
// cursor, the search reads on (at most MAX_PAGES_READ pages per call, to stay far inside the 25 s a
// resolver has) until it has a page of matches or reaches the end, and says how far it read
// (`readThrough`), so the console can say "searched up to <time>" and offer to continue.
import type { SubjectType } from '../../domain/governance/event';
import type { AppStore, Page, StoredGovernanceEvent } from '../../ports/store';

export interface LogSearch {
  /** ISO date-times, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly ticket?: string;
  readonly subjectType?: SubjectType;
  /** With subjectType: one subject's chain (read through the by-subject index), within the window. */
  readonly subjectId?: string;
  readonly cursor?: string;
}

export interface LogSearchPage {
  /** Event documents, oldest first (by time; one subject's in chain order). */
  readonly events: unknown[];
  /** Continue here; absent when the search reached the end of the window (or chain). */
  readonly cursor?: string;
  /** ISO time of the last event read, when a cursor remains: everything up to it has been searched. */
  readonly readThrough?: string;
}

export const PAGE_SIZE = 100;
export const MAX_PAGES_READ = 10;

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export async function searchLog(store: AppStore, q: LogSearch): Promise<LogSearchPage> {
  const fromAt = epoch(q.from);
  const toAt = epoch(q.to);
  const subject = q.subjectType && q.subjectId ? `${q.subjectType}:${q.subjectId}` : undefined;
  const read = (cursor: string | undefined): Promise<Page<StoredGovernanceEvent>> => {
    const opts = { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
    return subject ? store.eventsOf(subject, opts) : store.eventsBetween(fromAt, toAt, opts);
  };
  const matches = (e: StoredGovernanceEvent) =>
    (!q.ticket || e.ticket === q.ticket) &&
    (!q.subjectType || e.subject.startsWith(`${q.subjectType}:`)) &&
    e.at >= fromAt &&
    e.at <= toAt;

  const events: unknown[] = [];
  let cursor = q.cursor;
  let last: StoredGovernanceEvent | undefined;
  for (let pages = 0; pages < MAX_PAGES_READ && events.length < PAGE_SIZE; pages++) {
    const page = await read(cursor);
    for (const e of page.items) if (matches(e)) events.push(e.doc);
    last = page.items.at(-1) ?? last;
    cursor = page.cursor;
    if (!cursor) break;
  }
  return {
    events,
    ...(cursor ? { cursor, ...(last ? { readThrough: new Date(last.at * 1000).toISOString() } : {}) } : {}),
  };
}
