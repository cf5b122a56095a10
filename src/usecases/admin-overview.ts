// The admin console's Overview: how many requests and grants are in each status, live access expiring in
// the next 14 days, pending requests already escalated (stale: past their policy's escalation time, as the
// hourly sweep marks them), and the last whole-log verification. Counts are read through the by-kind-status
// index, one partition per status, so the cost grows with the records, not with the governance log.
import { GRANT_STATUSES } from '../domain/grant/types';
import { REQUEST_STATUSES } from '../domain/request/types';
import type { VerifyResult } from '../domain/governance/verify';
import type { AppStore, StoredRecord } from '../ports/store';
import { pageAll } from './governance/subject-chain';

export const LAST_VERIFICATION_ID = 'last-verification';
const EXPIRING_WITHIN_DAYS = 14;

export interface LastVerification {
  at: string;
  by: string;
  ok: boolean;
  events: number;
  subjects: number;
  message: string | null;
}

export interface AdminOverview {
  requests: Record<string, number>;
  grants: Record<string, number>;
  expiringIn14Days: number;
  stalePending: number;
  lastVerification: LastVerification | null;
}

async function recordsIn(store: AppStore, kind: 'request' | 'grant', status: string): Promise<StoredRecord[]> {
  return pageAll((cursor) =>
    store.query<unknown>({
      index: 'by-kind-status',
      partition: [kind, status],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    }),
  );
}

export async function adminOverview(store: AppStore, now: Date): Promise<AdminOverview> {
  const requests: Record<string, number> = {};
  const grants: Record<string, number> = {};
  let stalePending = 0;
  let expiringIn14Days = 0;
  const horizon = now.getTime() + EXPIRING_WITHIN_DAYS * 86_400_000;
  for (const status of REQUEST_STATUSES) {
    const recs = await recordsIn(store, 'request', status);
    requests[status] = recs.length;
    if (status === 'pending_approval')
      stalePending = recs.filter(
        (r) => (r.doc as { escalation?: { escalatedAt?: string } }).escalation?.escalatedAt,
      ).length;
  }
  for (const status of GRANT_STATUSES) {
    const recs = await recordsIn(store, 'grant', status);
    grants[status] = recs.length;
    if (status === 'active' || status === 'in_review')
      expiringIn14Days += recs.filter((r) => {
        const at = Date.parse(String((r.doc as { expiresAt?: string }).expiresAt));
        return at >= now.getTime() && at <= horizon;
      }).length;
  }
  const last = await store.get<LastVerification>('settings', LAST_VERIFICATION_ID);
  return { requests, grants, expiringIn14Days, stalePending, lastVerification: last?.doc ?? null };
}

/** Keeps the outcome of a whole-log verification for the Overview (the latest one wins). */
export async function rememberVerification(
  store: AppStore,
  result: VerifyResult,
  by: string,
  now: Date,
): Promise<void> {
  const doc: LastVerification = {
    at: now.toISOString(),
    by,
    ok: result.ok,
    events: result.counts.events,
    subjects: result.counts.subjects,
    message: result.ok ? null : result.message,
  };
  const prev = await store.get<unknown>('settings', LAST_VERIFICATION_ID);
  await store.commit({
    puts: [
      {
        expected: prev?.version ?? 'absent',
        record: { kind: 'settings', id: LAST_VERIFICATION_ID, version: (prev?.version ?? 0) + 1, doc },
      },
    ],
  });
}
