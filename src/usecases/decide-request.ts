// Decisions on the ticket (avi:jira:updated:issue with a status change, as
// mapped by templates/workflow.yml) and from the approvals view (resolvers).
//
// A transition is read as an intent (approve, decline, cancel, fulfil, revoke,
// expire, reopen) and applied to the records through the domain. What the
// app cannot accept — self-approval, a prohibited or no-longer-requestable
// tool, a second approval, a decline without rationale, reopening a closed
// request — is refused with an internal comment and, where the workflow
// allows, the ticket is moved back to the status the records say; the
// refusal is itself a governance event. Never a silent inconsistent state.
//
// At most two Jira calls per decision: the write (transition + fields +
// comment + property in one call) and, only when needed, one read (the
// transition's comment for a decline rationale, or an unknown actor's name,
// cached after the first time).
//
// Duplicates and order: a changelog id seen before is a no-op (the ticket
// sync is resumed if needed). An event that depends on one not yet processed
// (e.g. "Mark fulfilled" before "Approve") asks to be retried; when its
// retries are used up it is treated as refused.
import { adfToPlainText } from '../render/adf';
import type { StatusMeaning } from '../domain/provisioning/desired';
import { requestEvent } from '../domain/request/events';
import type { Refusal } from '../domain/request/refusal';
import { loadDecisionContext } from './decision-context';
import { isAppProject, loadSettings, type AppSettings } from './shared/app-settings';
import { withConflictRetry } from './shared/commit';
import { planDecision, refusedReason, type DecisionPlan, type Intent } from './shared/decision-plan';
import type { CoreDeps } from './shared/deps';
import { RetryLaterError } from './shared/errors';
import { commitDecision, deliverDecision } from './shared/decision-commit';
import { expectedStatus } from './shared/expected-status';
import { approverIdentity, displayName } from './shared/names';
import { loadGrant, loadRequest } from './shared/records';
import { comment, payloadStampSeq, resumeTicketSync, retryableRead, type SyncEnv } from './shared/ticket-sync';
import type { IncludedProperties } from './shared/included-properties';
import { loadSyncEnv } from './shared/sync-env';
import { loadTransitionsCache, pickTransition, sameStatus, statusMeaning } from './shared/workflow-map';

/**
 * How many times an out-of-order event waits for the event it depends on, and for how long. Trigger
 * events "may take up to 3 minutes to reach your app" and arrive in no promised order
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/, "Event delivery
 * delay"), and a trigger is retried at most four times, each retryAfter at most 900 s
 * (https://developer.atlassian.com/platform/forge/events-reference/product_events/ § "Retry for app level
 * errors"). So the waits use all four retries and add up to 15 minutes: 60, 120, 240, 480 s, well past
 * a 3-minute delivery delay plus the earlier event's own retries for a rate-limited Jira.
 */
export const MAX_WAITS = 4;
export function waitSeconds(retryCount: number): number {
  return Math.min(900, 60 * 2 ** retryCount);
}

export interface StatusRef {
  id: string;
  name: string;
}

export interface TransitionEvent {
  issue: { id: string; key: string; projectKey?: string | undefined; included: IncludedProperties };
  actorId: string;
  changelogId?: string | undefined;
  from: StatusRef;
  to: StatusRef;
  /** Other changelog items of the same change (a rationale or shortened duration set on the transition screen). */
  changes: Array<{ fieldId?: string | undefined; field: string; to: string | null; toString: string | null }>;
  /** From the platform's retryContext (0 on first delivery). */
  retryCount: number;
}

export interface DecideReport {
  outcome: string;
  requestId: string;
}

export function intentOf(from: StatusMeaning | undefined, to: StatusMeaning | undefined): Intent | undefined {
  const open = from === undefined || from === 'submitted' || from === 'pending';
  switch (to) {
    case 'pending':
      return from === 'submitted' ? 'request_approval' : 'reopen';
    case 'submitted':
      return 'reopen';
    case 'approved':
    case 'inFulfilment':
      return open ? 'approve' : 'reopen';
    case 'active':
      return open ? 'approve_and_fulfil' : 'fulfil';
    case 'declined':
    case 'lapsed':
      return 'decline';
    case 'cancelled':
      return 'cancel';
    case 'revoked':
      return 'revoke';
    case 'expired':
      return 'expire';
    default:
      return undefined;
  }
}

