// Provisioning from the admin page as a run of aic-work jobs (a resolver has
// 25 s: https://developer.atlassian.com/platform/forge/limits-invocation/):
// over the in-process sandbox, the real manifest's consumer runs the jobs.
import { forgeJiraTransport } from '../../../src/adapters/jira/forge-transport';
import { jiraProvisioning } from '../../../src/adapters/jira/jira-api';
import { BUNDLED_DESIRED_STATE } from '../../../src/config/templates/bundled-desired';
import { applyDesired } from '../../../src/usecases/provision/site-ops';
import { appStoreProvisioningState } from '../../../src/usecases/shared/provisioning-state';
import type { JiraEmulator } from '../../../src/sandbox/jira';
import { ADMIN, ALICE_ID, createCatalogHarness, type CatalogHarness } from '../catalog/harness';

let h: CatalogHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The site as provisioning leaves it: the record (ids by template ref) and the plan (every item converged). */
async function siteOf(x: CatalogHarness) {
  const plan = (await x.call('provision.plan', {})).plan;
  const record = await x.withDeps(async (deps) => appStoreProvisioningState(deps.store).load());
  const { updatedAt: _u, ...rest } = record;
  return {
    record: rest,
    items: plan.items.map(
      (i: { key: string; action: string; siteId?: string }) => `${i.key} ${i.action} ${i.siteId ?? ''}`,
    ),
    counts: plan.counts,
  };
}

/** Custom fields of the site by name: a duplicate would show as a count above 1. */
async function customFieldCounts(x: CatalogHarness): Promise<Record<string, number>> {
  const res = await x.jira.handle({
    method: 'GET',
    path: '/rest/api/3/field',
    query: new URLSearchParams(),
    headers: {},
    body: undefined,
    principal: { kind: 'user', accountId: ADMIN },
  });
  const out: Record<string, number> = {};
  for (const f of res.body as Array<{ name: string; custom: boolean }>)
    if (f.custom) out[f.name] = (out[f.name] ?? 0) + 1;
  return out;
}

function stepJobs(x: CatalogHarness) {
  return x.platform.listInvocations({ kind: 'queue', limit: 1000 }).filter((i) => i.functionKey === 'consume-work');
}

