// What `npm start` does on a fresh sandbox, as an admin would after installing
// the app: apply the JSM templates (inside the app, so the provisioning record
// lands in the app's storage) and set up the catalog.
import { kvsStore } from '../adapters/kvs/kvs-store';
import { appStoreProvisioningState } from '../usecases/shared/provisioning-state';
import { forgeJiraTransport } from '../adapters/jira/forge-transport';
import { applySite, loadTemplates, type ApplyResult, type LoadedTemplates } from '../usecases/provision';
import { performManualSteps } from './manual-steps';
import type { Sandbox } from './sandbox';
import { REPO_ROOT } from './sandbox';

export interface FirstStartReport {
  provisioning: ApplyResult;
  catalog?: { seeded: number; approved: string[] };
}

export type CatalogBootstrap = (sandbox: Sandbox) => Promise<{ seeded: number; approved: string[] }>;

export async function provisionSandboxSite(sandbox: Sandbox, log: (line: string) => void = () => undefined, templates: LoadedTemplates = loadTemplates(REPO_ROOT)): Promise<ApplyResult> {
  const { value } = await sandbox.forge.run(() =>
    applySite({
      transport: forgeJiraTransport({ kind: 'app' }),
      templatesDir: REPO_ROOT,
      templates,
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
  // One read of the templates serves both the apply and the manual steps, so they cannot disagree.
  const templates = loadTemplates(REPO_ROOT);
  const provisioning = await provisionSandboxSite(sandbox, log, templates);
  if (!provisioning.ok || !provisioning.after) throw new Error('provisioning the sandbox site failed; run `npm run cli -- provision plan` for details');
  // Cloud has no API for these (portal form fields and groups, JSM queues); on a real site the admin
  // clicks them. The sandbox does them as that admin would, so the portal form works at once.
  log('Performing the manual steps an admin does in the Jira UI (portal form fields and groups, JSM queues)…');
  performManualSteps(sandbox.jira, templates.desired, provisioning.after);
  const catalog = bootstrapCatalog ? await bootstrapCatalog(sandbox) : undefined;
  await sandbox.forge.settle({ timeoutMs: 30_000 });
  return { provisioning, ...(catalog ? { catalog } : {}) };
}
