// Bulk decisions from the approvals view: one rationale, many requests, and
// each request decided on its own (its own commit, governance event, ticket
// comment and transition), exactly as if the agent had decided it alone — so
// one refusal (separation of duties, a group, a request someone else already
// decided) never stops or undoes the others. Idempotent per request: asking
// again for a request this person already decided the same way answers that
// decision instead of a refusal, so a retried bulk call reports every row.
import { decideFromView, type ViewDecisionResult } from './decide-from-view';
import { isJiraHttpError } from '../ports/jira-transport';
import type { CoreDeps } from './shared/deps';
import { isRetryLater, UseCaseRefusal } from './shared/errors';
import { findRequest } from './shared/records';

export interface BulkDecision {
  requests: readonly string[];
  action: 'approve' | 'decline';
  actorId: string;
  rationale?: string | undefined;
}

export type BulkRow =
  | {
      request: string;
      ok: true;
      outcome: string;
      issueKey: string;
      already: boolean;
      ticket?: ViewDecisionResult['ticket'];
    }
  | { request: string; ok: false; code: string; message: string };

const DONE: Record<BulkDecision['action'], readonly string[]> = {
  approve: ['approved'],
  decline: ['declined'],
};

/** The earlier decision this person made the same way, if that is why the request is no longer pending. */
async function alreadyDecided(deps: CoreDeps, d: BulkDecision, request: string): Promise<BulkRow | undefined> {
  const loaded = await findRequest(deps.store, request);
  const r = loaded?.doc;
  if (!r || !DONE[d.action].includes(r.status) || r.decision?.by !== d.actorId) return undefined;
  return { request, ok: true, outcome: r.status, issueKey: r.ticket.key, already: true };
}

export async function decideMany(deps: CoreDeps, d: BulkDecision): Promise<{ results: BulkRow[] }> {
  const results: BulkRow[] = [];
  // One after another: each decision reads the approver's groups and writes its ticket; Jira's rate
  // limits are per app, so running them at once would only trade order for 429s.
  for (const request of [...new Set(d.requests)]) {
    try {
      const r = await decideFromView(deps, {
        request,
        action: d.action,
        actorId: d.actorId,
        rationale: d.rationale,
      });
      results.push({
        request,
        ok: true,
        outcome: r.outcome,
        issueKey: r.issueKey,
        already: false,
        ...(r.ticket ? { ticket: r.ticket } : {}),
      });
    } catch (e) {
      if (e instanceof UseCaseRefusal) {
        const earlier = e.code === 'REQUEST_NOT_PENDING' ? await alreadyDecided(deps, d, request) : undefined;
        results.push(earlier ?? { request, ok: false, code: e.code, message: e.message });
      } else if (isRetryLater(e) || (isJiraHttpError(e) && e.retryable)) {
        results.push({
          request,
          ok: false,
          code: 'TRY_AGAIN',
          message: 'Jira is busy right now; this one was not decided. Try it again in a minute.',
        });
      } else {
        // Anything else stops this row only: the rows before it are decided and the agent sees which failed.
        console.error(JSON.stringify({ event: 'decide-many.failed', request, message: (e as Error).message }));
        results.push({ request, ok: false, code: 'FAILED', message: `Not decided: ${(e as Error).message}` });
      }
    }
  }
  return { results };
}
