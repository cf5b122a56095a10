// The contract of the `aic-work` queue (manifest.yml consumer `consume-work`).
// Producers (decide/intake/sweeps/catalog) push these bodies; the consumer
// (src/entry/consumer/work-consumer.ts) parses them with workJobSchema. Every job is
// idempotent by `idempotencyKey`: at-least-once delivery means a job can run
// twice, and a connector must treat a repeat of a done key as done.
//
// connector.add    — put the grant holder into the tool's IdP group (fulfilment)
// connector.remove — take them out (expiry, revocation, hand-back)
// connector.check  — compare group membership with the grant (drift)
// connector.reconcile — compare a bound group's members with the tool's live grants
// ticket.sync      — re-send a ticket stamp whose Jira write kept failing
//                    after the trigger's own retries were used up
// provision.step   — one slice of a provisioning run started from the admin
//                    page (usecases/provision/queued-run.ts)
// evidence.export  — chunks of an evidence export (usecases/evidence/export.ts)
//
// The job schemas are in work-job-schema.ts (only the consumer and the
// sweeps' outbox parse jobs; producers build them with the types).
import type { JobQueue } from '../../ports/work-queue';
import type { ConnectorJob, WorkJob } from './work-job-schema';

export type {
  ConnectorJob,
  ConnectorReconcileJob,
  EvidenceExportJob,
  ProvisionStepJob,
  TicketSyncJob,
  TriggerHandoffJob,
  WorkJob,
} from './work-job-schema';

export { WORK_QUEUE_KEY } from '../../ports/work-queue';

/** The work queue port (ports/work-queue.ts) carrying this module's jobs. */
export type WorkQueue = JobQueue<WorkJob>;

export function connectorJob(
  type: ConnectorJob['type'],
  g: {
    id: string;
    toolId: string;
    requester: string;
    fulfilment: { provider?: string | undefined; groupId?: string | undefined };
  },
  n: number,
): ConnectorJob | undefined {
  const provider = g.fulfilment.provider;
  if ((provider !== 'okta' && provider !== 'entra') || !g.fulfilment.groupId) return undefined;
  const op = type.slice('connector.'.length);
  return {
    type,
    grantId: g.id,
    toolId: g.toolId,
    accountId: g.requester,
    provider,
    groupId: g.fulfilment.groupId,
    idempotencyKey: `${g.id}:${op}:${n}`,
  };
}
