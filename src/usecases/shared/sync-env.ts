// What a ticket write needs from storage, read once per invocation: the
// site's custom field ids (the provisioning record, discovered on the site
// when storage has no complete one: provisioning-discovery.ts) and the
// workflow mapping.
import type { ProvisioningRecord } from '../../domain/provisioning/record';
import { loadProvisioning } from './catalog-repo';
import type { CoreDeps } from './deps';
import { loadTicketProvisioning } from './provisioning-discovery';
import type { SyncEnv } from './ticket-sync';
import { loadWorkflowMapping } from './workflow-map';

/**
 * The ticket-sync environment, and the provisioning record it came from (intake and decisions read more of it).
 * `discover: false` (the lifecycle sweeps) reads the stored record only: a sweep stamps tickets intake has already
 * read, by when any discovery is cached, and an hourly run on an unprovisioned site should not call Jira for nothing.
 */
export async function loadSyncEnv<D extends CoreDeps>(
  deps: D,
  opts: { discover?: boolean } = {},
): Promise<{ env: SyncEnv & { deps: D }; provisioning: ProvisioningRecord }> {
  const [provisioning, mapping] = await Promise.all([
    opts.discover === false ? loadProvisioning(deps.store) : loadTicketProvisioning(deps),
    loadWorkflowMapping(deps.store),
  ]);
  const fieldIds = Object.fromEntries(Object.entries(provisioning.fields).map(([ref, f]) => [ref, f.id]));
  return { env: { deps, fieldIds, mapping }, provisioning };
}
