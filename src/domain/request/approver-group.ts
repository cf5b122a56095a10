// Who may say yes: an approval (of access or of an extension) needs a person
// in the effective policy's approver group. Membership is read from Jira by
// the use case for every approval and handed in here; the domain only decides.
// Fail closed: without a positive answer from Jira there is no approval.
import type { RiskLevel } from '../policy/risk-policy';
import { refusal, type Refusal } from './refusal';

/** The approver's groups as Jira reported them; `complete` is false when Jira listed only some of them. */
export interface ApproverGroups {
  readonly names: readonly string[];
  readonly complete: boolean;
}

export interface RequiredGroup {
  readonly group: string;
  readonly riskLevel: RiskLevel;
  readonly what: 'access' | 'extension';
}

/** undefined when the approver may approve; otherwise the refusal to show them. */
export function checkApproverGroup(groups: ApproverGroups | undefined, req: RequiredGroup): Refusal | undefined {
  // Jira treats group names case-insensitively (a policy may say AI-Clearance-Approvers).
  const wanted = req.group.toLowerCase();
  if (groups?.names.some((n) => n.toLowerCase() === wanted)) return undefined;
  const subject =
    req.what === 'extension' ? `extensions of ${req.riskLevel}-risk AI tools` : `${req.riskLevel}-risk AI tools`;
  const detail = { group: req.group, riskLevel: req.riskLevel };
  // A truncated list that does not show the group is not a "no": say we could not tell.
  if (!groups || !groups.complete) {
    return refusal(
      'APPROVER_UNVERIFIED',
      `AI Clearance could not confirm that you are a member of ${req.group}, which approving ${subject} requires: Jira did not share your group memberships. Ask a Jira admin to check your membership and that the app may read users' groups, then approve again.`,
      detail,
    );
  }
  return refusal(
    'APPROVER_NOT_IN_GROUP',
    `Only members of ${req.group} can approve ${subject}. Ask a member of that group to decide.`,
    detail,
  );
}
