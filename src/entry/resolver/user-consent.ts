// Errors that must reach the Forge platform itself rather than be answered.
/**
 * asUser() for a user who has not yet allowed the app to act on their behalf: @forge/api throws
 * NeedsAuthenticationError (name NEEDS_AUTHENTICATION_ERR). A resolver lets it reach Forge, which prompts the
 * user for consent (https://developer.atlassian.com/platform/forge/call-a-bitbucket-api/: "you'll need to authorize
 * the app … Follow the onscreen prompts"); never answered as FORBIDDEN.
 */
export function needsUserConsent(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'NEEDS_AUTHENTICATION_ERR';
}
