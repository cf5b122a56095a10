// The small subset of Jira expressions the sandbox can evaluate for a
// trigger's `filter.expression`. Anything outside it is rejected when the
// platform starts (UNSUPPORTED_FILTER_EXPRESSION), never silently let through.
//
// Supported: true, false, parentheses, && and ||, == and != between a path
// and a literal (string, number, true, false, null), and a bare path
// (truthiness). Paths start with `event` and walk the payload the handler
// receives (REST field names: event.issue.fields.issuetype.name); `?.` is
// accepted and means the same as `.` (every step is undefined-safe).
// Not supported: Jira expression objects (issue.issueType), functions,
// arithmetic, comparisons other than == and !=, negation.
import { ForgePlatformError } from './errors';

export type CompiledFilter = (event: Record<string, unknown>) => boolean;

type Token =
  { t: 'path'; v: string[] } | { t: 'lit'; v: unknown } | { t: 'op'; v: '==' | '!=' | '&&' | '||' | '(' | ')' };

const TOKEN =
  /\s*(?:(\(|\)|==|!=|&&|\|\|)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w]*(?:\??\.[A-Za-z_][\w]*)*))/y;

function tokenize(src: string, where: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw unsupported(where, src, `cannot read "${src.slice(pos).trim().slice(0, 20)}"`);
    pos = TOKEN.lastIndex;
    const [, op, str, num, word] = m;
    if (op) out.push({ t: 'op', v: op as '==' });
    else if (str) out.push({ t: 'lit', v: str.slice(1, -1).replace(/\\(.)/g, '$1') });
    else if (num) out.push({ t: 'lit', v: Number(num) });
    else if (word === 'true' || word === 'false') out.push({ t: 'lit', v: word === 'true' });
    else if (word === 'null') out.push({ t: 'lit', v: null });
    else if (word) {
      const parts = word.split(/\??\./);
      if (parts[0] !== 'event') throw unsupported(where, src, `"${word}" does not start with event.`);
      out.push({ t: 'path', v: parts.slice(1) });
    }
  }
  return out;
}

function unsupported(where: string, src: string, why: string): ForgePlatformError {
  return new ForgePlatformError(
    'UNSUPPORTED_FILTER_EXPRESSION',
    `${where}: filter.expression ${JSON.stringify(src)} is outside what the sandbox can evaluate (${why}). ` +
      'Supported: event.<path> == / != literal, &&, ||, parentheses, true/false. Simplify it or filter in the handler.',
  );
}

function walk(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function compileFilterExpression(src: string, where: string): CompiledFilter {
  const tokens = tokenize(src, where);
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (v: string) => {
    const tk = peek();
    return tk?.t === 'op' && tk.v === v;
  };
  type Node = (e: Record<string, unknown>) => unknown;

  const operand = (): Node => {
    const tk = tokens[i++];
    if (!tk) throw unsupported(where, src, 'it ends too early');
    if (tk.t === 'lit') return () => tk.v;
    if (tk.t === 'path') return (e) => walk(e, tk.v);
    if (tk.v === '(') {
      const inner = or();
      if (!isOp(')')) throw unsupported(where, src, 'a parenthesis is not closed');
      i++;
      return inner;
    }
    throw unsupported(where, src, `unexpected "${tk.v}"`);
  };
  const comparison = (): Node => {
    const left = operand();
    if (isOp('==') || isOp('!=')) {
      const negate = (peek() as { v: string }).v === '!=';
      i++;
      const right = operand();
      return (e) => {
        const l = left(e) ?? null;
        const r = right(e) ?? null;
        return negate ? l !== r : l === r;
      };
    }
    return left;
  };
  const and = (): Node => {
    let node = comparison();
    while (isOp('&&')) {
      i++;
      const l = node;
      const r = comparison();
      node = (e) => Boolean(l(e)) && Boolean(r(e));
    }
    return node;
  };
  function or(): Node {
    let node = and();
    while (isOp('||')) {
      i++;
      const l = node;
      const r = and();
      node = (e) => Boolean(l(e)) || Boolean(r(e));
    }
    return node;
  }

  if (tokens.length === 0) throw unsupported(where, src, 'it is empty');
  const root = or();
  if (i !== tokens.length)
    throw unsupported(where, src, `unexpected "${JSON.stringify((tokens[i] as { v: unknown }).v)}"`);
  return (e) => Boolean(root(e));
}
