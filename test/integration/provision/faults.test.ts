// Faults during apply: 429/5xx injected by the sandbox, responses lost after
// Jira did the work, an apply that stops half-way. The next clean apply must
// finish the job with no duplicates.
import { jiraProvisioning } from '../../../src/adapters/jira/jira-api';
import { loadTemplates } from '../../../src/config/templates/load-templates';
import { JiraHttpError, type JiraRequest, type JiraTransport } from '../../../src/ports/jira-transport';
import { applySite, planSite, type ProvisionOptions } from '../../../src/usecases/provision';
import { REPO_ROOT } from '../../unit/provision/template-dir';
import { createTestSite, memoryStore, type TestSite } from './emulator-site';

const templates = loadTemplates(REPO_ROOT);
const desired = templates.desired;
let site: TestSite;
let store: ReturnType<typeof memoryStore>;
let waits: number[];
const opts = (over: Partial<ProvisionOptions> = {}): ProvisionOptions => ({
  transport: site.transport(),
  provisioning: jiraProvisioning,
  templatesDir: REPO_ROOT,
  templates,
  store,
  sleep: async (ms) => void waits.push(ms),
  ...over,
});

beforeEach(() => {
  site = createTestSite();
  store = memoryStore();
  waits = [];
});
afterEach(() => site.close());

/** Everything the templates create exists exactly once, and a plan finds nothing left to do. */
async function expectCompleteWithoutDuplicates(): Promise<void> {
  const admin = site.transport('admin');
  const fields = (
    await admin.request<Array<{ name: string; custom: boolean }>>({ method: 'GET', path: '/rest/api/3/field' })
  ).body.filter((f) => f.custom);
  for (const f of desired.fields) expect(fields.filter((x) => x.name === f.name)).toHaveLength(1);
  const filters = (
    await admin.request<{ values: Array<{ name: string }> }>({
      method: 'GET',
      path: '/rest/api/3/filter/search',
      query: { filterName: 'AI Clearance:' },
    })
  ).body.values;
  for (const q of desired.queues) expect(filters.filter((x) => x.name === q.filterName)).toHaveLength(1);
  const rts = (
    await admin.request<{ values: Array<{ name: string }> }>({
      method: 'GET',
      path: '/rest/servicedeskapi/servicedesk/1/requesttype',
    })
  ).body.values;
  for (const rt of desired.requestTypes) expect(rts.filter((x) => x.name === rt.name)).toHaveLength(1);
  for (const f of Object.values(store.record.fields)) {
    const contexts = (
      await admin.request<{ values: Array<{ name: string }> }>({
        method: 'GET',
        path: `/rest/api/3/field/${f.id}/context`,
      })
    ).body.values;
    expect(contexts.filter((c) => c.name === 'AI Clearance')).toHaveLength(1);
  }
  const risk = store.record.fields.riskLevel;
  const options = (
    await admin.request<{ values: Array<{ value: string }> }>({
      method: 'GET',
      path: `/rest/api/3/field/${risk.id}/context/${risk.contextId}/option`,
    })
  ).body.values;
  expect(options.map((o) => o.value)).toEqual(['Low', 'Medium', 'High', 'Prohibited']);
  const { plan } = await planSite(opts());
  expect(plan.counts).toMatchObject({ create: 0, update: 0, conflict: 0 });
}

describe('apply under injected faults (/__sandbox/faults)', () => {
  it.each([1, 2, 3, 4, 5])('converges after faults (seed %i) and one clean apply, with no duplicates', async (seed) => {
    site.faults.configure({ jira: { rate429: 0.25, rate5xx: 0.2, retryAfterSeconds: 1 }, seed });
    // Only the provisioning errors a Jira outage may end in are expected; anything else (a TypeError) fails the test.
    const faulty = await applySite(opts()).catch((e: unknown) => {
      const code = (e as { code?: unknown } | null)?.code;
      if (code === 'JIRA_UNAVAILABLE' || code === 'RATE_LIMITED') return { ok: false as const, thrown: code };
      throw e;
    });
    site.faults.reset();
    if ('run' in faulty && !faulty.ok) expect(faulty.run.error!.code).toMatch(/^(JIRA_UNAVAILABLE|RATE_LIMITED)$/);
    // The faults were real: the apply waited out a 429/5xx, or gave up on Jira.
    expect(waits.length > 0 || !faulty.ok).toBe(true);
    const clean = await applySite(opts());
    expect(clean.ok).toBe(true);
    await expectCompleteWithoutDuplicates();
  });

  it('honours Retry-After on 429', async () => {
    site.faults.configure({ jira: { rate429: 0.3, retryAfterSeconds: 2 }, seed: 7 });
    const result = await applySite(opts());
    expect(result.ok).toBe(true);
    expect(waits.length).toBeGreaterThan(0);
    expect(new Set(waits)).toEqual(new Set([2000]));
    site.faults.reset();
    await expectCompleteWithoutDuplicates();
  });

  it('stops, without waiting, when Jira asks for a longer pause than allowed', async () => {
    site.faults.configure({ jira: { rate429: 1, retryAfterSeconds: 30 } });
    await expect(applySite(opts({ retry: { maxRetryAfterSeconds: 10 } }))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/Retry-After 30 s.*run apply again later/),
    });
    expect(waits).toEqual([]);
  });
});

