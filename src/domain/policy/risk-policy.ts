// Risk levels and the policy each one carries. Every number here is a default
// an admin can change (each change makes a new policy version); the HARD_*
// limits are not configurable because they are what lets an auditor trust
// that no configuration, however careless, grants open-ended access.
import type { Actor } from '../governance/event';

export const RISK_LEVELS = ['low', 'medium', 'high', 'prohibited'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Levels a tool can be requested at; `prohibited` has no policy because nothing about it is configurable. */
export const REQUESTABLE_RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RequestableRiskLevel = (typeof REQUESTABLE_RISK_LEVELS)[number];

/** No single grant may run longer than a year, so every grant is looked at at least yearly. */
export const HARD_MAX_DAYS = 365;
/**
 * The ceiling of every other day count in a policy (a grant's total with extensions, lapse,
 * review window, …): ten years. Bounded so no configuration can put a number in a stored
 * record that date arithmetic or the records' schemas cannot hold.
 */
export const HARD_MAX_POLICY_DAYS = 3650;
/** Escalating later than 30 days after filing is not escalation. */
export const HARD_MAX_ESCALATION_HOURS = 720;

export interface RiskPolicy {
  /** Longest single grant, in whole days. */
  readonly maxDays: number;
  /** Duration pre-filled on the request form. */
  readonly defaultDays: number;
  /** The review (first reminder) starts this many days before expiry. */
  readonly reviewWindowDays: number;
  /** Second reminder this many days before expiry; 0 turns it off. */
  readonly secondReminderDays: number;
  readonly autoApprovalAllowed: boolean;
  /** Auto-approval applies only to requests of at most this many days (0 when auto-approval is off). */
  readonly autoApprovalMaxDays: number;
  /** Jira group whose members may decide requests at this level. */
  readonly approverGroup: string;
  /** A pending request is escalated after this many hours without a decision. */
  readonly escalationAfterHours: number;
  /** A pending request lapses after this many days without a decision. */
  readonly lapseAfterDays: number;
  /** Total days across the first grant and its extensions before a higher approval tier is needed. */
  readonly maxTotalDays: number;
}

export type RiskPolicyField = keyof RiskPolicy;

/**
 * Per-tool settings a catalog entry may carry besides its own duration fields
 * (defaultDays, maxDays, reviewWindowDays live on the entry itself, from the seed).
 */
export type PolicyOverrides = Partial<
  Pick<
    RiskPolicy,
    | 'secondReminderDays'
    | 'autoApprovalAllowed'
    | 'autoApprovalMaxDays'
    | 'approverGroup'
    | 'escalationAfterHours'
    | 'lapseAfterDays'
    | 'maxTotalDays'
  >
>;
export const POLICY_OVERRIDE_FIELDS = [
  'secondReminderDays',
  'autoApprovalAllowed',
  'autoApprovalMaxDays',
  'approverGroup',
  'escalationAfterHours',
  'lapseAfterDays',
  'maxTotalDays',
] as const satisfies ReadonlyArray<keyof PolicyOverrides>;

export const RISK_POLICY_FIELDS = [
  'maxDays',
  'defaultDays',
  'reviewWindowDays',
  'secondReminderDays',
  'autoApprovalAllowed',
  'autoApprovalMaxDays',
  'approverGroup',
  'escalationAfterHours',
  'lapseAfterDays',
  'maxTotalDays',
] as const satisfies ReadonlyArray<RiskPolicyField>;

/** The versioned set of level policies. Decisions record `version`. */
export interface PolicySet {
  readonly version: number;
  readonly levels: Readonly<Record<RequestableRiskLevel, RiskPolicy>>;
  /** ISO-8601 instant of the change that made this version. */
  readonly updatedAt: string;
  readonly updatedBy: Actor;
}

export const DEFAULT_APPROVER_GROUP = 'ai-clearance-approvers';
export const DEFAULT_SECURITY_APPROVER_GROUP = 'ai-clearance-security-approvers';

/**
 * Defaults chosen so a fresh install is safe to use as is: low-risk tools can
 * be auto-approved for the pre-filled duration only; anything longer, and
 * anything medium or high, needs a person. High risk goes to security.
 */
export const DEFAULT_RISK_POLICIES: Readonly<Record<RequestableRiskLevel, RiskPolicy>> = {
  low: {
    maxDays: 180,
    defaultDays: 90,
    reviewWindowDays: 14,
    secondReminderDays: 1,
    autoApprovalAllowed: true,
    autoApprovalMaxDays: 90,
    approverGroup: DEFAULT_APPROVER_GROUP,
    escalationAfterHours: 72,
    lapseAfterDays: 14,
    maxTotalDays: 365,
  },
  medium: {
    maxDays: 90,
    defaultDays: 30,
    reviewWindowDays: 14,
    secondReminderDays: 1,
    autoApprovalAllowed: false,
    autoApprovalMaxDays: 0,
    approverGroup: DEFAULT_APPROVER_GROUP,
    escalationAfterHours: 48,
    lapseAfterDays: 14,
    maxTotalDays: 180,
  },
  high: {
    maxDays: 30,
    defaultDays: 14,
    reviewWindowDays: 7,
    secondReminderDays: 1,
    autoApprovalAllowed: false,
    autoApprovalMaxDays: 0,
    approverGroup: DEFAULT_SECURITY_APPROVER_GROUP,
    escalationAfterHours: 24,
    lapseAfterDays: 7,
    maxTotalDays: 90,
  },
};

export function isRequestableRisk(level: RiskLevel): level is RequestableRiskLevel {
  return level !== 'prohibited';
}
