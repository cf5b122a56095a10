// The catalog lifecycle:
//
//   proposed ──approve──▶ requestable ──suspend──▶ suspended ──retire──▶ retired
//   plus  suspended ──approve──▶ requestable   (re-approval, logged as catalog.reinstated)
//   and   proposed  ──retire───▶ retired       (never made requestable)
//
// A prohibited tool can never become requestable. A requestable tool must be
// suspended before it is retired, because suspending is the step that has
// consequences (pending requests declined, live grants handled); retiring
// only records that the tool is gone for good.
import type { GovernanceAction } from '../governance/event';
import { asJson, diffFields, type ChangeContext, type EventDraft } from '../policy/event-draft';
import { err, ok, type Result } from '../policy/result';
import { catalogError, type CatalogChange, type CatalogError } from './errors';
import type { CatalogEntry, CatalogSeedEntry } from './types';
import type { CatalogStatus } from './vocabulary';

export const CATALOG_TRANSITIONS: Readonly<Record<CatalogStatus, readonly CatalogStatus[]>> = {
  proposed: ['requestable', 'retired'],
  requestable: ['suspended'],
  suspended: ['requestable', 'retired'],
  retired: [],
};

export function canTransition(from: CatalogStatus, to: CatalogStatus): boolean {
  return CATALOG_TRANSITIONS[from].includes(to);
}

export const MAX_REASON_LENGTH = 1000;

/** A seeded tool enters the catalog as proposed: a default assessment, not a decision. */
export function entryFromSeed(seed: CatalogSeedEntry, ctx: ChangeContext): CatalogChange {
  const { defaultRisk, ...profile } = seed;
  const entry: CatalogEntry = {
    ...profile,
    risk: defaultRisk,
    status: 'proposed',
    statusReason: null,
    policyOverrides: {},
    origin: { kind: 'seed' },
    updatedAt: ctx.now.toISOString(),
    version: 1,
  };
  return { entry, event: { ...creationEvent(entry), actor: ctx.actor } };
}

/** The governance log subject of a catalog entry: one chain per tool. */
export function catalogSubject(id: string): { type: 'catalog'; id: string } {
  return { type: 'catalog', id };
}

export function creationEvent(entry: CatalogEntry): Omit<EventDraft, 'actor'> {
  return { action: 'catalog.proposed', subject: catalogSubject(entry.id), after: asJson(entry) };
}

export function approve(entry: CatalogEntry, ctx: ChangeContext): Result<CatalogChange, CatalogError> {
  if (entry.risk === 'prohibited') {
    return err(
      catalogError(
        'CATALOG_PROHIBITED_NOT_REQUESTABLE',
        entry.id,
        `"${entry.name}" is prohibited and can never be requestable. If its assessment has changed, edit its risk level (with a rationale) first, then approve it.`,
      ),
    );
  }
  // Coming back from suspension is logged as a reinstatement, so the log tells a first approval from a second chance.
  return move(
    entry,
    'requestable',
    entry.status === 'suspended' ? 'catalog.reinstated' : 'catalog.approved',
    ctx,
    null,
  );
}

export function suspend(entry: CatalogEntry, reason: string, ctx: ChangeContext): Result<CatalogChange, CatalogError> {
  const checked = checkReason(entry, reason, 'suspend');
  return checked.ok ? move(entry, 'suspended', 'catalog.suspended', ctx, checked.value) : checked;
}

export function retire(entry: CatalogEntry, reason: string, ctx: ChangeContext): Result<CatalogChange, CatalogError> {
  const checked = checkReason(entry, reason, 'retire');
  return checked.ok ? move(entry, 'retired', 'catalog.retired', ctx, checked.value) : checked;
}

/** The bulk action for a fresh catalog: approves every proposed low-risk tool; everything else is left alone. */
export function approveAllLowRisk(entries: readonly CatalogEntry[], ctx: ChangeContext): CatalogChange[] {
  const changes: CatalogChange[] = [];
  for (const entry of entries) {
    if (entry.status !== 'proposed' || entry.risk !== 'low') continue;
    const result = approve(entry, ctx);
    if (result.ok) changes.push(result.value);
  }
  return changes;
}

function move(
  entry: CatalogEntry,
  to: CatalogStatus,
  action: GovernanceAction,
  ctx: ChangeContext,
  reason: string | null,
): Result<CatalogChange, CatalogError> {
  if (entry.status === to) return err(catalogError('CATALOG_NO_CHANGE', entry.id, `"${entry.name}" is already ${to}.`));
  if (!canTransition(entry.status, to))
    return err(catalogError('CATALOG_TRANSITION_NOT_ALLOWED', entry.id, refusal(entry, to)));
  const next: CatalogEntry = {
    ...entry,
    status: to,
    statusReason: reason,
    updatedAt: ctx.now.toISOString(),
    version: entry.version + 1,
  };
  const diff = diffFields(entry, next, ['status', 'statusReason', 'version']);
  return ok({
    entry: next,
    // The reason travels in after.statusReason.
    event: { action, subject: catalogSubject(entry.id), actor: ctx.actor, before: diff.before, after: diff.after },
  });
}

function refusal(entry: CatalogEntry, to: CatalogStatus): string {
  const name = `"${entry.name}"`;
  if (entry.status === 'retired')
    return `${name} is retired; a retired tool cannot come back. Propose it again to create a new entry.`;
  if (entry.status === 'requestable' && to === 'retired')
    return `${name} is requestable; suspend it first (that declines pending requests and handles live grants), then retire it.`;
  if (entry.status === 'proposed' && to === 'suspended')
    return `${name} is proposed and has never been requestable; retire it instead of suspending it.`;
  return `${name} cannot go from ${entry.status} to ${to}.`;
}

function checkReason(entry: CatalogEntry, reason: string, verb: string): Result<string, CatalogError> {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length === 0)
    return err(
      catalogError(
        'CATALOG_REASON_REQUIRED',
        entry.id,
        `Say why you ${verb} "${entry.name}": the reason is shown to requesters and kept as evidence.`,
      ),
    );
  if (trimmed.length > MAX_REASON_LENGTH)
    return err(
      catalogError(
        'CATALOG_REASON_TOO_LONG',
        entry.id,
        `The reason is ${trimmed.length} characters; keep it to ${MAX_REASON_LENGTH}.`,
      ),
    );
  return ok(trimmed);
}