/** Lets Jira do the work, then loses the answer (a timeout or a 503 from a proxy): the classic duplicate maker. */
function losingAnswers(inner: JiraTransport, lose: (req: JiraRequest) => boolean): JiraTransport {
  return {
    async request<T>(req: JiraRequest) {
      const res = await inner.request<T>(req);
      if (lose(req)) throw new JiraHttpError(503, req.method, req.path, ['Service Unavailable (answer lost)'], {});
      return res;
    },
  };
}

describe('a create whose answer was lost', () => {
  it('is looked up by name before retrying, and adopted', async () => {
    const lost = new Set<string>();
    const once = (req: JiraRequest) => {
      const key = `${req.method} ${req.path} ${JSON.stringify(req.body ?? '').slice(0, 60)}`;
      if (req.method !== 'POST' || lost.has(key)) return false;
      lost.add(key);
      return true;
    };
    const result = await applySite(opts({ transport: losingAnswers(site.transport(), once) }));
    expect(result.ok).toBe(true);
    expect(result.run.steps.map((s) => s.outcome)).toEqual(result.run.steps.map(() => 'adopted'));
    await expectCompleteWithoutDuplicates();
  });
});

describe('an apply that stops half-way', () => {
  it('reports exactly where it stopped, and the next apply resumes without duplicates', async () => {
    const down: JiraTransport = {
      request: (req) =>
        req.method === 'POST' && req.path === '/rest/api/3/filter'
          ? Promise.reject(new JiraHttpError(500, req.method, req.path, ['Internal server error'], {}))
          : site.transport().request(req),
    };
    const stopped = await applySite(opts({ transport: down }));
    expect(stopped.ok).toBe(false);
    expect(stopped.run.error).toMatchObject({
      key: 'filter:pendingRequests',
      code: 'JIRA_UNAVAILABLE',
      message: expect.stringMatching(
        /kept failing \(500\) on POST \/rest\/api\/3\/filter after retries; run apply again later and it resumes/,
      ),
    });
    const outcomes = stopped.run.steps.map((s) => s.outcome);
    // 18 field, context and option steps, then 8 fields × 2 screens, then the first filter.
    expect(outcomes.slice(0, 34)).toEqual(Array(34).fill('created'));
    expect(outcomes[34]).toBe('failed');
    expect(outcomes.slice(35)).toEqual(Array(8).fill('not-run'));
    expect(Object.keys(store.record.fields)).toHaveLength(desired.fields.length);

    const resumed = await applySite(opts());
    expect(resumed.run.steps.map((s) => s.key)).toEqual([
      ...desired.queues.map((q) => `filter:${q.ref}`),
      ...desired.requestTypes.map((r) => `requestType:${r.ref}`),
    ]);
    await expectCompleteWithoutDuplicates();
  });

  it('reports a 403 part-way without claiming nothing changed', async () => {
    const forbidden: JiraTransport = {
      request: (req) =>
        req.method === 'POST' && req.path.includes('/requesttype')
          ? Promise.reject(new JiraHttpError(403, req.method, req.path, ['You are not a project admin'], {}))
          : site.transport().request(req),
    };
    const stopped = await applySite(opts({ transport: forbidden }));
    expect(stopped.run.error).toMatchObject({ code: 'NEEDS_JIRA_ADMIN' });
    expect(stopped.run.error!.message).not.toMatch(/Nothing was changed/);
  });
});
