// Retries for provisioning calls. Reads and PUTs are idempotent: retried on
// 429 and 5xx. A POST is retried only on 429 (Jira refused it before doing
// anything); a POST that got a 5xx may have worked, so it is left to the step
// to look the item up by name before trying again (see apply.ts).
import { isJiraHttpError, type JiraRequest, type JiraResponse, type JiraTransport } from '../../ports/jira-transport';

export interface RetryPolicy {
  /** Attempts per call, first one included. */
  maxAttempts: number;
  /** A Retry-After above this is not waited out: apply stops and says when to resume. */
  maxRetryAfterSeconds: number;
  /** Backoff for 5xx (and 429 without Retry-After): base × 2^(attempt-1), capped. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxRetryAfterSeconds: 60,
  baseDelayMs: 500,
  maxDelayMs: 8000,
};

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryNotice {
  method: string;
  path: string;
  status: number;
  attempt: number;
  waitMs: number;
}

export function delayFor(
  err: { status: number; retryAfterSeconds?: number },
  attempt: number,
  policy: RetryPolicy,
): number | undefined {
  if (err.status === 429 && err.retryAfterSeconds !== undefined) {
    return err.retryAfterSeconds > policy.maxRetryAfterSeconds ? undefined : err.retryAfterSeconds * 1000;
  }
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export function withRetries(
  inner: JiraTransport,
  policy: RetryPolicy,
  sleep: Sleep,
  onRetry?: (n: RetryNotice) => void,
): JiraTransport {
  return {
    async request<T>(req: JiraRequest): Promise<JiraResponse<T>> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await inner.request<T>(req);
        } catch (err) {
          if (!isJiraHttpError(err) || !err.retryable || attempt >= policy.maxAttempts) throw err;
          if (req.method === 'POST' && err.status !== 429) throw err; // ambiguous: the step re-checks by name
          const waitMs = delayFor(err, attempt, policy);
          if (waitMs === undefined) throw err;
          onRetry?.({ method: req.method, path: req.path, status: err.status, attempt, waitMs });
          await sleep(waitMs);
        }
      }
    },
  };
}
