import { CATALOG_EXPORT_FORMAT, exportCatalogYaml, parseCatalogImport } from '../../../src/config/catalog-import';
import { loadCatalogSeed } from '../../../src/config/catalog-seed';
import { ConfigError } from '../../../src/config/yaml-source';
import { entryFromSeed, type CatalogEntry } from '../../../src/domain/catalog';
import { ADMIN, entry, prohibitedEntry } from './entry-factory';

const asImport = (e: CatalogEntry) => {
  const { origin: _origin, updatedAt: _updatedAt, version: _version, ...rest } = e;
  return rest;
};

function refusal(text: string): string[] {
  try {
    parseCatalogImport(text, 'catalog.yml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe('catalog YAML export and import', () => {
  const live = [
    entry({
      status: 'requestable',
      policyOverrides: { approverGroup: 'translators', maxTotalDays: 200 },
      connector: { provider: 'okta', groupId: '00g1emaKYZTWRYYRRTSK' },
    }),
    entry({
      id: 'midjourney',
      name: 'Midjourney',
      risk: 'high',
      defaultDays: 14,
      maxDays: 30,
      reviewWindowDays: 7,
      status: 'suspended',
      statusReason: 'Licence terms under legal review',
    }),
    prohibitedEntry({ status: 'retired', statusReason: 'Never to be used' }),
  ];

  it('round-trips: import(export(entries)) gives the same entries back', () => {
    expect(parseCatalogImport(exportCatalogYaml(live), 'catalog.yml')).toEqual(live.map(asImport));
  });

  it('round-trips the whole seeded catalog, and exporting again gives the same text', () => {
    const seeded = loadCatalogSeed().map((s) => entryFromSeed(s, ADMIN).entry);
    const text = exportCatalogYaml(seeded);
    const imported = parseCatalogImport(text, 'catalog.yml');
    expect(imported).toEqual(seeded.map(asImport));
    expect(exportCatalogYaml(imported)).toBe(text);
  });

  it('writes a readable file: format line, one-line region lists, no storage fields, no durations for prohibited tools', () => {
    const text = exportCatalogYaml(live);
    expect(text).toMatch(/^# AI Clearance catalog export\./);
    expect(text).toContain(`format: ${CATALOG_EXPORT_FORMAT}\n`);
    expect(text).toContain('dataResidency: [ EU ]');
    expect(text).toContain('trainsOnCustomerData: "no"');
    expect(text).not.toMatch(/version:|updatedAt:|origin:/);
    const prohibitedPart = text.slice(text.indexOf('id: character-ai'));
    expect(prohibitedPart).not.toMatch(/maxDays|defaultDays/);
  });

  it('refuses a prohibited tool marked requestable, naming the entry', () => {
    const text = exportCatalogYaml([prohibitedEntry()]).replace('status: proposed', 'status: requestable');
    expect(refusal(text)).toEqual([
      'catalog.yml:15:5: entry "character-ai": a prohibited tool can never be requestable; set status to proposed, suspended or retired, or reassess its risk (at tools[0].status)',
    ]);
  });

  it('refuses duplicate ids within the file', () => {
    expect(refusal(exportCatalogYaml([entry(), entry()]))).toEqual([
      'catalog.yml:28:5: entry "deepl-pro": duplicate id; "deepl-pro" is already defined at catalog.yml:7:5. Ids must be unique across all catalog files (at tools[1].id)',
    ]);
  });

  it('requires a reason for a suspended tool, and refuses one on a requestable tool', () => {
    const suspended = exportCatalogYaml([entry({ status: 'suspended', statusReason: 'x' })]).replace(
      / *statusReason: x\n/,
      '',
    );
    expect(refusal(suspended)).toEqual([
      expect.stringContaining('entry "deepl-pro": a suspended tool needs a statusReason saying why'),
    ]);
    const requestable = exportCatalogYaml([entry({ status: 'suspended', statusReason: 'x' })]).replace(
      'status: suspended',
      'status: requestable',
    );
    expect(refusal(requestable)).toEqual([
      expect.stringContaining(
        'entry "deepl-pro": statusReason applies only to suspended or retired tools; remove it for a requestable tool',
      ),
    ]);
  });

  it('checks policy overrides with the same rules as the admin page', () => {
    const text = exportCatalogYaml([entry({ policyOverrides: { maxTotalDays: 100 } })]);
    expect(refusal(text)).toEqual([
      expect.stringMatching(
        /entry "deepl-pro": maxTotalDays \(100\) must be at least maxDays \(180\) so one full grant fits \(at tools\[0\]\.policyOverrides\.maxTotalDays\)$/,
      ),
    ]);
  });

  it('refuses a file without the export format line, or in another format', () => {
    expect(refusal('tools: []')).toEqual(['catalog.yml:1:1: missing required value (expected string) (at format)']);
    expect(refusal('format: ai-clearance-catalog/v0\ntools: []')).toEqual([
      `catalog.yml:1:1: format must be "${CATALOG_EXPORT_FORMAT}"; export the catalog to get a file in the current format (at format)`,
    ]);
  });
});
