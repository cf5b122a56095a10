// Connected mode's stored records (kind 'connector' and 'identity'): the
// job ledger (one record per idempotency key: attempts and outcome), tool
// bindings, the public view of a connection and reconciliation reports.
import * as z from 'zod/mini';
import { NO_ATTEMPTS, type AttemptCounts } from '../../domain/connectors/attempts';
import { identityId, identityMappingDocSchema, type IdentityMappingDoc } from '../../domain/connectors/identity';
import type { ConnectorProvider } from '../../domain/connectors/provider';
import type { AppStore, ExpectedVersion, RecordPut } from '../../ports/store';
import { JOB_OUTBOX_GRACE_SECONDS } from '../shared/job-outbox';
import { NEVER_DUE, type Loaded } from '../shared/records';

/** `retried`: a person's task that an admin retried (connectors/retry.ts); `retriedAs` is the new job's key. */
export const JOB_STATES = ['running', 'succeeded', 'manual_action_required', 'retried'] as const;

export const jobDocSchema = z.object({
  v: z.literal(1),
  key: z.string(),
  type: z.enum(['connector.add', 'connector.remove', 'connector.check']),
  provider: z.enum(['okta', 'entra']),
  grantId: z.string(),
  toolId: z.string(),
  accountId: z.string(),
  groupId: z.string(),
  issueKey: z.optional(z.string()),
  state: z.enum(JOB_STATES),
  attempts: z.int(),
  failures: z.int(),
  rateLimited: z.int(),
  lastError: z.optional(z.string()),
  outcome: z.optional(z.string()),
  retriedAs: z.optional(z.string()),
  updatedAt: z.string(),
});
export type JobDoc = z.infer<typeof jobDocSchema>;

export function countsOf(j: JobDoc | undefined): AttemptCounts {
  return j ? { attempts: j.attempts, failures: j.failures, rateLimited: j.rateLimited } : NO_ATTEMPTS;
}

const jobRecordId = (key: string) => `job:${key}`;

/** One connected-mode record write, with its index attributes. */
function put(
  kind: 'connector' | 'identity',
  id: string,
  index: { status: string; toolId?: string; owner?: string; issueKey?: string | undefined },
  doc: unknown,
  expected: ExpectedVersion,
): RecordPut {
  const { issueKey, ...rest } = index;
  return {
    expected,
    record: {
      kind,
      id,
      version: expected === 'absent' ? 1 : expected + 1,
      ...rest,
      ...(issueKey ? { issueKey } : {}),
      // Entity indexes hold only items with every index attribute (dueAt is the range of by-kind-status).
      dueAt: NEVER_DUE,
      doc,
    },
  };
}

export async function loadJob(store: AppStore, key: string): Promise<Loaded<JobDoc> | undefined> {
  const r = await store.get<unknown>('connector', jobRecordId(key));
  return r ? { doc: jobDocSchema.parse(r.doc), version: r.version } : undefined;
}

export function jobPut(doc: JobDoc, expected: ExpectedVersion): RecordPut {
  // Listable by state (the console's task list): by-kind-status ['connector', 'job.manual_action_required'].
  const index = { status: `job.${doc.state}`, toolId: doc.toolId, owner: doc.accountId, issueKey: doc.issueKey };
  return put('connector', jobRecordId(doc.key), index, doc, expected);
}

export const bindingDocSchema = z.object({
  v: z.literal(1),
  toolId: z.string(),
  provider: z.enum(['okta', 'entra']),
  groupId: z.string(),
  groupName: z.string(),
  groupKind: z.string(),
  boundBy: z.string(),
  boundAt: z.string(),
});
export type BindingDoc = z.infer<typeof bindingDocSchema>;

export async function loadBinding(store: AppStore, toolId: string): Promise<Loaded<BindingDoc> | undefined> {
  const r = await store.get<unknown>('connector', `binding:${toolId}`);
  return r ? { doc: bindingDocSchema.parse(r.doc), version: r.version } : undefined;
}

export function bindingPut(doc: BindingDoc, expected: ExpectedVersion): RecordPut {
  return put('connector', `binding:${doc.toolId}`, { status: 'binding', toolId: doc.toolId }, doc, expected);
}

export async function loadMapping(
  store: AppStore,
  provider: ConnectorProvider,
  accountId: string,
): Promise<Loaded<IdentityMappingDoc> | undefined> {
  const r = await store.get<unknown>('identity', identityId(provider, accountId));
  return r ? { doc: identityMappingDocSchema.parse(r.doc), version: r.version } : undefined;
}