/**
 * The decision a status change of a request's ticket asks for. `settings`: as the trigger's project gate read
 * them (read here when not given).
 * @throws RetryLaterError when the request's intake has not run yet, storage kept conflicting, or Jira was busy.
 * @throws JiraHttpError from Jira (429/5xx: the trigger retries; 4xx: permanent), StoredDataError for a record
 *   that does not parse.
 */
export async function decideFromTransition(
  deps: CoreDeps,
  ev: TransitionEvent,
  settings?: AppSettings,
): Promise<DecideReport> {
  const { store } = deps;
  settings ??= await loadSettings(store);
  if (!isAppProject(settings, ev.issue.projectKey)) return { outcome: 'ignored', requestId: ev.issue.id };
  const { env, provisioning: prov } = await loadSyncEnv(deps);
  const { mapping } = env;
  const fromM = statusMeaning(mapping, ev.from.name);
  const toM = statusMeaning(mapping, ev.to.name);
  const intent = intentOf(fromM, toM);
  if (!intent) return { outcome: 'ignored', requestId: ev.issue.id };

  const field = (ref: string) => {
    const id = prov.fields[ref]?.id;
    return id ? ev.changes.find((c) => c.fieldId === id) : undefined;
  };
  const daysChange = field('accessDurationDays');
  // A number field's changelog item may carry the value in `to` or only in `toString` (the sandbox,
  // like the changelog items it copies, leaves `to` null for number custom fields): read either. Whatever
  // was typed goes to the domain, which refuses anything but whole days within the policy (a
  // value that was silently dropped here used to approve the requested days instead).
  const typedDays = daysChange ? (daysChange.to ?? daysChange.toString) : null;
  const days = typedDays == null || typedDays.trim() === '' ? undefined : Number(typedDays);
  const rationaleField = field('decisionRationale')?.toString ?? undefined;
  const actor = { type: 'user' as const, accountId: ev.actorId };
  const payloadAck = payloadStampSeq(ev.issue.included);
  let rationale = rationaleField?.trim() || undefined;
  let actorName: string | undefined;
  let approver: Awaited<ReturnType<typeof approverIdentity>> | undefined;

  return withConflictRetry(`decision on ${ev.issue.key}`, async () => {
    const loaded = await loadRequest(store, ev.issue.id);
    if (!loaded) {
      if (ev.retryCount < MAX_WAITS)
        throw new RetryLaterError(
          waitSeconds(ev.retryCount),
          'waiting_for_earlier_event',
          `${ev.issue.key} changed before its intake was processed`,
        );
      return { outcome: 'ignored', requestId: ev.issue.id };
    }
    if (ev.changelogId && loaded.doc.sync.processed.includes(ev.changelogId)) {
      const grantId = loaded.doc.kind === 'access' ? loaded.doc.grantId : undefined;
      await resumeTicketSync(env, loaded.doc.id, async () =>
        grantId ? (await loadGrant(store, grantId))?.doc : undefined,
      );
      return { outcome: 'duplicate_delivery', requestId: loaded.doc.id };
    }
    const now = deps.clock.now();
    // A decline's rationale may be the transition's comment, which Jira sends as a separate event: read it.
    if (intent === 'decline' && !rationale && loaded.doc.status === 'pending_approval') {
      const found = await retryableRead(ev.issue.key, () => transitionComment(deps, ev.issue.key, ev.actorId, now));
      rationale = found?.text;
      actorName ??= found?.authorName;
    }
    // An approval needs the approver's groups, read fresh (once per delivery, not per conflict retry); the
    // same read gives the name. Not for a self-approval, which is refused before membership matters.
    if (
      (intent === 'approve' || intent === 'approve_and_fulfil') &&
      loaded.doc.status === 'pending_approval' &&
      ev.actorId !== loaded.doc.requester
    ) {
      approver ??= await retryableRead(ev.issue.key, () => approverIdentity(deps, ev.actorId));
      actorName ??= approver.name;
    }
    actorName ??= await retryableRead(ev.issue.key, () => displayName(deps, ev.actorId));
    const ctx = await loadDecisionContext(deps, loaded, intent, actor, actorName, now, {
      days,
      rationale,
      approverGroups: approver?.groups,
    });
    const result = planDecision(ctx, intent);
    if (!result.ok && result.wait && ev.retryCount < MAX_WAITS) {
      throw new RetryLaterError(
        waitSeconds(ev.retryCount),
        'waiting_for_earlier_event',
        `${ev.issue.key}: ${result.refusal.message}`,
      );
    }
    const grant = ctx.grant?.doc;
    const expected = expectedStatus(loaded.doc, grant);
    const correctable = result.ok ? undefined : await canMoveTo(env, ev.issue.key, ev.to, expected);
    const plan = result.ok
      ? result.plan
      : refusedPlan(loaded.doc, result.refusal, ctx.tool, actor, actorName, ev, expected, mapping, correctable);
    if (!result.ok && plan.comments.length === 0) {
      // Consistent already (e.g. "Request approval" on a pending request): just remember the change.
      plan.outcome = 'no_change';
    }
    const committed = await commitDecision(
      env,
      loaded,
      plan,
      now,
      { changelogId: ev.changelogId, status: ev.to, payloadAck, issueKey: ev.issue.key },
      grant,
    );
    await deliverDecision(env, committed, { statusFresh: true });
    return { outcome: plan.outcome, requestId: loaded.doc.id };
  });
}

