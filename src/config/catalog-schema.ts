// zod schemas shared by the catalog seed (catalog-seed/*.yml) and the admin's
// YAML import/export. The rules about a tool's own settings come from the
// domain (toolRuleIssues), so a file and an admin-page edit are refused with
// the same sentences.
import * as z from 'zod/mini';
import { isHttpsUrl } from '../domain/catalog/proposal';
import { toolRuleIssues, type ToolRuleInput } from '../domain/catalog/tool-rules';
import type { ToolProfile } from '../domain/catalog/types';
import {
  CONNECTOR_PROVIDERS,
  REGION_PATTERN,
  TOOL_CATEGORIES,
  TOOL_ID_MAX_LENGTH,
  TOOL_ID_PATTERN,
  TOOL_TIERS,
  TRAINING_POSTURES,
} from '../domain/catalog/vocabulary';
import { ConfigError, type ConfigProblem, type ConfigSource } from './config-error';

const oneLine = (field: string, max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, `${field} must not be empty`),
    z.maxLength(max, `${field} must be at most ${max} characters`),
    z.refine((s: string) => !/[\r\n]/.test(s), `${field} must be one line`),
  );

export const isoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'assessedOn must be a date written YYYY-MM-DD, e.g. 2026-11-01'),
  z.refine(
    (s: string) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'assessedOn is not a real calendar date',
  ),
);

export const dataHandlingSchema = z.strictObject({
  trainsOnCustomerData: z.enum(TRAINING_POSTURES),
  retention: oneLine('retention', 300),
  sso: z.boolean(),
  soc2: z.boolean(),
  iso27001: z.boolean(),
  iso42001: z.boolean(),
  dataResidency: z.array(
    z
      .string()
      .check(z.regex(REGION_PATTERN, 'dataResidency entries are upper-case region codes such as US, EU, UK, JP')),
  ),
});

export const connectorSchema = z.strictObject({
  provider: z.enum(CONNECTOR_PROVIDERS),
  groupId: z.string().check(z.trim(), z.minLength(1, 'groupId must not be empty')),
});

const days = z.optional(z.number());

export const toolProfileShape = {
  id: z
    .string()
    .check(
      z.maxLength(TOOL_ID_MAX_LENGTH, `id must be at most ${TOOL_ID_MAX_LENGTH} characters`),
      z.regex(
        TOOL_ID_PATTERN,
        'id must be kebab-case: lower-case letters and digits separated by single hyphens, e.g. chatgpt-enterprise',
      ),
    ),
  name: oneLine('name', 100),
  vendor: oneLine('vendor', 100),
  category: z.enum(TOOL_CATEGORIES),
  tier: z.enum(TOOL_TIERS),
  vendorUrl: z.string().check(z.refine(isHttpsUrl, "vendorUrl must be the vendor's https:// address")),
  dataHandling: dataHandlingSchema,
  riskRationale: oneLine('riskRationale', 300),
  defaultDays: days,
  maxDays: days,
  reviewWindowDays: days,
  connector: z.optional(z.nullable(connectorSchema)),
  assessedOn: z.optional(isoDateSchema),
};

type ParsedProfile = z.infer<z.ZodMiniObject<typeof toolProfileShape>>;

/** The tool profile of a parsed entry; a prohibited tool has no duration (the schema refuses non-zero values for it). */
export function toolProfileFrom(t: ParsedProfile, assessedOn: string): ToolProfile {
  return {
    id: t.id,
    name: t.name,
    vendor: t.vendor,
    category: t.category,
    tier: t.tier,
    vendorUrl: t.vendorUrl,
    dataHandling: t.dataHandling,
    riskRationale: t.riskRationale,
    defaultDays: t.defaultDays ?? 0,
    maxDays: t.maxDays ?? 0,
    reviewWindowDays: t.reviewWindowDays ?? 0,
    connector: t.connector ?? null,
    assessedOn,
  };
}

/** Adds the domain's tool rules to a tool schema as zod issues on the offending key. */
export function withToolRules(input: ToolRuleInput, ctx: z.core.$RefinementCtx): void {
  for (const issue of toolRuleIssues(input))
    ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
}

/** The tool list's entries by index, for naming the entry in messages. */
function entryLabel(source: ConfigSource, index: number): string {
  const tools = (source.data as { tools?: unknown } | null)?.tools;
  const id = Array.isArray(tools) ? (tools[index] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' && id.length > 0 ? `entry "${id}"` : `entry #${index + 1}`;
}

/** A problem about tools[index], with the entry named in the message. */
export function entryProblem(
  source: ConfigSource,
  index: number,
  path: ReadonlyArray<PropertyKey>,
  message: string,
): ConfigProblem {
  return source.problem(['tools', index, ...path], `${entryLabel(source, index)}: ${message}`);
}

/**
 * Runs the shared loader's zod validation and names the catalog entry in each
 * problem under tools[n], because "line 212" alone is hard to act on in a
 * file of forty tools.
 */
export function parseNamingEntries<S extends z.core.$ZodType>(source: ConfigSource, schema: S): z.infer<S> {
  try {
    return source.parse(schema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      error.problems.map((p) => {
        const m = /^tools\[(\d+)\]/.exec(p.path);
        return m ? { ...p, message: `${entryLabel(source, Number(m[1]))}: ${p.message}` } : p;
      }),
    );
  }
}

/** Catalog ids must be unique across every file read together; reports each repeat at its own location. */
export class IdRegistry {
  private readonly seen = new Map<string, string>();

  check(source: ConfigSource, index: number, id: string): ConfigProblem | undefined {
    const first = this.seen.get(id);
    if (first)
      return entryProblem(
        source,
        index,
        ['id'],
        `duplicate id; "${id}" is already defined at ${first}. Ids must be unique across all catalog files`,
      );
    const at = source.locate(['tools', index, 'id']);
    this.seen.set(id, `${at.file}:${at.line}:${at.column}`);
    return undefined;
  }
}
