// What one decision does to the records, decided from the loaded state: the
// request/grant changes, lock moves, governance events, the comments and
// where the ticket should end up. Used by the transition trigger and by the
// approvals-view resolvers alike, so both paths follow the same rules.
import { approveAccess } from '../../domain/grant/approve';
import { revokeGrant } from '../../domain/grant/end';
import { expireGrant, extendGrant, fulfilGrant } from '../../domain/grant/lifecycle';
import { isLive, type GrantDoc } from '../../domain/grant/types';
import type { EventDraft } from '../../domain/governance/event';
import type { EffectivePolicy } from '../../domain/policy/effective-policy';
import type { StatusMeaning, TransitionMeaning } from '../../domain/provisioning/desired';
import type { ApproverGroups } from '../../domain/request/approver-group';
import { approveRequest, cancelRequest, declineRequest } from '../../domain/request/decisions';
import type { ToolView } from '../../domain/request/requested-tool';
import { lockId, newLock, type LockDoc } from '../../domain/request/lock';
import { refusal, type Refusal } from '../../domain/request/refusal';
import type { ActorRef } from '../../domain/request/types';
import type { RecordDelete, RecordPut } from '../../ports/store';
import { approvedComments, groupRemoval } from './comment-data';
import { domainOf, grantPut, lockDeleteIfHeld, lockPut, type Loaded, type RequestRecord } from './records';
import { comment, type CommentSpec } from './ticket-sync';
import { connectorJob, type WorkJob } from './work-jobs';

export type Intent =
  | 'approve'
  | 'approve_and_fulfil'
  | 'decline'
  | 'cancel'
  | 'fulfil'
  | 'revoke'
  | 'expire'
  | 'reopen'
  | 'request_approval';

export interface DecisionContext {
  request: Loaded<RequestRecord>;
  grant?: Loaded<GrantDoc> | undefined;
  /** Extension requests: the grant they extend and that grant's own request (its ticket). */
  target?: { grant: Loaded<GrantDoc>; request: Loaded<RequestRecord> } | undefined;
  /** The lock this decision may move or release (access lock, or the extension's own), with its record id. */
  lock?: (Loaded<LockDoc> & { id: string }) | undefined;
  tool?: ToolView | undefined;
  policy?: EffectivePolicy | undefined;
  actor: ActorRef & { type: 'user' };
  actorName: string;
  /** Approvals only: the actor's Jira groups, read fresh for this decision (undefined: not read, or Jira would not say). */
  approverGroups?: ApproverGroups | undefined;
  /** Approvals only: the policy set's high-risk approver group, the higher tier that may extend past maxTotalDays. */
  overrideGroup?: string | undefined;
  now: Date;
  days?: number | undefined;
  rationale?: string | undefined;
}

export interface DecisionPlan {
  outcome: string;
  request?: RequestRecord | undefined;
  grant?: GrantDoc | undefined;
  puts: RecordPut[];
  deletes: RecordDelete[];
  events: EventDraft[];
  comments: CommentSpec[];
  target?: StatusMeaning | undefined;
  prefer?: TransitionMeaning | undefined;
  jobs: WorkJob[];
  /** A second ticket to update (an extension also tells the grant's own ticket). */
  other?: { request: Loaded<RequestRecord>; grant: GrantDoc; comments: CommentSpec[] } | undefined;
  fresh: string[];
}

/** 'wait': the event depends on one not yet processed (e.g. "Mark fulfilled" before "Approve"). */
export type DecisionResult = { ok: true; plan: DecisionPlan } | { ok: false; refusal: Refusal; wait?: boolean };

const refuse = (r: Refusal, wait = false): DecisionResult => ({ ok: false, refusal: r, wait });

function empty(outcome: string): DecisionPlan {
  return { outcome, puts: [], deletes: [], events: [], comments: [], jobs: [], fresh: [] };
}

/** Only the holder's own lock: a newer request may already hold a fresh one. */
function releaseLock(ctx: DecisionContext, plan: DecisionPlan, holderId: string): void {
  if (ctx.lock) plan.deletes.push(...lockDeleteIfHeld(ctx.lock.id, ctx.lock, holderId));
}

function withDoc(r: RequestRecord, next: ReturnType<typeof domainOf>): RequestRecord {
  return { ...next, sync: r.sync };
}

