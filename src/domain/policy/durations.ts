// Duration rules for requests, approvals and extensions. Messages are written
// for the person who typed the number (they end up in ticket comments).
import type { EffectivePolicy } from './effective-policy';
import { err, isWholeNumber, ok, type RuleRefusal, type Result } from './result';

export type DurationErrorCode =
  | 'DURATION_NOT_WHOLE'
  | 'DURATION_TOO_SHORT'
  | 'DURATION_TOO_LONG'
  | 'DURATION_LONGER_THAN_REQUESTED'
  | 'TOOL_NOT_REQUESTABLE';

export interface DurationError extends RuleRefusal<DurationErrorCode> {
  /** The bound that was crossed, for forms that want to show it. */
  readonly limit?: number;
}

export type DurationPolicy = Pick<EffectivePolicy, 'requestable' | 'riskLevel' | 'maxDays' | 'policyVersion'>;
export type ExtensionPolicy = DurationPolicy & Pick<EffectivePolicy, 'maxTotalDays'>;

/**
 * The largest day count a record keeps as what someone asked for, even when the request is
 * rejected for it (so "you asked for 400 days" can be shown). Anything larger, fractional,
 * negative or not a safe integer (1e300, 2^53) is stored as "no usable number" (null).
 */
export const MAX_RECORDED_DAYS = 36_500;

export function recordableDays(days: unknown): number | null {
  return isWholeNumber(days) && days >= 0 && days <= MAX_RECORDED_DAYS ? days : null;
}

/** A requested duration: a whole number from 1 to the tool's maxDays. */
export function validateRequestedDuration(days: number, policy: DurationPolicy): Result<number, DurationError> {
  if (!policy.requestable)
    return err({
      code: 'TOOL_NOT_REQUESTABLE',
      message: 'This tool is prohibited, so no duration can be requested for it.',
    });
  if (!isWholeNumber(days))
    return err({
      code: 'DURATION_NOT_WHOLE',
      message: `Duration must be a whole number of days; got ${String(days)}.`,
    });
  if (days < 1)
    return err({ code: 'DURATION_TOO_SHORT', message: `Duration must be at least 1 day; got ${days}.`, limit: 1 });
  if (days > policy.maxDays) {
    return err({
      code: 'DURATION_TOO_LONG',
      message: `Duration of ${days} days is longer than this tool allows: at most ${policy.maxDays} days (${policy.riskLevel} risk, policy version ${policy.policyVersion}).`,
      limit: policy.maxDays,
    });
  }
  return ok(days);
}

/** An approver may shorten a request (still within policy) but never lengthen it. */
export function validateShortenedDuration(
  requestedDays: number,
  newDays: number,
  policy: DurationPolicy,
): Result<number, DurationError> {
  const checked = validateRequestedDuration(newDays, policy);
  if (!checked.ok) return checked;
  if (newDays > requestedDays) {
    return err({
      code: 'DURATION_LONGER_THAN_REQUESTED',
      message: `An approver may shorten a request but not lengthen it: ${newDays} days is more than the ${requestedDays} requested.`,
      limit: requestedDays,
    });
  }
  return ok(newDays);
}

export interface ExtensionCheck {
  readonly totalDays: number;
  /** True when the extension pushes the grant past maxTotalDays: allowed only with a higher approval tier. */
  readonly requiresHigherApproval: boolean;
  readonly maxTotalDays: number;
}

/**
 * An extension adds a whole number of days (each step no longer than one grant
 * may be). Going past maxTotalDays is not refused: per the product rule it
 * needs a higher approval tier, which the result says.
 */
export function validateExtension(
  currentTotalDays: number,
  extraDays: number,
  policy: ExtensionPolicy,
): Result<ExtensionCheck, DurationError> {
  if (!isWholeNumber(currentTotalDays) || currentTotalDays < 0) {
    return err({
      code: 'DURATION_NOT_WHOLE',
      message: `The grant's current total must be a whole, non-negative number of days; got ${String(currentTotalDays)}.`,
    });
  }
  const extra = validateRequestedDuration(extraDays, policy);
  if (!extra.ok) return extra;
  const totalDays = currentTotalDays + extraDays;
  return ok({ totalDays, requiresHigherApproval: totalDays > policy.maxTotalDays, maxTotalDays: policy.maxTotalDays });
}

/** Whether a request of this many days may be approved without a person. */
export function isAutoApprovable(
  days: number,
  policy: Pick<EffectivePolicy, 'requestable' | 'autoApprovalAllowed' | 'autoApprovalMaxDays' | 'maxDays'>,
): boolean {
  return (
    policy.requestable &&
    policy.autoApprovalAllowed &&
    isWholeNumber(days) &&
    days >= 1 &&
    days <= Math.min(policy.autoApprovalMaxDays, policy.maxDays)
  );
}
