// The OData `$filter` subset the emulated Graph answers on /groups and /users:
//   prop eq 'value' | prop eq true|false|null | startswith(prop,'value') | (expr) | expr and|or expr
// with '' escaping a quote inside a string, as OData and Graph document it
// (https://learn.microsoft.com/en-us/graph/filter-query-parameter › "Operators and functions supported
// in filter expressions"; "Escaping single quotes"). Anything else is refused the way Graph refuses
// an unsupported query (400 Request_UnsupportedQuery) rather than answered wrongly.

import { parseOrAnd, type Predicate } from '../filter-logic';

export class GraphFilterError extends Error {}

type Token = { kind: 'word' | 'string' | 'punct'; text: string };

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ kind: 'punct', text: c });
      i += 1;
    } else if (c === "'") {
      let text = '';
      i += 1;
      for (;;) {
        if (i >= input.length) throw new GraphFilterError('unterminated string literal');
        if (input.charAt(i) === "'") {
          if (input.charAt(i + 1) === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        text += input.charAt(i);
        i += 1;
      }
      out.push({ kind: 'string', text });
    } else {
      let text = '';
      while (i < input.length && !/[\s(),']/.test(input.charAt(i))) {
        text += input.charAt(i);
        i += 1;
      }
      out.push({ kind: 'word', text });
    }
  }
  return out;
}

export function parseGraphFilter(input: string, properties: ReadonlySet<string>): Predicate {
  const tokens = tokenize(input);
  let pos = 0;
  const word = (): string | undefined => (tokens[pos]?.kind === 'word' ? tokens[pos]?.text : undefined);
  const expect = (kind: Token['kind'], text?: string): Token => {
    const t = tokens[pos];
    if (!t || t.kind !== kind || (text !== undefined && t.text !== text))
      throw new GraphFilterError(`Invalid filter clause: expected ${text ?? kind} at token ${pos + 1}`);
    pos += 1;
    return t;
  };
  const property = (): string => {
    const name = expect('word').text;
    if (!properties.has(name))
      throw new GraphFilterError(`Unsupported or invalid query filter clause specified for property '${name}'.`);
    return name;
  };

  function or(): Predicate {
    return parseOrAnd(atom, word, () => (pos += 1));
  }
  function atom(): Predicate {
    const t = tokens[pos];
    if (t?.kind === 'punct' && t.text === '(') {
      pos += 1;
      const inner = or();
      expect('punct', ')');
      return inner;
    }
    if (t?.kind === 'word' && t.text.toLowerCase() === 'startswith') {
      pos += 1;
      expect('punct', '(');
      const prop = property();
      expect('punct', ',');
      const value = expect('string').text.toLowerCase();
      expect('punct', ')');
      return (x) => typeof x[prop] === 'string' && (x[prop] as string).toLowerCase().startsWith(value);
    }
    const prop = property();
    const op = word();
    if (op !== 'eq') throw new GraphFilterError(`Unsupported query: operator '${op ?? ''}' is not supported here.`);
    pos += 1;
    const v = tokens[pos];
    if (!v) throw new GraphFilterError('Invalid filter clause: missing value');
    pos += 1;
    if (v.kind === 'string') {
      const expected = v.text.toLowerCase();
      // Graph compares directory strings case-insensitively.
      return (x) => typeof x[prop] === 'string' && (x[prop] as string).toLowerCase() === expected;
    }
    if (v.kind === 'word' && ['true', 'false', 'null'].includes(v.text)) {
      const expected = v.text === 'null' ? null : v.text === 'true';
      return (x) => (x[prop] ?? null) === expected;
    }
    throw new GraphFilterError(`Invalid filter clause: the value for '${prop}' must be a quoted string`);
  }

  const predicate = or();
  if (pos !== tokens.length) throw new GraphFilterError('Invalid filter clause: unexpected text at the end');
  return predicate;
}
