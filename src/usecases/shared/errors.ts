// Use-case errors the handlers map to platform outcomes.
import type { JiraHttpError } from '../../ports/jira-transport';

/** Work that may succeed later (Jira 429/5xx, an event that arrived before the one it depends on). */
export class RetryLaterError extends Error {
  readonly code = 'RETRY_LATER';
  constructor(
    readonly retryAfterSeconds: number,
    readonly reason:
      | 'upstream_rate_limited'
      | 'upstream_error'
      | 'waiting_for_earlier_event'
      | 'storage_contention'
      | 'ticket_write_in_progress'
      | 'provisioning_incomplete',
    detail: string,
  ) {
    super(`${detail}; retrying in ${retryAfterSeconds} s`);
    this.name = 'RetryLaterError';
  }
}

export function isRetryLater(e: unknown): e is RetryLaterError {
  return e instanceof RetryLaterError;
}

/** A retryable Jira answer (429, 5xx) as the retry to ask for: its Retry-After, else `fallbackSeconds`; within Forge's 1–900 s. */
export function jiraRetryLater(e: JiraHttpError, fallbackSeconds: number, detail: string = e.message): RetryLaterError {
  return new RetryLaterError(
    Math.max(1, Math.min(900, e.retryAfterSeconds ?? fallbackSeconds)),
    e.status === 429 ? 'upstream_rate_limited' : 'upstream_error',
    detail,
  );
}

/** A caller-facing refusal (resolvers answer it as an error with this code and message). */
export class UseCaseRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UseCaseRefusal';
  }
}
