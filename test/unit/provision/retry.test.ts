import { JiraHttpError, type JiraRequest, type JiraTransport } from '../../../src/ports/jira-transport';
import { DEFAULT_RETRY_POLICY, withRetries } from '../../../src/usecases/provision/retry';

function failing(statuses: Array<number | [number, number]>): JiraTransport & { calls: number } {
  const t = {
    calls: 0,
    async request<T>(req: JiraRequest) {
      const next = statuses[t.calls++];
      if (next === undefined) return { status: 200, headers: {}, body: { ok: true } as T };
      const [status, retryAfter] = Array.isArray(next) ? next : [next, undefined];
      throw new JiraHttpError(status, req.method, req.path, ['nope'], {}, retryAfter);
    },
  };
  return t;
}

describe('withRetries', () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  beforeEach(() => (waits.length = 0));

  it('retries a read on 5xx with backoff and honours Retry-After on 429', async () => {
    const inner = failing([503, [429, 3], 502]);
    const res = await withRetries(inner, DEFAULT_RETRY_POLICY, sleep).request({
      method: 'GET',
      path: '/rest/api/3/field',
    });
    expect(res.status).toBe(200);
    expect(inner.calls).toBe(4);
    expect(waits).toEqual([500, 3000, 2000]);
  });

  it('retries a POST on 429 (Jira did nothing) but not on 5xx (it may have worked)', async () => {
    const rateLimited = failing([[429, 1]]);
    await withRetries(rateLimited, DEFAULT_RETRY_POLICY, sleep).request({
      method: 'POST',
      path: '/rest/api/3/filter',
      body: {},
    });
    expect(rateLimited.calls).toBe(2);
    const broken = failing([503]);
    await expect(
      withRetries(broken, DEFAULT_RETRY_POLICY, sleep).request({
        method: 'POST',
        path: '/rest/api/3/filter',
        body: {},
      }),
    ).rejects.toMatchObject({ status: 503 });
    expect(broken.calls).toBe(1);
  });

  it('gives up after maxAttempts, and at once on a Retry-After longer than it will wait', async () => {
    const always = failing([503, 503, 503, 503, 503, 503]);
    await expect(
      withRetries(always, DEFAULT_RETRY_POLICY, sleep).request({ method: 'PUT', path: '/x', body: {} }),
    ).rejects.toMatchObject({ status: 503 });
    expect(always.calls).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    const slow = failing([[429, 3600]]);
    await expect(
      withRetries(slow, DEFAULT_RETRY_POLICY, sleep).request({ method: 'GET', path: '/x' }),
    ).rejects.toMatchObject({ status: 429, retryAfterSeconds: 3600 });
    expect(slow.calls).toBe(1);
  });

  it('never retries a 4xx', async () => {
    const forbidden = failing([403]);
    await expect(
      withRetries(forbidden, DEFAULT_RETRY_POLICY, sleep).request({ method: 'GET', path: '/x' }),
    ).rejects.toMatchObject({ status: 403 });
    expect(forbidden.calls).toBe(1);
  });
});