describe('provisioning from the admin page runs as queue jobs', () => {
  it('answers at once with a run id, spans several jobs with a small budget, and ends done with the same site as a direct apply', async () => {
    h = createCatalogHarness();
    const started = await h.call('provision.apply', { stepsPerJob: 5 });
    expect(started).toMatchObject({ started: true, resumed: false, run: { state: 'running', stepsDone: 0 } });
    const resolverCall = h.platform.listInvocations({ kind: 'resolver' }).at(-1)!;
    expect(resolverCall.resolverName).toBe('provision.apply');
    // The resolver only checks the caller is a Jira admin (one call), records the run and queues its first job.
    expect(resolverCall.productCalls).toBe(1);
    expect((await h.call('provision.status', {})).run).toMatchObject({ runId: started.run.runId, state: 'running' });

    await h.platform.settle({ advanceClock: true, timeoutMs: 120_000 });
    const run = (await h.call('provision.status', {})).run;
    expect(run).toMatchObject({ runId: started.run.runId, state: 'done', manualOpen: expect.any(Number) });
    expect(run.error).toBeUndefined();
    expect(run.stepsDone).toBe(run.total);
    expect(run.total).toBeGreaterThan(40);
    expect(run.jobs).toBe(Math.ceil(run.total / 5));
    expect(stepJobs(h)).toHaveLength(run.jobs);

    const direct = createCatalogHarness();
    try {
      const applied = await direct.withDeps((deps) =>
        applyDesired({
          transport: forgeJiraTransport({ kind: 'app' }),
          provisioning: jiraProvisioning,
          desired: BUNDLED_DESIRED_STATE,
          store: appStoreProvisioningState(deps.store),
          permissionCheck: 'none',
        }),
      );
      expect(applied.ok).toBe(true);
      expect(await siteOf(h)).toEqual(await siteOf(direct));
      expect((await siteOf(h)).counts).toMatchObject({ create: 0, update: 0 });
    } finally {
      await direct.close();
    }
  }, 180_000);

  it('completes through Jira 429s and 5xx (retried in the job and by the queue) without duplicates', async () => {
    h = createCatalogHarness();
    expect((await h.call('provision.apply', { stepsPerJob: 10 })).started).toBe(true);
    // From here on only the jobs talk to Jira (the resolvers' admin check would read a 5xx as "not an admin").
    h.faults.configure({ jira: { rate429: 0.02, rate5xx: 0.05, retryAfterSeconds: 5 }, seed: 7 });
    await h.platform.settle({ advanceClock: true, timeoutMs: 120_000 });
    const retried = h.platform.listInvocations({ kind: 'queue', limit: 1000 }).filter((i) => i.attempt > 1);
    h.faults.reset();
    const run = (await h.call('provision.status', {})).run;
    // Some failures outlived the job's own retries and went back to the queue.
    expect(retried.length).toBeGreaterThan(0);
    expect(run).toMatchObject({ state: 'done' });
    expect(run.stepsDone).toBe(run.total);
    const counts = await customFieldCounts(h);
    for (const f of BUNDLED_DESIRED_STATE.fields) expect(counts[f.name]).toBe(1);
    expect((await siteOf(h)).counts).toMatchObject({ create: 0, update: 0 });
  }, 180_000);

  it("ends failed with Jira's message on a permanent error, and resumes after the cause is fixed", async () => {
    let refuseFilters = true;
    h = createCatalogHarness({
      wrapJira: (jira) =>
        new Proxy(jira, {
          get(target, prop) {
            if (prop === 'handle') {
              return (req: Parameters<JiraEmulator['handle']>[0]) =>
                refuseFilters && req.method === 'POST' && req.path === '/rest/api/3/filter'
                  ? Promise.resolve({
                      status: 400,
                      headers: { 'content-type': 'application/json' },
                      body: { errorMessages: ['The filter name is reserved on this site.'], errors: {} },
                    })
                  : target.handle(req);
            }
            const v = Reflect.get(target, prop, target) as unknown;
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          },
        }),
    });
    const failed = await h.provision({ stepsPerJob: 8 });
    expect(failed).toMatchObject({
      state: 'failed',
      error: {
        code: 'JIRA_REJECTED',
        key: expect.stringMatching(/^filter:/),
        message: expect.stringMatching(/The filter name is reserved on this site/),
      },
    });
    expect(failed.current).toMatch(/filter/i);
    // Acknowledged, not retried forever: nothing is left on the queue.
    await h.platform.settle({ advanceClock: true });
    expect((await h.call('provision.status', {})).run).toEqual(failed);

    refuseFilters = false;
    const resumed = await h.call('provision.apply', {});
    expect(resumed).toMatchObject({
      started: true,
      resumed: true,
      run: { runId: failed.runId, state: 'running', stepsDone: failed.stepsDone },
    });
    await h.platform.settle({ advanceClock: true, timeoutMs: 120_000 });
    const done = (await h.call('provision.status', {})).run;
    expect(done).toMatchObject({ runId: failed.runId, state: 'done', resumes: 1 });
    expect(done.error).toBeUndefined();
    expect(done.stepsDone).toBe(done.total);
    expect(done.stepsDone).toBeGreaterThan(failed.stepsDone);
    expect((await siteOf(h)).counts).toMatchObject({ create: 0, update: 0 });
  }, 180_000);

  it('starts one run at a time: concurrent starts answer the same run; a start after it ended starts a new one', async () => {
    h = createCatalogHarness();
    const [a, b, c] = await Promise.all([
      h.call('provision.apply', {}),
      h.call('provision.apply', {}),
      h.call('provision.apply', {}),
    ]);
    const ids = new Set([a, b, c].map((x) => x.run.runId));
    expect(ids.size).toBe(1);
    expect([a, b, c].filter((x) => x.started)).toHaveLength(1);
    await h.platform.settle({ advanceClock: true, timeoutMs: 120_000 });
    const first = (await h.call('provision.status', {})).run;
    expect(first).toMatchObject({ state: 'done', jobs: Math.max(1, Math.ceil(first.total / first.stepsPerJob)) });
    const again = await h.call('provision.apply', {});
    expect(again).toMatchObject({ started: true, resumed: false });
    expect(again.run.runId).not.toBe(first.runId);
    await h.platform.settle({ advanceClock: true });
    expect((await h.call('provision.status', {})).run).toMatchObject({
      runId: again.run.runId,
      state: 'done',
      stepsDone: 0,
      total: 0,
    });
  }, 180_000);

  it('refuses a non-admin: no run starts, no status is shown', async () => {
    h = createCatalogHarness();
    expect((await h.call('provision.apply', {}, ALICE_ID)).error.code).toBe('FORBIDDEN');
    expect((await h.call('provision.status', {}, ALICE_ID)).error.code).toBe('FORBIDDEN');
    expect((await h.call('provision.status', {})).run).toBeNull();
  });
});
