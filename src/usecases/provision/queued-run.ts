// Provisioning from the admin page, as a run of `aic-work` queue jobs.
//
// A resolver has 25 s ("Runtime seconds … 25",
// https://developer.atlassian.com/platform/forge/limits-invocation/ › Invocation limits),
// and an apply is 50+ Jira calls. So `startProvisionRun` only records a run and
// queues its first `provision.step` job; each job re-reads the site, applies at
// most `stepsPerJob` creates/updates (and stops at a real-time deadline well
// inside the consumer's timeout), records its progress and queues the next.
// The run record (KVS `provisioning/run`) is what `provision.status` shows.
//
// Delivery is at least once: a job runs only if it is the run's current one
// (`seq`) and nobody holds its lease, so a duplicate never applies in parallel.
// Jira's 429/5xx are retried by the consumer (a thrown RetryLater) a few times,
// the error shown meanwhile; anything else, or too many retries, ends the run
// `failed` with the error. Starting again resumes a failed run: steps are
// idempotent (every create looks the item up first), so it continues where
// the site is.
import * as z from 'zod/mini';
import type { DesiredState } from '../../domain/provisioning/desired';
import type { ProvisioningStateStore } from '../../domain/provisioning/record';
import type { JiraProvisioningFactory } from '../../ports/jira-provisioning';
import { isJiraHttpError, type JiraTransport } from '../../ports/jira-transport';
import { isStoreConflict, type AppStore } from '../../ports/store';
import { RetryLaterError } from '../shared/errors';
import type { ProvisionStepJob } from '../shared/work-job-schema';
import { describeError } from '../../domain/errors';
import type { RetryPolicy } from './retry';
import { applyDesired, type ApplyResult } from './site-ops';

export const PROVISION_RUN_RECORD_ID = 'run';
/** Creates/updates per job unless the run says otherwise (a plan re-read costs ~20 calls per job too). */
export const DEFAULT_STEPS_PER_JOB = 15;
/** Jira 429/5xx retries of one job (by the queue, 5 s doubling up to 900 s: about 1.5 h) before the run gives up as failed. */
export const MAX_TRANSIENT_RETRIES = 10;
/** Longer than a consumer may run (manifest.yml consume-work: 120 s): a duplicate delivery waits this long before taking over. */
const LEASE_MS = 180_000;
/** A running run nobody touched for this long lost its job (a failed push): starting again resumes it. */
const STALLED_MS = 20 * 60_000;
/**
 * Inside a job a Jira call is retried once, briefly; anything longer goes back to the queue's backoff
 * (the next job re-reads the site, so a create whose answer was lost is found by name, not repeated).
 */
export const JOB_RETRY_POLICY: Partial<RetryPolicy> = {
  maxAttempts: 2,
  maxRetryAfterSeconds: 2,
  baseDelayMs: 200,
  maxDelayMs: 1000,
};

const RunError = z.object({ code: z.string(), message: z.string(), key: z.optional(z.string()) });
export const ProvisionRun = z.object({
  runId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.optional(z.string()),
  startedBy: z.optional(z.string()),
  stepsPerJob: z.int().check(z.gte(1)),
  /** Creates/updates done over the whole run (resumes included). */
  stepsDone: z.int().check(z.gte(0)),
  /** stepsDone + what the latest plan still had to do. */
  total: z.int().check(z.gte(0)),
  /** The step last worked on (its sentence; the failed one when the run failed). */
  current: z.optional(z.string()),
  /** Jobs queued so far; only the job with this seq may run. */
  seq: z.int().check(z.gte(0)),
  jobs: z.int().check(z.gte(0)),
  lease: z.optional(z.object({ seq: z.int(), until: z.string() })),
  /** failed: why it stopped. running: the Jira error being retried. */
  error: z.optional(RunError),
  retries: z.int().check(z.gte(0)),
  resumes: z.int().check(z.gte(0)),
  /** Manual steps (Jira UI) still open after the run: see the plan. */
  manualOpen: z.optional(z.int()),
});
export type ProvisionRun = z.infer<typeof ProvisionRun>;

export interface ProvisionRunDeps {
  store: AppStore;
  /** As the app: its scopes are the permission. */
  transport: JiraTransport;
  provisioning: JiraProvisioningFactory;
  desired: DesiredState;
  state: ProvisioningStateStore;
  push: (job: ProvisionStepJob) => Promise<void>;
  now: () => Date;
  newRunId: () => string;
}

