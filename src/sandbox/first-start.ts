// What `npm start` does on a fresh sandbox, as an admin would after installing
// the app: apply the JSM templates (inside the app, so the provisioning record
// lands in the app's storage) and set up the catalog.
import { kvsStore } from '../adapters/kvs/kvs-store';
import { appStoreProvisioningState } from '../handlers/resolvers/admin-provisioning-store';
import { forgeJiraTransport } from '../adapters/jira/forge-transport';
import { applySite, type ApplyResult } from '../usecases/provision';
import type { Sandbox } from './sandbox';
import { REPO_ROOT } from './sandbox';

export interface FirstStartReport {
  provisioning: ApplyResult;
  catalog?: { seeded: number; approved: string[] };
}

export type CatalogBootstrap = (sandbox: Sandbox) => Promise<{ seeded: number; approved: string[] }>;

export async function provisionSandboxSite(sandbox: Sandbox, log: (line: string) => void = () => undefined): Promise<ApplyResult> {
  const { value } = await sandbox.forge.run(() =>
    applySite({
      transport: forgeJiraTransport({ kind: 'app' }),
      templatesDir: REPO_ROOT,
      store: appStoreProvisioningState(kvsStore()),
      // The app's rights come from its scopes; Jira's own 403s are the check.
      permissionCheck: 'none',
      onProgress: (e) => {
        if (e.type === 'step') log(`  [${e.index + 1}/${e.total}] ${e.result.outcome}: ${e.result.sentence}`);
      },
    }),
  );
  return value;
}

export async function firstStart(sandbox: Sandbox, log: (line: string) => void, bootstrapCatalog?: CatalogBootstrap): Promise<FirstStartReport> {
  log('Applying the JSM templates (request types, fields, filters) to the sandbox site…');
  const provisioning = await provisionSandboxSite(sandbox, log);
  if (!provisioning.ok) throw new Error('provisioning the sandbox site failed; run `npm run cli -- provision plan` for details');
  const catalog = bootstrapCatalog ? await bootstrapCatalog(sandbox) : undefined;
  await sandbox.forge.settle({ timeoutMs: 30_000 });
  return { provisioning, ...(catalog ? { catalog } : {}) };
}
