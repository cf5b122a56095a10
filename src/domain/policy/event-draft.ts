// What a catalog or policy change tells the governance log. The domain only
// drafts the event; the use case appends it (with the hash chain) in the same
// storage transaction as the state change, per the product rule.

/** Who made a change and when; passed in because the domain never reads a clock. */
export interface ChangeContext {
  /** Atlassian accountId of the admin (or the app account for automatic actions). */
  readonly actor: string;
  readonly now: Date;
}

export type GovernanceAction =
  | 'catalog.entry.proposed'
  | 'catalog.entry.approved'
  | 'catalog.entry.suspended'
  | 'catalog.entry.retired'
  | 'catalog.entry.edited'
  | 'policy.updated';

export type GovernanceSubject = { readonly type: 'catalog-entry'; readonly id: string } | { readonly type: 'policy-set'; readonly id: 'risk-policy' };

export interface GovernanceEventDraft {
  readonly action: GovernanceAction;
  readonly subject: GovernanceSubject;
  readonly actor: string;
  /** ISO-8601 instant of the change. */
  readonly at: string;
  /** Only the fields that changed (plus version), so the log reads as a diff; null when the subject is new. */
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
  /** The admin's stated reason, where the action requires one. */
  readonly reason?: string;
}

/** Picks the fields whose values differ, as parallel before/after records. */
export function diffFields<T extends object>(before: T, after: T, keys: ReadonlyArray<keyof T>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of keys) {
    if (!sameValue(before[key], after[key])) {
      b[key as string] = before[key];
      a[key as string] = after[key];
    }
  }
  return { before: b, after: a };
}

/** Structural equality for the plain JSON-like values held in entries and policies. */
export function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const kx = Object.keys(x).filter((k) => (x as Record<string, unknown>)[k] !== undefined);
  const ky = Object.keys(y).filter((k) => (y as Record<string, unknown>)[k] !== undefined);
  if (kx.length !== ky.length) return false;
  return kx.every((k) => sameValue((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
}
