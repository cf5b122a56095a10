// One set of rules for every place a policy value is written: a level policy,
// a tool's own durations in the seed, a per-tool override in an edit. Rules
// run only on the fields present, so a partial policy (a tool's settings) is
// checked with exactly the same sentences as a full level policy.
import { isWholeNumber } from './result';
import {
  HARD_MAX_DAYS,
  HARD_MAX_ESCALATION_HOURS,
  HARD_MAX_POLICY_DAYS,
  REQUESTABLE_RISK_LEVELS,
  type RequestableRiskLevel,
  type RiskPolicy,
  type RiskPolicyField,
} from './risk-policy';

export interface PolicyIssue {
  /** Set when the issue belongs to one level of a policy set. */
  readonly level?: RequestableRiskLevel;
  /** The field to point at when showing the issue (in YAML, the key to fix). */
  readonly field: RiskPolicyField;
  readonly message: string;
}

type Partialish = Partial<Record<RiskPolicyField, unknown>>;

interface FieldRule {
  readonly field: RiskPolicyField;
  /** Returns the problem sentence, or undefined when the value is fine. */
  readonly check: (value: unknown) => string | undefined;
}

function wholeIn(
  field: string,
  min: number,
  max: number | undefined,
  unit: string,
): (v: unknown) => string | undefined {
  return (v) => {
    if (!isWholeNumber(v)) return `${field} must be a whole number of ${unit}; got ${JSON.stringify(v)}`;
    if (v < min || (max !== undefined && v > max))
      return `${field} must be ${max === undefined ? `at least ${min} ${min === 1 ? unit.slice(0, -1) : unit}` : `from ${min} to ${max} ${unit}`}; got ${v}`;
    return undefined;
  };
}

const FIELD_RULES: readonly FieldRule[] = [
  { field: 'maxDays', check: wholeIn('maxDays', 1, HARD_MAX_DAYS, 'days') },
  { field: 'defaultDays', check: wholeIn('defaultDays', 1, HARD_MAX_POLICY_DAYS, 'days') },
  { field: 'reviewWindowDays', check: wholeIn('reviewWindowDays', 1, HARD_MAX_POLICY_DAYS, 'days') },
  { field: 'secondReminderDays', check: wholeIn('secondReminderDays', 0, HARD_MAX_POLICY_DAYS, 'days') },
  {
    field: 'autoApprovalAllowed',
    check: (v) =>
      typeof v === 'boolean' ? undefined : `autoApprovalAllowed must be true or false; got ${JSON.stringify(v)}`,
  },
  { field: 'autoApprovalMaxDays', check: wholeIn('autoApprovalMaxDays', 0, HARD_MAX_POLICY_DAYS, 'days') },
  {
    field: 'approverGroup',
    check: (v) =>
      typeof v === 'string' && v.trim().length > 0 && v.length <= 255
        ? undefined
        : `approverGroup must name a Jira group (1 to 255 characters); got ${JSON.stringify(v)}`,
  },
  { field: 'escalationAfterHours', check: wholeIn('escalationAfterHours', 1, HARD_MAX_ESCALATION_HOURS, 'hours') },
  { field: 'lapseAfterDays', check: wholeIn('lapseAfterDays', 1, HARD_MAX_POLICY_DAYS, 'days') },
  { field: 'maxTotalDays', check: wholeIn('maxTotalDays', 1, HARD_MAX_POLICY_DAYS, 'days') },
];

interface CrossRule {
  readonly fields: readonly RiskPolicyField[];
  /** The field the issue is reported on. */
  readonly at: RiskPolicyField;
  readonly check: (p: RiskPolicy) => string | undefined;
}

