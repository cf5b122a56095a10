// Consumer of the `aic-work` queue. The CONTRACT of job bodies is
// src/usecases/shared/work-jobs.ts (connector.add|remove|check, ticket.sync, provision.step);
// `sweep.continue` bodies belong to the lifecycle sweeps (entry/scheduledTrigger/lifecycle-sweeps.ts).
// Thin: parse the body, then load (import()) only what its job type runs —
// a connector job never parses the sweeps, a sweep continuation never the
// connectors — and map transient failures to InvocationError (Forge retries a
// consumer that returns one), acknowledging permanent ones (jobs.ts).
import * as z from 'zod/mini';
import { PARSE, issueText } from '../../domain/zod-messages';
import { workJobSchema } from '../../usecases/shared/work-job-schema';
import { logOutcome } from '../log';

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
  const retryCount = retryContext?.retryCount ?? 0;
  if (body.type === 'sweep.continue')
    return (await import('./jobs')).runJob(
      body,
      () => import('../scheduledTrigger/lifecycle-sweeps').then((m) => m.continueSweep(body)),
      retryCount,
    );
  const job = workJobSchema.safeParse(body, PARSE);
  if (!job.success) {
    logOutcome('consumeWork', { outcome: 'unknown_job', type: body.type, detail: issueText(job.error) });
    return undefined;
  }
  const run = await import('./jobs');
  const j = job.data;
  const run_ = (): Promise<void> => {
    switch (j.type) {
      case 'ticket.sync':
        return run.ticketSync(j);
      case 'trigger.handoff':
        return run.triggerHandoff(j, retryCount);
      case 'provision.step':
        return run.provisionStep(j);
      case 'connector.reconcile':
        return run.reconcile(j);
      case 'evidence.export':
        return run.evidenceExport(j, retryCount);
      default:
        return run.connector(j, retryCount);
    }
  };
  return run.runJob(body, run_, retryCount);
}
