// Use-case errors the handlers map to platform outcomes.

/** Work that may succeed later (Jira 429/5xx, an event that arrived before the one it depends on). */
export class RetryLaterError extends Error {
  readonly code = 'RETRY_LATER';
  constructor(
    readonly retryAfterSeconds: number,
    readonly reason: 'upstream_rate_limited' | 'upstream_error' | 'waiting_for_earlier_event' | 'storage_contention' | 'ticket_write_in_progress' | 'provisioning_incomplete',
    detail: string,
  ) {
    super(`${detail}; retrying in ${retryAfterSeconds} s`);
    this.name = 'RetryLaterError';
  }
}

export function isRetryLater(e: unknown): e is RetryLaterError {
  return e instanceof RetryLaterError;
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
