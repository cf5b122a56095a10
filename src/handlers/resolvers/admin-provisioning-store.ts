// The provisioning engine's record inside Forge: AppStore record
// provisioning/site (the same one usecases/shared/catalog-repo reads).
import { ProvisioningRecord, type ProvisioningStateStore } from '../../domain/provisioning/record';
import type { AppStore } from '../../ports/store';
import { loadProvisioning, PROVISIONING_RECORD_ID } from '../../usecases/shared/catalog-repo';

export function appStoreProvisioningState(store: AppStore): ProvisioningStateStore {
  return {
    load: () => loadProvisioning(store),
    async save(record) {
      const current = await store.get<unknown>('provisioning', PROVISIONING_RECORD_ID);
      const doc = ProvisioningRecord.parse(record);
      await store.commit({ puts: [{ expected: current ? current.version : 'absent', record: { kind: 'provisioning', id: PROVISIONING_RECORD_ID, version: (current?.version ?? 0) + 1, doc } }] });
    },
  };
}
