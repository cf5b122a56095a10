// How a connector job's failures are counted and when it goes to a person.
// Pure: the caller passes the failure and the counts so far.
//
// - 429 (rate limited): wait what the IdP said (Okta X-Rate-Limit-Reset, Graph
//   Retry-After) and try again; these do not use up the failure budget, since
//   the IdP is working, only busy — but a storm that never ends still hands
//   over after MAX_RATE_LIMITED_ATTEMPTS, well inside the queue's 24 h
//   retention window, so a job is never silently dropped.
// - 5xx / no answer: exponential backoff, at most MAX_CONNECTOR_ATTEMPTS.
// - denied / not found / invalid: retrying will not help; a person acts now.
import type { DirectoryFailureKind } from './directory';

/** Failed attempts (5xx, network) before a person is asked to act. */
export const MAX_CONNECTOR_ATTEMPTS = 3;
/** Rate-limited attempts before a person is asked to act (each waits for the IdP's reset). */
export const MAX_RATE_LIMITED_ATTEMPTS = 48;
/** Forge honours a retryAfter of at most 900 s (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/ › RetryOptions). */
export const MAX_RETRY_AFTER_SECONDS = 900;

export interface AttemptCounts {
  /** Every attempt that ended in a failure of any kind. */
  attempts: number;
  /** Of those, the 5xx / network ones. */
  failures: number;
  /** Of those, the 429 ones. */
  rateLimited: number;
}

export const NO_ATTEMPTS: AttemptCounts = { attempts: 0, failures: 0, rateLimited: 0 };

export type NextStep =
  | { action: 'retry'; afterSeconds: number; counts: AttemptCounts }
  | { action: 'hand_over'; counts: AttemptCounts; why: 'permanent' | 'attempts_used_up' };

export function backoffAfter(failures: number): number {
  return Math.min(MAX_RETRY_AFTER_SECONDS, 15 * 2 ** Math.max(0, failures - 1));
}

export function afterFailure(
  failure: { kind: DirectoryFailureKind; retryAfterSeconds?: number | undefined },
  before: AttemptCounts,
): NextStep {
  const attempts = before.attempts + 1;
  if (failure.kind === 'rate_limited') {
    const counts = { ...before, attempts, rateLimited: before.rateLimited + 1 };
    if (counts.rateLimited >= MAX_RATE_LIMITED_ATTEMPTS)
      return { action: 'hand_over', counts, why: 'attempts_used_up' };
    const wait = failure.retryAfterSeconds ?? backoffAfter(counts.rateLimited);
    return { action: 'retry', afterSeconds: clampWait(wait), counts };
  }
  if (failure.kind === 'unavailable') {
    const counts = { ...before, attempts, failures: before.failures + 1 };
    if (counts.failures >= MAX_CONNECTOR_ATTEMPTS) return { action: 'hand_over', counts, why: 'attempts_used_up' };
    const wait = Math.max(failure.retryAfterSeconds ?? 0, backoffAfter(counts.failures));
    return { action: 'retry', afterSeconds: clampWait(wait), counts };
  }
  return { action: 'hand_over', counts: { ...before, attempts }, why: 'permanent' };
}

function clampWait(s: number): number {
  return Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, Math.ceil(s)));
}

/**
 * Okta's X-Rate-Limit-Reset is the UTC epoch second the window resets
 * (https://developer.okta.com/docs/reference/rl-best-practices/ › "Check your rate limits with Okta's rate limit headers").
 * Returns the seconds to wait from `nowMs`, at least 1; undefined if the header is missing or not a number.
 */
export function oktaResetWait(header: string | null, nowMs: number): number | undefined {
  if (!header || !/^\d{1,12}$/.test(header.trim())) return undefined;
  return Math.max(1, Number(header.trim()) - Math.floor(nowMs / 1000));
}

/**
 * Graph's Retry-After: delay-seconds (RFC 9110 § 10.2.3 also allows an HTTP-date, accepted too)
 * (https://learn.microsoft.com/en-us/graph/throttling › "Best practices to handle throttling").
 */
export function retryAfterWait(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const v = header.trim();
  if (/^\d{1,9}$/.test(v)) return Math.max(1, Number(v));
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(1, Math.ceil((at - nowMs) / 1000));
}
