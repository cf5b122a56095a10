// The two filter languages the emulated IdPs evaluate (docs/platform-contract.md OKTA-2, OKTA-7,
// GRAPH-4): precedence, quoting, case rules, and refusal of what the vendors do not support.
import { parseOktaFilter, OktaFilterError } from '../../../src/sandbox/idp/okta/filter';
import { GraphFilterError, parseGraphFilter } from '../../../src/sandbox/idp/graph/filter';

const people = [
  { id: '1', status: 'ACTIVE', profile: { email: 'Alice@Example.com', name: 'AI - Copilot' } },
  { id: '2', status: 'SUSPENDED', profile: { email: 'bob@example.com', name: 'Engineering' } },
  { id: '3', status: 'ACTIVE', profile: { email: 'carol@other.org', name: 'AI - Claude' } },
];
const okta = (expr: string) => people.filter(parseOktaFilter(expr)).map((p) => p.id);

describe('Okta search expressions', () => {
  it('eq/sw/co compare string values case-insensitively; property names are exact', () => {
    expect(okta('profile.email eq "alice@example.com"')).toEqual(['1']);
    expect(okta('profile.name sw "ai - c"')).toEqual(['1', '3']);
    expect(okta('profile.email co "EXAMPLE"')).toEqual(['1', '2']);
    expect(okta('profile.Email eq "alice@example.com"')).toEqual([]);
  });
  it('and binds tighter than or; parentheses group; operators are case-insensitive', () => {
    expect(okta('status eq "SUSPENDED" or status eq "ACTIVE" AND profile.email co "other"')).toEqual(['2', '3']);
    expect(okta('(status eq "SUSPENDED" or status eq "ACTIVE") and profile.email co "other"')).toEqual(['3']);
    expect(okta('profile.name pr and id eq "2"')).toEqual(['2']);
  });
  it('reads escaped quotes inside values', () => {
    expect(people.filter(parseOktaFilter('profile.name eq "say \\"hi\\""'))).toEqual([]);
  });
  it.each(['profile.email ne "x"', 'not (id eq "1")', 'id eq 1x', 'id eq "1', '(id eq "1"', 'id eq "1" )', 'id'])(
    'refuses %s',
    (expr) => {
      expect(() => parseOktaFilter(expr)).toThrow(OktaFilterError);
    },
  );
});

const groups = [
  { id: 'a', displayName: "O'Brien team", securityEnabled: true, mail: null },
  { id: 'b', displayName: 'AI - Claude for Work', securityEnabled: false, mail: 'ai@x.com' },
];
const PROPS = new Set(['id', 'displayName', 'securityEnabled', 'mail']);
const graph = (expr: string) => groups.filter(parseGraphFilter(expr, PROPS)).map((g) => g.id);

describe('Graph $filter subset', () => {
  it("eq with '' escaping, booleans and null; startswith", () => {
    expect(graph("displayName eq 'O''Brien team'")).toEqual(['a']);
    expect(graph("displayName eq 'ai - claude for work'")).toEqual(['b']);
    expect(graph('securityEnabled eq false')).toEqual(['b']);
    expect(graph('mail eq null')).toEqual(['a']);
    expect(graph("startswith(displayName,'AI')")).toEqual(['b']);
  });
  it('and/or with parentheses', () => {
    expect(graph("id eq 'a' or id eq 'b' and securityEnabled eq true")).toEqual(['a']);
    expect(graph("(id eq 'a' or id eq 'b') and securityEnabled eq false")).toEqual(['b']);
  });
  it.each(["displayName ne 'x'", "owner eq 'x'", "displayName eq 'x", 'displayName eq x', "endswith(displayName,'x')"])(
    'refuses %s',
    (expr) => {
      expect(() => parseGraphFilter(expr, PROPS)).toThrow(GraphFilterError);
    },
  );
});
