// The contract of the `aic-work` queue (manifest.yml consumer `consume-work`).
// Producers (decide/intake/sweeps/catalog) push these bodies; the consumer
// (src/handlers/work-consumer.ts) parses them with this schema. Every job is
// idempotent by `idempotencyKey`: at-least-once delivery means a job can run
// twice, and a connector must treat a repeat of a done key as done.
//
// connector.add    — put the grant holder into the tool's IdP group (fulfilment)
// connector.remove — take them out (expiry, revocation, hand-back)
// connector.check  — compare group membership with the grant (drift)
// ticket.sync      — re-send a ticket stamp whose Jira write kept failing
//                    after the trigger's own retries were used up
import * as z from 'zod/mini';

export const WORK_QUEUE_KEY = 'aic-work';

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

export const ticketSyncJobSchema = z.strictObject({
  type: z.literal('ticket.sync'),
  /** Request record id (issue id) whose pending ticket stamp must be written. */
  requestId: z.string().check(z.regex(/^\d{1,18}$/, 'must be a numeric issue id')),
  idempotencyKey: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200)),
});
export type TicketSyncJob = z.infer<typeof ticketSyncJobSchema>;

export const workJobSchema = z.discriminatedUnion('type', [connectorJobSchema, ticketSyncJobSchema]);
export type WorkJob = z.infer<typeof workJobSchema>;

/** Port: how use cases hand work to the queue. */
export interface WorkQueue {
  push(jobs: WorkJob[], opts?: { delayInSeconds?: number }): Promise<void>;
}

export function connectorJob(type: ConnectorJob['type'], g: { id: string; toolId: string; requester: string; fulfilment: { provider?: string | undefined; groupId?: string | undefined } }, n: number): ConnectorJob | undefined {
  const provider = g.fulfilment.provider;
  if ((provider !== 'okta' && provider !== 'entra') || !g.fulfilment.groupId) return undefined;
  const op = type.slice('connector.'.length);
  return { type, grantId: g.id, toolId: g.toolId, accountId: g.requester, provider, groupId: g.fulfilment.groupId, idempotencyKey: `${g.id}:${op}:${n}` };
}
