// Conditions on entity attributes, shared by query range/filters and
// transaction conditions.
//
// Semantics chosen where Forge documents none (UNVERIFIED, kept consistent):
//   - an absent attribute (or an item that does not exist) satisfies only
//     NOT_EXISTS, NOT_EQUAL_TO and NOT_CONTAINS; every other condition is false;
//   - values of different types never compare (GT of a string against a number is false);
//   - strings compare by UTF-16 code units, numbers numerically;
//   - BETWEEN is inclusive at both ends; CONTAINS means substring for strings and
//     element membership for arrays.
import * as z from 'zod';
import { KvsErrors } from '../errors';

export const CONDITIONS = [
  'BEGINS_WITH',
  'BETWEEN',
  'CONTAINS',
  'EQUAL_TO',
  'EXISTS',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
  'NOT_CONTAINS',
  'NOT_EQUAL_TO',
  'NOT_EXISTS',
] as const;
export const RANGE_CONDITIONS = [
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
] as const;

export const ConditionSchema = z.object({ condition: z.enum(CONDITIONS), values: z.array(z.unknown()) });
export const FilterItemSchema = ConditionSchema.extend({ property: z.string() });
export const FiltersSchema = z.union([
  z.object({ and: z.array(FilterItemSchema) }).strict(),
  z.object({ or: z.array(FilterItemSchema) }).strict(),
]);
export type Condition = z.infer<typeof ConditionSchema>;
export type FilterItem = z.infer<typeof FilterItemSchema>;
export type Filters = z.infer<typeof FiltersSchema>;

export const ABSENT: unique symbol = Symbol('absent');
/** An item's attribute: any stored value, or ABSENT when the item has no such attribute. */
export type AttrValue = unknown;

const ARITY: Record<Condition['condition'], number> = {
  BEGINS_WITH: 1,
  BETWEEN: 2,
  CONTAINS: 1,
  EQUAL_TO: 1,
  EXISTS: 1,
  GREATER_THAN: 1,
  GREATER_THAN_EQUAL_TO: 1,
  LESS_THAN: 1,
  LESS_THAN_EQUAL_TO: 1,
  NOT_CONTAINS: 1,
  NOT_EQUAL_TO: 1,
  NOT_EXISTS: 1,
};

export function checkArity(c: Condition, where: string): void {
  if (c.values.length !== ARITY[c.condition]) {
    throw KvsErrors.badRequest(`${where}: ${c.condition} takes ${ARITY[c.condition]} value(s), got ${c.values.length}`);
  }
}

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null)
    return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function contains(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === 'string' && typeof needle === 'string') return haystack.includes(needle);
  if (Array.isArray(haystack)) return haystack.some((x) => same(x, needle));
  return false;
}

export function evaluate(c: Condition, value: AttrValue): boolean {
  const present = value !== ABSENT && value !== undefined && value !== null;
  const [v0, v1] = c.values;
  switch (c.condition) {
    case 'EXISTS':
      return present;
    case 'NOT_EXISTS':
      return !present;
    case 'NOT_EQUAL_TO':
      return !present || !same(value, v0);
    case 'NOT_CONTAINS':
      return !present || !contains(value, v0);
    default:
      break;
  }
  if (!present) return false;
  const cmp = (x: unknown) => compare(value, x);
  switch (c.condition) {
    case 'EQUAL_TO':
      return same(value, v0);
    case 'CONTAINS':
      return contains(value, v0);
    case 'BEGINS_WITH':
      return typeof value === 'string' && typeof v0 === 'string' && value.startsWith(v0);
    case 'GREATER_THAN':
      return (cmp(v0) ?? -Infinity) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return (cmp(v0) ?? -Infinity) >= 0;
    case 'LESS_THAN':
      return (cmp(v0) ?? Infinity) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return (cmp(v0) ?? Infinity) <= 0;
    case 'BETWEEN': {
      const lo = cmp(v0);
      const hi = cmp(v1);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
  }
}

export function attribute(item: Record<string, unknown> | undefined, name: string): AttrValue {
  if (!item || !Object.prototype.hasOwnProperty.call(item, name)) return ABSENT;
  return item[name];
}

/** Evaluates {and:[...]} / {or:[...]} against an entity value; `undefined` item = does not exist. */
export function matchesFilters(filters: Filters, item: Record<string, unknown> | undefined): boolean {
  const test = (f: FilterItem) => evaluate(f, attribute(item, f.property));
  return 'and' in filters ? filters.and.every(test) : filters.or.some(test);
}

export function checkFilters(filters: Filters, where: string): void {
  const list = 'and' in filters ? filters.and : filters.or;
  if (list.length === 0) throw KvsErrors.badRequest(`${where}: at least one condition is required`);
  for (const f of list) checkArity(f, `${where} on ${f.property}`);
}
