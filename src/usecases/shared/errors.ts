// Use-case errors (the family: domain/errors.ts). The resolvers answer them
// through one mapper (answerFor); the triggers and the queue consumer map
// RetryLaterError to a platform retry and a UseCaseRefusal to "acknowledge,
// no retry can mend it".
import { AppError } from '../../domain/errors';
import type { JiraHttpError } from '../../ports/jira-transport';

export abstract class UseCaseError extends AppError {
  readonly layer = 'usecase';
}

/** Work that may succeed later (Jira 429/5xx, an event that arrived before the one it depends on). Answered TRY_AGAIN. */
export class RetryLaterError extends UseCaseError {
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

/** A caller-facing refusal: answered as an error with this code and message; no retry changes it. */
export class UseCaseRefusal extends UseCaseError {
  constructor(
    readonly code: string,
    message: string,
    override readonly details?: unknown,
  ) {
    super(message);
    this.name = 'UseCaseRefusal';
  }
}

/** What the caller named does not exist (or is not theirs to see: no probing other people's records). */
export class NotFoundError extends UseCaseRefusal {
  constructor(code: `${string}_NOT_FOUND`, message: string) {
    super(code, message);
    this.name = 'NotFoundError';
  }
}

/** The caller may not do this to what they named. */
export class ForbiddenError extends UseCaseRefusal {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'ForbiddenError';
  }
}
