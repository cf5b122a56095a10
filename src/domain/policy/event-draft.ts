// Catalog and policy changes return a governance event draft (the governance
// log's own EventDraft) for the use case to append in the same storage
// transaction as the state change. Here: who/when, and the before/after diff.
import { canonicalJson } from '../governance/canonical-json';
import type { Actor, EventDraft, JsonObject } from '../governance/event';

export type { Actor, EventDraft };

/** Who made a change and when; passed in because the domain never reads a clock. */
export interface ChangeContext {
  /** A user for an admin's action; the app for the sandbox's demo approvals. */
  readonly actor: Actor;
  readonly now: Date;
}

/**
 * Picks the fields whose values differ, as parallel before/after records, so
 * the log reads as a diff. Values are plain JSON by construction (entries and
 * policies are stored as JSON), hence the cast.
 */
export function diffFields<T extends object>(
  before: T,
  after: T,
  keys: ReadonlyArray<keyof T>,
): { before: JsonObject; after: JsonObject } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of keys) {
    if (!sameValue(before[key], after[key])) {
      b[key as string] = before[key];
      a[key as string] = after[key];
    }
  }
  return { before: asJson(b), after: asJson(a) };
}

/** A stored record (entry, policy) as the JSON object the log keeps. */
export function asJson(value: object): JsonObject {
  return value as JsonObject;
}

/** Equality of stored JSON values, by the governance log's canonical form (absent and undefined keys are equal). */
export function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (x === undefined || y === undefined) return false;
  return canonicalJson(x) === canonicalJson(y);
}
