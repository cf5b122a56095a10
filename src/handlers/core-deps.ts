// The Forge implementations of the core loop's ports (one place, so every
// handler wires the same ones), and the mapping of use-case errors to what
// the Forge platform understands.
import { randomBytes } from 'node:crypto';
import type { InvocationError } from '@forge/events';
import { systemClock } from '../adapters/clock';
import { forgeJiraTransport } from '../adapters/jira/forge-transport';
import { kvsStore } from '../adapters/kvs/kvs-store';
import { forgeWorkQueue } from '../adapters/queue/forge-queue';
import { precompiledCommentTemplates } from '../render/precompiled';
import type { CoreDeps } from '../usecases/shared/deps';
import { isRetryLater, type RetryLaterError } from '../usecases/shared/errors';

export function coreDeps(): CoreDeps {
  return {
    store: kvsStore(),
    jira: forgeJiraTransport({ kind: 'app' }),
    clock: systemClock,
    random: (n) => new Uint8Array(randomBytes(n)),
    comments: precompiledCommentTemplates(),
    queue: forgeWorkQueue(),
  };
}

/**
 * Forge retries product-event triggers and queue consumers that RETURN an InvocationError (PLATFORM-FACTS).
 * @forge/events is loaded here, on the rare retry, so a cold invocation does not parse it.
 */
export async function retryFor(e: RetryLaterError): Promise<InvocationError> {
  const { InvocationError, InvocationErrorCode } = await import('@forge/events');
  const reason = e.reason === 'upstream_rate_limited' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST;
  return new InvocationError({ retryAfter: Math.max(1, Math.min(900, Math.ceil(e.retryAfterSeconds))), retryReason: reason });
}

export { describe } from './error-description';
export { isRetryLater };
