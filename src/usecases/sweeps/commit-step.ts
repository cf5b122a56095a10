// One sweep step as one store commit: the changed record(s), the ticket op on
// the request's sync, the governance events, the lock release and the step
// marker — then the Jira write. Shared by grant and request steps.
import type { EventDraft } from '../../domain/governance/event';
import type { GrantDoc } from '../../domain/grant/types';
import { lockId } from '../../domain/request/lock';
import type { RecordDelete, RecordPut } from '../../ports/store';
import { chainEvents } from '../shared/governance';
import { NEVER_DUE, releaseLockIfHeld, requestPut, type Loaded, type RequestRecord } from '../shared/records';
import { addOp, settleEarlierOps, type OpInput } from '../shared/ticket-sync';
import type { WorkJob } from '../shared/work-jobs';
import type { SweepContext } from './context';
import { deliverNow, markerId, markerPut, type Delivery, type MarkerDoc } from './outbox';

export interface StepChange {
  /** The record the step is about (grant or request id) and the step, for the marker id. */
  subjectId: string;
  action: string;
  at: number;
  /** Puts of the changed grant (if any); the request put is added here with the ticket op. */
  puts: RecordPut[];
  request: Loaded<RequestRecord>;
  /** The request doc after the change (without sync); defaults to the stored one. */
  nextRequest?: RequestRecord | undefined;
  grantAfter?: GrantDoc | undefined;
  events: EventDraft[];
  op: OpInput;
  /** Release the (requester, tool) access lock if this subject holds it. */
  releaseLockOf?: { requester: string; toolId: string; holderId: string } | undefined;
  /** The request closes with this step: when retention must minimise it (epoch s). */
  retentionDueAt?: number | undefined;
  jobs?: WorkJob[];
}

/** Commits the step (StoreConflictError propagates: the caller re-reads) and delivers it. */
export async function commitStep(ctx: SweepContext, c: StepChange): Promise<Delivery> {
  const { deps, now } = ctx;
  // Ops an earlier write may still owe the ticket go out with this one (or, if being written now, make us wait).
  const sync = await settleEarlierOps(ctx.env, c.request.doc, undefined, now);
  const record: RequestRecord = { ...(c.nextRequest ?? c.request.doc), sync: await addOp(ctx.env, sync, c.op, now) };
  const deletes: RecordDelete[] = [];
  if (c.releaseLockOf) {
    deletes.push(
      ...(await releaseLockIfHeld(
        deps.store,
        lockId(c.releaseLockOf.requester, c.releaseLockOf.toolId),
        c.releaseLockOf.holderId,
      )),
    );
  }
  const id = markerId(c.subjectId, c.action, c.at);
  const marker = markerPut(ctx, id, record.id, c.jobs ?? []);
  const chained = await chainEvents(deps.store, c.events, now, deps.random);
  await deps.store.commit({
    puts: [
      ...c.puts,
      c.retentionDueAt !== undefined
        ? withDueAt(requestPut(record, c.request.version), c.retentionDueAt)
        : requestPut(record, c.request.version),
      marker,
      ...chained.puts,
    ],
    deletes,
    events: chained.events,
  });
  return deliverNow(ctx, { id, version: 1, doc: marker.record.doc as MarkerDoc }, record, c.grantAfter);
}

/** Sets the record's due time; undefined = never due (NEVER_DUE keeps it in the other indexes). */
export function withDueAt(put: RecordPut, dueAt: number | undefined): RecordPut {
  return { ...put, record: { ...put.record, dueAt: dueAt ?? NEVER_DUE } };
}
