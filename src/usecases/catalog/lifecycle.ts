// The admin's catalog actions. Each one: load → domain function → ONE commit
// of the entry and its governance event → consequences (suspend/retire) →
// AI tool option sync. The store is the truth; Jira follows it, so a failed
// Jira call is reported (optionSync.ok = false) and fixed by a later sync.
import { approveDemoSet, SANDBOX_DEMO_SET } from '../../domain/catalog/demo-set';
import { edit, editKeepingBinding, type CatalogEdit } from '../../domain/catalog/edit';
import { nameClash } from '../../domain/catalog/edit-profile';
import type { CatalogChange, CatalogError } from '../../domain/catalog/errors';
import { approve, approveAllLowRisk, entryFromSeed, retire, suspend } from '../../domain/catalog/lifecycle';
import type { CatalogEntry, CatalogSeedEntry } from '../../domain/catalog/types';
import type { Result } from '../../domain/policy/result';
import { connectorEvent } from '../../domain/connectors/events';
import type { EventDraft } from '../../domain/governance/event';
import type { ExpectedVersion, RecordDelete, RecordPut } from '../../ports/store';
import { loadBinding } from '../connectors/records';
import { applyLeavingConsequences, type ConsequenceReport } from './consequences';
import { CatalogUseCaseError, type Actor, type CatalogDeps } from './deps';
import { syncAiToolOptions, type OptionSyncResult } from './option-sync';
import {
  commitCatalogChanges,
  commitInChunks,
  getEntry,
  listEntries,
  withConflictRetry,
  type LoadedEntry,
} from './records';

export interface CatalogActionResult {
  entries: CatalogEntry[];
  consequences?: ConsequenceReport;
  optionSync: OptionSyncResult;
}

function unwrap<T>(r: Result<T, CatalogError>): T {
  if (!r.ok) throw new CatalogUseCaseError(r.error.code, r.error.message, { entryId: r.error.entryId });
  return r.value;
}

async function mustGet(deps: CatalogDeps, toolId: string): Promise<LoadedEntry> {
  const got = await getEntry(deps.store, toolId);
  if (!got) throw new CatalogUseCaseError('CATALOG_UNKNOWN_TOOL', `No tool "${toolId}" in the catalog.`);
  return got;
}

/** What else one catalog change commits in its transaction (read afresh on each conflict retry). */
export type AlongWith = () => Promise<{ puts?: RecordPut[]; deletes?: RecordDelete[]; events?: EventDraft[] }>;

/** One entry, one domain step, one commit (retried from a fresh read on a conflict). */
async function changeOne(
  deps: CatalogDeps,
  toolId: string,
  step: (e: CatalogEntry) => Result<CatalogChange, CatalogError>,
  alongWith?: AlongWith,
): Promise<CatalogEntry> {
  return withConflictRetry(async () => {
    const { entry, rv } = await mustGet(deps, toolId);
    const change = unwrap(step(entry));
    await commitCatalogChanges(deps, [change], new Map([[toolId, rv]]), alongWith ? await alongWith() : {});
    return change.entry;
  });
}

const ctx = (deps: CatalogDeps, actor: Actor) => ({ actor, now: deps.now() });

/**
 * Approve a proposed tool, or re-approve (reinstate) a suspended one. The catalog's changes below (suspend, retire,
 * edit, change many, approve all low-risk) throw the same.
 * @throws CatalogUseCaseError CATALOG_UNKNOWN_TOOL, or the domain's refusal code (CATALOG_TRANSITION_NOT_ALLOWED, …).
 * @throws StoreConflictError when another writer kept winning.
 */
export async function approveTool(deps: CatalogDeps, toolId: string, actor: Actor): Promise<CatalogActionResult> {
  const entry = await changeOne(deps, toolId, (e) => approve(e, ctx(deps, actor)));
  return { entries: [entry], optionSync: await syncAiToolOptions(deps) };
}

/** Same as approveTool; named for the admin page's "re-approve" on a suspended tool. */
export const reapproveTool = approveTool;

export async function suspendTool(
  deps: CatalogDeps,
  toolId: string,
  reason: string,
  actor: Actor,
): Promise<CatalogActionResult> {
  const entry = await changeOne(deps, toolId, (e) => suspend(e, reason, ctx(deps, actor)));
  // Option first: that is what stops new requests from the form at once.
  const optionSync = await syncAiToolOptions(deps);
  return { entries: [entry], optionSync, consequences: await applyLeavingConsequences(deps, entry, actor) };
}

export async function retireTool(
  deps: CatalogDeps,
  toolId: string,
  reason: string,
  actor: Actor,
): Promise<CatalogActionResult> {
  const entry = await changeOne(deps, toolId, (e) => retire(e, reason, ctx(deps, actor)));
  const optionSync = await syncAiToolOptions(deps);
  // Retiring a suspended tool normally finds nothing left to do; a proposed one never had requests.
  return { entries: [entry], optionSync, consequences: await applyLeavingConsequences(deps, entry, actor) };
}

