// The hourly reconciliation: the net under the triggers' retries and the
// queue's. Every ticket of the app's project changed since the last run (with
// an overlap: Jira's search is eventually consistent and events can be minutes
// late) is compared with the records:
//   - no request record, filed more than a few minutes ago: intake runs now
//     (its event was lost, or every retry failed);
//   - a ticket write still owed: it is resumed (exactly once: the stamp is read first);
//   - Jira's status disagrees with the records and the ticket's last status
//     change is a person's the app never processed: that decision runs now;
//   - Jira's status disagrees and nothing explains it (the app's own transition
//     was lost): the ticket is moved back to where the records say, with an
//     internal note and a governance event — only when the workflow offers the
//     way back, so a refused correction is never repeated every hour.
// Tickets changed in the last GRACE_S are left to their triggers. The window's
// end is remembered in settings/reconcile; a run that stops early keeps the
// updated time it reached, so the continuation carries on from there.
import * as z from 'zod/mini';
import type { RecentIssue } from '../../ports/jira-api';
import { requestEvent } from '../../domain/request/events';
import { decideFromTransition, MAX_WAITS } from '../decide-request';
import { intakeRequest } from '../intake-request';
import { comment, noteSeen, resumeTicketSync } from '../shared/ticket-sync';
import { commitStep } from './commit-step';
import { quoteJqlString } from '../../domain/provisioning/jql-template';
import { expectedStatus } from '../shared/expected-status';
import { loadGrant, loadRequest, type Loaded, type RequestRecord } from '../shared/records';
import { pickTransition, sameStatus, statusMeaning } from '../shared/workflow-map';
import type { GrantDoc } from '../../domain/grant/types';
import type { StatusMeaning } from '../../domain/provisioning/desired';
import type { SweepContext } from './context';

/** Tickets changed this recently are their triggers' to handle. */
export const GRACE_S = 300;
/** How far back each run looks past the previous run's end (eventual consistency, late events). */
export const OVERLAP_S = 900;
/** The first run looks this far back. */
export const FIRST_WINDOW_S = 7 * 86_400;
const STATE_ID = 'reconcile';
const stateSchema = z.object({ checkedUntil: z.int() });

export type ReconcileAction = 'consistent' | 'intake' | 'decision' | 'resumed' | 'repaired' | 'unrepairable' | 'recent';

const minutesAgo = (ctx: SweepContext, epochS: number) => Math.max(0, Math.ceil((ctx.nowS - epochS) / 60));

/** Runs the reconciliation; true when it stopped early (the budget ran out). */
export async function reconcileTickets(ctx: SweepContext, outOfBudget: () => boolean): Promise<boolean> {
  const { deps } = ctx;
  const stored = await deps.store.get<unknown>('settings', STATE_ID);
  const state = stateSchema.safeParse(stored?.doc);
  const from = state.success ? state.data.checkedUntil - OVERLAP_S : ctx.nowS - FIRST_WINDOW_S;
  const until = ctx.nowS - GRACE_S;
  if (until <= from) return false;
  // Relative dates on system fields are documented JQL ("-90m"); the project key is quoted (user-set).
  const jql = `project = ${quoteJqlString(ctx.app.projectKey)} AND updated >= -${minutesAgo(ctx, from)}m AND updated <= -${Math.ceil(GRACE_S / 60)}m ORDER BY updated ASC`;
  // The app's own account is asked for only when a ticket's status needs explaining (one call per run at most).
  let appAccount: Promise<string | undefined> | undefined;
  const appAccountId = () => (appAccount ??= deps.appAccountId?.() ?? Promise.resolve(undefined));
  let reached = from;
  let token: string | undefined;
  do {
    let page: Awaited<ReturnType<typeof deps.jira.searchIssues>>;
    try {
      page = await deps.jira.searchIssues(jql, token);
    } catch (e) {
      // Jira down or rate-limited: this run checks nothing more, and keeps its window for the next run.
      ctx.counts.failed++;
      ctx.errors.push(`reconcile search: ${e instanceof Error ? e.message : String(e)}`);
      if (reached > from) await saveState(ctx, reached, stored?.version);
      return false;
    }
    for (const issue of page.issues) {
      if (outOfBudget()) {
        await saveState(ctx, reached, stored?.version);
        return true;
      }
      ctx.items++;
      try {
        const action = await reconcileIssue(ctx, issue, until, appAccountId);
        if (action !== 'consistent' && action !== 'recent') ctx.counts.reconciled++;
        if (action === 'unrepairable')
          ctx.errors.push(
            `${issue.key}: Jira says "${issue.status.name}" but the records disagree, and the workflow offers no transition back`,
          );
      } catch (e) {
        // One ticket must not stop the run; the next run looks at it again (it is inside the overlap).
        ctx.counts.failed++;
        ctx.errors.push(`reconcile ${issue.key}: ${e instanceof Error ? e.message : String(e)}`);
      }
      reached = Math.max(reached, Math.min(until, Math.floor(Date.parse(issue.updated) / 1000)));
    }
    token = page.nextPageToken;
  } while (token);
  await saveState(ctx, until, stored?.version);
  return false;
}

