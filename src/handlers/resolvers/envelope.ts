// The one answer shape of every resolver (admin page, queue page, portal panel): a result, or
// `{error: {code, message, details?}}` with a message a person can act on. One code per kind of
// failure across resolvers: BAD_REQUEST for a payload that does not parse, TRY_AGAIN for a busy Jira
// before anything was saved, FORBIDDEN, UNAUTHENTICATED, and the use cases' own refusal codes.
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
