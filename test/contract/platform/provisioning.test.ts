// Provisioning under Forge's invocation limits (docs/platform-contract.md,
// "Screens, custom fields and provisioning", PROV-10..).
// https://developer.atlassian.com/platform/forge/limits-invocation/ › Invocation limits:
// a UI resolver runs at most 25 s; a consumer 55 s unless its function sets timeoutSeconds.
import { createCatalogHarness, type CatalogHarness } from '../../integration/catalog/harness';

let h: CatalogHarness;
beforeAll(() => {
  h = createCatalogHarness();
});
afterAll(() => h.close());

describe('PROV-10', () => {
  it('the platform gives consume-work the timeoutSeconds the manifest sets, and resolvers none (25 s)', () => {
    const fns = h.platform.model.functions;
    expect(fns.get('consume-work')?.timeoutSeconds).toBe(120);
    // Resolver functions cannot raise their 25 s: the manifest sets no timeout on them.
    expect(fns.get('admin-resolver')?.timeoutSeconds).toBeUndefined();
  });

  it("the admin page's apply is one short resolver call; the Jira work runs in bounded consume-work invocations", async () => {
    const since = h.platform.listInvocations({ limit: 100_000 }).at(-1)?.seq ?? 0;
    const started = await h.call('provision.apply', { stepsPerJob: 6 });
    expect(started.started).toBe(true);
    await h.platform.settle({ advanceClock: true, timeoutMs: 120_000 });
    const calls = h.platform.listInvocations({ since, limit: 100_000 });
    const resolver = calls.filter((c) => c.kind === 'resolver');
    expect(resolver.map((c) => [c.resolverName, c.productCalls])).toEqual([['provision.apply', 1]]);
    const jobs = calls.filter((c) => c.kind === 'queue' && c.functionKey === 'consume-work');
    expect(jobs.length).toBeGreaterThan(5);
    // Each job: one read of the site plus at most 6 steps (a step is a few calls), never the whole apply.
    expect(Math.max(...jobs.map((j) => j.productCalls))).toBeLessThan(jobs.reduce((n, j) => n + j.productCalls, 0) / 2);
    expect((await h.call('provision.status', {})).run).toMatchObject({ runId: started.run.runId, state: 'done' });
  }, 180_000);
});
