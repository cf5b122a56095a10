// The one error family of the app. Every error the app throws on purpose is an
// AppError: a stable `code` callers map (resolvers answer it, jobs log it, run
// records keep it) and a message that says what to do. One base per layer:
//   DomainError   (domain/)   a rule the data broke: the governance log's integrity
//   UseCaseError  (usecases/) not found, refused, forbidden, retry later, stored data invalid, provisioning
//   AdapterError  (ports/, adapters/) what Jira or storage answered: HTTP errors, unexpected shapes, conflicts
//   ConfigError, RenderError (config/, render/): a configuration or template a person wrote
// The resolvers map any of them with one function (answerFor in the resolver envelope).
// Domain rules that refuse return a Result with a RuleRefusal (domain/policy/result.ts) instead of throwing.

export type ErrorLayer = 'domain' | 'usecase' | 'adapter' | 'config' | 'render';

export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly layer: ErrorLayer;
  /** Facts a caller may show beside the message (a resolver answers them as `error.details`). */
  readonly details?: unknown;
}

/** A domain rule the data broke (thrown: the governance log's integrity checks). */
export abstract class DomainError extends AppError {
  readonly layer = 'domain';
}

/** The code of an error that names none (a bug). */
export const UNEXPECTED = 'UNEXPECTED';

/**
 * The code and message to log, answer or keep for anything thrown: an AppError's own code; for an error from
 * outside the app, the runtime's own code when it has one (MODULE_NOT_FOUND, ECONNRESET), else UNEXPECTED.
 */
export function describeError(e: unknown): { code: string; message: string } {
  const own = e instanceof AppError ? e.code : (e as { code?: unknown } | null)?.code;
  return {
    code: typeof own === 'string' ? own : UNEXPECTED,
    message: e instanceof Error ? e.message : String(e),
  };
}
