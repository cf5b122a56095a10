// The provisioning record inside Forge: one AppStore record (kind 'provisioning',
// id 'site'). The app's intake reads the provisioned custom field ids from it.
import { ProvisioningRecord, emptyRecord, type ProvisioningStateStore } from '../../domain/provisioning/record';
import type { AppStore } from '../../ports/store';

export const PROVISIONING_RECORD_ID = 'site';

export function storeProvisioningState(store: AppStore): ProvisioningStateStore {
  return {
    async load() {
      const rec = await store.get<unknown>('provisioning', PROVISIONING_RECORD_ID);
      if (!rec) return emptyRecord();
      const parsed = ProvisioningRecord.safeParse(rec.doc);
      // A record this version cannot read is treated as absent: plans find items by name anyway.
      return parsed.success ? parsed.data : emptyRecord();
    },
    async save(record) {
      // Last writer wins on purpose: the record is a hint re-derived from the site on every plan.
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await store.get<unknown>('provisioning', PROVISIONING_RECORD_ID);
        try {
          await store.commit({
            puts: [{ record: { kind: 'provisioning', id: PROVISIONING_RECORD_ID, version: (current?.version ?? 0) + 1, doc: record }, expected: current ? current.version : 'absent' }],
          });
          return;
        } catch (e) {
          if (attempt === 2) throw e;
        }
      }
    },
  };
}
