// The admin's YAML import/export of the catalog: the seed's tool profile with
// the state an admin sets (risk in force, status, overrides). Export then
// import gives back exactly the same entries, so an admin can edit the
// catalog as a file, review it as a diff, and load it again.
// An import is all or nothing: any problem rejects the whole file.
import { Document, visit, isScalar } from 'yaml';
import * as z from 'zod';
import { MAX_REASON_LENGTH } from '../domain/catalog/lifecycle';
import type { CatalogImportEntry } from '../domain/catalog/types';
import { CATALOG_STATUSES } from '../domain/catalog/vocabulary';
import { POLICY_OVERRIDE_FIELDS, RISK_LEVELS, type PolicyOverrides } from '../domain/policy/risk-policy';
import { IdRegistry, isoDateSchema, parseNamingEntries, toolProfileFrom, toolProfileShape, withToolRules } from './catalog-schema';
import { ConfigError, YamlSource, type ConfigProblem } from './yaml-source';

export const CATALOG_EXPORT_FORMAT = 'ai-clearance-catalog/v1';

const policyOverridesSchema = z.strictObject({
  secondReminderDays: z.number().optional(),
  autoApprovalAllowed: z.boolean().optional(),
  autoApprovalMaxDays: z.number().optional(),
  approverGroup: z.string().optional(),
  escalationAfterHours: z.number().optional(),
  lapseAfterDays: z.number().optional(),
  maxTotalDays: z.number().optional(),
}) satisfies z.ZodType<PolicyOverrides>;

const importToolSchema = z
  .strictObject({
    ...toolProfileShape,
    assessedOn: isoDateSchema,
    risk: z.enum(RISK_LEVELS),
    status: z.enum(CATALOG_STATUSES),
    statusReason: z.string().trim().min(1, 'statusReason must not be empty').max(MAX_REASON_LENGTH, `statusReason must be at most ${MAX_REASON_LENGTH} characters`).nullable().optional(),
    policyOverrides: policyOverridesSchema.optional(),
  })
  .superRefine((t, ctx) => {
    withToolRules({ risk: t.risk, defaultDays: t.defaultDays, maxDays: t.maxDays, reviewWindowDays: t.reviewWindowDays, connector: t.connector, status: t.status, policyOverrides: t.policyOverrides }, ctx);
    const leftCatalog = t.status === 'suspended' || t.status === 'retired';
    if (leftCatalog && !t.statusReason) ctx.addIssue({ code: 'custom', path: ['status'], message: `a ${t.status} tool needs a statusReason saying why; it is shown to requesters and kept as evidence` });
    if (!leftCatalog && t.statusReason) ctx.addIssue({ code: 'custom', path: ['statusReason'], message: `statusReason applies only to suspended or retired tools; remove it for a ${t.status} tool` });
  });

const importFileSchema = z.strictObject({
  format: z.string().refine((f) => f === CATALOG_EXPORT_FORMAT, `format must be "${CATALOG_EXPORT_FORMAT}"; export the catalog to get a file in the current format`),
  tools: z.array(importToolSchema),
});

export function parseCatalogImport(text: string, fileName: string): CatalogImportEntry[] {
  const source = YamlSource.fromText(fileName, text);
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

/** Accepts live entries too (CatalogEntry has every field); storage-only fields are left out. */
export function exportCatalogYaml(entries: readonly CatalogImportEntry[]): string {
  const tools = entries.map((e) => {
    const out: Record<string, unknown> = { id: e.id, name: e.name, vendor: e.vendor, category: e.category, tier: e.tier, vendorUrl: e.vendorUrl, risk: e.risk, riskRationale: e.riskRationale, status: e.status };
    if (e.statusReason) out.statusReason = e.statusReason;
    if (e.risk !== 'prohibited') Object.assign(out, { defaultDays: e.defaultDays, maxDays: e.maxDays, reviewWindowDays: e.reviewWindowDays });
    out.dataHandling = { ...e.dataHandling, dataResidency: [...e.dataHandling.dataResidency] };
    if (e.connector) out.connector = { provider: e.connector.provider, groupId: e.connector.groupId };
    const overrides = Object.fromEntries(POLICY_OVERRIDE_FIELDS.filter((f) => e.policyOverrides[f] !== undefined).map((f) => [f, e.policyOverrides[f]]));
    if (Object.keys(overrides).length > 0) out.policyOverrides = overrides;
    out.assessedOn = e.assessedOn;
    return out;
  });
  const doc = new Document({ format: CATALOG_EXPORT_FORMAT, tools });
  doc.commentBefore = [
    ' AI Clearance catalog export.',
    ' Edit and load it again with `ai-clearance catalog import` or the admin page.',
    ' The whole file is checked first: any problem rejects it and nothing is imported.',
  ].join('\n');
  visit(doc, {
    // Short lists of scalars (dataResidency) read better on one line.
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    // YAML 1.1 readers (and people) take a bare yes/no for a boolean; trainsOnCustomerData is a word.
    Scalar(_, node) {
      if (typeof node.value === 'string' && /^(y|n|yes|no|on|off)$/i.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}
