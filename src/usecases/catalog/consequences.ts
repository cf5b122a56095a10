// Carries out what consequencesOfLeavingCatalog decided for a suspended or
// retired tool: pending requests declined (with the tool-suspended comment),
// live grants flagged for review or revoked. One commit per request/grant
// (state + governance event + ticket stamp op + lock release), because a
// tool can have more pending work than one KVS transaction holds. Re-running
// is safe: only still-pending requests and still-live, unflagged grants are
// touched, so a crash half way is fixed by running it again.
import { consequencesOfLeavingCatalog, type LeavingCatalogPlan } from '../../domain/catalog/consequences';
import type { CatalogEntry } from '../../domain/catalog/types';
import { revokeGrant } from '../../domain/grant/end';
import { flagGrant } from '../../domain/grant/flag';
import { isLive, type GrantDoc } from '../../domain/grant/types';
import type { Actor, EventDraft } from '../../domain/governance/event';
import { declineRequest } from '../../domain/request/decisions';
import { lockId } from '../../domain/request/lock';
import type { ActorRef } from '../../domain/request/types';
import type { RecordDelete, RecordPut, RecordQuery } from '../../ports/store';
import { chainEvents } from '../shared/governance';
import {
  domainOf,
  grantPut,
  loadGrant,
  loadRequest,
  releaseLockIfHeld,
  requestPut,
  withSync,
  type Loaded,
  type RequestRecord,
  type StampOp,
} from '../shared/records';
import { connectorJob, type WorkJob } from '../shared/work-jobs';
import { dropOutboxEntry, JOB_OUTBOX_GRACE_SECONDS, outboxId, outboxPut } from '../shared/job-outbox';
import type { CatalogDeps } from './deps';
import { withConflictRetry } from './records';

export interface ConsequenceReport {
  declined: string[];
  flagged: string[];
  revoked: string[];
  failed: Array<{ id: string; error: string }>;
}

function actorRef(a: Actor): ActorRef {
  return a.type === 'user' && a.accountId
    ? { type: 'user', accountId: a.accountId }
    : a.type === 'system'
      ? { type: 'system' }
      : { type: 'app' };
}

async function idsOf(deps: CatalogDeps, kind: 'request' | 'grant', toolId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const q: RecordQuery = { index: 'by-tool', partition: [kind, toolId], limit: 100, ...(cursor ? { cursor } : {}) };
    const page = await deps.store.query<unknown>(q);
    ids.push(
      ...page.items
        .filter((r) => (kind === 'request' ? r.status === 'pending_approval' : isLive(r.status as GrantDoc['status'])))
        .map((r) => r.id),
    );
    cursor = page.cursor;
  } while (cursor);
  return ids;
}

function stamped(r: RequestRecord, op: Omit<StampOp, 'seq' | 'at'>, at: string): RequestRecord {
  const seq = r.sync.seq + 1;
  return { ...r, sync: { ...r.sync, seq, pending: [...r.sync.pending, { ...op, seq, at }] } };
}

/** The lock of (requester, tool) when `holderId` holds it, for deletion in the same commit. */
async function releaseLock(
  deps: CatalogDeps,
  requester: string,
  toolId: string,
  kind: RequestRecord['kind'],
  holderId: string,
): Promise<RecordDelete[]> {
  return releaseLockIfHeld(deps.store, lockId(requester, toolId, kind), holderId);
}

async function commit(
  deps: CatalogDeps,
  puts: RecordPut[],
  deletes: RecordDelete[],
  drafts: EventDraft[],
): Promise<void> {
  const chained = await chainEvents(deps.store, drafts, deps.now(), deps.random);
  await deps.store.commit({ puts: [...puts, ...chained.puts], deletes, events: chained.events });
}

async function declineOne(
  deps: CatalogDeps,
  id: string,
  plan: LeavingCatalogPlan,
  entry: CatalogEntry,
  actor: Actor,
): Promise<boolean> {
  const loaded = await loadRequest(deps.store, id);
  if (!loaded || loaded.doc.status !== 'pending_approval') return false;
  const now = deps.now();
  const r = declineRequest(domainOf(loaded.doc), {
    actor: actorRef(actor),
    now,
    rationale: plan.pendingRequests.reason,
  });
  if (!r.ok) return false;
  const op = {
    comments: [
      {
        template: 'tool-suspended',
        data: {
          toolName: entry.name,
          catalogStatus: plan.leftAs,
          ...(entry.statusReason ? { note: entry.statusReason } : {}),
        },
      },
    ],
    target: 'declined' as const,
    prefer: 'decline' as const,
  };
  const next = stamped(withSync(r.value.next, loaded.doc.sync), op, now.toISOString());
  const deletes = loaded.doc.holdsLock
    ? await releaseLock(deps, loaded.doc.requester, entry.id, loaded.doc.kind, id)
    : [];
  await commit(deps, [requestPut(next, loaded.version)], deletes, r.value.events);
  return true;
}

