// The catalog edit form's state, as the admin types it, and the catalog.edit changes it means: only the fields
// that differ from the entry, so the governance event's before/after shows exactly what the admin changed. The
// server checks every value (the import's own rules) and names the field that is wrong.
import { POLICY_OVERRIDE_FIELDS } from '../../../src/domain/policy/risk-policy';
import type { DataHandling } from '../agent/types';
import type { CatalogEntry } from './types';

export const OVERRIDE_FIELDS = POLICY_OVERRIDE_FIELDS;
export type OverrideField = (typeof OVERRIDE_FIELDS)[number];
const DAY_FIELDS = ['defaultDays', 'maxDays', 'reviewWindowDays'] as const;
const TEXT_FIELDS = ['name', 'vendor', 'category', 'tier', 'vendorUrl', 'assessedOn', 'risk', 'riskRationale'] as const;
export const CERTIFICATIONS = ['sso', 'soc2', 'iso27001', 'iso42001'] as const;

export interface Draft extends Omit<DataHandling, 'dataResidency'> {
  name: string;
  vendor: string;
  category: string;
  tier: string;
  vendorUrl: string;
  assessedOn: string;
  risk: string;
  riskRationale: string;
  /** Region codes separated by commas or spaces. */
  dataResidency: string;
  defaultDays: string;
  maxDays: string;
  reviewWindowDays: string;
  /** '' = the risk level's value; autoApprovalAllowed is '', 'yes' or 'no'. */
  overrides: Record<OverrideField, string>;
}

export function draftOf(e: CatalogEntry): Draft {
  const o = e.policyOverrides;
  const overrides = Object.fromEntries(
    OVERRIDE_FIELDS.map((f) => {
      const v = o[f];
      const shown =
        typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'number' || typeof v === 'string' ? String(v) : '';
      return [f, shown];
    }),
  ) as Record<OverrideField, string>;
  return {
    name: e.name,
    vendor: e.vendor,
    category: e.category,
    tier: e.tier,
    vendorUrl: e.vendorUrl,
    assessedOn: e.assessedOn,
    risk: e.risk,
    riskRationale: e.riskRationale,
    ...e.dataHandling,
    dataResidency: e.dataHandling.dataResidency.join(', '),
    defaultDays: String(e.defaultDays),
    maxDays: String(e.maxDays),
    reviewWindowDays: String(e.reviewWindowDays),
    overrides,
  };
}

/** A typed number, or NaN (sent as null, which the server refuses naming the field). */
const numberOf = (s: string): number => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : NaN);
/** The same JSON regardless of key order. */
const canonical = (v: object): string =>
  JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))));

function dataHandlingOf(d: Draft): CatalogEntry['dataHandling'] {
  return {
    trainsOnCustomerData: d.trainsOnCustomerData,
    retention: d.retention.trim(),
    sso: d.sso,
    soc2: d.soc2,
    iso27001: d.iso27001,
    iso42001: d.iso42001,
    dataResidency: d.dataResidency.split(/[\s,]+/).filter(Boolean),
  };
}

function overridesOf(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of OVERRIDE_FIELDS) {
    const v = d.overrides[f].trim();
    if (v === '') continue;
    out[f] = f === 'autoApprovalAllowed' ? v === 'yes' : f === 'approverGroup' ? v : numberOf(v);
  }
  return out;
}

/** Whether the draft's data-handling facts differ from the entry's (the assessment date must then move). */
export function dataHandlingChanged(e: CatalogEntry, d: Draft): boolean {
  return canonical(dataHandlingOf(d)) !== canonical(e.dataHandling);
}

/** The catalog.edit `changes` the draft means: the fields that differ from the entry. */
export function changesOf(e: CatalogEntry, d: Draft): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) if (d[f].trim() !== e[f]) changes[f] = d[f].trim();
  for (const f of DAY_FIELDS) if (d[f].trim() !== String(e[f])) changes[f] = numberOf(d[f]);
  if (dataHandlingChanged(e, d)) changes.dataHandling = dataHandlingOf(d);
  const overrides = overridesOf(d);
  if (canonical(overrides) !== canonical(e.policyOverrides)) changes.policyOverrides = overrides;
  return changes;
}
