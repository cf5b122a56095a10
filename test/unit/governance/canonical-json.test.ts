import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson, GovernanceError } from '../../../src/domain/governance';

// canonicalize@4 is ESM-only (no `require` export), so jest cannot import it;
// evaluate its single source file to compare byte for byte.
function loadReference(): (v: unknown) => string {
  const file = path.join(__dirname, '../../../node_modules/canonicalize/lib/canonicalize.js');
  const src = fs.readFileSync(file, 'utf8').replace('export default function canonicalize', 'function canonicalize');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- runs the reference implementation's own source, unmodified but for its export line
  return new Function(`${src}\nreturn canonicalize;`)() as (v: unknown) => string;
}

describe('canonicalJson (RFC 8785)', () => {
  const reference = loadReference();

  it.each([
    ['nested objects with unsorted keys', { b: 1, a: { d: [3, 2, { z: null, y: true }], c: 'x' } }],
    ['numbers in ECMAScript form', [0, -0, 1e21, 1e-7, 0.1, 123456789012345680000, -1.5, 5e-324]],
    ['unicode keys sorted by UTF-16 code units', { '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, a: 4, A: 5, '\u0080': 6 }],
    ['escapes', { s: 'line\nbreak "quoted" \\ \u0001 \u2028 \ud83d\ude00 </script>' }],
    ['undefined members dropped', { a: undefined, b: [undefined, 1] }],
  ])('matches the canonicalize package: %s', (_name, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });

  it('matches the RFC 8785 §3.2.2 sample', () => {
    const input = {
      // eslint-disable-next-line no-loss-of-precision -- RFC 8785's own sample number, which must round exactly as JSON.parse rounds it
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000f\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it.each([[NaN], [Infinity], ['\ud800'], [() => 1], [10n]])('refuses %p with a coded error', (bad) => {
    expect(() => canonicalJson({ bad })).toThrow(GovernanceError);
  });

  it('refuses cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/circular/);
  });
});
