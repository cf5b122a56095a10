// The Forge implementations of the core loop's ports (one place, so every
// handler wires the same ones), and the mapping of use-case errors to what
// the Forge platform understands.
import { randomBytes } from 'node:crypto';
import type { InvocationError } from '@forge/events';
import { systemClock } from '../adapters/clock';
import { forgeJiraTransport } from '../adapters/jira/forge-transport';
import { jiraApi } from '../adapters/jira/jira-api';
import { kvsStore } from '../adapters/kvs/kvs-store';
import { forgeWorkQueue } from '../adapters/queue/forge-queue';
import { precompiledCommentTemplates } from '../render/precompiled';
import type { CoreDeps } from '../usecases/shared/deps';
import { isJiraHttpError } from '../ports/jira-transport';
import { isRetryLater, jiraRetryLater, RetryLaterError } from '../usecases/shared/errors';

export function coreDeps(): CoreDeps {
  return {
    store: kvsStore(),
    jira: jiraApi(forgeJiraTransport({ kind: 'app' })),
    clock: systemClock,
    random: (n) => new Uint8Array(randomBytes(n)),
    comments: precompiledCommentTemplates(),
    queue: forgeWorkQueue(() => import('@forge/events')),
  };
}

/**
 * Forge retries product-event triggers and queue consumers that RETURN an InvocationError (https://developer.atlassian.com/platform/forge/events-reference/product_events/ § "Retry for app level errors"; https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/ § "Retries").
 * @forge/events is loaded here, on the rare retry, so a cold invocation does not parse it.
 */
export async function retryFor(e: RetryLaterError): Promise<InvocationError> {
  const { InvocationError, InvocationErrorCode } = await import('@forge/events');
  const reason =
    e.reason === 'upstream_rate_limited'
      ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
      : InvocationErrorCode.FUNCTION_RETRY_REQUEST;
  return new InvocationError({
    retryAfter: Math.max(1, Math.min(900, Math.ceil(e.retryAfterSeconds))),
    retryReason: reason,
  });
}

/** Backoff when the failure names no wait: 5 s doubling per retry, at most the 900 s Forge honours. */
export function backoffSeconds(retryCount: number): number {
  return Math.min(900, 5 * 2 ** Math.min(retryCount, 8));
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * A failure that may pass by itself, as the retry the platform should make:
 * RetryLater from a use case, Jira 429 (its Retry-After honoured) and 5xx,
 * and network errors. Undefined for everything else (a 4xx, a bad answer, a bug).
 */
export function transientFailure(err: unknown, retryCount: number): RetryLaterError | undefined {
  if (isRetryLater(err)) return err;
  if (isJiraHttpError(err)) {
    return err.retryable ? jiraRetryLater(err, backoffSeconds(retryCount)) : undefined;
  }
  const code =
    (err as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    (err instanceof TypeError && /fetch failed|network/i.test(err.message))
  ) {
    return new RetryLaterError(
      backoffSeconds(retryCount),
      'upstream_error',
      `network error: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return undefined;
}

/** Failures no retry can mend: Jira refusing the request (4xx other than 429), an answer of an unexpected shape, a bad id, a refusal. */
export function isPermanentFailure(err: unknown): boolean {
  if (isJiraHttpError(err)) return !err.retryable;
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === 'JIRA_SHAPE' || code === 'INVALID_PATH_SEGMENT' || (err instanceof Error && err.name === 'UseCaseRefusal')
  );
}

export { describe } from './error-description';
