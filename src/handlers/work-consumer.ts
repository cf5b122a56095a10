// Consumer of the `aic-work` queue. The CONTRACT of job bodies is
// src/usecases/shared/work-jobs.ts (connector.add|remove|check, ticket.sync);
// `sweep.continue` bodies belong to the lifecycle sweeps (handlers/scheduled.ts).
// Thin: parse the body, route it to one use case, map RetryLater to
// InvocationError (Forge retries a consumer that returns one).
import * as z from 'zod/mini';
import { PARSE, issueText } from '../domain/zod-messages';
import { runConnectorJob } from '../usecases/run-connector-job';
import { loadProvisioning } from '../usecases/shared/catalog-repo';
import { loadGrant } from '../usecases/shared/records';
import { resumeTicketSync } from '../usecases/shared/ticket-sync';
import { workJobSchema } from '../usecases/shared/work-job-schema';
import { loadWorkflowMapping } from '../usecases/shared/workflow-map';
import { coreDeps, describe, isRetryLater, logOutcome, retryFor } from './core-deps';
import { continueSweep } from './scheduled';

const asyncEventSchema = z.looseObject({
  body: z.looseObject({ type: z.string() }),
  retryContext: z.optional(z.looseObject({ retryCount: z.int().check(z.gte(0)) })),
});

export async function consumeWork(event: unknown, _context: unknown): Promise<unknown> {
  const parsed = asyncEventSchema.safeParse(event, PARSE);
  if (!parsed.success) {
    logOutcome('consumeWork', { outcome: 'malformed_event', detail: issueText(parsed.error) });
    return undefined;
  }
  const { body, retryContext } = parsed.data;
  try {
    if (body.type === 'sweep.continue') {
      await continueSweep(body);
      return undefined;
    }
    const job = workJobSchema.safeParse(body, PARSE);
    if (!job.success) {
      logOutcome('consumeWork', { outcome: 'unknown_job', type: body.type, detail: issueText(job.error) });
      return undefined;
    }
    const deps = coreDeps();
    const j = job.data;
    if (j.type === 'ticket.sync') {
      const [prov, mapping] = await Promise.all([loadProvisioning(deps.store), loadWorkflowMapping(deps.store)]);
      const env = { deps, mapping, fieldIds: Object.fromEntries(Object.entries(prov.fields).map(([ref, f]) => [ref, f.id])) };
      const outcome = await resumeTicketSync(env, j.requestId, async () => (await loadGrant(deps.store, j.requestId))?.doc);
      logOutcome('consumeWork', { job: j.type, requestId: j.requestId, outcome });
      return undefined;
    }
    const outcome = await runConnectorJob(deps, j, retryContext?.retryCount ?? 0);
    logOutcome('consumeWork', { job: j.type, grantId: j.grantId, key: j.idempotencyKey, outcome });
    return undefined;
  } catch (err) {
    if (isRetryLater(err)) return retryFor(err);
    logOutcome('consumeWork', { job: body.type, outcome: 'error', ...describe(err) });
    throw err;
  }
}
