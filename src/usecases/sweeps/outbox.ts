// The per-step marker. Each sweep step commits, in ONE store transaction, the
// state change, its governance events, the ticket op (request.sync, see
// shared/ticket-sync.ts) and a marker record `sweep/out:<id>:<action>:<at>`
// created with expected 'absent'. So:
//  - the same step can never commit twice (the marker and the record version
//    both guard it), whatever reruns or crashes happen;
//  - the Jira write and queue jobs that follow the commit are not lost: the
//    marker sits in the by-kind-due index (dueAt = when a retry may start) until
//    they are done, and a later run resumes it with resumeTicketSync, which
//    never sends an op Jira already has (stampSeq on the aiClearance property).
import * as z from 'zod/mini';
import type { GrantDoc } from '../../domain/grant/types';
import { PARSE, issueText } from '../../domain/zod-messages';
import { isStoreConflict, type RecordPut, type StoredRecord } from '../../ports/store';
import { isRetryLater } from '../shared/errors';
import { loadGrant, loadRequest, type RequestRecord } from '../shared/records';
import { flushTicket, LEASE_SECONDS, resumeTicketSync } from '../shared/ticket-sync';
import { workJobSchema, type WorkJob } from '../shared/work-job-schema';
import type { SweepContext } from './context';

export const markerDocSchema = z.object({
  v: z.literal(1),
  requestId: z.string(),
  step: z.string(),
  jobs: z._default(z.array(workJobSchema), []),
  createdAt: z.string(),
});
export type MarkerDoc = z.infer<typeof markerDocSchema>;

export function markerId(subjectId: string, action: string, at: number): string {
  return `out:${subjectId}:${action}:${at}`;
}

export function markerPut(ctx: SweepContext, id: string, requestId: string, jobs: WorkJob[]): RecordPut {
  const doc: MarkerDoc = { v: 1, requestId, step: id, jobs, createdAt: ctx.now.toISOString() };
  // Due once the ticket-sync lease has run out: before that a live writer owns the ticket.
  return {
    expected: 'absent',
    record: { kind: 'sweep', id, version: 1, status: 'pending', dueAt: ctx.nowS + LEASE_SECONDS + 1, doc },
  };
}

export type Delivery = 'done' | 'retry';

/** After the commit: queue jobs, write the ticket, drop the marker. A retryable failure leaves the marker for a later run. */
export async function deliverNow(
  ctx: SweepContext,
  marker: { id: string; version: number; doc: MarkerDoc },
  request: RequestRecord,
  grant: GrantDoc | undefined,
): Promise<Delivery> {
  try {
    if (marker.doc.jobs.length) await ctx.deps.queue.push(marker.doc.jobs);
    await flushTicket(ctx.env, request, grant);
  } catch (e) {
    return failed(ctx, marker.id, e);
  }
  await dropMarker(ctx, marker.id, marker.version);
  return 'done';
}

/** A marker left by an earlier run (a fault or a crash after the commit). */
export async function resumeMarker(ctx: SweepContext, rec: StoredRecord<unknown>): Promise<Delivery> {
  const parsed = markerDocSchema.safeParse(rec.doc, PARSE);
  if (!parsed.success) {
    ctx.errors.push(`marker ${rec.id} is unreadable: ${issueText(parsed.error)}`);
    return 'retry';
  }
  const m = parsed.data;
  try {
    // Job keys are idempotent (work-jobs.ts), so pushing again after a crash is safe.
    if (m.jobs.length) await ctx.deps.queue.push(m.jobs);
    const outcome = await resumeTicketSync(
      ctx.env,
      m.requestId,
      async () => (await loadGrant(ctx.deps.store, m.requestId))?.doc,
    );
    if (outcome === 'owned_elsewhere') return 'retry';
  } catch (e) {
    return failed(ctx, rec.id, e);
  }
  await dropMarker(ctx, rec.id, rec.version);
  ctx.counts.resumed++;
  return 'done';
}

async function failed(ctx: SweepContext, id: string, e: unknown): Promise<Delivery> {
  if (!isRetryLater(e)) throw e;
  ctx.counts.failed++;
  ctx.errors.push(`${id}: ${e.message}`);
  return 'retry';
}

async function dropMarker(ctx: SweepContext, id: string, version: number): Promise<void> {
  try {
    await ctx.deps.store.commit({ deletes: [{ kind: 'sweep', id, expected: version }] });
  } catch (e) {
    // Someone else resumed and dropped it first: the work is done either way.
    if (!isStoreConflict(e)) throw e;
  }
}

export async function loadRequestOrNote(ctx: SweepContext, id: string) {
  const r = await loadRequest(ctx.deps.store, id);
  if (!r) ctx.errors.push(`request ${id} is missing; the ticket cannot be updated`);
  return r;
}
