// One error family for the governance log: a stable code for callers to map,
// and a message that says what to do about it.
import { DomainError } from '../errors';

export type GovernanceErrorCode =
  | 'GOV_NOT_CANONICAL'
  | 'GOV_DRAFT_INVALID'
  | 'GOV_HEAD_MISMATCH'
  | 'GOV_EVENT_TOO_LARGE'
  | 'GOV_ANCHOR_INVALID'
  | 'GOV_BUNDLE_INVALID'
  | 'GOV_KEY_INVALID';

export class GovernanceError extends DomainError {
  constructor(
    readonly code: GovernanceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GovernanceError';
  }
}

export function isGovernanceError(e: unknown): e is GovernanceError {
  return e instanceof GovernanceError;
}
