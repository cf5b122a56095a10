// What `npm start` does on a fresh sandbox, as an admin would after installing
// the app: apply the JSM templates (inside the app, so the provisioning record
// lands in the app's storage) and set up the catalog. With SANDBOX_PROVISION=off
// the site stays bare (no templates, no manual steps): provision it yourself,
// e.g. with `ai-clearance provision apply` as on a real site.
import { kvsStore } from '../adapters/kvs/kvs-store';
import { appStoreProvisioningState } from '../usecases/shared/provisioning-state';
import { forgeJiraTransport } from '../adapters/jira/forge-transport';
import { applySite, loadTemplates, type ApplyResult, type LoadedTemplates } from '../usecases/provision';
import type { IdpConnectionDetails } from './idp';
import { performManualSteps } from './manual-steps';
import type { Sandbox } from './sandbox';
import { REPO_ROOT } from './sandbox';

export interface FirstStartReport {
  /** Absent when provisioning was off. */
  provisioning?: ApplyResult;
  catalog?: { seeded: number; approved: string[] };
  /** What the connected-mode hook reported, when one ran. */
  idp?: unknown;
}

/**
 * Connected mode on a new sandbox: connect the app to the emulated Okta org and Entra tenant with
 * `details` (as an admin would paste them into the app), map the sandbox users and bind tools to
 * groups. The IdPs are already seeded (createSandbox); this hook runs after the catalog is set up.
 */
export type IdpConnectBootstrap = (sandbox: Sandbox, details: IdpConnectionDetails) => Promise<unknown>;

export type CatalogBootstrap = (
  sandbox: Sandbox,
  opts: { provisioned: boolean },
) => Promise<{ seeded: number; approved: string[] }>;

/**
 * SANDBOX_PROVISION: `off` (or `false`, `0`, `no`) starts a bare site; anything else, or unset, provisions.
 * Throws on a value it does not know, so a typo does not silently provision.
 */
export function provisionFromEnv(raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return true;
  const v = raw.trim().toLowerCase();
  if (['off', 'false', '0', 'no'].includes(v)) return false;
  if (['on', 'true', '1', 'yes'].includes(v)) return true;
  throw new Error(`SANDBOX_PROVISION must be on or off; got "${raw}"`);
}

export async function provisionSandboxSite(
  sandbox: Sandbox,
  log: (line: string) => void = () => undefined,
  templates: LoadedTemplates = loadTemplates(REPO_ROOT),
): Promise<ApplyResult> {
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

export async function firstStart(
  sandbox: Sandbox,
  log: (line: string) => void,
  bootstrapCatalog?: CatalogBootstrap,
  opts: { provision?: boolean; connectIdps?: IdpConnectBootstrap } = {},
): Promise<FirstStartReport> {
  if (opts.provision === false) {
    log(
      'SANDBOX_PROVISION=off: the site is bare (no request types, fields, filters or queues of AI Clearance). Provision it as on a real site: npx ai-clearance provision apply',
    );
    const catalog = bootstrapCatalog ? await bootstrapCatalog(sandbox, { provisioned: false }) : undefined;
    const idp = opts.connectIdps ? await opts.connectIdps(sandbox, sandbox.idp.connectionDetails()) : undefined;
    await sandbox.forge.settle({ timeoutMs: 30_000 });
    return { ...(catalog ? { catalog } : {}), ...(idp !== undefined ? { idp } : {}) };
  }
  log('Applying the JSM templates (request types, fields, filters) to the sandbox site…');
  // One read of the templates serves both the apply and the manual steps, so they cannot disagree.
  const templates = loadTemplates(REPO_ROOT);
  const provisioning = await provisionSandboxSite(sandbox, log, templates);
  if (!provisioning.ok || !provisioning.after)
    throw new Error('provisioning the sandbox site failed; run `npm run cli -- provision plan` for details');
  // Cloud has no API for these (portal form fields and groups, JSM queues); on a real site the admin
  // clicks them. The sandbox does them as that admin would, so the portal form works at once.
  log('Performing the manual steps an admin does in the Jira UI (portal form fields and groups, JSM queues)…');
  performManualSteps(sandbox.jira, templates.desired, provisioning.after);
  const catalog = bootstrapCatalog ? await bootstrapCatalog(sandbox, { provisioned: true }) : undefined;
  const idp = opts.connectIdps ? await opts.connectIdps(sandbox, sandbox.idp.connectionDetails()) : undefined;
  await sandbox.forge.settle({ timeoutMs: 30_000 });
  return { provisioning, ...(catalog ? { catalog } : {}), ...(idp !== undefined ? { idp } : {}) };
}
