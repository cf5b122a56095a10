// Review reminders and expiry of one due grant. Reads the grant (from the
// index page, re-read on a conflict), decides with the pure domain, commits
// through commitStep. A refused domain move (NOT_DUE, already done) is a no-op:
// that is what makes reruns at the same clock do nothing.
import { expireGrant } from '../../domain/grant/lifecycle';
import { sendReviewReminder } from '../../domain/grant/review';
import { grantDocSchema, type GrantDoc } from '../../domain/grant/types';
import { PARSE, issueText } from '../../domain/zod-messages';
import { daysLeft, grantStep, retentionDueAt, sweepOfAction } from '../../domain/sweeps/plan';
import { isStoreConflict, type StoredRecord } from '../../ports/store';
import { grantPut, loadGrant, type Loaded } from '../shared/records';
import { comment } from '../shared/ticket-sync';
import { connectorJob } from '../shared/work-jobs';
import { commitStep, withDueAt } from './commit-step';
import { wants, type SweepContext } from './context';
import { loadRequestOrNote } from './outbox';

export type ItemOutcome = 'done' | 'nothing' | 'skipped' | 'retry';

export async function sweepGrant(ctx: SweepContext, rec: StoredRecord<unknown>): Promise<ItemOutcome> {
  const first = grantDocSchema.safeParse(rec.doc, PARSE);
  if (!first.success) {
    ctx.errors.push(`grant ${rec.id} is unreadable: ${issueText(first.error)}`);
    return 'skipped';
  }
  let loaded: Loaded<GrantDoc> | undefined = { doc: first.data, version: rec.version };
  for (let attempt = 1; attempt <= 4 && loaded; attempt++) {
    try {
      return await stepOnce(ctx, loaded);
    } catch (e) {
      if (!isStoreConflict(e)) throw e;
      loaded = await loadGrant(ctx.deps.store, rec.id);
    }
  }
  return loaded ? 'skipped' : 'nothing';
}

async function stepOnce(ctx: SweepContext, g: Loaded<GrantDoc>): Promise<ItemOutcome> {
  const step = grantStep(g.doc, ctx.nowS);
  if (!step) return 'nothing';
  if (!wants(ctx, sweepOfAction(step.action))) return 'skipped';
  const request = await loadRequestOrNote(ctx, g.doc.id);
  if (!request) return 'skipped';
  const portal = ctx.app.portalId ? { portalId: ctx.app.portalId } : {};

  if (step.action === 'expire') {
    const r = expireGrant(g.doc, { actor: { type: 'system' }, now: ctx.now });
    if (!r.ok) return 'nothing';
    const next = r.value.next;
    const job = connectorJob('connector.remove', next, 1);
    const delivery = await commitStep(ctx, {
      subjectId: next.id,
      action: step.action,
      at: step.at,
      puts: [withDueAt(grantPut(next, g.version), retentionDueAt(next.ended!.at, ctx.app.retentionDays))],
      request,
      grantAfter: next,
      events: r.value.events,
      op: {
        comments: [
          comment('expired', {
            toolName: next.toolName,
            expiredAt: next.ended!.at,
            groupRemoval: job ? 'queued' : 'manual',
          }),
        ],
        target: 'expired',
        prefer: 'expire',
      },
      releaseLockOf: { requester: next.requester, toolId: next.toolId, holderId: next.id },
      jobs: job ? [job] : [],
    });
    ctx.counts.expired++;
    return delivery === 'done' ? 'done' : 'retry';
  }

  const which = step.action === 'review_first' ? 'first' : 'second';
  const r = sendReviewReminder(g.doc, { now: ctx.now, which });
  if (!r.ok) return 'nothing';
  const next = r.value.next;
  const delivery = await commitStep(ctx, {
    subjectId: next.id,
    action: step.action,
    at: step.at,
    puts: [grantPut(next, g.version)],
    request,
    grantAfter: next,
    events: r.value.events,
    op: {
      comments: [
        comment('review-reminder', {
          stage: which === 'first' ? 'first' : 'final',
          toolName: next.toolName,
          expiresAt: next.expiresAt,
          daysLeft: daysLeft(next.expiresAt, ctx.nowS),
          ...portal,
        }),
      ],
    },
  });
  ctx.counts.reminded++;
  return delivery === 'done' ? 'done' : 'retry';
}
