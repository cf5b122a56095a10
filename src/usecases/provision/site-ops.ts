// The provisioning use cases: plan, apply and drift for one site. The CLI,
// the admin-page resolvers and the sandbox's first start all call these.
import { ProvisioningJiraClient } from '../../adapters/jira/provisioning-client';
import { loadTemplates, type LoadedTemplates } from '../../config/templates/load-templates';
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

export interface ProvisionOptions {
  transport: JiraTransport;
  /** Directory holding templates/ and request-types/ (the repository root). */
  templatesDir: string;
  store: ProvisioningStateStore;
  onProgress?: (e: ProgressEvent) => void;
  /** Overrides the project of templates/settings.yml. */
  projectKey?: string;
  /** Already loaded templates (skips templatesDir). */
  templates?: LoadedTemplates;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  now?: () => Date;
}

export interface PlanResult {
  plan: Plan;
  files: string[];
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
  files: string[];
  client: ProvisioningJiraClient;
  policy: RetryPolicy;
  sleep: Sleep;
}

function open(o: ProvisionOptions): Session {
  const templates = o.templates ?? loadTemplates(o.templatesDir, o.projectKey ? { projectKey: o.projectKey } : {});
  o.onProgress?.({ type: 'templates', files: templates.files });
  const policy = { ...DEFAULT_RETRY_POLICY, ...o.retry };
  const sleep = o.sleep ?? realSleep;
  const transport = withRetries(o.transport, policy, sleep, (notice) => o.onProgress?.({ type: 'retry', notice }));
  return { desired: templates.desired, files: templates.files, client: new ProvisioningJiraClient(transport), policy, sleep };
}

async function currentPlan(s: Session, o: ProvisionOptions): Promise<Plan> {
  const record = recordFor(await o.store.load(), s.desired.projectKey);
  o.onProgress?.({ type: 'read', message: `reading project ${s.desired.projectKey} from the site` });
  const site = await readSite(s.client, s.desired, record);
  return computePlan(s.desired, site, record);
}

/** Refuses early, before any read or write, when the account is not a Jira admin. */
async function requireAdmin(s: Session): Promise<void> {
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

export async function planSite(o: ProvisionOptions): Promise<PlanResult> {
  const s = open(o);
  return guarded(s, async () => ({ plan: await currentPlan(s, o), files: s.files }));
}

export async function applySite(o: ProvisionOptions): Promise<ApplyResult> {
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
      onStep: (result, index, total) => o.onProgress?.({ type: 'step', result, index, total }),
      onAmbiguous: (what, attempt) => o.onProgress?.({ type: 'recheck', what, attempt }),
    });
    if (!run.ok) return { ok: false, before, run };
    // Re-read only when something changed: manual-step checks that waited for new ids can now run.
    if (run.steps.length === 0 && isConverged(before)) return { ok: true, before, run, after: before };
    try {
      return { ok: true, before, run, after: await currentPlan(s, o) };
    } catch (err) {
      const e = toProvisionError(err, s.desired.projectKey);
      return { ok: true, before, run, afterError: `apply finished, but reading the site afterwards failed: ${e instanceof Error ? e.message : String(e)}; run plan to see the manual steps` };
    }
  });
}

/** Alias for the lead's wiring (admin page, `npm start` first-start apply). */
export const provisionSite = applySite;

export async function driftSite(o: ProvisionOptions): Promise<DriftResult> {
  const s = open(o);
  return guarded(s, async () => {
    const plan = await currentPlan(s, o);
    return { report: drift(plan), plan };
  });
}
