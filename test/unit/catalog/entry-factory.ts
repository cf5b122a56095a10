// Builds catalog entries for tests; every field has a valid default so each
// test states only what it is about.
import type { CatalogEntry } from '../../../src/domain/catalog';
import type { ChangeContext } from '../../../src/domain/policy';

export const NOW = new Date('2026-11-15T09:30:00.000Z');
export const ADMIN: ChangeContext = { actor: { type: 'user', accountId: '5b10a2844c20165700ede21g' }, now: NOW };

export function entry(overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id: 'deepl-pro',
    name: 'DeepL Pro',
    vendor: 'DeepL SE',
    category: 'translation',
    tier: 'business',
    vendorUrl: 'https://www.deepl.com/pro',
    dataHandling: {
      trainsOnCustomerData: 'no',
      retention: 'Deleted after translation',
      sso: true,
      soc2: true,
      iso27001: true,
      iso42001: false,
      dataResidency: ['EU'],
    },
    riskRationale: 'Translation only',
    defaultDays: 90,
    maxDays: 180,
    reviewWindowDays: 14,
    connector: null,
    assessedOn: '2026-11-01',
    risk: 'low',
    status: 'proposed',
    statusReason: null,
    policyOverrides: {},
    origin: { kind: 'seed' },
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function prohibitedEntry(overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return entry({
    id: 'character-ai',
    name: 'Character.AI',
    risk: 'prohibited',
    defaultDays: 0,
    maxDays: 0,
    reviewWindowDays: 0,
    ...overrides,
  });
}
