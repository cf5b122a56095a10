// The one answer shape of every resolver (admin page, queue page, portal panel): a result, or
// `{error: {code, message, details?}}` with a message a person can act on. One code per kind of
// failure across resolvers: BAD_REQUEST for a payload that does not parse, UNAUTHENTICATED, FORBIDDEN,
// TRY_AGAIN for a busy Jira before anything was saved, an AppError's own code (domain/errors.ts), and
// for anything else the runtime's code (MODULE_NOT_FOUND) or UNEXPECTED. answerFor is the one mapper from a thrown error to an answer.
import { AppError, describeError } from '../../domain/errors';
import { isJiraHttpError } from '../../ports/jira-transport';
import { isRetryLater } from '../../usecases/shared/errors';
import { needsUserConsent } from './user-consent';

export interface ResolverError {
  error: { code: string; message: string; details?: unknown };
}

export function fail(code: string, message: string, details?: unknown): ResolverError {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) } };
}

/** A payload that does not parse: the first problem, with where it is. */
export function badRequest(
  where: string,
  issue: { path: readonly PropertyKey[]; message: string } | undefined,
): ResolverError {
  return fail(
    'BAD_REQUEST',
    `${where}${issue?.path.map(String).join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`,
  );
}

/** Jira answered 429/5xx before anything was saved. */
export function tryAgain(e: { message: string }): ResolverError {
  return fail('TRY_AGAIN', `Jira is busy right now (${e.message}); nothing was changed. Try again in a minute.`);
}

/**
 * The answer to anything a resolver's use case threw. A change that was saved answers normally (the queue
 * writes the ticket), so a retryable failure here came before anything was saved: TRY_AGAIN. Anything that is
 * not one of the app's own errors is logged (function, code and message: no payload) and answered with the
 * runtime's code (a chunk that did not load: MODULE_NOT_FOUND), else UNEXPECTED.
 * @throws `e` itself when Forge must see it: asUser() for a user who has not allowed the app access yet
 *   (Forge then prompts the user; platform-contract.md UI-7).
 */
export function answerFor(e: unknown, where: { resolver: string; functionName: string }): ResolverError {
  if (needsUserConsent(e)) throw e;
  if (isRetryLater(e) || (isJiraHttpError(e) && e.retryable)) return tryAgain(e);
  if (e instanceof AppError) return fail(e.code, e.message, e.details);
  const { code, message } = describeError(e);
  console.error(JSON.stringify({ event: `${where.resolver}.failed`, functionName: where.functionName, code, message }));
  return fail(code, message);
}