async function handleGrant(
  deps: CatalogDeps,
  id: string,
  plan: LeavingCatalogPlan,
  entry: CatalogEntry,
  actor: Actor,
  out: { jobs: WorkJob[]; outboxes: string[] },
): Promise<'flagged' | 'revoked' | undefined> {
  const loaded: Loaded<GrantDoc> | undefined = await loadGrant(deps.store, id);
  if (!loaded || !isLive(loaded.doc.status)) return undefined;
  const g = loaded.doc;
  const now = deps.now();
  const revoke = plan.liveGrants.action === 'revoke';
  const why = plan.leftAs === 'retired' ? 'tool_retired' : 'tool_suspended';
  const r = revoke
    ? revokeGrant(g, { actor: actorRef(actor), now, reason: why, rationale: plan.liveGrants.reason })
    : flagGrant(g, { now, reason: plan.liveGrants.reason });
  if (!r.ok) return undefined; // already flagged: nothing to do
  const puts: RecordPut[] = [grantPut(r.value.next, loaded.version)];
  // The grant's ticket is its approving request (same id); the comment goes there.
  const ticket = await loadRequest(deps.store, g.id);
  let remove: WorkJob | undefined;
  let outbox: string | undefined;
  if (ticket) {
    remove = revoke ? connectorJob('connector.remove', g, 1) : undefined;
    if (remove) {
      // Committed with the revocation (shared/job-outbox.ts): a lost push is queued by the hourly sweep.
      outbox = outboxId(g.id, 'catalog', now.getTime());
      puts.push(outboxPut(outbox, g.id, [remove], now, JOB_OUTBOX_GRACE_SECONDS));
    }
    const comment = revoke
      ? {
          template: 'revoked',
          data: {
            toolName: entry.name,
            reason: why,
            rationale: plan.liveGrants.reason,
            groupRemoval: remove ? 'queued' : 'manual',
          },
        }
      : {
          template: 'grant-flagged',
          data: { toolName: entry.name, requesterName: g.requester, reason: why, detail: plan.liveGrants.reason },
        };
    const op = revoke
      ? { comments: [comment], target: 'revoked' as const, prefer: 'revoke' as const }
      : { comments: [comment] };
    puts.push(requestPut(stamped(ticket.doc, op, now.toISOString()), ticket.version));
  }
  const deletes = revoke ? await releaseLock(deps, g.requester, entry.id, 'access', g.id) : [];
  await commit(deps, puts, deletes, r.value.events);
  if (remove) out.jobs.push(remove);
  if (outbox) out.outboxes.push(outbox);
  return revoke ? 'revoked' : 'flagged';
}

export async function applyLeavingConsequences(
  deps: CatalogDeps,
  entry: CatalogEntry,
  actor: Actor,
): Promise<ConsequenceReport> {
  const report: ConsequenceReport = { declined: [], flagged: [], revoked: [], failed: [] };
  const planned = consequencesOfLeavingCatalog(entry, deps.liveGrantSetting ?? 'flag');
  if (!planned.ok) return report;
  const plan = planned.value;
  const out = { jobs: [] as WorkJob[], outboxes: [] as string[] };
  const touched: string[] = [];
  for (const id of await idsOf(deps, 'request', entry.id)) {
    try {
      if (await withConflictRetry(() => declineOne(deps, id, plan, entry, actor))) {
        report.declined.push(id);
        touched.push(id);
      }
    } catch (e) {
      report.failed.push({ id, error: (e as Error).message });
    }
  }
  for (const id of await idsOf(deps, 'grant', entry.id)) {
    try {
      const done = await withConflictRetry(() => handleGrant(deps, id, plan, entry, actor, out));
      if (done) {
        report[done].push(id);
        touched.push(id);
      }
    } catch (e) {
      report.failed.push({ id, error: (e as Error).message });
    }
  }
  // The ticket writes themselves are the core loop's (ticket.sync consumer); stamps stay pending until written.
  if (deps.queue && touched.length > 0) {
    const at = deps.now().getTime();
    await deps.queue.push([
      ...out.jobs,
      ...touched.map((requestId) => ({
        type: 'ticket.sync' as const,
        requestId,
        idempotencyKey: `${requestId}:catalog:${at}`,
      })),
    ]);
    for (const id of out.outboxes) await dropOutboxEntry(deps.store, id, 1);
  }
  return report;
}
