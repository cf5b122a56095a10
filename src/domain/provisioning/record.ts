// What provisioning created or adopted on a site, by template ref. Stored
// through ProvisioningStateStore (a JSON file for the CLI, KVS inside Forge).
// The record is a hint, never the source of truth: every plan re-reads the site
// and finds items by name too, so a lost record never causes duplicates.
import * as z from 'zod/mini';

export const ProvisioningRecord = z.object({
  version: z.literal(1),
  projectKey: z.optional(z.string()),
  serviceDeskId: z.optional(z.string()),
  fields: z._default(
    z.record(z.string(), z.object({ id: z.string(), name: z.string(), contextId: z.optional(z.string()) })),
    {},
  ),
  filters: z._default(z.record(z.string(), z.object({ id: z.string(), name: z.string(), jql: z.string() })), {}),
  requestTypes: z._default(z.record(z.string(), z.object({ id: z.string(), name: z.string() })), {}),
  /** ISO time of the last apply that changed or adopted something. */
  updatedAt: z.optional(z.string()),
  /**
   * Where the ids came from: an apply (absent or 'applied'), or the app's own discovery by name and type
   * (src/usecases/shared/provisioning-discovery.ts) when the site was provisioned by the CLI, whose record stays
   * in a local file. A record written by apply drops these three.
   */
  source: z.optional(z.enum(['applied', 'discovered'])),
  /** ISO time of the last discovery; the next one waits DISCOVERY_RETRY_MS while the record is incomplete. */
  discoveredAt: z.optional(z.string()),
  /** What the last discovery could not resolve: never guessed, shown to admins (provision.status). */
  problems: z.optional(
    z.array(
      z.object({
        what: z.enum(['field', 'requestType']),
        ref: z.string(),
        name: z.string(),
        kind: z.enum(['ambiguous', 'missing']),
        ids: z.array(z.string()),
      }),
    ),
  ),
});
export type ProvisioningRecord = z.infer<typeof ProvisioningRecord>;

export function emptyRecord(): ProvisioningRecord {
  return { version: 1, fields: {}, filters: {}, requestTypes: {} };
}

/** The record as it applies to this project: a record of another project is ignored, not trusted. */
export function recordFor(record: ProvisioningRecord | undefined, projectKey: string): ProvisioningRecord {
  if (!record || (record.projectKey !== undefined && record.projectKey !== projectKey)) return emptyRecord();
  return record;
}

/** Where the app keeps its record. Inside Forge: KVS; in the CLI: a JSON file. */
export interface ProvisioningStateStore {
  /** The stored record, or an empty one when nothing was stored yet. */
  load(): Promise<ProvisioningRecord>;
  save(record: ProvisioningRecord): Promise<void>;
}
