// Each way a seed file can be wrong, with the exact message and location an
// admin sees: file:line:col, the entry, the rule, and the path.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalogSeed, parseCatalogSeedTexts } from '../../../src/config/catalog-seed';
import { ConfigError } from '../../../src/config/yaml-source';

// Line numbers below: the tool starts on line 3 ("  - id: ...", key at column 5);
// category is line 6, defaultRisk 17, defaultDays 19, maxDays 20, reviewWindowDays 21.
function tool(id: string, edit: (text: string) => string = (t) => t): string {
  return edit(`  - id: ${id}
    name: Tool ${id}
    vendor: Example Vendor
    category: assistant
    tier: business
    vendorUrl: https://example.com/
    dataHandling:
      trainsOnCustomerData: "no"
      retention: Deleted after 30 days
      sso: true
      soc2: true
      iso27001: false
      iso42001: false
      dataResidency: []
    defaultRisk: medium
    riskRationale: Fine for a test
    defaultDays: 30
    maxDays: 90
    reviewWindowDays: 14
`);
}

const file = (...tools: string[]) => `assessedOn: 2026-11-01\ntools:\n${tools.join('')}`;

function problems(files: Record<string, string>): string[] {
  try {
    parseCatalogSeedTexts(Object.entries(files).map(([name, text]) => ({ file: name, text })));
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected the seed to be refused');
}

describe('catalog seed errors', () => {
  it('accepts the fixture as written (so each case below fails for its own reason)', () => {
    expect(parseCatalogSeedTexts([{ file: 'a.yml', text: file(tool('t1'), tool('t2')) }]).map((e) => e.id)).toEqual([
      't1',
      't2',
    ]);
  });

  it('missing field: points at the entry and names the field', () => {
    expect(problems({ 'a.yml': file(tool('t1', (t) => t.replace('    vendor: Example Vendor\n', ''))) })).toEqual([
      'a.yml:3:5: entry "t1": missing required value (expected string) (at tools[0].vendor)',
    ]);
  });

  it('unknown risk level', () => {
    expect(
      problems({ 'a.yml': file(tool('t1', (t) => t.replace('defaultRisk: medium', 'defaultRisk: extreme'))) }),
    ).toEqual([
      'a.yml:17:5: entry "t1": must be one of "low", "medium", "high", "prohibited"; got string "extreme" (at tools[0].defaultRisk)',
    ]);
  });

  it('unknown category', () => {
    expect(
      problems({ 'a.yml': file(tool('t1', (t) => t.replace('category: assistant', 'category: chatbot'))) }),
    ).toEqual([
      'a.yml:6:5: entry "t1": must be one of "assistant", "coding", "meeting", "writing", "translation", "image", "search", "model-api", "other"; got string "chatbot" (at tools[0].category)',
    ]);
  });

  it('duplicate id across files: reported at the repeat, pointing at the first', () => {
    expect(problems({ 'a.yml': file(tool('t1')), 'b.yml': file(tool('t2'), tool('t1')) })).toEqual([
      'b.yml:22:5: entry "t1": duplicate id; "t1" is already defined at a.yml:3:5. Ids must be unique across all catalog files (at tools[1].id)',
    ]);
  });

  it('maxDays below defaultDays', () => {
    expect(problems({ 'a.yml': file(tool('t1', (t) => t.replace('defaultDays: 30', 'defaultDays: 120'))) })).toEqual([
      'a.yml:20:5: entry "t1": maxDays (90) is below defaultDays (120); raise maxDays or lower defaultDays (at tools[0].maxDays)',
    ]);
  });

  it('review window as long as maxDays', () => {
    expect(
      problems({ 'a.yml': file(tool('t1', (t) => t.replace('reviewWindowDays: 14', 'reviewWindowDays: 90'))) }),
    ).toEqual([
      'a.yml:21:5: entry "t1": reviewWindowDays (90) must be shorter than maxDays (90), or a full-length grant would be under review from its first day (at tools[0].reviewWindowDays)',
    ]);
  });

  it('maxDays beyond the one-year hard cap', () => {
    expect(problems({ 'a.yml': file(tool('t1', (t) => t.replace('maxDays: 90', 'maxDays: 400'))) })).toEqual([
      'a.yml:20:5: entry "t1": maxDays must be from 1 to 365 days; got 400 (at tools[0].maxDays)',
    ]);
  });

  it('a requestable risk level without durations', () => {
    expect(problems({ 'a.yml': file(tool('t1', (t) => t.replace('    defaultDays: 30\n', ''))) })).toEqual([
      'a.yml:3:5: entry "t1": defaultDays is required for a tool that can be requested (risk medium) (at tools[0].defaultDays)',
    ]);
  });

  it('a prohibited tool with a duration', () => {
    expect(
      problems({
        'a.yml': file(
          tool('t1', (t) =>
            t
              .replace('defaultRisk: medium', 'defaultRisk: prohibited')
              .replace('    defaultDays: 30\n', '')
              .replace('    reviewWindowDays: 14\n', ''),
          ),
        ),
      }),
    ).toEqual(['a.yml:19:5: entry "t1": a prohibited tool has no duration; remove maxDays (at tools[0].maxDays)']);
  });

  it('a seed cannot declare a status (seeded tools always start proposed)', () => {
    expect(
      problems({
        'a.yml': file(
          tool('t1', (t) => t.replace('defaultRisk: medium', 'defaultRisk: medium\n    status: requestable')),
        ),
      }),
    ).toEqual(['a.yml:18:5: entry "t1": unknown key "status"; remove or correct it (at tools[0])']);
  });

  it('an id that is not kebab-case', () => {
    expect(problems({ 'a.yml': file(tool('t1'), tool('Bad_Id')) })).toEqual([
      'a.yml:22:5: entry "Bad_Id": id must be kebab-case: lower-case letters and digits separated by single hyphens, e.g. chatgpt-enterprise (at tools[1].id)',
    ]);
  });

  it("a connector whose group id is not in the provider's format", () => {
    const bound = (t: string) =>
      t.replace(
        'reviewWindowDays: 14\n',
        'reviewWindowDays: 14\n    connector:\n      provider: entra\n      groupId: ai-users\n',
      );
    expect(problems({ 'a.yml': file(tool('t1', bound)) })).toEqual([
      'a.yml:24:7: entry "t1": groupId must be a Microsoft Entra group object id (a GUID), e.g. 6f3c2a1e-0b4d-4f7a-9c2e-1d5b8a7e9f01; got "ai-users" (at tools[0].connector.groupId)',
    ]);
  });

  it('an entry with no assessment date', () => {
    expect(problems({ 'a.yml': `tools:\n${tool('t1')}` })).toEqual([
      'a.yml:2:5: entry "t1": assessedOn is missing; set it on the entry or once at the top of the file (at tools[0])',
    ]);
  });

  it("reports every file's problems in one run, and returns nothing", () => {
    expect(
      problems({
        'a.yml': 'tools: [',
        'b.yml': file(tool('t1', (t) => t.replace('defaultRisk: medium', 'defaultRisk: severe'))),
      }),
    ).toEqual([
      expect.stringMatching(/^a\.yml:1:\d+: YAML syntax: /),
      'b.yml:17:5: entry "t1": must be one of "low", "medium", "high", "prohibited"; got string "severe" (at tools[0].defaultRisk)',
    ]);
  });

  it('names a missing or empty seed folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
    try {
      expect(() => loadCatalogSeed(dir)).toThrow(`${dir}:1:1: no *.yml files in the catalog seed folder`);
      expect(() => loadCatalogSeed(path.join(dir, 'missing'))).toThrow('catalog seed folder not found or not readable');
      fs.writeFileSync(path.join(dir, 'one.yml'), file(tool('t1')));
      fs.writeFileSync(path.join(dir, 'notes.md'), 'not read');
      expect(loadCatalogSeed(dir).map((e) => e.id)).toEqual(['t1']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
