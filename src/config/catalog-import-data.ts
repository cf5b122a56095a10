// The admin's catalog import/export as data: the seed's tool profile with the
// state an admin sets (risk in force, status, overrides). Export then import
// gives back exactly the same entries, so an admin can edit the catalog as a
// file, review it as a diff, and load it again. An import is all or nothing:
// any problem rejects the whole file. YAML lives at the edges (catalog-import.ts,
// used by the CLI and tests); Forge functions see only this data form.
import * as z from 'zod/mini';
import { MAX_REASON_LENGTH } from '../domain/catalog/lifecycle';
import type { CatalogImportEntry } from '../domain/catalog/types';
import { CATALOG_STATUSES } from '../domain/catalog/vocabulary';
import { POLICY_OVERRIDE_FIELDS, RISK_LEVELS, type PolicyOverrides } from '../domain/policy/risk-policy';
import {
  IdRegistry,
  isoDateSchema,
  parseNamingEntries,
  toolProfileFrom,
  toolProfileShape,
  withToolRules,
} from './catalog-schema';
import { ConfigError, type ConfigProblem, type ConfigSource } from './config-error';
import { DataSource } from './data-source';

export const CATALOG_EXPORT_FORMAT = 'ai-clearance-catalog/v1';

const policyOverridesSchema = z.strictObject({
  secondReminderDays: z.optional(z.number()),
  autoApprovalAllowed: z.optional(z.boolean()),
  autoApprovalMaxDays: z.optional(z.number()),
  approverGroup: z.optional(z.string()),
  escalationAfterHours: z.optional(z.number()),
  lapseAfterDays: z.optional(z.number()),
  maxTotalDays: z.optional(z.number()),
}) satisfies z.ZodMiniType<PolicyOverrides>;

const importToolSchema = z
  .strictObject({
    ...toolProfileShape,
    assessedOn: isoDateSchema,
    risk: z.enum(RISK_LEVELS),
    status: z.enum(CATALOG_STATUSES),
    statusReason: z.optional(
      z.nullable(
        z
          .string()
          .check(
            z.trim(),
            z.minLength(1, 'statusReason must not be empty'),
            z.maxLength(MAX_REASON_LENGTH, `statusReason must be at most ${MAX_REASON_LENGTH} characters`),
          ),
      ),
    ),
    policyOverrides: z.optional(policyOverridesSchema),
  })
  .check(
    z.superRefine((t, ctx) => {
      withToolRules(
        {
          risk: t.risk,
          defaultDays: t.defaultDays,
          maxDays: t.maxDays,
          reviewWindowDays: t.reviewWindowDays,
          connector: t.connector,
          status: t.status,
          policyOverrides: t.policyOverrides,
        },
        ctx,
      );
      const leftCatalog = t.status === 'suspended' || t.status === 'retired';
      if (leftCatalog && !t.statusReason)
        ctx.addIssue({
          code: 'custom',
          path: ['status'],
          message: `a ${t.status} tool needs a statusReason saying why; it is shown to requesters and kept as evidence`,
        });
      if (!leftCatalog && t.statusReason)
        ctx.addIssue({
          code: 'custom',
          path: ['statusReason'],
          message: `statusReason applies only to suspended or retired tools; remove it for a ${t.status} tool`,
        });
    }),
  );

const importFileSchema = z.strictObject({
  format: z
    .string()
    .check(
      z.refine(
        (f: string) => f === CATALOG_EXPORT_FORMAT,
        `format must be "${CATALOG_EXPORT_FORMAT}"; export the catalog to get a file in the current format`,
      ),
    ),
  tools: z.array(importToolSchema),
});

/** Validates an import (YAML-parsed or JSON) and returns its entries; ConfigError lists every problem. */
export function catalogImportFrom(source: ConfigSource): CatalogImportEntry[] {
  const parsed = parseNamingEntries(source, importFileSchema);
  const problems: ConfigProblem[] = [];
  const ids = new IdRegistry();
  parsed.tools.forEach((t, index) => {
    const duplicate = ids.check(source, index, t.id);
    if (duplicate) problems.push(duplicate);
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.tools.map((t) => ({
    ...toolProfileFrom(t, t.assessedOn),
    risk: t.risk,
    status: t.status,
    statusReason: t.statusReason ?? null,
    policyOverrides: t.policyOverrides ?? {},
  }));
}

export function catalogImportFromData(data: unknown, label = 'import'): CatalogImportEntry[] {
  return catalogImportFrom(new DataSource(label, data));
}

/** Accepts live entries too (CatalogEntry has every field); storage-only fields are left out. */
export interface CatalogExportData {
  format: typeof CATALOG_EXPORT_FORMAT;
  tools: Array<Record<string, unknown>>;
}

export function catalogExportData(entries: readonly CatalogImportEntry[]): CatalogExportData {
  const tools = entries.map((e) => {
    const out: Record<string, unknown> = {
      id: e.id,
      name: e.name,
      vendor: e.vendor,
      category: e.category,
      tier: e.tier,
      vendorUrl: e.vendorUrl,
      risk: e.risk,
      riskRationale: e.riskRationale,
      status: e.status,
    };
    if (e.statusReason) out.statusReason = e.statusReason;
    if (e.risk !== 'prohibited')
      Object.assign(out, { defaultDays: e.defaultDays, maxDays: e.maxDays, reviewWindowDays: e.reviewWindowDays });
    out.dataHandling = { ...e.dataHandling, dataResidency: [...e.dataHandling.dataResidency] };
    if (e.connector) out.connector = { provider: e.connector.provider, groupId: e.connector.groupId };
    const overrides = Object.fromEntries(
      POLICY_OVERRIDE_FIELDS.filter((f) => e.policyOverrides[f] !== undefined).map((f) => [f, e.policyOverrides[f]]),
    );
    if (Object.keys(overrides).length > 0) out.policyOverrides = overrides;
    out.assessedOn = e.assessedOn;
    return out;
  });
  return { format: CATALOG_EXPORT_FORMAT, tools };
}
