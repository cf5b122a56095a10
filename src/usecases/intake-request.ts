// Intake (avi:jira:created:issue): read the request from the ticket, validate
// it, block duplicates with the (user, tool) lock, auto-approve where policy
// allows, and stamp the outcome on the ticket.
//
// Cost on the happy path: ONE KVS transaction (request record + lock + grant
// + governance events + the ticket op) and ONE Jira write (a transition
// carrying fields, comment and the aiClearance property). A form-filed request
// adds one read (its field ids are site-specific, so the trigger cannot ask
// for them in payload.include); the first intake from a status adds one read
// to learn its transition ids (cached).
//
// Idempotency: the request record is keyed by the issue id and created with
// expected version 'absent', so a redelivered event finds it and only makes
// sure the ticket stamp landed (resumeTicketSync). Concurrent filings for the
// same (user, tool) race on the lock record; exactly one commit wins.
import { newGrant } from '../domain/grant/create';
import { revokeGrant } from '../domain/grant/end';
import { isLive, type GrantDoc } from '../domain/grant/types';
import type { EventDraft } from '../domain/governance/event';
import { subjectKeyOf } from '../domain/governance/event';
import { validateRequest, type RawRequest } from '../domain/request/intake';
import { lockId, newLock } from '../domain/request/lock';
import { evaluateIntake, type IntakeOutcome } from '../domain/request/submit';
import type { RecordDelete, RecordPut } from '../ports/store';
import { blockedComment, intakeAcceptedComment, rejectedComment } from './intake-comments';
import { resolveTool } from './resolve-tool';
import { isAppProject, loadSettings, type AppSettings } from './shared/app-settings';
import { listRequestable, loadPolicySet, policyOf, toToolView } from './shared/catalog-repo';
import { approvedComments, groupRemoval } from './shared/comment-data';
import { withConflictRetry } from './shared/commit';
import { pushCommittedJobs } from './shared/decision-commit';
import { JOB_OUTBOX_GRACE_SECONDS, outboxId, outboxPut } from './shared/job-outbox';
import type { CoreDeps } from './shared/deps';
import { chainEvents } from './shared/governance';
import {
  emptySync,
  grantPut,
  loadGrant,
  loadLock,
  loadRequest,
  lockPut,
  releaseLockIfHeld,
  requestPut,
  withSync,
  type RequestRecord,
} from './shared/records';
import { formUnreadable, fromFields, fromPanelProperty, unknownRequestTypes } from './shared/request-source';
import { RetryLaterError } from './shared/errors';
import {
  addOp,
  addPlannedOp,
  comment,
  flushTicket,
  resumeTicketSync,
  type CommentSpec,
  type SyncEnv,
} from './shared/ticket-sync';
import { connectorJob, type WorkJob } from './shared/work-jobs';
import { loadSyncEnv } from './shared/sync-env';

/** How long intake waits for provisioning to be completed before reading the ticket again. */
const PROVISIONING_WAIT_SECONDS = 300;

export interface CreatedIssue {
  id: string;
  key: string;
  projectKey?: string | undefined;
  status?: { id: string; name: string } | undefined;
  reporter?:
    | {
        accountId: string;
        displayName?: string | undefined;
        accountType?: string | undefined;
        active?: boolean | undefined;
      }
    | null
    | undefined;
  /** The issue property the portal request-create panel's submission is stored under (the app id's UUID; from the runtime). */
  panelPropertyKey?: string | undefined;
}

export interface IntakeReport {
  outcome: IntakeOutcome | 'ignored' | 'duplicate_delivery';
  requestId: string;
}

/**
 * Intake of a new ticket in the app's project: the request record, its events, the ticket's comment and status.
 * `settings`: as the trigger's project gate read them (read here when not given).
 * @throws RetryLaterError while provisioning is incomplete, storage kept conflicting, or Jira was busy.
 * @throws JiraHttpError from Jira (429/5xx: the trigger retries; 4xx: permanent), StoredDataError for a record
 *   that does not parse.
 */