/** Whether the workflow has a transition from the status the ticket was moved to back to where the records say it belongs. */
async function canMoveTo(
  env: SyncEnv,
  issueKey: string,
  from: StatusRef,
  target: StatusMeaning,
): Promise<{ name: string } | undefined> {
  if (sameStatus(env.mapping, statusMeaning(env.mapping, from.name), target)) return undefined;
  const { cache } = await loadTransitionsCache(env.deps.store);
  const available = cache.byStatus[from.id] ?? (await env.deps.jira.getTransitions(issueKey));
  const t = pickTransition(env.mapping, available, target);
  return t ? { name: t.toName } : undefined;
}

function refusedPlan(
  r: DecisionPlan['request'] & object,
  why: Refusal,
  tool: Parameters<typeof refusedReason>[1],
  actor: { type: 'user'; accountId: string },
  actorName: string,
  ev: TransitionEvent,
  expected: StatusMeaning,
  mapping: Parameters<typeof sameStatus>[0],
  correctable: { name: string } | undefined,
): DecisionPlan {
  const plan: DecisionPlan = {
    outcome: 'refused',
    puts: [],
    deletes: [],
    events: [],
    comments: [],
    jobs: [],
    fresh: [],
  };
  const toM = statusMeaning(mapping, ev.to.name);
  if (sameStatus(mapping, toM, expected)) return plan; // the ticket is where the records say: nothing to correct or explain
  const correctedTo = correctable ? correctable.name : undefined;
  const draft = requestEvent(correctedTo ? 'request.transition_corrected' : 'request.transition_refused', actor, r, r);
  draft.after = {
    ...draft.after,
    attemptedStatus: ev.to.name,
    refusal: why.code,
    ...(correctedTo ? { correctedTo } : {}),
  };
  plan.events.push(draft);
  plan.comments.push(
    comment('transition-refused', {
      attemptedStatus: ev.to.name,
      currentStatus: ev.to.name,
      reason: refusedReason(why, tool),
      ...(correctedTo ? { correctedTo } : {}),
      actorName,
      detail: why.message,
    }),
  );
  // Only move the ticket when the workflow allows it; otherwise the comment and the property tell the truth.
  if (correctedTo) plan.target = expected;
  plan.outcome = `refused:${why.code}`;
  return plan;
}

/** The newest comment by the deciding agent made with the transition (within two minutes of it). */
async function transitionComment(
  deps: CoreDeps,
  issueKey: string,
  actorId: string,
  now: Date,
): Promise<{ text: string; authorName?: string | undefined } | undefined> {
  const comments = await deps.jira.getRecentComments(issueKey, 5);
  const mine = comments.find(
    (c) => c.authorId === actorId && Math.abs(Date.parse(c.created) - now.getTime()) <= 120_000,
  );
  if (!mine) return undefined;
  const text = adfToPlainText(mine.body).trim();
  return text ? { text, authorName: mine.authorName } : undefined;
}
