// Reconciliation of bound groups against live grants (hourly from the
// lifecycle sweep through connector.reconcile jobs, and on demand from the
// admin page). Reports "approved but missing" and "present without grant"
// as a governance event and a stored report the console reads; in
// authoritative mode (off by default) it also removes the strays, each
// removal evidenced in the same event.
import * as z from 'zod/mini';
import { connectorEvent, driftSubject } from '../../domain/connectors/events';
import { authoritativeRemovals, reconcileGroup, type ReconcileReport } from '../../domain/connectors/reconcile';
import { isLive, type GrantDoc } from '../../domain/grant/types';
import { isDirectoryError, type DirectoryError } from '../../ports/group-directory';
import type { AppStore } from '../../ports/store';
import type { RandomBytes } from '../../domain/governance/chain';
import type { Clock } from '../../ports/clock';
import type { DirectoryProvider } from '../shared/connectors';
import { withConflictRetry } from '../shared/commit';
import { chainEvents } from '../shared/governance';
import { loadConnectionRecord } from './connection';
import { allMappings, allWithStatus, connectorPut, loadBinding, type BindingDoc } from './records';

export interface ReconcileDeps {
  store: AppStore;
  directories: DirectoryProvider;
  clock: Clock;
  random: RandomBytes;
}

export const reconcileRecordSchema = z.object({
  v: z.literal(1),
  toolId: z.string(),
  provider: z.enum(['okta', 'entra']),
  groupId: z.string(),
  groupName: z.string(),
  checkedAt: z.string(),
  authoritative: z.boolean(),
  members: z.int(),
  missing: z.array(z.object({ grantId: z.string(), accountId: z.string(), idpUserId: z.string() })),
  strays: z.array(
    z.object({ idpUserId: z.string(), login: z.optional(z.string()), accountId: z.optional(z.string()) }),
  ),
  unmapped: z.array(z.object({ grantId: z.string(), accountId: z.string() })),
  removed: z.array(z.string()),
  removalErrors: z.array(z.object({ idpUserId: z.string(), error: z.string() })),
  /** Authoritative, yet nobody removed: a live grant is unmapped, and its holder could be any stray. */
  removalsWithheld: z.optional(z.literal('unmapped_live_grants')),
});
export type ReconcileRecord = z.infer<typeof reconcileRecordSchema>;

export type ReconcileOutcome =
  | { toolId: string; outcome: 'not_bound' | 'not_connected' }
  | { toolId: string; outcome: 'checked'; report: ReconcileRecord };