async function saveState(ctx: SweepContext, checkedUntil: number, version: number | undefined): Promise<void> {
  try {
    await ctx.deps.store.commit({
      puts: [
        {
          expected: version ?? 'absent',
          record: { kind: 'settings', id: STATE_ID, version: (version ?? 0) + 1, doc: { checkedUntil } },
        },
      ],
    });
  } catch (e) {
    // A concurrent run saved its own end; both windows overlap, so nothing is skipped.
    ctx.errors.push(`reconcile state not saved: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function reconcileIssue(
  ctx: SweepContext,
  issue: RecentIssue,
  until: number,
  appAccountId: () => Promise<string | undefined>,
): Promise<ReconcileAction> {
  const { deps, env } = ctx;
  let rec = await loadRequest(deps.store, issue.id);
  if (!rec) {
    if (Date.parse(issue.created) / 1000 > until) return 'recent';
    const report = await intakeRequest(
      deps,
      {
        id: issue.id,
        key: issue.key,
        projectKey: issue.projectKey,
        status: issue.status,
        reporter: issue.reporter,
        panelPropertyKey: await deps.panelPropertyKey?.(),
      },
      ctx.app,
    );
    return report.outcome === 'ignored' || report.outcome === 'duplicate_delivery' ? 'consistent' : 'intake';
  }
  const doc = rec.doc;
  const grantOf = async () =>
    doc.kind === 'access' && doc.grantId ? (await loadGrant(deps.store, doc.grantId))?.doc : undefined;
  if (doc.sync.pending.length > 0) {
    // Ops stay listed until Jira is known to have them: resuming writes what did not land (after reading the stamp).
    const outcome = await resumeTicketSync(env, doc.id, grantOf);
    if (outcome === 'written') return 'resumed';
    rec = (await loadRequest(deps.store, issue.id)) ?? rec;
  }
  const grant = await grantOf();
  const expected = expectedStatus(rec.doc, grant);
  const found = statusMeaning(env.mapping, issue.status.name);
  // A pending request back in the start status is where a refused decision leaves it when the workflow offers
  // no way straight back (decide-request.ts): consistent, as approve and decline start there too.
  if (sameStatus(env.mapping, found, expected) || (expected === 'pending' && found === 'submitted'))
    return 'consistent';
  // The last status change decides what happened: a person's change the app never saw is a decision to make now.
  const last = (await deps.jira.statusChanges(issue.key)).at(-1);
  if (
    last &&
    last.actorId &&
    last.actorId !== (await appAccountId()) &&
    !rec.doc.sync.processed.includes(last.changelogId) &&
    last.to.id === issue.status.id
  ) {
    await decideFromTransition(
      deps,
      {
        issue: { id: issue.id, key: issue.key, projectKey: issue.projectKey, included: {} },
        actorId: last.actorId,
        changelogId: last.changelogId,
        from: last.from,
        to: last.to,
        changes: last.changes,
        retryCount: MAX_WAITS,
      },
      ctx.app,
    );
    return 'decision';
  }
  return repairStatus(ctx, rec, grant, issue, expected);
}

/** Moves the ticket back to where the records say, with an internal note and a governance event. */
async function repairStatus(
  ctx: SweepContext,
  rec: Loaded<RequestRecord>,
  grant: GrantDoc | undefined,
  issue: RecentIssue,
  expected: StatusMeaning,
): Promise<ReconcileAction> {
  const way = pickTransition(ctx.env.mapping, await ctx.deps.jira.getTransitions(issue.key), expected);
  if (!way) return 'unrepairable';
  const actor = { type: 'system' as const };
  const draft = requestEvent('request.transition_corrected', actor, rec.doc, rec.doc);
  draft.after = {
    ...draft.after,
    attemptedStatus: issue.status.name,
    refusal: 'status_mismatch',
    correctedTo: way.toName,
  };
  await commitStep(ctx, {
    subjectId: rec.doc.id,
    action: 'reconcile',
    at: ctx.nowS,
    puts: [],
    // The ticket is not where the sync state last saw it: the move back is planned from where it is.
    request: { ...rec, doc: { ...rec.doc, sync: noteSeen(rec.doc.sync, { status: issue.status }) } },
    grantAfter: grant,
    events: [draft],
    op: {
      comments: [
        comment('status-repaired', {
          foundStatus: issue.status.name,
          correctedTo: way.toName,
          recordState: recordState(rec.doc, grant),
        }),
      ],
      target: expected,
    },
  });
  return 'repaired';
}

/** The request's (or its grant's) state in words, for the note. */
function recordState(r: RequestRecord, g: GrantDoc | undefined): string {
  const state = g && r.status !== 'pending_approval' ? g.status : r.status;
  return state.replace(/_/g, ' ');
}
