// The provisioning use cases: plan, apply and drift of a desired state on one
// site. Deliberately free of the template loader (yaml, the JQL grammar): inside
// Forge the desired state comes pre-validated from bundled-desired.ts, which
// keeps the function bundle small. provision-site.ts adds loading from disk.
import type { JiraProvisioning, JiraProvisioningFactory } from '../../ports/jira-provisioning';
import type { DesiredState } from '../../domain/provisioning/desired';
import { drift, type DriftReport } from '../../domain/provisioning/drift';
import { plan as computePlan } from '../../domain/provisioning/plan';
import { isConverged, type Plan } from '../../domain/provisioning/plan-types';
import { recordFor, type ProvisioningStateStore } from '../../domain/provisioning/record';
import { isJiraHttpError, type JiraTransport } from '../../ports/jira-transport';
import { applyPlan, type ApplyRun, type StepResult } from './apply';
import { needsAdmin, toProvisionError } from './errors';
import { readSite } from './read-site';
import { DEFAULT_RETRY_POLICY, realSleep, withRetries, type RetryNotice, type RetryPolicy, type Sleep } from './retry';

export type ProgressEvent =
  | { type: 'templates'; files: string[] }
  | { type: 'read'; message: string }
  | { type: 'retry'; notice: RetryNotice }
  | { type: 'recheck'; what: string; attempt: number }
  | { type: 'step'; result: StepResult; index: number; total: number };

/** Bounds one apply call (the queued run: a step budget and a deadline per job); the rest is left for the next call. */
export interface ApplyBudget {
  shouldStop: (doneSoFar: number) => boolean;
  /** Awaited after each step. */
  onStep?: (result: StepResult, index: number, total: number) => Promise<void>;
}

export interface SiteOpsOptions {
  transport: JiraTransport;
  /** Binds provisioning's Jira calls to the (retrying) transport: the adapters' jiraProvisioning. */
  provisioning: JiraProvisioningFactory;
  /** What the site should have: loadTemplates(...).desired, or BUNDLED_DESIRED_STATE inside Forge. */
  desired: DesiredState;
  store: ProvisioningStateStore;
  onProgress?: (e: ProgressEvent) => void;
  /**
   * 'preflight' (default) asks /mypermissions first and refuses a non-admin before
   * any call; 'none' relies on Jira's 403s (e.g. for an app user whose rights come from scopes).
   */
  permissionCheck?: 'preflight' | 'none';
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  now?: () => Date;
}

export interface PlanResult {
  plan: Plan;
}

export interface ApplyResult {
  ok: boolean;
  /** The plan apply started from. */
  before: Plan;
  run: ApplyRun;
  /** A fresh plan after apply: what is left (manual steps with their checks). Absent when apply stopped. */
  after?: Plan;
  /** Why `after` is missing although apply succeeded (the follow-up read failed; the changes stand). */
  afterError?: string;
}

export interface DriftResult {
  report: DriftReport;
  plan: Plan;
}

interface Session {
  desired: DesiredState;
  client: JiraProvisioning;
  policy: RetryPolicy;
  sleep: Sleep;
  permissionCheck: 'preflight' | 'none';
}

function open(o: SiteOpsOptions): Session {
  const policy = { ...DEFAULT_RETRY_POLICY, ...o.retry };
  const sleep = o.sleep ?? realSleep;
  const transport = withRetries(o.transport, policy, sleep, (notice) => o.onProgress?.({ type: 'retry', notice }));
  return {
    desired: o.desired,
    client: o.provisioning(transport),
    policy,
    sleep,
    permissionCheck: o.permissionCheck ?? 'preflight',
  };
}

async function currentPlan(s: Session, o: SiteOpsOptions): Promise<Plan> {
  const record = recordFor(await o.store.load(), s.desired.projectKey);
  o.onProgress?.({ type: 'read', message: `reading project ${s.desired.projectKey} from the site` });
  const site = await readSite(s.client, s.desired, record);
  return computePlan(s.desired, site, record);
}

/** Refuses early, before any read or write, when the account is not a Jira admin. */
async function requireAdmin(s: Session): Promise<void> {
  if (s.permissionCheck === 'none') return;
  let perms: Record<string, boolean>;
  try {
    perms = await s.client.myPermissions(['ADMINISTER', 'ADMINISTER_PROJECTS'], s.desired.projectKey);
  } catch (err) {
    // A site that does not answer mypermissions still refuses the first admin-only call with 403, which maps to the same error.
    if (isJiraHttpError(err) && (err.status === 404 || err.status === 400)) return;
    throw err;
  }
  const lacking = ['ADMINISTER', 'ADMINISTER_PROJECTS'].filter((k) => perms[k] !== true);
  if (lacking.length > 0) throw needsAdmin(s.desired.projectKey, `this account lacks ${lacking.join(' and ')}`, true);
}

/** Runs a use case after the admin check. Errors that reach here came from reads (applyPlan reports its own), so nothing was written. */
async function guarded<T>(s: Session, work: () => Promise<T>): Promise<T> {
  try {
    await requireAdmin(s);
    return await work();
  } catch (err) {
    throw toProvisionError(err, s.desired.projectKey, true);
  }
}

/**
 * What provisioning would change on the site. driftDesired and applyDesired throw the same.
 * @throws ProvisionError (NEEDS_JIRA_ADMIN, BAD_CREDENTIALS, PROJECT_NOT_FOUND, RATE_LIMITED, JIRA_UNAVAILABLE, …).
 */
export async function planDesired(o: SiteOpsOptions): Promise<PlanResult> {
  const s = open(o);
  return guarded(s, async () => ({ plan: await currentPlan(s, o) }));
}

export async function applyDesired(o: SiteOpsOptions, budget?: ApplyBudget): Promise<ApplyResult> {
  const s = open(o);
  return guarded(s, async () => {
    const before = await currentPlan(s, o);
    const previous = recordFor(await o.store.load(), s.desired.projectKey);
    const run = await applyPlan(before, s.desired, previous, {
      client: s.client,
      store: o.store,
      policy: s.policy,
      sleep: s.sleep,
      now: o.now ?? (() => new Date()),
      onStep: async (result, index, total) => {
        o.onProgress?.({ type: 'step', result, index, total });
        await budget?.onStep?.(result, index, total);
      },
      ...(budget ? { shouldStop: budget.shouldStop } : {}),
      onAmbiguous: (what, attempt) => o.onProgress?.({ type: 'recheck', what, attempt }),
    });
    if (!run.ok) return { ok: false, before, run };
    // Stopped by the budget: the next call re-reads the site anyway.
    if (run.remaining > 0) return { ok: true, before, run };
    // Re-read only when something changed: manual-step checks that waited for new ids can now run.
    if (run.steps.length === 0 && isConverged(before)) return { ok: true, before, run, after: before };
    try {
      return { ok: true, before, run, after: await currentPlan(s, o) };
    } catch (err) {
      const e = toProvisionError(err, s.desired.projectKey);
      return {
        ok: true,
        before,
        run,
        afterError: `apply finished, but reading the site afterwards failed: ${e instanceof Error ? e.message : String(e)}; run plan to see the manual steps`,
      };
    }
  });
}

export async function driftDesired(o: SiteOpsOptions): Promise<DriftResult> {
  const s = open(o);
  return guarded(s, async () => {
    const plan = await currentPlan(s, o);
    return { report: drift(plan), plan };
  });
}