export async function intakeRequest(
  deps: CoreDeps,
  issue: CreatedIssue,
  settings?: AppSettings,
): Promise<IntakeReport> {
  const { store } = deps;
  settings ??= await loadSettings(store);
  if (!isAppProject(settings, issue.projectKey)) return { outcome: 'ignored', requestId: issue.id };
  const { env, provisioning: prov } = await loadSyncEnv(deps);

  if (await loadRequest(store, issue.id)) return redelivered(env, issue.id);

  // 1. What does the ticket ask for?
  // The portal panel's submission first: it is what the person chose in the app's picker, checked against the
  // catalog as they typed. It is ONE object-valued issue property keyed by the app id's UUID, which a trigger's
  // payload.include cannot carry (an object-valued path arrives as null): one read. The panel submits nothing
  // ({}) on other request types, so an empty or absent property falls through to the form.
  let raw: RawRequest | undefined = await panelRequest(deps, issue);
  let reporter = issue.reporter ?? undefined;
  if (!raw) {
    // Without the form's field ids (a site provisioned by the CLI whose fields discovery could not resolve,
    // or never provisioned) the ticket cannot be read: it waits — the trigger's retries, then the aic-work
    // queue — rather than being judged as an email that names no tool.
    const unreadable = formUnreadable(prov);
    if (unreadable)
      throw new RetryLaterError(PROVISIONING_WAIT_SECONDS, 'provisioning_incomplete', `${issue.key}: ${unreadable}`);
    const src = await fromFields(deps.jira, issue.key, prov);
    if (src.kind === 'not_ours') {
      const unknown = unknownRequestTypes(prov);
      if (unknown.length)
        throw new RetryLaterError(
          PROVISIONING_WAIT_SECONDS,
          'provisioning_incomplete',
          `${issue.key}: provisioning is incomplete: no request type id for ${unknown.join(', ')}, so this ticket may be one of them`,
        );
      return { outcome: 'ignored', requestId: issue.id };
    }
    raw = src.raw;
    reporter = reporter ?? src.reporter;
  }

  // 2. Is it valid under the catalog and policy as they are now?
  const entry = raw.toolRef ? await resolveTool(store, raw.toolRef) : undefined;
  const policy = entry ? policyOf(await loadPolicySet(store), entry) : undefined;
  const requester = reporter
    ? { accountId: reporter.accountId, accountType: reporter.accountType, active: reporter.active }
    : null;
  const validation = validateRequest(raw, requester, entry ? toToolView(entry) : undefined, policy);
  const requesterName = reporter?.displayName ?? '';
  const ticket = { id: issue.id, key: issue.key };
  const now = deps.clock.now();

  // 3. Decide against the lock, and commit everything in one transaction.
  const committed = await withConflictRetry(`intake of ${issue.key}`, async (attempt) => {
    if (attempt > 1 && (await loadRequest(store, issue.id))) return undefined; // a concurrent delivery of this event won
    const kind = raw.kind;
    const toolId = validation.ok ? validation.value.tool.id : undefined;
    const accountId = requester?.accountId;
    const lock =
      toolId && accountId && kind !== 'hand_back' ? await loadLock(store, lockId(accountId, toolId, kind)) : undefined;
    let live: { grant: GrantDoc; version: number } | undefined;
    if (toolId && accountId && kind !== 'access') {
      const access = await loadLock(store, lockId(accountId, toolId));
      const g = access?.doc.holds === 'grant' ? await loadGrant(store, access.doc.holderIssueId) : undefined;
      if (g && isLive(g.doc.status)) live = { grant: g.doc, version: g.version };
    }
    const result = evaluateIntake({
      ticket,
      raw,
      requester: accountId ?? null,
      requesterName,
      validation,
      lock: lock?.doc,
      liveGrant: live ? { id: live.grant.id, key: live.grant.ticket.key } : undefined,
      now,
    });

    const puts: RecordPut[] = [];
    const deletes: RecordDelete[] = [];
    const drafts: EventDraft[] = [...result.events];
    const fresh = new Set([subjectKeyOf({ type: 'request', id: issue.id })]);
    let grant: GrantDoc | undefined;
    const comments: CommentSpec[] = [];
    let target: 'pending' | 'declined' | 'inFulfilment' | 'revoked' | 'active' = 'declined';
    let original: { record: RequestRecord; version: number; grant: GrantDoc } | undefined;
    const jobs: WorkJob[] = [];

    switch (result.outcome) {
      case 'rejected_invalid': {
        const requestable = await listRequestable(store);
        comments.push(rejectedComment(result.request, result.refusal!, requestable, raw.toolRef, settings.portalId));
        break;
      }
      case 'blocked_duplicate': {
        const holder = result.request.blockedBy!;
        const liveGrant = holder.holds === 'grant' ? (await loadGrant(store, holder.issueId))?.doc : undefined;
        comments.push(blockedComment(result.request, liveGrant, settings.portalId));
        break;
      }
      case 'pending_approval': {
        // The domain says whether this request takes the (user, tool) lock; the commit below fails if another took it.
        if (result.takesLock)
          puts.push(
            lockPut(lockId(accountId!, toolId!, kind), newLock(ticket, accountId!, toolId!, 'request', now), 'absent'),
          );
        comments.push(intakeAcceptedComment(result.request, requesterName, result.valid?.policy.approverGroup));
        target = 'pending';
        break;
      }
      case 'auto_approved': {
        const valid = result.valid!;
        if (kind === 'hand_back' && live) {
          const revoked = revokeGrant(live.grant, { actor: { type: 'app' }, now, reason: 'handed_back' });
          if (!revoked.ok) throw new Error(revoked.error.message);
          deletes.push(...(await releaseLockIfHeld(store, lockId(accountId!, toolId!), live.grant.id)));
          puts.push(grantPut(revoked.value.next, live.version));
          drafts.push(...revoked.value.events);
          const orig = await loadRequest(store, live.grant.id);
          const handedBack = comment('handed-back', {
            toolName: live.grant.toolName,
            handedBackAt: now.toISOString(),
            groupRemoval: groupRemoval(live.grant),
          });
          if (orig) {
            original = {
              record: {
                ...orig.doc,
                sync: await addOp(
                  env,
                  orig.doc.sync,
                  { comments: [handedBack], target: 'revoked', prefer: 'revoke' },
                  now,
                ),
              },
              version: orig.version,
              grant: revoked.value.next,
            };
            puts.push(requestPut(original.record, orig.version));
          }
          comments.push(handedBack);
          target = 'revoked';
          grant = revoked.value.next;
          // As in decision-plan's planEnd: an add still in flight may land after the hand-back.
          const removal =
            live.grant.fulfilment.mode === 'connector' ? connectorJob('connector.remove', live.grant, 1) : undefined;
          if (removal) jobs.push(removal);
          break;
        }
        const created = newGrant({
          request: result.request,
          approver: { type: 'app' },
          now,
          days: valid.days,
          tool: valid.tool,
          policy: valid.policy,
        });
        grant = created.grant;
        drafts.push(...created.events);
        fresh.add(subjectKeyOf({ type: 'grant', id: grant.id }));
        puts.push(grantPut(grant, 'absent'));
        if (result.takesLock)
          puts.push(lockPut(lockId(accountId!, toolId!), newLock(ticket, accountId!, toolId!, 'grant', now), 'absent'));
        comments.push(...approvedComments(grant, result.request.requestedDays, '', true, requesterName));
        target = 'inFulfilment';
        break;
      }
    }

    const start = issue.status ? { ...emptySync(), status: issue.status } : emptySync();
    // A hand-back ticket never went through approval; where the workflow cannot revoke it, it closes as withdrawn.
    const fallback = raw.kind === 'hand_back' ? ('cancelled' as const) : undefined;
    const record = withSync(
      result.request,
      await addPlannedOp(env, issue.key, start, { comments, target, prefer: preferFor(target), fallback }, now),
    );
    puts.unshift(requestPut(record, 'absent'));
    if (grant && kind === 'access' && grant.fulfilment.mode === 'connector') {
      const add = connectorJob('connector.add', grant, 1);
      if (add) jobs.push(add);
    }
    // The jobs ride in the commit as an outbox record (shared/job-outbox.ts): a lost push is queued by the sweep.
    const outbox = jobs.length
      ? outboxPut(outboxId(record.id, 'intake', now.getTime()), record.id, jobs, now, JOB_OUTBOX_GRACE_SECONDS)
      : undefined;
    if (outbox) puts.push(outbox);
    const chained = await chainEvents(store, drafts, now, deps.random, fresh);
    await store.commit({ puts: [...puts, ...chained.puts], deletes, events: chained.events });
    return {
      record,
      grant: kind === 'access' ? grant : undefined,
      outcome: result.outcome,
      original,
      jobs,
      outbox: outbox ? { id: outbox.record.id, version: 1 } : undefined,
    };
  });
  if (!committed) return redelivered(env, issue.id);

  // 4. Side effects after the commit: connector jobs (idempotent by key), then the ticket(s).
  await pushCommittedJobs(deps, committed.jobs, committed.outbox);
  if (committed.original) await flushTicket(env, committed.original.record, committed.original.grant);
  await flushTicket(env, committed.record, committed.grant, { statusFresh: true });
  return { outcome: committed.outcome, requestId: issue.id };
}