export function planDecision(ctx: DecisionContext, intent: Intent): DecisionResult {
  const r = ctx.request.doc;
  const g = ctx.grant?.doc;
  switch (intent) {
    case 'approve':
    case 'approve_and_fulfil':
      return r.kind === 'extension' ? planExtension(ctx) : planApprove(ctx, intent === 'approve_and_fulfil');
    case 'decline': {
      const d = declineRequest(domainOf(r), { actor: ctx.actor, now: ctx.now, rationale: ctx.rationale });
      if (!d.ok) return refuse(d.error);
      const plan = empty('declined');
      plan.request = withDoc(r, d.value.next);
      plan.events.push(...d.value.events);
      if (r.holdsLock) releaseLock(ctx, plan, r.id);
      plan.comments.push(
        comment('declined', {
          toolName: r.toolName ?? r.toolId ?? 'the tool',
          rationale: d.value.next.decision?.rationale ?? '',
          deciderName: ctx.actorName,
        }),
      );
      plan.target = 'declined';
      plan.prefer = 'decline';
      return { ok: true, plan };
    }
    case 'cancel': {
      const byRequester = ctx.actor.accountId === r.requester;
      if (r.status === 'pending_approval') {
        const c = cancelRequest(domainOf(r), { actor: ctx.actor, now: ctx.now });
        if (!c.ok) return refuse(c.error);
        const plan = empty('cancelled');
        plan.request = withDoc(r, c.value.next);
        plan.events.push(...c.value.events);
        if (r.holdsLock) releaseLock(ctx, plan, r.id);
        plan.comments.push(
          comment('cancelled', {
            toolName: r.toolName ?? 'the tool',
            cancelledBy: byRequester ? 'requester' : 'agent',
            ...(byRequester ? {} : { actorName: ctx.actorName }),
          }),
        );
        plan.target = 'cancelled';
        plan.prefer = 'cancel';
        return { ok: true, plan };
      }
      // Approved but not yet fulfilled: cancelling ends the grant before it starts.
      if (g && g.status === 'pending_fulfilment') return planEnd(ctx, g, 'cancelled');
      return refuse(
        refusal(
          'CANCEL_NOT_ALLOWED',
          g && isLive(g.status)
            ? 'Access is already active; revoke it or hand it back instead of cancelling.'
            : `This request is already ${r.status.replace(/_/g, ' ')}.`,
        ),
      );
    }
    case 'fulfil': {
      if (!g)
        return r.status === 'pending_approval'
          ? refuse(refusal('REQUEST_NOT_PENDING', 'Fulfilment came before the approval.'), true)
          : refuse(refusal('GRANT_NOT_LIVE', 'There is no approved access to fulfil on this request.'));
      const f = fulfilGrant(g, { actor: ctx.actor, now: ctx.now });
      if (!f.ok) return refuse(f.error);
      const plan = empty('fulfilled');
      plan.grant = f.value.next;
      plan.puts.push(grantPut(f.value.next, ctx.grant!.version));
      plan.events.push(...f.value.events);
      plan.comments.push(comment('fulfilled', { toolName: g.toolName, expiresAt: g.expiresAt, method: 'manual' }));
      plan.target = 'active';
      plan.prefer = 'fulfil';
      return { ok: true, plan };
    }
    case 'revoke':
      if (!g)
        return r.status === 'pending_approval'
          ? refuse(refusal('GRANT_NOT_LIVE', 'Revocation came before the approval.'), true)
          : refuse(refusal('GRANT_NOT_LIVE', 'There is no access to revoke on this request.'));
      return planEnd(ctx, g, ctx.actor.accountId === g.requester ? 'handed_back' : 'revoked');
    case 'expire':
      if (!g) return refuse(refusal('GRANT_NOT_LIVE', 'There is no access to expire on this request.'));
      return planEnd(ctx, g, 'expired');
    case 'reopen':
    case 'request_approval':
      if (r.status === 'pending_approval') return { ok: true, plan: empty('no_change') };
      return refuse(
        refusal(
          g && isLive(g.status) ? 'GRANT_ALREADY_ACTIVE' : 'REQUEST_NOT_PENDING',
          g && isLive(g.status)
            ? 'Access is already active for this request.'
            : 'This request is already closed; file a new request if access is still needed.',
        ),
      );
  }
}

