// Reconciliation of bound groups against live grants (hourly from the
// lifecycle sweep through connector.reconcile jobs, and on demand from the
// admin page). Reports "approved but missing" and "present without grant"
// as a governance event and a stored report the console reads; in
// authoritative mode (off by default) it also removes the strays, each
// removal evidenced in the same event.
import * as z from 'zod/mini';
import { connectorEvent, driftSubject } from '../../domain/connectors/events';
import { reconcileGroup, type ReconcileReport } from '../../domain/connectors/reconcile';
import { isLive, type GrantDoc } from '../../domain/grant/types';
import { isDirectoryError } from '../../ports/group-directory';
import type { AppStore } from '../../ports/store';
import type { RandomBytes } from '../../domain/governance/chain';
import type { Clock } from '../../ports/clock';
import type { DirectoryProvider } from '../shared/connectors';
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
  if (connection.doc.authoritative)
    for (const s of report.strays) {
      try {
        await directory.removeMember(b.groupId, s.idpUserId);
        removed.push(s.idpUserId);
      } catch (e) {
        if (!isDirectoryError(e)) throw e;
        removalErrors.push({ idpUserId: s.idpUserId, error: e.message.slice(0, 300) });
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
  };
  const prior = await deps.store.get<unknown>('connector', `reconcile:${toolId}`);
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
  const chained = await chainEvents(deps.store, drafts, now, deps.random);
  await deps.store.commit({
    puts: [
      connectorPut(`reconcile:${toolId}`, 'reconcile', doc, prior ? prior.version : 'absent', toolId),
      ...chained.puts,
    ],
    events: chained.events,
  });
  return { toolId, outcome: 'checked', report: doc };
}

export async function reconcileReports(store: AppStore): Promise<ReconcileRecord[]> {
  return allWithStatus(store, 'connector', 'reconcile', reconcileRecordSchema);
}