export async function loadProvisionRun(store: AppStore): Promise<ProvisionRun | undefined> {
  const rec = await store.get<unknown>('provisioning', PROVISION_RUN_RECORD_ID);
  const parsed = rec ? ProvisionRun.safeParse(rec.doc) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** Writes the run: `change` gets the stored run and answers the new one (or undefined: leave it). Retries on conflicts. */
async function updateRun(
  store: AppStore,
  change: (cur: ProvisionRun | undefined) => ProvisionRun | undefined,
): Promise<ProvisionRun | undefined> {
  for (let n = 0; n < 10; n++) {
    const rec = await store.get<unknown>('provisioning', PROVISION_RUN_RECORD_ID);
    const parsed = rec ? ProvisionRun.safeParse(rec.doc) : undefined;
    const next = change(parsed?.success ? parsed.data : undefined);
    if (!next) return undefined;
    try {
      await store.commit({
        puts: [
          {
            expected: rec ? rec.version : 'absent',
            record: {
              kind: 'provisioning',
              id: PROVISION_RUN_RECORD_ID,
              version: rec ? rec.version + 1 : 1,
              status: next.state,
              doc: next,
            },
          },
        ],
      });
      return next;
    } catch (e) {
      if (!isStoreConflict(e)) throw e;
    }
  }
  throw new RetryLaterError(5, 'storage_contention', 'the provisioning run record kept changing');
}

function stalled(run: ProvisionRun, now: Date): boolean {
  if (run.lease && Date.parse(run.lease.until) > now.getTime()) return false;
  return Date.parse(run.updatedAt) + STALLED_MS <= now.getTime();
}

export interface StartAnswer {
  run: ProvisionRun;
  /** False: a run was already going; this is that run. */
  started: boolean;
  resumed: boolean;
}

/**
 * Starts a run, resumes a failed (or stalled) one, or answers the run already going: never two at once.
 * A first job the queue refuses is recorded on the run (QUEUE_PUSH_FAILED), not thrown.
 * @throws RetryLaterError when the run record kept changing under it.
 */
export async function startProvisionRun(
  deps: ProvisionRunDeps,
  opts: { startedBy?: string; stepsPerJob?: number } = {},
): Promise<StartAnswer> {
  const now = deps.now();
  let answer: StartAnswer | undefined;
  await updateRun(deps.store, (cur) => {
    if (cur && cur.state === 'running' && !stalled(cur, now)) {
      answer = { run: cur, started: false, resumed: false };
      return undefined;
    }
    const at = now.toISOString();
    const stepsPerJob = opts.stepsPerJob ?? cur?.stepsPerJob ?? DEFAULT_STEPS_PER_JOB;
    const resume = cur && cur.state !== 'done';
    const { error: _e, lease: _l, finishedAt: _f, manualOpen: _m, ...kept } = cur ?? ({} as Partial<ProvisionRun>);
    const next: ProvisionRun = resume
      ? {
          ...(kept as ProvisionRun),
          state: 'running',
          updatedAt: at,
          stepsPerJob,
          seq: cur.seq + 1,
          jobs: cur.jobs + 1,
          retries: 0,
          resumes: cur.resumes + 1,
        }
      : {
          runId: deps.newRunId(),
          state: 'running',
          startedAt: at,
          updatedAt: at,
          ...(opts.startedBy ? { startedBy: opts.startedBy } : {}),
          stepsPerJob,
          stepsDone: 0,
          total: 0,
          seq: 0,
          jobs: 1,
          retries: 0,
          resumes: 0,
        };
    answer = { run: next, started: true, resumed: !!resume };
    return next;
  });
  const a = answer!;
  if (!a.started) return a;
  try {
    await deps.push({
      type: 'provision.step',
      runId: a.run.runId,
      seq: a.run.seq,
      idempotencyKey: `${a.run.runId}:${a.run.seq}`,
    });
  } catch (e) {
    const failed = await fail(deps, a.run.runId, a.run.seq, {
      code: 'QUEUE_PUSH_FAILED',
      message: `could not queue the provisioning job: ${e instanceof Error ? e.message : String(e)}; start again to resume`,
    });
    return { ...a, run: failed ?? a.run };
  }
  return a;
}

export type StepOutcome = 'stale' | 'duplicate' | 'continued' | 'done' | 'failed' | 'retry';

export interface StepBudget {
  /** Real time (ms since epoch) after which no further step starts. */
  deadlineMs: number;
  realNow?: () => number;
}

/**
 * One `provision.step` job; a failure other than a Jira hiccup is recorded on the run, not thrown.
 * @throws RetryLaterError for a Jira hiccup (the consumer retries it).
 */
export async function runProvisionStep(
  deps: ProvisionRunDeps,
  job: ProvisionStepJob,
  budget: StepBudget,
): Promise<StepOutcome> {
  const realNow = budget.realNow ?? Date.now;
  let outcome: StepOutcome = 'stale';
  const claimed = await updateRun(deps.store, (cur) => {
    if (!cur || cur.runId !== job.runId || cur.state !== 'running' || cur.seq !== job.seq)
      return void (outcome = 'stale');
    const now = deps.now();
    if (cur.lease && cur.lease.seq === job.seq && Date.parse(cur.lease.until) > now.getTime())
      return void (outcome = 'duplicate');
    return {
      ...cur,
      updatedAt: now.toISOString(),
      lease: { seq: job.seq, until: new Date(now.getTime() + LEASE_MS).toISOString() },
    };
  });
  if (!claimed) return outcome;
  const base = claimed.stepsDone;
  let done = 0;
  let result: ApplyResult | undefined;
  let thrown: unknown;
  try {
    result = await applyDesired(
      {
        transport: deps.transport,
        provisioning: deps.provisioning,
        desired: deps.desired,
        store: deps.state,
        permissionCheck: 'none',
        retry: JOB_RETRY_POLICY,
        now: deps.now,
      },
      {
        shouldStop: (n) => n >= claimed.stepsPerJob || realNow() >= budget.deadlineMs,
        onStep: async (r, index, total) => {
          if (r.outcome === 'not-run') return;
          if (r.outcome !== 'failed') done++;
          await mine(deps, job, (cur) => ({
            ...cur,
            stepsDone: base + done,
            total: base + done + (total - index - 1),
            current: r.sentence,
            updatedAt: deps.now().toISOString(),
          }));
        },
      },
    );
  } catch (e) {
    thrown = e;
  }
  if (result?.ok) {
    if (result.run.remaining > 0) {
      const next = await mine(deps, job, (cur) => ({
        ...withoutLease(cur),
        stepsDone: base + done,
        total: base + done + result.run.remaining,
        seq: cur.seq + 1,
        jobs: cur.jobs + 1,
        retries: 0,
        error: undefined,
        updatedAt: deps.now().toISOString(),
      }));
      if (!next) return 'stale';
      await deps.push({
        type: 'provision.step',
        runId: next.runId,
        seq: next.seq,
        idempotencyKey: `${next.runId}:${next.seq}`,
      });
      return 'continued';
    }
    const manualOpen = result.after?.manualOpen;
    await mine(deps, job, (cur) => {
      const { current: _c, error: _e, ...rest } = withoutLease(cur);
      const at = deps.now().toISOString();
      return {
        ...rest,
        state: 'done',
        stepsDone: base + done,
        total: base + done,
        retries: 0,
        updatedAt: at,
        finishedAt: at,
        ...(manualOpen !== undefined ? { manualOpen } : {}),
      };
    });
    return 'done';
  }
  const error = result?.run.error ?? describeError(thrown);
  if (isTransient(error.code, thrown) && claimed.retries < MAX_TRANSIENT_RETRIES) {
    await mine(deps, job, (cur) => ({
      ...withoutLease(cur),
      stepsDone: base + done,
      error,
      retries: cur.retries + 1,
      updatedAt: deps.now().toISOString(),
    }));
    throw new RetryLaterError(
      Math.min(900, 5 * 2 ** claimed.retries),
      error.code === 'RATE_LIMITED' ? 'upstream_rate_limited' : 'upstream_error',
      `provisioning: ${error.message}`,
    );
  }
  await fail(deps, job.runId, job.seq, error, base + done);
  return 'failed';
}

function withoutLease(run: ProvisionRun): ProvisionRun {
  const { lease: _l, ...rest } = run;
  return rest;
}

/** Updates the run only while this job still owns it. */
function mine(
  deps: ProvisionRunDeps,
  job: ProvisionStepJob,
  change: (cur: ProvisionRun) => ProvisionRun,
): Promise<ProvisionRun | undefined> {
  return updateRun(deps.store, (cur) =>
    cur && cur.runId === job.runId && cur.seq === job.seq && cur.state === 'running' ? change(cur) : undefined,
  );
}

function fail(
  deps: ProvisionRunDeps,
  runId: string,
  seq: number,
  error: z.infer<typeof RunError>,
  stepsDone?: number,
): Promise<ProvisionRun | undefined> {
  return mine(deps, { type: 'provision.step', runId, seq, idempotencyKey: `${runId}:${seq}` }, (cur) => {
    const at = deps.now().toISOString();
    return {
      ...withoutLease(cur),
      state: 'failed',
      error,
      ...(stepsDone !== undefined ? { stepsDone } : {}),
      updatedAt: at,
      finishedAt: at,
    };
  });
}

function isTransient(code: string, thrown: unknown): boolean {
  if (code === 'JIRA_UNAVAILABLE' || code === 'RATE_LIMITED') return true;
  return isJiraHttpError(thrown) && thrown.retryable;
}