function planApprove(ctx: DecisionContext, alsoFulfil: boolean): DecisionResult {
  const r = ctx.request.doc;
  const a = approveAccess(domainOf(r), {
    approver: ctx.actor.accountId,
    now: ctx.now,
    days: ctx.days,
    rationale: ctx.rationale,
    tool: ctx.tool,
    policy: ctx.policy,
    approverGroups: ctx.approverGroups,
  });
  if (!a.ok) return refuse(a.error);
  const plan = empty('approved');
  let grant = a.value.grant;
  plan.events.push(...a.value.events);
  plan.fresh.push(`grant:${grant.id}`);
  if (alsoFulfil && grant.fulfilment.mode === 'manual') {
    const f = fulfilGrant(grant, { actor: ctx.actor, now: ctx.now });
    if (f.ok) {
      grant = f.value.next;
      plan.events.push(...f.value.events);
    }
  }
  plan.request = withDoc(r, a.value.request);
  plan.grant = grant;
  plan.puts.push(grantPut(grant, 'absent'));
  // The lock now protects the grant (same holder: the issue id).
  if (ctx.lock && ctx.lock.doc.holderIssueId === r.id)
    plan.puts.push(lockPut(ctx.lock.id, { ...ctx.lock.doc, holds: 'grant' }, ctx.lock.version));
  else if (!ctx.lock)
    plan.puts.push(
      lockPut(
        lockId(r.requester, grant.toolId),
        newLock(r.ticket, r.requester, grant.toolId, 'grant', ctx.now),
        'absent',
      ),
    );
  plan.comments.push(
    ...(grant.status === 'active'
      ? [
          comment('approved', approvedData(grant, r.requestedDays, ctx.actorName)),
          comment('fulfilled', { toolName: grant.toolName, expiresAt: grant.expiresAt, method: 'manual' }),
        ]
      : approvedComments(grant, r.requestedDays, ctx.actorName, false, r.requesterName ?? '')),
  );
  const job = grant.fulfilment.mode === 'connector' ? connectorJob('connector.add', grant, 1) : undefined;
  if (job) plan.jobs.push(job);
  plan.target = grant.status === 'active' ? 'active' : 'inFulfilment';
  plan.prefer = 'approve';
  return { ok: true, plan };
}

function approvedData(g: GrantDoc, requestedDays: number | null, approverName: string) {
  return {
    toolName: g.toolName,
    durationDays: g.days,
    ...(requestedDays !== null ? { requestedDays } : {}),
    expiresAt: g.expiresAt,
    policyVersion: g.policyVersion,
    approverName,
    fulfilment: g.fulfilment.mode,
  };
}

function planExtension(ctx: DecisionContext): DecisionResult {
  const r = ctx.request.doc;
  if (!ctx.target)
    return refuse(refusal('GRANT_NOT_LIVE', 'The access this request extends has ended; file a new request instead.'));
  const approved = approveRequest(domainOf(r), {
    approver: ctx.actor.accountId,
    now: ctx.now,
    days: ctx.days,
    rationale: ctx.rationale,
    tool: ctx.tool,
    policy: ctx.policy,
    approverGroups: ctx.approverGroups,
  });
  if (!approved.ok) return refuse(approved.error);
  const g = ctx.target.grant.doc;
  const { policy } = approved.value;
  const e = extendGrant(g, {
    actor: ctx.actor,
    now: ctx.now,
    days: approved.value.days,
    extension: { requestId: r.id, issueKey: r.ticket.key },
    policyVersion: policy.policyVersion,
    maxTotalDays: policy.maxTotalDays,
    required: { group: policy.approverGroup, riskLevel: policy.riskLevel },
    approverGroups: ctx.approverGroups,
    overrideGroup: ctx.overrideGroup,
  });
  if (!e.ok) return refuse(e.error);
  const plan = empty('extended');
  plan.request = withDoc(r, { ...approved.value.next, holdsLock: false });
  plan.grant = e.value.next;
  plan.puts.push(grantPut(e.value.next, ctx.target.grant.version));
  plan.events.push(...approved.value.events, ...e.value.events);
  if (r.holdsLock) releaseLock(ctx, plan, r.id);
  const overLimit = e.value.next.extensions.at(-1)?.overLimit;
  const data = {
    toolName: g.toolName,
    previousExpiresAt: g.expiresAt,
    expiresAt: e.value.next.expiresAt,
    addedDays: approved.value.days,
    policyVersion: e.value.next.policyVersion,
    approverName: ctx.actorName,
    ...(overLimit
      ? {
          overLimit: {
            limitDays: overLimit.limit,
            totalDays: e.value.next.totalDays,
            approvedAs: overLimit.approvedAs,
          },
        }
      : {}),
  };
  plan.comments.push(comment('extended', data));
  plan.target = 'active';
  plan.prefer = 'approve';
  plan.other = { request: ctx.target.request, grant: e.value.next, comments: [comment('extended', data)] };
  return { ok: true, plan };
}

