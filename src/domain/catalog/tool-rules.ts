// Rules about one tool's own settings, shared by the seed loader, the YAML
// import and the admin's edit, so all three refuse the same things with the
// same sentences. Duration arithmetic itself is policy's (policyFieldIssues).
import { policyFieldIssues } from '../policy/validate-policy';
import { POLICY_OVERRIDE_FIELDS, type PolicyOverrides, type RiskLevel } from '../policy/risk-policy';
import type { ConnectorBinding } from './types';
import { GROUP_ID_PATTERNS, type CatalogStatus } from './vocabulary';

export interface ToolRuleInput {
  readonly risk: RiskLevel;
  readonly defaultDays?: number | undefined;
  readonly maxDays?: number | undefined;
  readonly reviewWindowDays?: number | undefined;
  readonly connector?: ConnectorBinding | null | undefined;
  readonly status?: CatalogStatus | undefined;
  readonly policyOverrides?: PolicyOverrides | undefined;
}

export interface ToolRuleIssue {
  /** Path inside the tool's record, e.g. ['maxDays'] or ['connector', 'groupId']. */
  readonly path: readonly string[];
  readonly message: string;
}

const DAY_FIELDS = ['defaultDays', 'maxDays', 'reviewWindowDays'] as const;

export function toolRuleIssues(tool: ToolRuleInput): ToolRuleIssue[] {
  const issues: ToolRuleIssue[] = [];
  if (tool.risk === 'prohibited') {
    for (const field of DAY_FIELDS) {
      const v = tool[field];
      if (v !== undefined && v !== 0)
        issues.push({ path: [field], message: `a prohibited tool has no duration; remove ${field}` });
    }
    if (tool.status === 'requestable') {
      issues.push({
        path: ['status'],
        message:
          'a prohibited tool can never be requestable; set status to proposed, suspended or retired, or reassess its risk',
      });
    }
    if (tool.connector)
      issues.push({
        path: ['connector'],
        message: 'a prohibited tool cannot be bound to an identity-provider group; remove connector',
      });
    if (tool.policyOverrides && Object.keys(tool.policyOverrides).length > 0)
      issues.push({
        path: ['policyOverrides'],
        message: 'a prohibited tool has no policy to override; remove policyOverrides',
      });
    return issues;
  }

  let daysPresent = true;
  for (const field of DAY_FIELDS) {
    if (tool[field] === undefined) {
      daysPresent = false;
      issues.push({
        path: [field],
        message: `${field} is required for a tool that can be requested (risk ${tool.risk})`,
      });
    }
  }
  if (daysPresent) {
    const overrides = tool.policyOverrides ?? {};
    const values = {
      ...overrides,
      defaultDays: tool.defaultDays,
      maxDays: tool.maxDays,
      reviewWindowDays: tool.reviewWindowDays,
    };
    for (const issue of policyFieldIssues(values)) {
      const onOverride = (POLICY_OVERRIDE_FIELDS as readonly string[]).includes(issue.field);
      issues.push({ path: onOverride ? ['policyOverrides', issue.field] : [issue.field], message: issue.message });
    }
  }
  if (tool.connector) {
    const format = GROUP_ID_PATTERNS[tool.connector.provider];
    if (!format.pattern.test(tool.connector.groupId)) {
      issues.push({
        path: ['connector', 'groupId'],
        message: `groupId must be ${format.what}, e.g. ${format.example}; got ${JSON.stringify(tool.connector.groupId)}`,
      });
    }
  }
  return issues;
}
