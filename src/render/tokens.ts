// Opaque placeholders for data values. Before Handlebars runs, every string and
// number in the data is swapped for a token made of private-use code points;
// the markup parser treats a token as an atom, and only at the very end is it
// replaced by a plain text node holding the (sanitised) value. User text thus
// never reaches the Handlebars or markup parsers at all.
import { sanitizeUserText } from './sanitize';

export const TOKEN_OPEN = '\ue000';
export const TOKEN_CLOSE = '\ue001';
/** Any private-use code point; templates may not contain them, so tokens cannot be forged. */
export const PRIVATE_USE = /[\ue000-\uf8ff]/;
export const TOKEN_PATTERN = /\ue000([tl])(\d{1,6})\ue001/g;

export type TokenValue = { kind: 'text'; text: string; raw: unknown } | { kind: 'link'; text: string; href: string };

export class TokenTable {
  private readonly values: TokenValue[] = [];

  text(raw: string | number, display?: string, maxChars?: number): string {
    const text = display ?? sanitizeUserText(String(raw), maxChars);
    return this.add({ kind: 'text', text, raw });
  }

  /** Only for hrefs composed by trusted helpers from validated parts. */
  link(text: string, href: string): string {
    return this.add({ kind: 'link', text, href });
  }

  get(kind: string, index: number): TokenValue | undefined {
    const v = this.values[index];
    return v && v.kind[0] === kind ? v : undefined;
  }

  /** The original value behind a token (for helpers like eq and if); other values pass through. */
  resolve(value: unknown): unknown {
    if (typeof value !== 'string') return value;
    const m = /^\ue000([tl])(\d{1,6})\ue001$/.exec(value);
    if (!m) return value;
    const v = this.get(m[1], Number(m[2]));
    return v?.kind === 'text' ? v.raw : v?.text;
  }

  private add(v: TokenValue): string {
    this.values.push(v);
    return `${TOKEN_OPEN}${v.kind[0]}${this.values.length - 1}${TOKEN_CLOSE}`;
  }
}

/** List entries are names and short reasons; a tighter cap keeps a 50-item list inside Jira's comment limit. */
export const MAX_LIST_ITEM_CHARS = 200;

/** Deep copy of `data` with every non-empty string and every number replaced by a token. */
export function tokenizeData(data: unknown, table: TokenTable, inList = false): unknown {
  if (typeof data === 'string')
    return data === '' ? '' : table.text(data, undefined, inList ? MAX_LIST_ITEM_CHARS : undefined);
  if (typeof data === 'number') return table.text(data);
  if (Array.isArray(data)) return data.map((v) => tokenizeData(v, table, true));
  if (data !== null && typeof data === 'object') {
    // Null prototype: a key like "constructor" or "__proto__" is just data.
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(data)) out[k] = tokenizeData(v, table, inList);
    return out;
  }
  return data;
}
