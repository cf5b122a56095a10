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
// Decisions and intake leave the same record for their connector jobs
// (shared/job-outbox.ts), due after JOB_OUTBOX_GRACE_SECONDS; resuming one
// pushes only the connector jobs that never ran (no ledger record).
import * as z from 'zod/mini';
import type { GrantDoc } from '../../domain/grant/types';
import { PARSE, issueText } from '../../domain/zod-messages';
import type { RecordPut, StoredRecord } from '../../ports/store';
import { loadJob } from '../connectors/records';
import { isRetryLater } from '../shared/errors';
import { dropOutboxEntry, outboxId, outboxPut, type OutboxDoc } from '../shared/job-outbox';
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
export type MarkerDoc = OutboxDoc;

export function markerId(subjectId: string, action: string, at: number): string {
  return outboxId(subjectId, action, at);
}

export function markerPut(ctx: SweepContext, id: string, requestId: string, jobs: WorkJob[]): RecordPut {
  // Due once the ticket-sync lease has run out: before that a live writer owns the ticket.
  return outboxPut(id, requestId, jobs, ctx.now, LEASE_SECONDS + 1);
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
    const jobs = await notYetRun(ctx, m.jobs);
    if (jobs.length) await ctx.deps.queue.push(jobs);
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

/**
 * A connector job with a ledger record was delivered at least once: the queue's own retries (or a person's
 * task) own it now, and pushing it again would only run a second copy next to it. Every other job goes.
 */
async function notYetRun(ctx: SweepContext, jobs: WorkJob[]): Promise<WorkJob[]> {
  const ran = await Promise.all(
    jobs.map(async (j) => LEDGERED.has(j.type) && (await loadJob(ctx.deps.store, j.idempotencyKey)) !== undefined),
  );
  const left = jobs.filter((_, i) => !ran[i]);
  ctx.counts.requeued += left.filter((j) => j.type.startsWith('connector.')).length;
  return left;
}

/** The connector jobs that keep a ledger record once delivered (run-connector-job.ts). */
const LEDGERED = new Set<WorkJob['type']>(['connector.add', 'connector.remove', 'connector.check']);

async function failed(ctx: SweepContext, id: string, e: unknown): Promise<Delivery> {
  if (!isRetryLater(e)) throw e;
  ctx.counts.failed++;
  ctx.errors.push(`${id}: ${e.message}`);
  return 'retry';
}

async function dropMarker(ctx: SweepContext, id: string, version: number): Promise<void> {
  await dropOutboxEntry(ctx.deps.store, id, version);
}

export async function loadRequestOrNote(ctx: SweepContext, id: string) {
  const r = await loadRequest(ctx.deps.store, id);
  if (!r) ctx.errors.push(`request ${id} is missing; the ticket cannot be updated`);
  return r;
}
