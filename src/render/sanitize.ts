// Makes a user-supplied value safe to show as literal text. It is never parsed
// as markup (tokens keep it out of the parser); this only removes what would
// mislead a reader or break storage: control characters, bidi overrides
// (Trojan-Source style reordering), lone surrogates, and unbounded length.

export const MAX_VALUE_CHARS = 2000;
/** More line breaks than this in one value are shown as spaces. */
export const MAX_VALUE_LINE_BREAKS = 20;
const ELLIPSIS = '\u2026';
const REPLACEMENT = '\ufffd';

// C0 (except tab/newline), DEL, C1, bidi embeddings/overrides/isolates, BOM, interlinear annotations.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
const LINE_BREAKS = /\r\n|[\r\u0085\u2028\u2029]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function sanitizeUserText(input: string, maxChars: number = MAX_VALUE_CHARS): string {
  // Bound the work first: a 1 MB value only needs its first few thousand characters looked at.
  let s = input.length > maxChars * 2 + 2 ? input.slice(0, maxChars * 2 + 2) : input;
  const cut = s.length < input.length;
  s = s
    .replace(LINE_BREAKS, '\n')
    .replace(/\t/g, ' ')
    .replace(UNSAFE, REPLACEMENT)
    .replace(LONE_SURROGATE, REPLACEMENT);
  s = s.replace(/\n{3,}/g, '\n\n');
  let breaks = 0;
  s = s.replace(/\n/g, () => (++breaks > MAX_VALUE_LINE_BREAKS ? ' ' : '\n'));
  const chars = Array.from(s); // code points, so an emoji is never split in half
  if (chars.length > maxChars || cut) return chars.slice(0, maxChars - 1).join('') + ELLIPSIS;
  return s;
}
