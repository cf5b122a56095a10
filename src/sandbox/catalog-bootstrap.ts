// The catalog on a fresh sandbox: every seeded tool as `proposed`, then the
// documented demo set approved as the admin would, through the same use cases.
import { loadCatalogSeed } from '../config/catalog-seed';
import { forgeAdminDeps } from '../entry/resolver/compose';
import { applySandboxDemoSet, seedCatalog } from '../usecases/catalog';
import type { Sandbox } from './sandbox';

/**
 * On a provisioned site the *AI tool* field's options must follow the catalog at once. On a bare site
 * (SANDBOX_PROVISION=off) there is no such field yet: the catalog is approved all the same, and the options
 * are synced once the field exists (the admin page's sync, catalog.syncOptions, or any catalog change).
 */
export async function bootstrapSandboxCatalog(
  sandbox: Sandbox,
  opts: { provisioned: boolean } = { provisioned: true },
): Promise<{ seeded: number; approved: string[] }> {
  const { value } = await sandbox.forge.run(async () => {
    const wiring = forgeAdminDeps();
    const store = wiring.store();
    const deps = await wiring.catalog(store, wiring.asApp());
    const seeded = await seedCatalog(deps, loadCatalogSeed());
    const demo = await applySandboxDemoSet(deps);
    if (!demo.optionSync.ok && opts.provisioned)
      throw new Error('the AI tool field options could not be synced with the catalog on first start');
    return { seeded: seeded.length, approved: demo.entries.filter((e) => e.status === 'requestable').map((e) => e.id) };
  });
  return value;
}
