// The policy that applies to one tool: its risk level's policy, combined with
// the tool's own settings.
//
// The override rule (documented in docs for admins, tested in
// test/unit/policy/effective-policy.test.ts):
//   * The LEVEL is a CEILING on how long and how automatically access can be
//     granted. A tool may tighten maxDays, maxTotalDays, autoApprovalAllowed
//     and autoApprovalMaxDays, never loosen them. Loosening means
//     reclassifying the tool's risk (an audited catalog edit) or changing the
//     level policy (a new policy version). This way, tightening a level always
//     takes effect on every tool at that level.
//   * Everything else (defaultDays, reviewWindowDays, secondReminderDays,
//     approverGroup, escalationAfterHours, lapseAfterDays) is the tool's to
//     tune, kept consistent with the ceiling.
//   * A prohibited tool has no policy: not requestable, every duration 0.
// Where the ceiling or a consistency rule changes a tool's value, the result
// says so in `adjustments`, so the admin page can show why.
import type { PolicyOverrides, PolicySet, RiskLevel, RiskPolicy, RiskPolicyField } from './risk-policy';

/** The part of a catalog entry the policy depends on (structural, so policy never imports the catalog). */
export interface PolicySubject {
  readonly id: string;
  readonly risk: RiskLevel;
  readonly defaultDays: number;
  readonly maxDays: number;
  readonly reviewWindowDays: number;
  readonly policyOverrides?: PolicyOverrides;
}

export interface EffectivePolicy extends RiskPolicy {
  readonly toolId: string;
  readonly riskLevel: RiskLevel;
  /** False only for prohibited tools; the catalog status is a separate question. */
  readonly requestable: boolean;
  /** The policy set version this was computed from; decisions record it. */
  readonly policyVersion: number;
  /** Fields whose value came from the tool rather than from the level. */
  readonly toolFields: readonly RiskPolicyField[];
  /** Why a tool's own value was not used as written. */
  readonly adjustments: readonly string[];
}

export function effectivePolicy(policySet: PolicySet, subject: PolicySubject): EffectivePolicy {
  if (subject.risk === 'prohibited') return prohibitedPolicy(policySet, subject.id);
  const level = policySet.levels[subject.risk];
  const o = subject.policyOverrides ?? {};
  const adjustments: string[] = [];
  const toolFields = new Set<RiskPolicyField>();
  const risk = subject.risk;

  // Ceilings: the smaller of level and tool wins.
  const ceiling = (field: RiskPolicyField, toolValue: number | undefined, levelValue: number): number => {
    if (toolValue === undefined) return levelValue;
    if (toolValue > levelValue) {
      adjustments.push(`${field} ${toolValue} is above the ${risk}-risk limit of ${levelValue}; ${levelValue} applies`);
      return levelValue;
    }
    toolFields.add(field);
    return toolValue;
  };
  const maxTotalDays = ceiling('maxTotalDays', o.maxTotalDays, level.maxTotalDays);
  let maxDays = ceiling('maxDays', subject.maxDays, level.maxDays);
  if (maxDays > maxTotalDays) {
    adjustments.push(`maxDays ${maxDays} is above maxTotalDays ${maxTotalDays}; ${maxTotalDays} applies`);
    maxDays = maxTotalDays;
  }
  let autoApprovalAllowed = level.autoApprovalAllowed;
  if (o.autoApprovalAllowed !== undefined) {
    if (o.autoApprovalAllowed && !level.autoApprovalAllowed)
      adjustments.push(`auto-approval is off for ${risk} risk; a tool cannot turn it on`);
    else toolFields.add('autoApprovalAllowed');
    autoApprovalAllowed = level.autoApprovalAllowed && o.autoApprovalAllowed;
  }
  let autoApprovalMaxDays = ceiling('autoApprovalMaxDays', o.autoApprovalMaxDays, level.autoApprovalMaxDays);

  // Tunables: the tool's value, clamped to stay consistent with the ceilings.
  const tuned = <K extends RiskPolicyField>(
    field: K,
    toolValue: RiskPolicy[K] | undefined,
    levelValue: RiskPolicy[K],
  ): RiskPolicy[K] => {
    if (toolValue === undefined) return levelValue;
    toolFields.add(field);
    return toolValue;
  };
  const clampTo = (field: RiskPolicyField, value: number, limit: number, why: string): number => {
    if (value <= limit) return value;
    adjustments.push(`${field} ${value} is above ${limit} (${why}); ${limit} applies`);
    return limit;
  };
  const defaultDays = clampTo(
    'defaultDays',
    tuned('defaultDays', subject.defaultDays, level.defaultDays),
    maxDays,
    'maxDays',
  );
  const reviewWindowDays = clampTo(
    'reviewWindowDays',
    tuned('reviewWindowDays', subject.reviewWindowDays, level.reviewWindowDays),
    Math.max(0, maxDays - 1),
    'must be shorter than maxDays',
  );
  const secondReminderDays = clampTo(
    'secondReminderDays',
    tuned('secondReminderDays', o.secondReminderDays, level.secondReminderDays),
    Math.max(0, reviewWindowDays - 1),
    'must be below reviewWindowDays',
  );
  autoApprovalMaxDays = clampTo('autoApprovalMaxDays', autoApprovalMaxDays, maxDays, 'maxDays');
  // A tool that sets autoApprovalMaxDays to 0 has turned auto-approval off.
  if (autoApprovalMaxDays === 0) autoApprovalAllowed = false;
  const lapseAfterDays = tuned('lapseAfterDays', o.lapseAfterDays, level.lapseAfterDays);
  const escalationAfterHours = clampTo(
    'escalationAfterHours',
    tuned('escalationAfterHours', o.escalationAfterHours, level.escalationAfterHours),
    lapseAfterDays * 24 - 1,
    'escalation must come before the lapse',
  );

  return {
    toolId: subject.id,
    riskLevel: risk,
    requestable: true,
    policyVersion: policySet.version,
    maxDays,
    defaultDays,
    reviewWindowDays,
    secondReminderDays,
    autoApprovalAllowed,
    autoApprovalMaxDays: autoApprovalAllowed ? autoApprovalMaxDays : 0,
    approverGroup: tuned('approverGroup', o.approverGroup, level.approverGroup),
    escalationAfterHours,
    lapseAfterDays,
    maxTotalDays,
    toolFields: [...toolFields],
    adjustments,
  };
}

function prohibitedPolicy(policySet: PolicySet, toolId: string): EffectivePolicy {
  return {
    toolId,
    riskLevel: 'prohibited',
    requestable: false,
    policyVersion: policySet.version,
    maxDays: 0,
    defaultDays: 0,
    reviewWindowDays: 0,
    secondReminderDays: 0,
    autoApprovalAllowed: false,
    autoApprovalMaxDays: 0,
    // Nobody approves a prohibited tool; security owns the classification if someone asks to revisit it.
    approverGroup: policySet.levels.high.approverGroup,
    escalationAfterHours: 0,
    lapseAfterDays: 0,
    maxTotalDays: 0,
    toolFields: [],
    adjustments: [],
  };
}
