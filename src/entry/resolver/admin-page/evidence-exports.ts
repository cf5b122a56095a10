// The evidence exports' wiring inside Forge: KVS, the aic-work queue, the system
// clock. admin-page/resolvers.ts and the work consumer load this module with import()
// when an export call or job runs.
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../../adapters/clock';
import { kvsStore } from '../../../adapters/kvs/kvs-store';
import { forgeWorkQueue } from '../../../adapters/queue/forge-queue';
import type { AppStore } from '../../../ports/store';
import type { ExportDeps } from '../../../usecases/evidence/export';

export function forgeExportDeps(store: AppStore = kvsStore()): ExportDeps {
  const queue = forgeWorkQueue(() => import('@forge/events'));
  return {
    store,
    now: () => systemClock.now(),
    push: (job) => queue.push([job]),
    newExportId: () => `exp-${randomBytes(8).toString('hex')}`,
  };
}
