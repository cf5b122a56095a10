// The admin page's provisioning calls as they run inside Forge. resolvers.ts
// loads this module with import() when one of them runs, so site-ops and the
// bundled desired state (7 KB of templates) are not parsed by the other calls.
// The work consumer loads it for `provision.step` jobs.
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../../adapters/clock';
import { jiraProvisioning } from '../../../adapters/jira/jira-api';
import { forgeWorkQueue } from '../../../adapters/queue/forge-queue';
import { BUNDLED_DESIRED_STATE } from '../../../config/templates/bundled-desired';
import type { JiraTransport } from '../../../ports/jira-transport';
import type { AppStore } from '../../../ports/store';
// Not the provision index: it re-exports the file-based loaders (the YAML parser), which Forge functions never need.
import { driftDesired, planDesired, type SiteOpsOptions } from '../../../usecases/provision/site-ops';
import { describeProblem } from '../../../domain/provisioning/discover';
import { loadProvisioning } from '../../../usecases/shared/catalog-repo';
import {
  loadProvisionRun,
  runProvisionStep,
  startProvisionRun,
  type ProvisionRunDeps,
} from '../../../usecases/provision/queued-run';
import { appStoreProvisioningState } from '../../../usecases/shared/provisioning-state';
import type { ProvisionStepJob } from '../../../usecases/shared/work-jobs';

/** consume-work has 120 s (manifest.yml); a job starts no step after 45 s, so the slowest step and the next push fit. */
const STEP_JOB_BUDGET_MS = 45_000;

// Inside Forge there is no repository on disk: the templates are bundled, already validated.
// The app's rights come from its scopes, so Jira's own 403s are the permission check.
function bundled(asApp: JiraTransport, store: AppStore): SiteOpsOptions {
  return {
    transport: asApp,
    provisioning: jiraProvisioning,
    desired: BUNDLED_DESIRED_STATE,
    store: appStoreProvisioningState(store),
    permissionCheck: 'none',
  };
}

function runDeps(asApp: JiraTransport, store: AppStore): ProvisionRunDeps {
  const queue = forgeWorkQueue(() => import('@forge/events'));
  return {
    store,
    transport: asApp,
    provisioning: jiraProvisioning,
    desired: BUNDLED_DESIRED_STATE,
    state: appStoreProvisioningState(store),
    push: (job) => queue.push([job]),
    now: () => systemClock.now(),
    newRunId: () => `prov-${randomBytes(8).toString('hex')}`,
  };
}

export const planBundled = (asApp: JiraTransport, store: AppStore) => planDesired(bundled(asApp, store));
export const driftBundled = (asApp: JiraTransport, store: AppStore) => driftDesired(bundled(asApp, store));
/** Starts (or resumes, or answers the running) provisioning run; the work happens in `provision.step` jobs. */
export const startBundledRun = (
  asApp: JiraTransport,
  store: AppStore,
  opts: { startedBy?: string; stepsPerJob?: number },
) => startProvisionRun(runDeps(asApp, store), opts);
/**
 * The run, and where the app's field ids come from: `applied` (a run from this page), `discovered` (found on the
 * site by name and type, e.g. after `ai-clearance provision apply` from the CLI), or `none`; with what discovery
 * could not resolve (a field or request type missing, or there twice), each with the sentence an admin acts on.
 */
export const provisionStatus = async (store: AppStore) => {
  const [run, record] = await Promise.all([loadProvisionRun(store), loadProvisioning(store)]);
  const source = record.source ?? (record.updatedAt ? 'applied' : 'none');
  return {
    run: run ?? null,
    ids: {
      source,
      ...(record.discoveredAt ? { discoveredAt: record.discoveredAt } : {}),
      problems: (record.problems ?? []).map((p) => ({ ...p, sentence: describeProblem(p) })),
    },
  };
};
export const provisionStep = (asApp: JiraTransport, store: AppStore, job: ProvisionStepJob) =>
  runProvisionStep(runDeps(asApp, store), job, { deadlineMs: Date.now() + STEP_JOB_BUDGET_MS });
