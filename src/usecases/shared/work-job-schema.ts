// The bodies of `aic-work` queue jobs (contract: work-jobs.ts), as the
// consumer and the sweeps' outbox parse them. A module of its own so that
// producers (intake, decisions), which only build jobs, do not construct these
// schemas on a cold start.
import * as z from 'zod/mini';

const id = z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be an id (letters, digits, . _ : -)'));

export const connectorJobSchema = z.strictObject({
  type: z.enum(['connector.add', 'connector.remove', 'connector.check']),
  /** The grant (= approving request's issue id). */
  grantId: id,
  toolId: id,
  /** Atlassian account id of the grant holder; the connector maps it to the IdP user explicitly (never by email). */
  accountId: id,
  provider: z.enum(['okta', 'entra']),
  groupId: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(128)),
  /** `${grantId}:${op}:${n}` — the same key means the same intended change. */
  idempotencyKey: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200)),
});
export type ConnectorJob = z.infer<typeof connectorJobSchema>;

/** Reconcile one bound tool's group with its live grants (hourly from the sweep, or on demand). */
export const connectorReconcileJobSchema = z.strictObject({
  type: z.literal('connector.reconcile'),
  toolId: id,
  idempotencyKey: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200)),
});
export type ConnectorReconcileJob = z.infer<typeof connectorReconcileJobSchema>;

export const ticketSyncJobSchema = z.strictObject({
  type: z.literal('ticket.sync'),
  /** Request record id (issue id) whose pending ticket stamp must be written. */
  requestId: z.string().check(z.regex(/^\d{1,18}$/, 'must be a numeric issue id')),
  idempotencyKey: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200)),
});
export type TicketSyncJob = z.infer<typeof ticketSyncJobSchema>;

/**
 * A product event whose trigger used its last retry (Forge retries a trigger at most four times) while
 * Jira kept failing: the queue takes the whole event over and runs intake or the decision again, with
 * the queue's own retries (backoff, up to the 24 h retention window). Intake and decisions are
 * idempotent (a record per issue, changelog ids remembered), so a late or repeated run changes nothing.
 */
export const triggerHandoffJobSchema = z.strictObject({
  type: z.literal('trigger.handoff'),
  trigger: z.enum(['created', 'updated']),
  /** The product event as Forge delivered it; the trigger's own schema parses it again. */
  event: z.looseObject({}),
  idempotencyKey: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200)),
});
export type TriggerHandoffJob = z.infer<typeof triggerHandoffJobSchema>;

export const provisionStepJobSchema = z.strictObject({
  type: z.literal('provision.step'),
  /** The run (KVS provisioning/run) this job continues. */
  runId: id,
  /** Its place in the run: only the run's current seq may run (at-least-once delivery). */
  seq: z.int().check(z.gte(0)),
  idempotencyKey: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200)),
});
export type ProvisionStepJob = z.infer<typeof provisionStepJobSchema>;

/** One slice of an evidence export (usecases/evidence/export.ts); only a job at or past the run's seq works. */
export const evidenceExportJobSchema = z.strictObject({
  type: z.literal('evidence.export'),
  exportId: id,
  seq: z.int().check(z.gte(0)),
  idempotencyKey: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200)),
});
export type EvidenceExportJob = z.infer<typeof evidenceExportJobSchema>;

export const workJobSchema = z.discriminatedUnion('type', [
  connectorJobSchema,
  connectorReconcileJobSchema,
  ticketSyncJobSchema,
  triggerHandoffJobSchema,
  provisionStepJobSchema,
  evidenceExportJobSchema,
]);
export type WorkJob = z.infer<typeof workJobSchema>;
