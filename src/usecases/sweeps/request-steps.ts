// Escalation and lapse of one pending request (escalation and lapse clocks
// were snapshotted on the request at intake, so no policy read is needed).
import { escalateRequest, lapseRequest } from '../../domain/request/unanswered';
import { lapseDueAt } from '../../domain/request/due';
import { requestStep, retentionDueAt, sweepOfAction, wholeDaysSince } from '../../domain/sweeps/plan';
import { PARSE, issueText } from '../../domain/zod-messages';
import { isStoreConflict, type StoredRecord } from '../../ports/store';
import {
  domainOf,
  loadRequest,
  requestRecordSchema,
  withSync,
  type Loaded,
  type RequestRecord,
} from '../shared/records';
import { comment } from '../shared/ticket-sync';
import { commitStep } from './commit-step';
import { wants, type SweepContext } from './context';
import type { ItemOutcome } from './grant-steps';

export async function sweepRequest(ctx: SweepContext, rec: StoredRecord<unknown>): Promise<ItemOutcome> {
  const first = requestRecordSchema.safeParse(rec.doc, PARSE);
  if (!first.success) {
    ctx.errors.push(`request ${rec.id} is unreadable: ${issueText(first.error)}`);
    return 'skipped';
  }
  let loaded: Loaded<RequestRecord> | undefined = { doc: first.data, version: rec.version };
  for (let attempt = 1; attempt <= 4 && loaded; attempt++) {
    try {
      return await stepOnce(ctx, loaded);
    } catch (e) {
      if (!isStoreConflict(e)) throw e;
      loaded = await loadRequest(ctx.deps.store, rec.id);
    }
  }
  return loaded ? 'skipped' : 'nothing';
}

async function displayName(ctx: SweepContext, accountId: string): Promise<string> {
  try {
    return (await ctx.deps.jira.getUser(accountId))?.displayName ?? accountId;
  } catch {
    // A name is a courtesy in an internal note; the escalation must not wait for it.
    return accountId;
  }
}

async function stepOnce(ctx: SweepContext, loaded: Loaded<RequestRecord>): Promise<ItemOutcome> {
  const r = loaded.doc;
  const step = requestStep(domainOf(r), ctx.nowS);
  if (!step) return 'nothing';
  if (!wants(ctx, sweepOfAction(step.action))) return 'skipped';
  const toolName = r.toolName ?? r.toolId ?? 'the AI tool';
  const waitingDays = wholeDaysSince(r.submittedAt, ctx.nowS);

  // Lapse and escalation commit the same way; they differ in the domain rule, the comment, and what a lapse
  // also does (start the retention clock, release the requester's lock on the tool).
  const lapse = step.action === 'lapse';
  const d = lapse ? lapseRequest(domainOf(r), ctx.now) : escalateRequest(domainOf(r), ctx.now);
  if (!d.ok) return 'nothing';
  const change = {
    subjectId: r.id,
    action: step.action,
    at: step.at,
    puts: [],
    request: loaded,
    nextRequest: withSync(d.value.next, r.sync),
    events: d.value.events,
  };
  const delivery = lapse
    ? await commitStep(ctx, {
        ...change,
        retentionDueAt: retentionDueAt(ctx.now.toISOString(), ctx.app.retentionDays),
        op: {
          comments: [comment('lapsed', { toolName, pendingSince: r.submittedAt, waitingDays })],
          target: 'lapsed',
          prefer: 'decline',
        },
        releaseLockOf:
          r.toolId && r.kind === 'access' ? { requester: r.requester, toolId: r.toolId, holderId: r.id } : undefined,
      })
    : await commitStep(ctx, {
        ...change,
        op: {
          comments: [
            comment('escalated', {
              toolName,
              requesterName: await displayName(ctx, r.requester),
              pendingSince: r.submittedAt,
              waitingDays,
              escalationTarget: ctx.app.escalationTarget ?? r.escalation?.approverGroup ?? 'the approvers',
              lapseAt: new Date((lapseDueAt(d.value.next) ?? ctx.nowS) * 1000).toISOString(),
            }),
          ],
        },
      });
  ctx.counts[lapse ? 'lapsed' : 'escalated']++;
  return delivery === 'done' ? 'done' : 'retry';
}
