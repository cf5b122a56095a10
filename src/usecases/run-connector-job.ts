// The aic-work consumer's use case for connector jobs. The connector itself is
// the connectors issue's; here: idempotency (only a grant still waiting for
// it is acted on), the outcome recorded on the grant with its governance
// event, and the ticket told. No runner configured → manual_action_required
// with an internal "grant access manually" task.
import { failFulfilment } from '../domain/grant/fulfilment-failure';
import { fulfilGrant } from '../domain/grant/lifecycle';
import { withConflictRetry } from './shared/commit';
import { commitDecision, deliverDecision } from './shared/decision-commit';
import type { DecisionPlan } from './shared/decision-plan';
import { connectorFor } from './shared/connectors';
import { fulfilmentNeeded } from './shared/comment-data';
import type { CoreDeps } from './shared/deps';
import { RetryLaterError } from './shared/errors';
import { grantPut, loadGrant, loadRequest } from './shared/records';
import { comment } from './shared/ticket-sync';
import type { ConnectorJob } from './shared/work-jobs';
import { loadSyncEnv } from './shared/sync-env';

/** Attempts before a failing connector hands the grant to a person. */
export const MAX_CONNECTOR_ATTEMPTS = 3;

/**
 * One connector job; after MAX_CONNECTOR_ATTEMPTS the grant goes to a person.
 * @throws RetryLaterError while the connector answers with a retryable failure (the consumer retries it).
 */
export async function runConnectorJob(deps: CoreDeps, job: ConnectorJob, retryCount: number): Promise<string> {
  if (job.type !== 'connector.add') {
    // Removal and drift checks are the connectors issue's; without a runner there is nothing to record here.
    const runner = connectorFor(job.provider);
    if (!runner) return 'no_connector';
    const r = await runner.run(job);
    if (r.outcome === 'retry' && retryCount < MAX_CONNECTOR_ATTEMPTS)
      throw new RetryLaterError(r.retryAfterSeconds, 'upstream_error', r.error);
    return r.outcome;
  }
  const { env } = await loadSyncEnv(deps);
  const runner = connectorFor(job.provider);
  const result = runner ? await runner.run(job) : undefined;
  if (result?.outcome === 'retry' && retryCount < MAX_CONNECTOR_ATTEMPTS)
    throw new RetryLaterError(result.retryAfterSeconds, 'upstream_error', result.error);

  return withConflictRetry(`connector job ${job.idempotencyKey}`, async () => {
    const g = await loadGrant(deps.store, job.grantId);
    const req = await loadRequest(deps.store, job.grantId);
    if (!g || !req) return 'unknown_grant';
    if (g.doc.status !== 'pending_fulfilment' && g.doc.status !== 'fulfilment_failed') return 'already_done';
    const now = deps.clock.now();
    const requesterName = req.doc.requesterName ?? '';
    let plan: DecisionPlan;
    if (result?.outcome === 'succeeded') {
      const f = fulfilGrant(g.doc, { actor: { type: 'app' }, now });
      if (!f.ok) return f.error.code;
      plan = {
        outcome: 'fulfilled',
        grant: f.value.next,
        puts: [grantPut(f.value.next, g.version)],
        deletes: [],
        events: f.value.events,
        jobs: [],
        fresh: [],
        target: 'active',
        prefer: 'fulfil',
        comments: [
          comment('fulfilled', {
            toolName: g.doc.toolName,
            expiresAt: g.doc.expiresAt,
            method: 'connector',
            ...(result.groupName ? { groupName: result.groupName } : {}),
          }),
        ],
      };
    } else {
      const error = result
        ? result.outcome === 'failed' || result.outcome === 'retry'
          ? result.error
          : 'unknown'
        : `no ${job.provider} connector is configured`;
      const f = failFulfilment(g.doc, { now, error, final: true });
      if (!f.ok) return f.error.code;
      plan = {
        outcome: 'manual_action_required',
        grant: f.value.next,
        puts: [grantPut(f.value.next, g.version)],
        deletes: [],
        events: f.value.events,
        jobs: [],
        fresh: [],
        comments: [fulfilmentNeeded(f.value.next, requesterName, result ? 'connector_failed' : 'no_connector', error)],
      };
    }
    const committed = await commitDecision(env, req, plan, now, { issueKey: req.doc.ticket.key }, g.doc);
    await deliverDecision(env, committed, { statusFresh: false });
    return plan.outcome;
  });
}
