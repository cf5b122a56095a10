// ProvisioningStateStore inside Forge: the record lives in the app store as
// provisioning/site, where intake reads the custom field ids from.
import { ProvisioningRecord, emptyRecord, type ProvisioningStateStore } from '../../domain/provisioning/record';
import { isStoreConflict, type AppStore } from '../../ports/store';
import { PROVISIONING_RECORD_ID } from './catalog-repo';

export function appStoreProvisioningState(store: AppStore): ProvisioningStateStore {
  return {
    async load() {
      const rec = await store.get<unknown>('provisioning', PROVISIONING_RECORD_ID);
      const parsed = rec ? ProvisioningRecord.safeParse(rec.doc) : undefined;
      return parsed?.success ? parsed.data : emptyRecord();
    },
    async save(record) {
      // Last writer wins: provisioning runs one at a time (admin page / CLI), and the record is a hint, never the truth.
      for (let n = 0; n < 5; n++) {
        const rec = await store.get<unknown>('provisioning', PROVISIONING_RECORD_ID);
        const expected = rec ? rec.version : 'absent';
        try {
          await store.commit({
            puts: [
              {
                expected,
                record: {
                  kind: 'provisioning',
                  id: PROVISIONING_RECORD_ID,
                  version: rec ? rec.version + 1 : 1,
                  doc: record,
                },
              },
            ],
          });
          return;
        } catch (e) {
          if (!isStoreConflict(e)) throw e;
        }
      }
    },
  };
}
