// The code and message a handler logs or answers for anything a use case throws.
// Not in core-deps.ts, which re-exports it: the resolvers map their errors with
// it without loading the core wiring (the comment templates' Handlebars runtime).
export function describe(e: unknown): { code: string; message: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return { code: typeof code === 'string' ? code : 'UNEXPECTED', message: e instanceof Error ? e.message : String(e) };
}

/**
 * asUser() for a user who has not yet allowed the app to act on their behalf: @forge/api throws
 * NeedsAuthenticationError (name NEEDS_AUTHENTICATION_ERR). A resolver lets it reach Forge, which prompts the
 * user for consent (https://developer.atlassian.com/platform/forge/call-a-bitbucket-api/: "you'll need to authorize
 * the app … Follow the onscreen prompts"); never answered as FORBIDDEN.
 */
export function needsUserConsent(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'NEEDS_AUTHENTICATION_ERR';
}