async function liveGrantsOf(store: AppStore, toolId: string): Promise<GrantDoc[]> {
  const out: GrantDoc[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<GrantDoc>({
      index: 'by-tool',
      partition: ['grant', toolId],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const r of page.items) if (isLive(r.doc.status)) out.push(r.doc);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** Reconciles one bound tool. IdP failures propagate (DirectoryError) for the caller to retry or report. */
export async function reconcileTool(deps: ReconcileDeps, toolId: string): Promise<ReconcileOutcome> {
  const binding = await loadBinding(deps.store, toolId);
  if (!binding) return { toolId, outcome: 'not_bound' };
  const b: BindingDoc = binding.doc;
  const directory = await deps.directories.get(b.provider);
  const connection = await loadConnectionRecord(deps.store, b.provider);
  if (!directory || !connection) return { toolId, outcome: 'not_connected' };

  const [members, grants, mappings] = await Promise.all([
    directory.listMembers(b.groupId),
    liveGrantsOf(deps.store, toolId),
    allMappings(deps.store, b.provider),
  ]);
  const idpOf = new Map(mappings.map((m) => [m.accountId, m.idpUserId]));
  const accountOf = new Map(mappings.map((m) => [m.idpUserId, m.accountId]));
  const report: ReconcileReport = reconcileGroup(
    grants.map((g) => ({
      grantId: g.id,
      accountId: g.requester,
      idpUserId: idpOf.get(g.requester),
      fulfilled: g.status === 'active' || g.status === 'in_review',
    })),
    members,
    (id) => accountOf.get(id),
  );

  const removed: string[] = [];
  const removalErrors: Array<{ idpUserId: string; error: string }> = [];
  const removals = authoritativeRemovals(report, connection.doc.authoritative);
  for (const idpUserId of removals.remove) {
    try {
      await directory.removeMember(b.groupId, idpUserId);
      removed.push(idpUserId);
    } catch (e) {
      if (!isDirectoryError(e)) throw e;
      removalErrors.push({ idpUserId, error: e.message.slice(0, 300) });
    }
  }

  const now = deps.clock.now();
  const doc: ReconcileRecord = {
    v: 1,
    toolId,
    provider: b.provider,
    groupId: b.groupId,
    groupName: b.groupName,
    checkedAt: now.toISOString(),
    authoritative: connection.doc.authoritative,
    members: report.members,
    missing: report.missing,
    strays: report.strays,
    unmapped: report.unmapped,
    removed,
    removalErrors,
    ...(removals.withheld ? { removalsWithheld: removals.withheld } : {}),
  };
  const drift = report.missing.length + report.strays.length + report.unmapped.length > 0;
  const drafts = drift
    ? [
        {
          ...connectorEvent(
            'connector.drift_detected',
            driftSubject(toolId),
            { type: 'app' },
            {
              toolId,
              provider: b.provider,
              groupId: b.groupId,
              members: report.members,
              missing: report.missing.length,
              strays: report.strays.length,
              unmapped: report.unmapped.length,
              authoritative: connection.doc.authoritative,
              removed: removed.length,
              removalErrors: removalErrors.length,
              ...(removals.withheld ? { removalsWithheld: removals.withheld } : {}),
            },
          ),
          // Who: personal data (retention may minimise it; the digest keeps it tamper-evident).
          personal: {
            missing: report.missing.map((m) => ({
              grantId: m.grantId,
              accountId: m.accountId,
              idpUserId: m.idpUserId,
            })),
            strays: report.strays.map((s) => ({
              idpUserId: s.idpUserId,
              ...(s.accountId ? { accountId: s.accountId } : {}),
            })),
            removed,
          },
        },
      ]
    : [];
  // The removals are done: their evidence must land even when another run (or event) wrote meanwhile.
  await withConflictRetry(`reconcile ${toolId}`, async () => {
    const prior = await deps.store.get<unknown>('connector', `reconcile:${toolId}`);
    const chained = await chainEvents(deps.store, drafts, now, deps.random);
    await deps.store.commit({
      puts: [
        connectorPut(`reconcile:${toolId}`, 'reconcile', doc, prior ? prior.version : 'absent', toolId),
        ...chained.puts,
      ],
      events: chained.events,
    });
  });
  return { toolId, outcome: 'checked', report: doc };
}

const reconcileFailureSchema = z.object({ v: z.literal(1), toolId: z.string(), key: z.string(), at: z.string() });

/**
 * A reconciliation the IdP refused for good (denied, group gone, an answer not in the published shape): a
 * connector.job_failed event on the tool's drift subject, so the console's log shows it. Once per job key: the
 * tool's last failure is kept beside it, and a redelivery of the same job finds it there.
 */
export async function recordReconcileFailure(
  deps: Omit<ReconcileDeps, 'directories'>,
  job: { toolId: string; idempotencyKey: string },
  error: DirectoryError,
): Promise<'recorded' | 'already_recorded'> {
  const { toolId, idempotencyKey: key } = job;
  return withConflictRetry(`reconcile failure ${toolId}`, async () => {
    const prior = await deps.store.get<unknown>('connector', `reconcile-failure:${toolId}`);
    const last = prior ? reconcileFailureSchema.safeParse(prior.doc) : undefined;
    if (last?.success && last.data.key === key) return 'already_recorded';
    const binding = await loadBinding(deps.store, toolId);
    const now = deps.clock.now();
    const facts = {
      failure: error.kind,
      status: error.status ?? 0,
      error: error.message.slice(0, 300),
    };
    const chained = await chainEvents(
      deps.store,
      [
        connectorEvent(
          'connector.job_failed',
          driftSubject(toolId),
          { type: 'app' },
          {
            operation: 'reconcile',
            toolId,
            key,
            ...(binding ? { provider: binding.doc.provider, groupId: binding.doc.groupId } : {}),
            ...facts,
          },
        ),
      ],
      now,
      deps.random,
    );
    const doc = { v: 1, toolId, key, at: now.toISOString(), ...facts };
    await deps.store.commit({
      puts: [
        connectorPut(`reconcile-failure:${toolId}`, 'reconcile_failure', doc, prior ? prior.version : 'absent', toolId),
        ...chained.puts,
      ],
      events: chained.events,
    });
    return 'recorded';
  });
}

export async function reconcileReports(store: AppStore): Promise<ReconcileRecord[]> {
  return allWithStatus(store, 'connector', 'reconcile', reconcileRecordSchema);
}
