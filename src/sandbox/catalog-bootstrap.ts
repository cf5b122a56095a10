// The catalog on a fresh sandbox: every seeded tool as `proposed`, then the
// documented demo set approved as the admin would, through the same use cases.
import { loadCatalogSeed } from '../config/catalog-seed';
import { forgeAdminDeps } from '../handlers/resolvers/admin-deps';
import { applySandboxDemoSet, seedCatalog } from '../usecases/catalog';
import type { Sandbox } from './sandbox';

export async function bootstrapSandboxCatalog(sandbox: Sandbox): Promise<{ seeded: number; approved: string[] }> {
  const { value } = await sandbox.forge.run(async () => {
    const wiring = forgeAdminDeps();
    const store = wiring.store();
    const deps = await wiring.catalog(store, wiring.asApp());
    const seeded = await seedCatalog(deps, loadCatalogSeed());
    const demo = await applySandboxDemoSet(deps);
    if (!demo.optionSync.ok) throw new Error('the AI tool field options could not be synced with the catalog on first start');
    return { seeded: seeded.length, approved: demo.entries.filter((e) => e.status === 'requestable').map((e) => e.id) };
  });
  return value;
}
