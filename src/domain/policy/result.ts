// The outcome of a pure domain rule: the new value, or a typed refusal that a
// person can act on. Rules return refusals instead of throwing so that use
// cases can map each code to an outcome (comment, HTTP status, CLI exit) and
// tests can assert on codes rather than on exception text.
//
// Lives in policy/ because the catalog depends on policy (never the reverse);
// move it to a shared domain folder if a third domain area needs it.

export interface RuleRefusal<C extends string = string> {
  readonly code: C;
  readonly message: string;
}

export type Result<T, E extends RuleRefusal = RuleRefusal> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E extends RuleRefusal>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

/**
 * True for a whole number JavaScript counts exactly (|n| ≤ 2^53 − 1); the single definition of
 * "whole days" used by every duration rule. 1e300 and 2^53 are integers to Number.isInteger but
 * not safe ones, and the stored records' schemas (z.int()) refuse them.
 */
export function isWholeNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n);
}
