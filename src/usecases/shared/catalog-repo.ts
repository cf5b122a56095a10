// Reads the catalog, the policy set, settings and the provisioning record from
// the app store, validated with zod (storage is a boundary too).
//
// Record layout (kind / id → doc), shared with the catalog admin use cases:
//   catalog / <toolId>        CatalogEntry; attributes status = entry.status, toolId = id
//   policy  / current         PolicySet (absent → the default policy, version 1)
//   settings / app            AppSettings (optional)
//   provisioning / site       ProvisioningRecord (field ids, request type ids)
import * as z from 'zod/mini';
import { CATALOG_STATUSES, CONNECTOR_PROVIDERS } from '../../domain/catalog/vocabulary';
import { effectivePolicy, type EffectivePolicy } from '../../domain/policy/effective-policy';
import { DEFAULT_RISK_POLICIES, RISK_LEVELS, type PolicySet } from '../../domain/policy/risk-policy';
import { ProvisioningRecord, emptyRecord } from '../../domain/provisioning/record';
import type { ToolView } from '../../domain/request/requested-tool';
import type { AppStore, StoredRecord } from '../../ports/store';
import { parseStored } from './stored-data';

export const CATALOG_KIND = 'catalog';
export const POLICY_RECORD_ID = 'current';
export const PROVISIONING_RECORD_ID = 'site';

const storedEntrySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.enum(CATALOG_STATUSES),
  risk: z.enum(RISK_LEVELS),
  defaultDays: z.number(),
  maxDays: z.number(),
  reviewWindowDays: z.number(),
  connector: z.optional(z.nullable(z.object({ provider: z.enum(CONNECTOR_PROVIDERS), groupId: z.string() }))),
  policyOverrides: z.optional(z.record(z.string(), z.unknown())),
});
export type StoredCatalogEntry = z.infer<typeof storedEntrySchema>;

const riskPolicySchema = z.looseObject({
  maxDays: z.number(),
  defaultDays: z.number(),
  reviewWindowDays: z.number(),
  secondReminderDays: z.number(),
  autoApprovalAllowed: z.boolean(),
  autoApprovalMaxDays: z.number(),
  approverGroup: z.string(),
  escalationAfterHours: z.number(),
  lapseAfterDays: z.number(),
  maxTotalDays: z.number(),
});
const policySetSchema = z.looseObject({
  version: z.int().check(z.minimum(1)),
  levels: z.object({ low: riskPolicySchema, medium: riskPolicySchema, high: riskPolicySchema }),
});

export function toToolView(e: StoredCatalogEntry): ToolView {
  return { id: e.id, name: e.name, status: e.status, risk: e.risk, connector: e.connector ?? null };
}

/** A stored catalog entry, or undefined when the record does not parse (lists and searches skip such records). */
export function storedEntryIfValid(doc: unknown): StoredCatalogEntry | undefined {
  const e = storedEntrySchema.safeParse(doc);
  return e.success ? e.data : undefined;
}

export async function loadCatalogEntry(store: AppStore, toolId: string): Promise<StoredCatalogEntry | undefined> {
  const rec = await store.get<unknown>('catalog', toolId);
  return rec ? parseStored(storedEntrySchema, rec.doc, `catalog entry ${toolId}`) : undefined;
}

/** Requestable tools, by name (for "what can be requested" lists and the portal picker). */
export async function listRequestable(store: AppStore, limit = 200): Promise<StoredCatalogEntry[]> {
  const out: StoredCatalogEntry[] = [];
  let cursor: string | undefined;
  do {
    const page: { items: StoredRecord<unknown>[]; cursor?: string } = await store.query<unknown>({
      index: 'by-kind-status',
      partition: ['catalog', 'requestable'],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const r of page.items) {
      const e = storedEntryIfValid(r.doc);
      if (e && e.risk !== 'prohibited') out.push(e);
    }
    cursor = page.cursor;
  } while (cursor && out.length < limit);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export async function loadPolicySet(store: AppStore): Promise<PolicySet> {
  const rec = await store.get<unknown>('policy', POLICY_RECORD_ID);
  if (!rec)
    return {
      version: 1,
      levels: DEFAULT_RISK_POLICIES,
      updatedAt: '1970-01-01T00:00:00.000Z',
      updatedBy: { type: 'app' },
    };
  parseStored(policySetSchema, rec.doc, 'policy set');
  return rec.doc as PolicySet;
}

export async function loadProvisioning(store: AppStore): Promise<ProvisioningRecord> {
  const rec = await store.get<unknown>('provisioning', PROVISIONING_RECORD_ID);
  return rec ? parseStored(ProvisioningRecord, rec.doc, 'provisioning record') : emptyRecord();
}

export function policyOf(set: PolicySet, e: StoredCatalogEntry): EffectivePolicy {
  return effectivePolicy(set, {
    id: e.id,
    risk: e.risk,
    defaultDays: e.defaultDays,
    maxDays: e.maxDays,
    reviewWindowDays: e.reviewWindowDays,
    policyOverrides: e.policyOverrides ?? {},
  });
}
