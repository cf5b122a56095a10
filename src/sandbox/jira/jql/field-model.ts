// The evaluator's view of one JQL field: which operators it takes, and how to turn an
// operand into a predicate over JqlIssueView. `equals` means "the issue has a value
// equal to the operand" (any of them, for multi-value fields); the compiler derives
// != / NOT IN from it with Jira's rule that negations never match an empty field.
import type { Atom } from './operands';
import type { JqlIssueView } from './types';

export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'not in' | 'is' | 'is not' | '~' | '!~';
export type RelOp = '>' | '>=' | '<' | '<=';
export type Pred = (issue: JqlIssueView) => boolean;
export type SortScalar = number | string;
export type SortKey = SortScalar | readonly SortScalar[];

export interface FieldModel {
  /** The field as Jira names it in messages. */
  readonly name: string;
  readonly ops: ReadonlySet<Op>;
  isEmpty: Pred;
  equals?(atom: Atom): Pred;
  relate?(op: RelOp, atom: Atom): Pred;
  like?(atom: Atom): Pred;
  /** Absent: Jira cannot sort by this field. Returns undefined for an empty value. */
  sortKey?: (issue: JqlIssueView) => SortKey | undefined;
  /** Set when sorting is possible in Jira but not in this context (message to raise). */
  sortError?: string;
  /** ORDER BY without ASC/DESC uses the field's own order; Jira's date fields default to DESC. */
  defaultDesc?: boolean;
}

export const OPS = {
  /** select-like: project, status, options, users, labels */
  enumLike: new Set<Op>(['=', '!=', 'in', 'not in', 'is', 'is not']),
  /** numbers and dates */
  ordered: new Set<Op>(['=', '!=', '>', '>=', '<', '<=', 'in', 'not in', 'is', 'is not']),
  /** free text */
  text: new Set<Op>(['~', '!~', 'is', 'is not']),
  all: new Set<Op>(['=', '!=', '>', '>=', '<', '<=', 'in', 'not in', 'is', 'is not', '~', '!~']),
};

export function relation(op: RelOp, a: number, b: number): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

export const ci = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Predicate for an operand that stands for no value at all (currentUser() when
 * anonymous). Jira matches nothing for it under = and under != alike, so the
 * compiler must recognise it by identity rather than negate it.
 */
export const NEVER: Pred = () => false;

/**
 * A field whose values are compared as numbers (numbers, dates as ms). `normalize`
 * brings both sides to the precision Jira indexes (seconds for date-times, days
 * for date pickers) before comparing.
 */
export function numericField(spec: {
  name: string;
  ops?: ReadonlySet<Op>;
  values: (issue: JqlIssueView) => readonly number[];
  operand: (atom: Atom) => number;
  normalize?: (n: number) => number;
  defaultDesc?: boolean;
}): FieldModel {
  const norm = spec.normalize ?? ((n: number) => n);
  return {
    name: spec.name,
    ops: spec.ops ?? OPS.ordered,
    isEmpty: (i) => spec.values(i).length === 0,
    equals(atom) {
      const o = norm(spec.operand(atom));
      return (i) => spec.values(i).some((v) => norm(v) === o);
    },
    relate(op, atom) {
      const o = norm(spec.operand(atom));
      return (i) => spec.values(i).some((v) => relation(op, norm(v), o));
    },
    sortKey: (i) => spec.values(i)[0],
    defaultDesc: spec.defaultDesc,
  };
}

/**
 * A field with discrete values (status, option, user...). `operand` turns one operand
 * into a test on a single value, or null when it can match nothing (anonymous
 * currentUser()).
 */
export function discreteField<V>(spec: {
  name: string;
  ops?: ReadonlySet<Op>;
  values: (issue: JqlIssueView) => readonly V[];
  operand: (atom: Atom) => ((value: V) => boolean) | null;
  sortKey?: (issue: JqlIssueView) => SortKey | undefined;
  sortError?: string;
}): FieldModel {
  return {
    name: spec.name,
    ops: spec.ops ?? OPS.enumLike,
    isEmpty: (i) => spec.values(i).length === 0,
    equals(atom) {
      const test = spec.operand(atom);
      if (!test) return NEVER;
      return (i) => spec.values(i).some(test);
    },
    sortKey: spec.sortKey,
    sortError: spec.sortError,
  };
}

/** Values present on the issue, with null/undefined meaning "no value". */
export function present<T>(v: T | null | undefined): T[] {
  return v === null || v === undefined ? [] : [v];
}
