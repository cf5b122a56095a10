// Retention: a closed grant/request whose retention time has come has its
// personal data minimised — in the record and in every governance event of
// its subject(s) (redactEvent drops the personal part and keeps its digest,
// so verify still passes and reports the events as redacted). A
// `retention.minimised` event records that it happened.
//
// Order matters for crashes: events are redacted first (idempotent: an event
// already redacted is left alone), the record last, in one commit that also
// takes it out of the due index. A rerun after a crash redoes only what is left.
import type { EventDraft } from '../../domain/governance/event';
import { isRedacted, redactEvent } from '../../domain/governance/chain';
import { governanceEventSchema } from '../../domain/governance/event';
import { grantDocSchema, type GrantDoc } from '../../domain/grant/types';
import { PARSE } from '../../domain/zod-messages';
import {
  isClosedGrant,
  isClosedRequest,
  isMinimised,
  minimiseGrant,
  minimiseRequest,
} from '../../domain/sweeps/retention';
import { retentionDueAt } from '../../domain/sweeps/plan';
import { isStoreConflict, type RecordPut, type StoredRecord } from '../../ports/store';
import { chainEvents } from '../shared/governance';
import {
  domainOf,
  grantPut,
  loadRequest,
  requestPut,
  requestRecordSchema,
  type RequestRecord,
} from '../shared/records';
import { withDueAt } from './commit-step';
import { wants, type SweepContext } from './context';
import type { ItemOutcome } from './grant-steps';

export async function redactSubject(ctx: SweepContext, subject: string): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await ctx.deps.store.eventsOf(subject, cursor ? { cursor } : {});
    for (const ev of page.items) {
      const parsed = governanceEventSchema.safeParse(ev.doc);
      if (!parsed.success || isRedacted(parsed.data) || parsed.data.personal === undefined) continue;
      await ctx.deps.store.replaceEventDoc(ev.subject, ev.seq, redactEvent(parsed.data, ctx.now));
      n++;
    }
    cursor = page.cursor;
  } while (cursor);
  return n;
}

function minimisedEvent(
  type: 'grant' | 'request',
  id: string,
  redacted: number,
  ticket: { id: string; key: string },
): EventDraft {
  return {
    subject: { type, id },
    action: 'retention.minimised',
    actor: { type: 'system' },
    ticket: { id: ticket.id, key: ticket.key },
    after: { minimised: true, redactedEvents: redacted },
  };
}

/** A closed record in the due index: minimise it when its time has come, else move its due time. */
export async function sweepRetention(ctx: SweepContext, rec: StoredRecord<unknown>): Promise<ItemOutcome> {
  if (!wants(ctx, 'retention')) return 'skipped';
  try {
    return rec.kind === 'grant' ? await grantRetention(ctx, rec) : await requestRetention(ctx, rec);
  } catch (e) {
    // Someone changed the record meanwhile; the next run looks again.
    if (isStoreConflict(e)) return 'skipped';
    throw e;
  }
}

async function grantRetention(ctx: SweepContext, rec: StoredRecord<unknown>): Promise<ItemOutcome> {
  const g = grantDocSchema.parse(rec.doc, PARSE);
  if (!isClosedGrant(g)) return 'nothing';
  const due = retentionDueAt(g.ended?.at ?? g.updatedAt, ctx.app.retentionDays);
  if (due > ctx.nowS) return reschedule(ctx, withDueAt(grantPut(g, rec.version), due));
  const req = await loadRequest(ctx.deps.store, g.id);
  const redacted =
    (await redactSubject(ctx, `grant:${g.id}`)) + (req ? await redactSubject(ctx, `request:${g.id}`) : 0);
  const puts: RecordPut[] = [withDueAt(grantPut(isMinimised(g) ? g : minimiseGrant(g), rec.version), undefined)];
  const drafts = [minimisedEvent('grant', g.id, redacted, g.ticket)];
  if (req && isClosedRequest(domainOf(req.doc)) && !isMinimised(req.doc)) {
    puts.push(requestPut(minimisedRecord(req.doc), req.version));
    drafts.push(minimisedEvent('request', g.id, 0, g.ticket));
  }
  await commitWithEvents(ctx, puts, drafts);
  ctx.counts.minimised++;
  return 'done';
}

async function requestRetention(ctx: SweepContext, rec: StoredRecord<unknown>): Promise<ItemOutcome> {
  const r = requestRecordSchema.parse(rec.doc, PARSE);
  if (!isClosedRequest(domainOf(r))) return 'nothing';
  const due = retentionDueAt(r.decision?.at ?? r.updatedAt, ctx.app.retentionDays);
  if (due > ctx.nowS) return reschedule(ctx, withDueAt(requestPut(r, rec.version), due));
  const redacted = await redactSubject(ctx, `request:${r.id}`);
  await commitWithEvents(
    ctx,
    [withDueAt(requestPut(isMinimised(r) ? r : minimisedRecord(r), rec.version), undefined)],
    [minimisedEvent('request', r.id, redacted, r.ticket)],
  );
  ctx.counts.minimised++;
  return 'done';
}

/** Pending ticket ops carry comment data (names, rationales): a closed record has none left to send. */
function minimisedRecord(r: RequestRecord): RequestRecord {
  return { ...minimiseRequest(r), sync: { ...r.sync, pending: [], processed: [] } };
}

async function reschedule(ctx: SweepContext, put: RecordPut): Promise<ItemOutcome> {
  // The retention setting grew since the record closed: look again when the new period ends.
  await ctx.deps.store.commit({ puts: [put] });
  return 'nothing';
}

async function commitWithEvents(ctx: SweepContext, puts: RecordPut[], drafts: EventDraft[]): Promise<void> {
  const chained = await chainEvents(ctx.deps.store, drafts, ctx.now, ctx.deps.random);
  await ctx.deps.store.commit({ puts: [...puts, ...chained.puts], events: chained.events });
}

export type { GrantDoc };
