// Okta's `search` / `filter` expressions (SCIM filter syntax, RFC 7644 § 3.4.2.2, as Okta documents
// it: https://developer.okta.com/docs/api/#filter and the listUsers/listGroups `search` parameter):
//   attrPath op "value" | attrPath pr | (expr) | expr and expr | expr or expr
// with the operators eq, sw, co, gt, ge, lt, le, pr. Property names are case sensitive; operators and
// string values are not. `ne` and `not` are not supported by Okta ("The `ne` (not equal) operator
// isn't supported"), so they are refused here too.

import { parseOrAnd, type Predicate } from '../filter-logic';

export class OktaFilterError extends Error {}

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'paren'; text: '(' | ')' };

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ kind: 'paren', text: c });
      i += 1;
      continue;
    }
    if (c === '"') {
      let text = '';
      i += 1;
      while (i < input.length && input.charAt(i) !== '"') {
        if (input.charAt(i) === '\\' && i + 1 < input.length) i += 1;
        text += input.charAt(i);
        i += 1;
      }
      if (i >= input.length) throw new OktaFilterError('unterminated string in the filter expression');
      i += 1;
      out.push({ kind: 'string', text });
      continue;
    }
    let text = '';
    while (i < input.length && !/[\s()"]/.test(input.charAt(i))) {
      text += input.charAt(i);
      i += 1;
    }
    out.push({ kind: 'word', text });
  }
  return out;
}

const OPERATORS = new Set(['eq', 'sw', 'co', 'gt', 'ge', 'lt', 'le', 'pr']);

function lookup(record: Record<string, unknown>, path: string): unknown {
  let cur: unknown = record;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function compare(actual: unknown, op: string, expected: string | boolean | number | null): boolean {
  const values = Array.isArray(actual) ? (actual as unknown[]) : [actual];
  return values.some((v) => {
    if (expected === null || typeof expected === 'boolean' || typeof expected === 'number')
      return op === 'eq' && v === expected;
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    const a = String(v).toLowerCase();
    const e = expected.toLowerCase();
    switch (op) {
      case 'eq':
        return a === e;
      case 'sw':
        return a.startsWith(e);
      case 'co':
        return a.includes(e);
      case 'gt':
        return a > e;
      case 'ge':
        return a >= e;
      case 'lt':
        return a < e;
      case 'le':
        return a <= e;
      default:
        return false;
    }
  });
}

export function parseOktaFilter(input: string): Predicate {
  const tokens = tokenize(input);
  let pos = 0;
  const peekWord = (): string | undefined => {
    const t = tokens[pos];
    return t?.kind === 'word' ? t.text.toLowerCase() : undefined;
  };

  function orExpr(): Predicate {
    return parseOrAnd(factor, peekWord, () => (pos += 1));
  }
  function factor(): Predicate {
    const t = tokens[pos];
    if (!t) throw new OktaFilterError('the filter expression ends too early');
    if (t.kind === 'paren' && t.text === '(') {
      pos += 1;
      const inner = orExpr();
      const close = tokens[pos];
      if (close?.kind !== 'paren' || close.text !== ')')
        throw new OktaFilterError('missing ) in the filter expression');
      pos += 1;
      return inner;
    }
    if (t.kind !== 'word') throw new OktaFilterError(`expected an attribute, got "${t.text}"`);
    if (t.text.toLowerCase() === 'not') throw new OktaFilterError('the not operator is not supported');
    const attr = t.text;
    pos += 1;
    const opTok = tokens[pos];
    const op = opTok?.kind === 'word' ? opTok.text.toLowerCase() : '';
    if (op === 'ne') throw new OktaFilterError('the ne operator is not supported');
    if (!OPERATORS.has(op)) throw new OktaFilterError(`unknown operator after ${attr}`);
    pos += 1;
    if (op === 'pr') return (rec) => lookup(rec, attr) !== undefined && lookup(rec, attr) !== null;
    const v = tokens[pos];
    if (!v || v.kind === 'paren') throw new OktaFilterError(`missing value after ${attr} ${op}`);
    pos += 1;
    let expected: string | boolean | number | null;
    if (v.kind === 'string') expected = v.text;
    else if (v.text === 'true' || v.text === 'false') expected = v.text === 'true';
    else if (v.text === 'null') expected = null;
    else if (/^-?\d+(\.\d+)?$/.test(v.text)) expected = Number(v.text);
    else throw new OktaFilterError(`the value after ${attr} ${op} must be quoted`);
    return (rec) => compare(lookup(rec, attr), op, expected);
  }

  const predicate = orExpr();
  if (pos !== tokens.length) throw new OktaFilterError('unexpected text at the end of the filter expression');
  return predicate;
}
