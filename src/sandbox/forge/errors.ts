// Every error the emulated Forge platform raises, in one place.
//
// Two families:
//   - ForgePlatformError: the sandbox itself refuses something (bad manifest,
//     unknown function, unhandled egress, settle timeout). Thrown to the caller.
//   - KvsError: what the emulated KVS service answers over __forge_fetch__.
//     The real @forge/kvs SDK turns these into ForgeKvsAPIError {code, message}.
//
// KVS codes marked VERIFIED appear in @forge/kvs 1.6 sources or its tests;
// the others are UNVERIFIED guesses (plausible names and statuses) — if the
// real platform is found to differ, change them here and nowhere else.

export class ForgePlatformError extends Error {
  constructor(
    readonly code: ForgePlatformErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ForgePlatformError';
  }
}

export type ForgePlatformErrorCode =
  | 'MANIFEST_INVALID'
  | 'UNKNOWN_FUNCTION'
  | 'HANDLER_NOT_EXPORTED'
  | 'UNSUPPORTED_MANIFEST_FEATURE'
  | 'UNSUPPORTED_FILTER_EXPRESSION'
  | 'UNKNOWN_MODULE'
  | 'NOT_A_UI_RESOLVER'
  | 'UNLICENSED_ACCESS_DENIED'
  | 'MISSING_EXTENSION_CONTEXT'
  | 'NEEDS_AUTHENTICATION'
  | 'UNKNOWN_SCHEDULED_TRIGGER'
  | 'RESOLVER_FAILED'
  | 'INVOCATION_PAYLOAD_TOO_LARGE'
  | 'INVOCATION_RESPONSE_TOO_LARGE'
  | 'EGRESS_NOT_HANDLED'
  | 'NO_JIRA_EMULATOR'
  | 'NO_USER_CONTEXT'
  | 'UNSUPPORTED_REMOTE'
  | 'NO_PLATFORM'
  | 'PLATFORM_CLOSED';

export function isForgePlatformError(e: unknown): e is ForgePlatformError {
  return e instanceof ForgePlatformError;
}

/** settle() gave up: work is still pending or running. `pending` says what, so the test output is actionable. */
export class SettleTimeoutError extends Error {
  readonly code = 'SETTLE_TIMEOUT';
  constructor(
    readonly timeoutMs: number,
    readonly pending: ReadonlyArray<{ kind: string; key: string; status: string; attempt: number }>,
  ) {
    const list = pending
      .slice(0, 10)
      .map((p) => `${p.kind} ${p.key} (${p.status}, attempt ${p.attempt + 1})`)
      .join('; ');
    super(
      `sandbox did not settle within ${timeoutMs} ms: ${pending.length} item(s) still pending or running${list ? `: ${list}` : ''}. ` +
        'A handler may be hanging, or work keeps re-queueing itself; check listInvocations() for the last results.',
    );
    this.name = 'SettleTimeoutError';
  }
}

/** A KVS service answer other than success: serialised as {code, message} with an HTTP status. */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsError';
  }

  toBody(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** The KVS error catalogue. */
export const KvsErrors = {
  /** VERIFIED status and code (https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs/); the message is ours. */
  rateLimited: () => new KvsError(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests to the app storage; try again later.'),
  /** VERIFIED: a get/delete of a missing key; the SDK turns it into `undefined`. */
  keyNotFound: () => new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist'),
  /** VERIFIED code and message for a malformed body; we append the detail. */
  badRequest: (detail: string) => new KvsError(400, 'BAD_REQUEST', `Provided request body is invalid: ${detail}`),
  /** VERIFIED code (batch item errors in SDK tests): value does not fit the entity schema. */
  validation: (detail: string) => new KvsError(400, 'VALIDATION_ERROR', detail),
  /** UNVERIFIED: key violates the pattern or length. */
  invalidKey: (key: string, why: string) =>
    new KvsError(
      400,
      'INVALID_KEY',
      `Key ${JSON.stringify(key.slice(0, 80))} is invalid: ${why}. Keys are 1-500 characters of letters, digits, whitespace and : . _ - #`,
    ),
  /** UNVERIFIED: value larger than 240 KiB. */
  valueTooLarge: (bytes: number, limit: number) =>
    new KvsError(
      413,
      'VALUE_TOO_LARGE',
      `Value is ${bytes} bytes; the limit is ${limit} bytes (240 KiB). Split it across keys or store less.`,
    ),
  /** UNVERIFIED: batch or transaction body larger than 4 MB. */
  payloadTooLarge: (bytes: number, limit: number) =>
    new KvsError(
      413,
      'PAYLOAD_TOO_LARGE',
      `Request is ${bytes} bytes; a batch or transaction may carry at most ${limit} bytes (4 MB).`,
    ),
  /** UNVERIFIED: request-level limits (too many items, query limit too high). */
  limitExceeded: (detail: string) => new KvsError(400, 'LIMIT_EXCEEDED', detail),
  /** Seen in @forge/storage sources; used for a cursor we did not issue or that belongs to another query. */
  invalidCursor: () =>
    new KvsError(
      400,
      'INVALID_CURSOR',
      'The cursor is invalid or belongs to a different query; start again without a cursor.',
    ),
  /** UNVERIFIED: set with keyPolicy FAIL_IF_EXISTS on an existing key. */
  keyAlreadyExists: (key: string) =>
    new KvsError(
      409,
      'KEY_ALREADY_EXISTS',
      `Key ${JSON.stringify(key)} already exists and keyPolicy is FAIL_IF_EXISTS`,
    ),
  /**
   * UNVERIFIED: a transaction condition did not hold; nothing was written. The docs say
   * only that the transaction fails, so status/code/message are configurable
   * (faults `kvs.conditionFailure`, platform-contract.md KVS-1).
   */
  conditionFailed: (
    detail: string,
    as: { status: number; code: string; message?: string } = { status: 409, code: 'CONDITION_CHECK_FAILED' },
  ) => new KvsError(as.status, as.code, as.message ?? `Transaction cancelled, no changes were made: ${detail}`),
  /** Unknown path on the KVS service. */
  notFound: (path: string) => new KvsError(404, 'NOT_FOUND', `The sandbox KVS has no endpoint ${path}`),
} as const;