const CROSS_RULES: readonly CrossRule[] = [
  {
    fields: ['defaultDays', 'maxDays'],
    at: 'maxDays',
    check: (p) =>
      p.maxDays < p.defaultDays
        ? `maxDays (${p.maxDays}) is below defaultDays (${p.defaultDays}); raise maxDays or lower defaultDays`
        : undefined,
  },
  {
    fields: ['reviewWindowDays', 'maxDays'],
    at: 'reviewWindowDays',
    check: (p) =>
      p.reviewWindowDays >= p.maxDays
        ? `reviewWindowDays (${p.reviewWindowDays}) must be shorter than maxDays (${p.maxDays}), or a full-length grant would be under review from its first day`
        : undefined,
  },
  {
    fields: ['secondReminderDays', 'reviewWindowDays'],
    at: 'secondReminderDays',
    check: (p) =>
      p.secondReminderDays >= p.reviewWindowDays
        ? `secondReminderDays (${p.secondReminderDays}) must be below reviewWindowDays (${p.reviewWindowDays}) so it comes after the first reminder; 0 turns it off`
        : undefined,
  },
  {
    fields: ['autoApprovalAllowed', 'autoApprovalMaxDays'],
    at: 'autoApprovalMaxDays',
    check: (p) =>
      p.autoApprovalAllowed && p.autoApprovalMaxDays < 1
        ? 'autoApprovalMaxDays must be at least 1 when autoApprovalAllowed is true'
        : undefined,
  },
  {
    fields: ['autoApprovalMaxDays', 'maxDays'],
    at: 'autoApprovalMaxDays',
    check: (p) =>
      p.autoApprovalMaxDays > p.maxDays
        ? `autoApprovalMaxDays (${p.autoApprovalMaxDays}) cannot exceed maxDays (${p.maxDays})`
        : undefined,
  },
  {
    fields: ['lapseAfterDays', 'escalationAfterHours'],
    at: 'lapseAfterDays',
    check: (p) =>
      p.lapseAfterDays * 24 <= p.escalationAfterHours
        ? `lapseAfterDays (${p.lapseAfterDays} days) must come after escalationAfterHours (${p.escalationAfterHours} hours), so a request is escalated before it lapses`
        : undefined,
  },
  {
    fields: ['maxTotalDays', 'maxDays'],
    at: 'maxTotalDays',
    check: (p) =>
      p.maxTotalDays < p.maxDays
        ? `maxTotalDays (${p.maxTotalDays}) must be at least maxDays (${p.maxDays}) so one full grant fits`
        : undefined,
  },
];

/** Checks whichever policy fields are present; cross-field rules run only when all their fields are present and valid. */
export function policyFieldIssues(values: Partialish): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const bad = new Set<RiskPolicyField>();
  for (const rule of FIELD_RULES) {
    if (!(rule.field in values) || values[rule.field] === undefined) continue;
    const message = rule.check(values[rule.field]);
    if (message) {
      issues.push({ field: rule.field, message });
      bad.add(rule.field);
    }
  }
  for (const rule of CROSS_RULES) {
    if (rule.fields.every((f) => values[f] !== undefined && !bad.has(f))) {
      const message = rule.check(values as RiskPolicy);
      if (message) issues.push({ field: rule.at, message });
    }
  }
  return issues;
}

/** Everything wrong with one level's policy, including the rules that depend on the level. */
export function riskPolicyIssues(level: RequestableRiskLevel, policy: Partialish): PolicyIssue[] {
  const issues = policyFieldIssues(policy).map((i) => ({ ...i, level }));
  // High risk always needs a person: this is what makes the level mean something.
  if (level === 'high' && policy.autoApprovalAllowed === true) {
    issues.push({
      level,
      field: 'autoApprovalAllowed',
      message: 'high-risk requests always need a person: autoApprovalAllowed cannot be true for high risk',
    });
  }
  return issues;
}

/** Per-level issues plus the ordering rule: a riskier level may never allow longer grants than a safer one. */
export function policySetIssues(levels: Readonly<Record<RequestableRiskLevel, RiskPolicy>>): PolicyIssue[] {
  const issues = REQUESTABLE_RISK_LEVELS.flatMap((level) => riskPolicyIssues(level, levels[level]));
  for (let i = 1; i < REQUESTABLE_RISK_LEVELS.length; i++) {
    const safer = REQUESTABLE_RISK_LEVELS[i - 1];
    const riskier = REQUESTABLE_RISK_LEVELS[i];
    if (levels[riskier].maxDays > levels[safer].maxDays) {
      issues.push({
        level: riskier,
        field: 'maxDays',
        message: `${riskier} maxDays (${levels[riskier].maxDays}) is longer than ${safer} maxDays (${levels[safer].maxDays}); a riskier level may not allow longer grants`,
      });
    }
  }
  return issues;
}

export function formatPolicyIssues(issues: readonly PolicyIssue[]): string {
  return issues.map((i) => (i.level ? `${i.level}: ${i.message}` : i.message)).join('; ');
}
