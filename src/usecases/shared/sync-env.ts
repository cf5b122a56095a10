// What a ticket write needs from storage, read once per invocation: the
// site's custom field ids (the provisioning record, discovered on the site
// when storage has no complete one: provisioning-discovery.ts) and the
// workflow mapping.
import type { ProvisioningRecord } from '../../domain/provisioning/record';
import type { CoreDeps } from './deps';
import { loadTicketProvisioning } from './provisioning-discovery';
import type { SyncEnv } from './ticket-sync';
import { loadWorkflowMapping } from './workflow-map';

/** The ticket-sync environment, and the provisioning record it came from (intake and decisions read more of it). */
export async function loadSyncEnv<D extends CoreDeps>(deps: D): Promise<{ env: SyncEnv & { deps: D }; provisioning: ProvisioningRecord }> {
  const [provisioning, mapping] = await Promise.all([loadTicketProvisioning(deps), loadWorkflowMapping(deps.store)]);
  const fieldIds = Object.fromEntries(Object.entries(provisioning.fields).map(([ref, f]) => [ref, f.id]));
  return { env: { deps, fieldIds, mapping }, provisioning };
}