export function mappingPut(doc: IdentityMappingDoc, expected: ExpectedVersion): RecordPut {
  // by-kind-status ['identity', provider] lists one provider's mappings.
  const index = { status: doc.provider, owner: doc.accountId };
  return put('identity', identityId(doc.provider, doc.accountId), index, doc, expected);
}

/** A connected-mode record of kind 'connector' (connection, reconciliation report). */
export function connectorPut(
  id: string,
  status: string,
  doc: unknown,
  expected: ExpectedVersion,
  toolId?: string,
): RecordPut {
  return put('connector', id, { status, ...(toolId ? { toolId } : {}) }, doc, expected);
}

/** Every mapping of one provider (reconciliation needs the reverse lookup IdP user → account). */
export async function allMappings(store: AppStore, provider: ConnectorProvider): Promise<IdentityMappingDoc[]> {
  const out: IdentityMappingDoc[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<unknown>({
      index: 'by-kind-status',
      partition: ['identity', provider],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const r of page.items) out.push(identityMappingDocSchema.parse(r.doc));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** All records of a kind with a status (paged through). */
export async function allWithStatus<T>(
  store: AppStore,
  kind: 'connector' | 'grant',
  status: string,
  schema: z.ZodMiniType<T>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<unknown>({
      index: 'by-kind-status',
      partition: [kind, status],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const r of page.items) out.push(schema.parse(r.doc));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/**
 * What waits for a person in connected mode (the console's task list): grants whose add was handed to a
 * person, failed removals and checks, and grants approved more than JOB_OUTBOX_GRACE_SECONDS ago whose add
 * has not run (`notRun`: its queue push was lost; the hourly sweep pushes it again, or Retry now does).
 */
export async function connectorTasks(
  store: AppStore,
  now: Date,
): Promise<{
  grants: Array<{
    grantId: string;
    issueKey: string;
    toolId: string;
    requester: string;
    /** The IdP the grant's add goes to (the tool's binding at approval). */
    provider?: string | undefined;
    /** Whether the requester has a mapped IdP user now (an unmapped one is what the admin fixes first). */
    mapped: boolean;
    attempts: number;
    lastError?: string | undefined;
    /** Set for a grant still pending fulfilment past the grace period: its add never ran (since when it waits). */
    notRun?: { since: string } | undefined;
  }>;
  jobs: Array<
    Pick<
      JobDoc,
      | 'key'
      | 'type'
      | 'provider'
      | 'grantId'
      | 'toolId'
      | 'accountId'
      | 'issueKey'
      | 'lastError'
      | 'outcome'
      | 'attempts'
    >
  >;
}> {
  const grantSchema = z.looseObject({
    id: z.string(),
    status: z.string(),
    ticket: z.looseObject({ key: z.string() }),
    toolId: z.string(),
    requester: z.string(),
    updatedAt: z.string(),
    fulfilment: z.looseObject({
      mode: z.string(),
      provider: z.optional(z.string()),
      attempts: z._default(z.int(), 0),
      lastError: z.optional(z.string()),
    }),
  });
  const grants = await allWithStatus(store, 'grant', 'manual_action_required', grantSchema);
  const cutoff = now.getTime() - JOB_OUTBOX_GRACE_SECONDS * 1000;
  const notRun = (await allWithStatus(store, 'grant', 'pending_fulfilment', grantSchema)).filter(
    (g) => g.fulfilment.mode === 'connector' && Date.parse(g.updatedAt) <= cutoff,
  );
  const jobs = await allWithStatus(store, 'connector', 'job.manual_action_required', jobDocSchema);
  return {
    grants: await Promise.all(
      [...grants, ...notRun].map(async (g) => {
        const provider = g.fulfilment.provider;
        const mapped =
          provider === 'okta' || provider === 'entra' ? !!(await loadMapping(store, provider, g.requester)) : false;
        return {
          grantId: g.id,
          issueKey: g.ticket.key,
          toolId: g.toolId,
          requester: g.requester,
          ...(provider ? { provider } : {}),
          mapped,
          attempts: g.fulfilment.attempts,
          ...(g.fulfilment.lastError ? { lastError: g.fulfilment.lastError } : {}),
          ...(g.status === 'pending_fulfilment' ? { notRun: { since: g.updatedAt } } : {}),
        };
      }),
    ),
    jobs: jobs
      .filter((j) => j.type !== 'connector.add') // an add's task is its grant's, listed above
      .map(({ key, type, provider, grantId, toolId, accountId, issueKey, lastError, outcome, attempts }) => ({
        key,
        type,
        provider,
        grantId,
        toolId,
        accountId,
        issueKey,
        lastError,
        outcome,
        attempts,
      })),
  };
}
