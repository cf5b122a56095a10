// What the ticket's workflow statuses mean to the app. The default mirrors
// templates/workflow.yml (a test keeps them equal); an admin's own mapping can
// be stored as settings/workflow. Transition ids are site-specific, so they
// are learned from GET …/transitions once per status and cached in the store
// (settings/transitions) — intake then needs no Jira read.
import * as z from 'zod/mini';
import {
  STATUS_MEANINGS,
  TRANSITION_MEANINGS,
  type StatusMeaning,
  type TransitionMeaning,
  type WorkflowMapping,
} from '../../domain/provisioning/desired';
import type { AppStore } from '../../ports/store';

export const DEFAULT_WORKFLOW: WorkflowMapping = {
  statuses: {
    submitted: ['Waiting for support'],
    pending: ['Waiting for approval'],
    inFulfilment: ['In fulfilment'],
    active: ['Active'],
    declined: ['Declined'],
    expired: ['Expired'],
    revoked: ['Revoked'],
    cancelled: ['Cancelled'],
  },
  transitions: {
    requestApproval: ['Request approval'],
    approve: ['Approve'],
    decline: ['Decline'],
    cancel: ['Cancel request'],
    fulfil: ['Mark fulfilled'],
    revoke: ['Revoke'],
    expire: ['Expire'],
    reopen: ['Reopen'],
  },
};

const names = z.array(z.string().check(z.minLength(1))).check(z.minLength(1));
const mappingSchema = z.object({
  statuses: z.partialRecord(z.enum(STATUS_MEANINGS), names),
  transitions: z._default(z.partialRecord(z.enum(TRANSITION_MEANINGS), names), {}),
});

export async function loadWorkflowMapping(store: AppStore): Promise<WorkflowMapping> {
  const rec = await store.get<unknown>('settings', 'workflow');
  if (!rec) return DEFAULT_WORKFLOW;
  const parsed = mappingSchema.safeParse(rec.doc);
  return parsed.success ? parsed.data : DEFAULT_WORKFLOW;
}

export function statusMeaning(
  mapping: WorkflowMapping,
  statusName: string | undefined | null,
): StatusMeaning | undefined {
  if (!statusName) return undefined;
  const wanted = statusName.trim().toLowerCase();
  for (const m of STATUS_MEANINGS) if (mapping.statuses[m]?.some((n) => n.toLowerCase() === wanted)) return m;
  return undefined;
}

/** Optional meanings fall back to the status a workflow without them uses. */
export function effectiveMeaning(mapping: WorkflowMapping, m: StatusMeaning): StatusMeaning {
  if (mapping.statuses[m]?.length) return m;
  if (m === 'lapsed') return 'declined';
  if (m === 'approved') return 'inFulfilment';
  if (m === 'submitted') return 'pending';
  return m;
}

/** Two meanings name the same place in the workflow (e.g. lapsed shown as declined). */
export function sameStatus(
  mapping: WorkflowMapping,
  a: StatusMeaning | undefined,
  b: StatusMeaning | undefined,
): boolean {
  return a !== undefined && b !== undefined && effectiveMeaning(mapping, a) === effectiveMeaning(mapping, b);
}

export interface CachedTransition {
  id: string;
  name: string;
  toId: string;
  toName: string;
}

export const transitionsCacheSchema = z.object({
  byStatus: z.record(
    z.string(),
    z.array(z.object({ id: z.string(), name: z.string(), toId: z.string(), toName: z.string() })),
  ),
});
export type TransitionsCache = z.infer<typeof transitionsCacheSchema>;

export async function loadTransitionsCache(
  store: AppStore,
): Promise<{ cache: TransitionsCache; version: number | 'absent' }> {
  const rec = await store.get<unknown>('settings', 'transitions');
  const parsed = rec ? transitionsCacheSchema.safeParse(rec.doc) : undefined;
  return { cache: parsed?.success ? parsed.data : { byStatus: {} }, version: rec ? rec.version : 'absent' };
}

/** The meaning a transition name has (for telling "Approve" from a drag to the same status). */
export function transitionMeaning(mapping: WorkflowMapping, name: string): TransitionMeaning | undefined {
  const wanted = name.trim().toLowerCase();
  for (const m of TRANSITION_MEANINGS) if (mapping.transitions[m]?.some((n) => n.toLowerCase() === wanted)) return m;
  return undefined;
}

/**
 * Picks the transition from the ticket's current status to a status with the
 * wanted meaning, preferring the transition named for `prefer`.
 */
export function pickTransition(
  mapping: WorkflowMapping,
  available: readonly CachedTransition[],
  target: StatusMeaning,
  prefer?: TransitionMeaning,
  fallback?: StatusMeaning,
): CachedTransition | undefined {
  const direct = pickExact(mapping, available, target, prefer);
  if (direct) return direct;
  // A closed ticket whose decision was refused can often only be reopened to the start status,
  // which is open again too (approve and decline start there): the next best place for pending.
  const next = fallback ?? (target === 'pending' ? 'submitted' : undefined);
  return next && mapping.statuses[next]?.length ? pickExact(mapping, available, next) : undefined;
}

function pickExact(
  mapping: WorkflowMapping,
  available: readonly CachedTransition[],
  target: StatusMeaning,
  prefer?: TransitionMeaning,
): CachedTransition | undefined {
  const goal = effectiveMeaning(mapping, target);
  const candidates = available.filter((t) => {
    const m = statusMeaning(mapping, t.toName);
    return m !== undefined && effectiveMeaning(mapping, m) === goal;
  });
  if (prefer) {
    const named = candidates.find((t) => transitionMeaning(mapping, t.name) === prefer);
    if (named) return named;
  }
  return candidates[0];
}
