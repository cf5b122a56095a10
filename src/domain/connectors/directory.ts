// What the domain knows of an IdP directory: a group's facts (which decide whether the app may
// manage its members: bindable.ts) and the kinds of failure (which decide retries: attempts.ts).
// The port that answers them is ports/group-directory.ts.

/** The facts of a group that decide whether the app may manage its members (domain/connectors/bindable.ts). */
export type DirectoryGroupFacts =
  | { provider: 'okta'; id: string; name: string; type: string }
  | {
      provider: 'entra';
      id: string;
      name: string;
      groupTypes: readonly string[];
      securityEnabled: boolean;
      mailEnabled: boolean;
      onPremisesSyncEnabled: boolean | null;
    };

export type DirectoryFailureKind =
  /** 429: the IdP says when to come back. */
  | 'rate_limited'
  /** 5xx or no answer (network): try again with backoff. */
  | 'unavailable'
  /** 401/403: the credentials cannot do this (retrying will not help). */
  | 'denied'
  | 'not_found'
  /** Any other refusal, or an answer not in the vendor's published shape. */
  | 'invalid';
