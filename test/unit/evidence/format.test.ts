// CSV exports: RFC 4180 quoting and OWASP formula-injection neutralisation.
import { parse } from 'csv-parse/sync';
import { formatRows, headerOf } from '../../../src/domain/evidence/format';

const cols = ['a', 'b'];
const roundTrip = (values: string[]) => {
  const text =
    headerOf('csv', cols) +
    formatRows(
      'csv',
      cols,
      values.map((v) => ({ a: v, b: 'x' })),
    );
  return { text, rows: parse<{ a: string; b: string }>(text, { columns: true }) };
};

describe('formula injection (https://owasp.org/www-community/attacks/CSV_Injection)', () => {
  it.each(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'])(
    'neutralises a cell starting with %j by a leading quote',
    (c) => {
      const { rows } = roundTrip([`${c}1+cmd|'/c calc'!A1`]);
      expect(rows[0].a).toBe(`'${c}1+cmd|'/c calc'!A1`);
    },
  );

  it('neutralises formulas in cells that need quoting (separators, quotes, line breaks inside)', () => {
    const { text, rows } = roundTrip(['=HYPERLINK("http://x","a,b")\r\nnext', '-2+3,=1+1']);
    expect(rows.map((r) => r.a)).toEqual(['\'=HYPERLINK("http://x","a,b")\r\nnext', "'-2+3,=1+1"]);
    // A separator inside a quoted cell never starts a new, unneutralised field.
    expect(rows.every((r) => r.b === 'x')).toBe(true);
    expect(text).toContain('"\'-2+3,=1+1","x"\r\n');
  });

  it('leaves text that merely contains the characters alone', () => {
    expect(roundTrip(['a=b', 'x-y', 'mail@example.com']).rows.map((r) => r.a)).toEqual([
      'a=b',
      'x-y',
      'mail@example.com',
    ]);
  });
});

describe('RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180 § 2)', () => {
  it('quotes every field, doubles quotes inside, ends records with CRLF', () => {
    const text = formatRows('csv', cols, [{ a: 'say "hi"', b: null }]);
    expect(text).toBe('"say ""hi""",""\r\n');
    expect(headerOf('csv', cols)).toBe('"a","b"\r\n');
  });

  it('keeps commas and line breaks inside a field', () => {
    expect(roundTrip(['one, two\nthree']).rows[0].a).toBe('one, two\nthree');
  });

  it('writes JSON Lines with the columns in order and null for missing cells', () => {
    expect(formatRows('jsonl', cols, [{ b: 1 }, { a: '=x', b: true }])).toBe('{"a":null,"b":1}\n{"a":"=x","b":true}\n');
  });
});