/**
 * The admin's catalog edit of any attribute (domain/catalog/edit.ts); a new name must not be another tool's
 * (the AI tool field's options are the names). A change of the connector binding is refused (CATALOG_CONNECTOR_NEEDS_BIND).
 * Reclassifying a bound tool as prohibited clears its binding (domain/catalog/edit.ts) and, in the same
 * commit, deletes the connector binding record with a connector.configured "unbound" event. Removing rather
 * than refusing is the safer choice for a security team: prohibiting a tool is the urgent step and must
 * not wait on an unbind; a refusal would leave the tool requestable while someone unbinds it first.
 */
export async function editTool(
  deps: CatalogDeps,
  toolId: string,
  changes: CatalogEdit,
  actor: Actor,
): Promise<CatalogActionResult> {
  const entry = await withConflictRetry(async () => {
    const { entry: before, rv } = await mustGet(deps, toolId);
    const clash =
      changes.name !== undefined && changes.name !== before.name
        ? nameClash(
            before,
            changes.name,
            (await listEntries(deps.store)).map((l) => l.entry),
          )
        : undefined;
    if (clash)
      throw new CatalogUseCaseError('CATALOG_INVALID_EDIT', `"${before.name}" not changed: ${clash}.`, {
        entryId: toolId,
      });
    const change = unwrap(editKeepingBinding(before, changes, ctx(deps, actor)));
    const binding =
      before.connector !== null && change.entry.connector === null ? await loadBinding(deps.store, toolId) : undefined;
    await commitCatalogChanges(
      deps,
      [change],
      new Map([[toolId, rv]]),
      binding
        ? {
            deletes: [{ kind: 'connector', id: `binding:${toolId}`, expected: binding.version }],
            events: [
              connectorEvent('connector.configured', `binding.${toolId}`, actor, {
                change: 'unbound',
                toolId,
                reason: 'reclassified as prohibited',
              }),
            ],
          }
        : {},
    );
    return change.entry;
  });
  return { entries: [entry], optionSync: await syncAiToolOptions(deps) };
}

/**
 * Sets or clears the tool's connector binding. Only for connectors.bind/unbind, which have checked the group
 * (usecases/connectors/binding.ts) and commit their binding record and event with it (`alongWith`).
 */
export async function setToolConnector(
  deps: CatalogDeps,
  toolId: string,
  connector: CatalogEdit['connector'],
  actor: Actor,
  alongWith?: AlongWith,
): Promise<CatalogActionResult> {
  const entry = await changeOne(deps, toolId, (e) => edit(e, { connector }, ctx(deps, actor)), alongWith);
  return { entries: [entry], optionSync: await syncAiToolOptions(deps) };
}

/**
 * Applies several changes (bulk approve, demo set, seed, import): all are
 * decided before anything is written, then committed in transaction-sized
 * chunks (see commitInChunks).
 */
export async function changeMany(
  deps: CatalogDeps,
  decide: (all: LoadedEntry[]) => CatalogChange[],
): Promise<CatalogEntry[]> {
  return withConflictRetry(async () => {
    const all = await listEntries(deps.store);
    const changes = decide(all);
    if (changes.length === 0) return [];
    const read = new Map<string, ExpectedVersion>(all.map((l) => [l.entry.id, l.rv]));
    await commitInChunks(deps, changes, read);
    return [...new Map(changes.map((c) => [c.entry.id, c.entry])).values()];
  });
}

export async function approveAllLowRiskTools(deps: CatalogDeps, actor: Actor): Promise<CatalogActionResult> {
  const entries = await changeMany(deps, (all) =>
    approveAllLowRisk(
      all.map((l) => l.entry),
      ctx(deps, actor),
    ),
  );
  return { entries, optionSync: await syncAiToolOptions(deps) };
}

/**
 * Seeds `proposed` entries for seed tools not yet in the catalog (any status:
 * a retired or edited tool is never re-seeded). Idempotent. No option sync:
 * proposed tools are not requestable.
 */
export async function seedCatalog(
  deps: Pick<CatalogDeps, 'store' | 'now' | 'random'> & Partial<CatalogDeps>,
  seed: readonly CatalogSeedEntry[],
  actor: Actor = { type: 'app' },
): Promise<CatalogEntry[]> {
  const full = deps as CatalogDeps;
  return changeMany(full, (all) => {
    const have = new Set(all.map((l) => l.entry.id));
    return seed.filter((s) => !have.has(s.id)).map((s) => entryFromSeed(s, ctx(full, actor)));
  });
}

/**
 * What `npm start` does on a fresh sandbox: approves the documented demo set
 * through approve() — the admin's code path — logged as the app. Idempotent.
 */
export async function applySandboxDemoSet(
  deps: CatalogDeps,
  ids: readonly string[] = SANDBOX_DEMO_SET,
): Promise<CatalogActionResult> {
  const entries = await changeMany(deps, (all) =>
    unwrap(
      approveDemoSet(
        all.map((l) => l.entry),
        ctx(deps, { type: 'app' }),
        ids,
      ),
    ),
  );
  return { entries, optionSync: await syncAiToolOptions(deps) };
}
