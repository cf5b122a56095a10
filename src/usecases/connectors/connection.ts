// Connect, test, show and disconnect a provider. The credentials go to
// secret storage only after they proved they can read groups and change
// their members; the stored record, the answers and the governance event
// hold the public view (where, how — never with what).
import * as z from 'zod/mini';
import { connectionSchema, publicView, type Connection, type ConnectionView } from '../../domain/connectors/connection';
import { connectorEvent } from '../../domain/connectors/events';
import { PROVIDER_NAMES, type ConnectorProvider } from '../../domain/connectors/provider';
import { isDirectoryError, type ConnectionProof } from '../../ports/group-directory';
import type { AppStore } from '../../ports/store';
import { chainEvents } from '../shared/governance';
import { UseCaseRefusal } from '../shared/errors';
import type { Loaded } from '../shared/records';
import { connectorPut } from './records';
import type { AdminActor, ConnectorAdminDeps } from './deps';

export const connectionRecordSchema = z.object({
  v: z.literal(1),
  view: z.object({
    provider: z.enum(['okta', 'entra']),
    target: z.string(),
    clientId: z.optional(z.string()),
    authType: z.string(),
  }),
  connectedBy: z.string(),
  connectedAt: z.string(),
  proof: z.object({ canRead: z.boolean(), canChangeMembers: z.boolean(), detail: z.string() }),
  /** Authoritative mode: reconciliation removes members without a grant. Off by default. */
  authoritative: z.boolean(),
});
export type ConnectionRecord = z.infer<typeof connectionRecordSchema>;

const recordId = (p: ConnectorProvider) => `connection:${p}`;

export async function loadConnectionRecord(
  store: AppStore,
  provider: ConnectorProvider,
): Promise<Loaded<ConnectionRecord> | undefined> {
  const r = await store.get<unknown>('connector', recordId(provider));
  return r ? { doc: connectionRecordSchema.parse(r.doc), version: r.version } : undefined;
}

async function prove(deps: ConnectorAdminDeps, c: Connection): Promise<ConnectionProof> {
  try {
    return await deps.directories.forConnection(c).testConnection();
  } catch (e) {
    if (isDirectoryError(e))
      throw new UseCaseRefusal(
        e.kind === 'denied'
          ? 'CONNECTION_REFUSED'
          : e.kind === 'rate_limited' || e.kind === 'unavailable'
            ? 'TRY_AGAIN'
            : 'CONNECTION_FAILED',
        `${PROVIDER_NAMES[c.provider]} did not accept the connection: ${e.message}. Nothing was saved.`,
      );
    throw e;
  }
}

export interface ConnectAnswer {
  connection: ConnectionView;
  proof: ConnectionProof;
  authoritative: boolean;
}

/** `input` is the admin's form: parsed here (bad input names the field), never echoed. */
export async function connectProvider(
  deps: ConnectorAdminDeps,
  input: unknown,
  actor: AdminActor,
): Promise<ConnectAnswer> {
  const parsed = connectionSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new UseCaseRefusal(
      'BAD_REQUEST',
      `${i?.path.map(String).join('.') || 'connection'}: ${i?.message ?? 'invalid'}`,
    );
  }
  const c = deps.directories.prepare(parsed.data);
  const proof = await prove(deps, c);
  if (!proof.canRead || !proof.canChangeMembers)
    throw new UseCaseRefusal(
      'CONNECTION_CANNOT_CHANGE_GROUPS',
      `${PROVIDER_NAMES[c.provider]} accepted the credentials, but they cannot change group members: ${proof.detail}. Nothing was saved.`,
    );
  await deps.secrets.set(c);
  const now = deps.clock.now();
  const prior = await loadConnectionRecord(deps.store, c.provider);
  const doc: ConnectionRecord = {
    v: 1,
    view: publicView(c),
    connectedBy: actor.accountId,
    connectedAt: now.toISOString(),
    proof,
    authoritative: prior?.doc.authoritative ?? false,
  };
  await commitConnection(deps, c.provider, doc, prior?.version ?? 'absent', now, actor, {
    change: prior ? 'reconnected' : 'connected',
    ...viewFacts(doc.view),
    canChangeMembers: proof.canChangeMembers,
  });
  return { connection: doc.view, proof, authoritative: doc.authoritative };
}

function viewFacts(v: ConnectionView): Record<string, string> {
  return { target: v.target, authType: v.authType, ...(v.clientId ? { clientId: v.clientId } : {}) };
}

async function commitConnection(
  deps: ConnectorAdminDeps,
  provider: ConnectorProvider,
  doc: ConnectionRecord | undefined,
  expected: number | 'absent',
  now: Date,
  actor: AdminActor,
  after: Record<string, string | boolean>,
): Promise<void> {
  const chained = await chainEvents(
    deps.store,
    [connectorEvent('connector.configured', provider, { type: 'user', accountId: actor.accountId }, after)],
    now,
    deps.random,
  );
  await deps.store.commit({
    puts: [...(doc ? [connectorPut(recordId(provider), 'connection', doc, expected)] : []), ...chained.puts],
    deletes: !doc && expected !== 'absent' ? [{ kind: 'connector', id: recordId(provider), expected }] : [],
    events: chained.events,
  });
}

/** Test connection: the stored credentials, proved again (nothing changes). */
export async function testProvider(deps: ConnectorAdminDeps, provider: ConnectorProvider): Promise<ConnectAnswer> {
  const c = await deps.secrets.get(provider);
  if (!c) throw new UseCaseRefusal('NOT_CONNECTED', `${PROVIDER_NAMES[provider]} is not connected.`);
  const rec = await loadConnectionRecord(deps.store, provider);
  return { connection: publicView(c), proof: await prove(deps, c), authoritative: rec?.doc.authoritative ?? false };
}

export async function connectionStatus(
  deps: Pick<ConnectorAdminDeps, 'store'>,
): Promise<{ providers: Array<{ provider: ConnectorProvider; connected: boolean } & Partial<ConnectionRecord>> }> {
  const out = [];
  for (const provider of ['okta', 'entra'] as const) {
    const rec = await loadConnectionRecord(deps.store, provider);
    out.push(rec ? { provider, connected: true, ...rec.doc } : { provider, connected: false });
  }
  return { providers: out };
}

export async function setAuthoritative(
  deps: ConnectorAdminDeps,
  provider: ConnectorProvider,
  authoritative: boolean,
  actor: AdminActor,
): Promise<{ provider: ConnectorProvider; authoritative: boolean }> {
  const rec = await loadConnectionRecord(deps.store, provider);
  if (!rec) throw new UseCaseRefusal('NOT_CONNECTED', `${PROVIDER_NAMES[provider]} is not connected.`);
  if (rec.doc.authoritative !== authoritative)
    await commitConnection(deps, provider, { ...rec.doc, authoritative }, rec.version, deps.clock.now(), actor, {
      change: 'mode',
      authoritative,
    });
  return { provider, authoritative };
}

export async function disconnectProvider(
  deps: ConnectorAdminDeps,
  provider: ConnectorProvider,
  actor: AdminActor,
): Promise<{ provider: ConnectorProvider; connected: false }> {
  await deps.secrets.delete(provider);
  const rec = await loadConnectionRecord(deps.store, provider);
  if (rec)
    await commitConnection(deps, provider, undefined, rec.version, deps.clock.now(), actor, { change: 'disconnected' });
  return { provider, connected: false };
}
