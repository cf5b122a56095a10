// The risk policy set is versioned: every accepted change makes version n+1
// and a governance event with the fields that changed. Decisions record the
// version they used, so "which rules applied to this approval?" always has an
// answer even after the rules change.
import { asJson, diffFields, type Actor, type ChangeContext, type EventDraft } from './event-draft';
import { err, ok, type RuleRefusal, type Result } from './result';
import {
  DEFAULT_RISK_POLICIES,
  REQUESTABLE_RISK_LEVELS,
  RISK_POLICY_FIELDS,
  type PolicySet,
  type RequestableRiskLevel,
  type RiskPolicy,
} from './risk-policy';
import { formatPolicyIssues, policySetIssues, type PolicyIssue } from './validate-policy';

export type PolicyErrorCode = 'POLICY_INVALID' | 'POLICY_NO_CHANGE' | 'POLICY_VERSION_CONFLICT';

export interface PolicyError extends RuleRefusal<PolicyErrorCode> {
  readonly issues?: readonly PolicyIssue[];
}

export interface PolicyChange {
  /** New values per level; only the fields given change. */
  readonly levels: Partial<Record<RequestableRiskLevel, Partial<RiskPolicy>>>;
  /** The version the admin edited; a different current version means someone else changed it first. */
  readonly expectedVersion?: number;
  readonly reason?: string;
}

/** The policy set's subject in the governance log: one chain for every version. */
export const POLICY_SUBJECT = { type: 'policy', id: 'risk-policy' } as const;

export interface PolicyUpdate {
  readonly policySet: PolicySet;
  readonly event: EventDraft;
}

/** Version 1, as installed. Validated like any change so a bad default can never ship. */
export function initialPolicySet(
  ctx: ChangeContext,
  levels: Readonly<Record<RequestableRiskLevel, RiskPolicy>> = DEFAULT_RISK_POLICIES,
): Result<PolicySet, PolicyError> {
  const issues = policySetIssues(levels);
  if (issues.length > 0)
    return err({ code: 'POLICY_INVALID', message: `Policy not valid: ${formatPolicyIssues(issues)}.`, issues });
  return ok({
    version: 1,
    levels: { low: { ...levels.low }, medium: { ...levels.medium }, high: { ...levels.high } },
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.actor,
  });
}

export function updatePolicy(
  current: PolicySet,
  change: PolicyChange,
  actor: Actor,
  now: Date,
): Result<PolicyUpdate, PolicyError> {
  if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
    return err({
      code: 'POLICY_VERSION_CONFLICT',
      message: `The policy was changed to version ${current.version} after you loaded version ${change.expectedVersion}; reload it and apply your change again.`,
    });
  }
  const shapeIssues = changeShapeIssues(change);
  if (shapeIssues.length > 0)
    return err({ code: 'POLICY_INVALID', message: `Policy change not valid: ${shapeIssues.join('; ')}.` });

  const levels = {} as Record<RequestableRiskLevel, RiskPolicy>;
  for (const level of REQUESTABLE_RISK_LEVELS)
    levels[level] = { ...current.levels[level], ...definedOnly(change.levels[level] ?? {}) };

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const level of REQUESTABLE_RISK_LEVELS) {
    const diff = diffFields(current.levels[level], levels[level], RISK_POLICY_FIELDS);
    if (Object.keys(diff.after).length > 0) {
      before[level] = diff.before;
      after[level] = diff.after;
    }
  }
  if (Object.keys(after).length === 0)
    return err({
      code: 'POLICY_NO_CHANGE',
      message: `The change sets every field to its current value; policy version ${current.version} stays in force.`,
    });

  const issues = policySetIssues(levels);
  if (issues.length > 0)
    return err({ code: 'POLICY_INVALID', message: `Policy not changed: ${formatPolicyIssues(issues)}.`, issues });

  const policySet: PolicySet = { version: current.version + 1, levels, updatedAt: now.toISOString(), updatedBy: actor };
  const reason = change.reason?.trim();
  const event: EventDraft = {
    action: 'policy.updated',
    subject: POLICY_SUBJECT,
    actor,
    policyVersion: policySet.version,
    before: asJson({ version: current.version, levels: before }),
    after: asJson({ version: policySet.version, levels: after, ...(reason ? { reason } : {}) }),
  };
  return ok({ policySet, event });
}

/** Catches what the type system cannot once the change has come through a resolver or the CLI. */
function changeShapeIssues(change: PolicyChange): string[] {
  const issues: string[] = [];
  for (const [level, fields] of Object.entries(change.levels ?? {})) {
    if (level === 'prohibited') {
      issues.push(
        'prohibited has no policy to edit: prohibited tools are never requestable (reclassify the tool instead)',
      );
      continue;
    }
    if (!(REQUESTABLE_RISK_LEVELS as readonly string[]).includes(level)) {
      issues.push(`unknown risk level "${level}"; use one of ${REQUESTABLE_RISK_LEVELS.join(', ')}`);
      continue;
    }
    for (const field of Object.keys(fields ?? {})) {
      if (!(RISK_POLICY_FIELDS as readonly string[]).includes(field))
        issues.push(`unknown policy field "${level}.${field}"; use one of ${RISK_POLICY_FIELDS.join(', ')}`);
    }
  }
  return issues;
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