/** The panel's request: ONE read of the property its submission is stored under (absent or {} when the panel was not used). */
async function panelRequest(deps: CoreDeps, issue: CreatedIssue): Promise<RawRequest | undefined> {
  const key = issue.panelPropertyKey;
  if (!key) return undefined;
  // A 429/5xx on this read is retried with the event (entry/trigger/retry-policy.ts).
  return fromPanelProperty(await deps.jira.getIssueProperty(issue.key, key));
}

function preferFor(target: string) {
  return target === 'pending'
    ? 'requestApproval'
    : target === 'inFulfilment'
      ? 'approve'
      : target === 'revoked'
        ? 'revoke'
        : target === 'declined'
          ? 'decline'
          : undefined;
}

/** The same ticket again (redelivery or retry): only make sure the ticket shows what the store says. */
async function redelivered(env: SyncEnv, requestId: string): Promise<IntakeReport> {
  const cur = await loadRequest(env.deps.store, requestId);
  const grantId = cur?.doc.kind === 'access' ? cur.doc.grantId : undefined;
  const grant = grantId ? (await loadGrant(env.deps.store, grantId))?.doc : undefined;
  if (grant?.fulfilment.mode === 'connector' && grant.fulfilment.state === 'pending') {
    const job = connectorJob('connector.add', grant, 1);
    if (job) await env.deps.queue.push([job]);
  }
  await resumeTicketSync(env, requestId, async () => grant);
  return { outcome: 'duplicate_delivery', requestId };
}