function planEnd(
  ctx: DecisionContext,
  g: GrantDoc,
  reason: 'handed_back' | 'revoked' | 'expired' | 'cancelled',
): DecisionResult {
  const ended =
    reason === 'expired'
      ? expireGrant(g, { actor: ctx.actor, now: ctx.now, manual: true })
      : revokeGrant(g, { actor: ctx.actor, now: ctx.now, reason, rationale: ctx.rationale });
  if (!ended.ok) return refuse(ended.error);
  const next = ended.value.next;
  const plan = empty(reason);
  plan.grant = next;
  plan.puts.push(grantPut(next, ctx.grant!.version));
  plan.events.push(...ended.value.events);
  releaseLock(ctx, plan, g.id);
  // Whatever the fulfilment's state: an add still in flight may land after the end (removing a non-member is success).
  const removal = g.fulfilment.mode === 'connector' ? connectorJob('connector.remove', g, 1) : undefined;
  if (removal) plan.jobs.push(removal);
  const groupRemovalNow = removal ? 'queued' : groupRemoval(g);
  const at = ctx.now.toISOString();
  if (reason === 'handed_back')
    plan.comments.push(
      comment('handed-back', { toolName: g.toolName, handedBackAt: at, groupRemoval: groupRemovalNow }),
    );
  else if (reason === 'expired')
    plan.comments.push(comment('expired', { toolName: g.toolName, expiredAt: at, groupRemoval: groupRemovalNow }));
  else if (reason === 'cancelled')
    plan.comments.push(
      comment('cancelled', {
        toolName: g.toolName,
        cancelledBy: ctx.actor.accountId === g.requester ? 'requester' : 'agent',
        actorName: ctx.actorName,
      }),
    );
  else
    plan.comments.push(
      comment('revoked', {
        toolName: g.toolName,
        reason: 'agent',
        revokedByName: ctx.actorName,
        ...(ctx.rationale ? { rationale: ctx.rationale } : {}),
        groupRemoval: groupRemovalNow,
      }),
    );
  plan.target = reason === 'expired' ? 'expired' : reason === 'cancelled' ? 'cancelled' : 'revoked';
  plan.prefer = reason === 'expired' ? 'expire' : reason === 'cancelled' ? 'cancel' : 'revoke';
  return { ok: true, plan };
}

/** The transition-refused reason a refusal maps to (templates/comments/transition-refused.hbs). */
export function refusedReason(
  r: Refusal,
  tool: ToolView | undefined,
):
  | 'prohibited_tool'
  | 'not_requestable'
  | 'self_approval'
  | 'not_approver'
  | 'approver_unverified'
  | 'needs_higher_approval'
  | 'already_active'
  | 'already_closed'
  | 'duration_exceeds_policy'
  | 'missing_rationale'
  | 'unexpected' {
  switch (r.code) {
    case 'SELF_APPROVAL':
      return 'self_approval';
    case 'APPROVER_NOT_IN_GROUP':
      return 'not_approver';
    case 'APPROVER_UNVERIFIED':
      return 'approver_unverified';
    case 'EXTENSION_NEEDS_HIGHER_APPROVAL':
      return 'needs_higher_approval';
    case 'TOOL_NOT_REQUESTABLE':
    case 'TOOL_UNKNOWN':
      return tool?.risk === 'prohibited' ? 'prohibited_tool' : 'not_requestable';
    case 'GRANT_ALREADY_ACTIVE':
      return 'already_active';
    case 'REQUEST_NOT_PENDING':
      return r.detail?.status === 'approved' || r.detail?.status === 'auto_approved'
        ? 'already_active'
        : 'already_closed';
    case 'GRANT_NOT_LIVE':
    case 'CANCEL_NOT_ALLOWED':
      return 'already_closed';
    case 'DURATION_TOO_LONG':
    case 'DURATION_LONGER_THAN_REQUESTED':
    case 'GRANT_TOTAL_EXCEEDED':
      return 'duration_exceeds_policy';
    case 'DECLINE_NEEDS_RATIONALE':
      return 'missing_rationale';
    default:
      return 'unexpected';
  }
}
