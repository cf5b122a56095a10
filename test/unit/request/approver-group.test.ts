// Who may approve: a member of the effective policy's approver group, with
// membership as Jira reported it for this approval. Declines are not limited.
import { approveAccess, extendGrant, fulfilGrant } from '../../../src/domain/grant';
import { DEFAULT_APPROVER_GROUP, DEFAULT_SECURITY_APPROVER_GROUP } from '../../../src/domain/policy/risk-policy';
import { declineRequest } from '../../../src/domain/request';
import { AGENT, APPROVER_GROUPS, NOW, later, pendingRequest, policyFor, tool } from './fixtures';

const only = (...names: string[]) => ({ names, complete: true });
const agent = { type: 'user', accountId: AGENT } as const;

describe('approver group', () => {
  const t = tool();
  const p = policyFor(t);

  it('lets a member of the policy group approve', () => {
    const r = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: only('jira-servicemanagement-users', DEFAULT_APPROVER_GROUP),
    });
    expect(r.ok).toBe(true);
  });

  it('matches group names as Jira does, without regard to case', () => {
    const r = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: only(DEFAULT_APPROVER_GROUP.toUpperCase()),
    });
    expect(r.ok).toBe(true);
  });

  it('refuses a non-member, naming the group and who can approve', () => {
    const r = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: only('jira-servicemanagement-users'),
    });
    expect(!r.ok && r.error).toMatchObject({
      code: 'APPROVER_NOT_IN_GROUP',
      message: `Only members of ${DEFAULT_APPROVER_GROUP} can approve medium-risk AI tools. Ask a member of that group to decide.`,
      detail: { group: DEFAULT_APPROVER_GROUP },
    });
  });

  it('needs the security group for a high-risk tool', () => {
    const high = tool({ risk: 'high' });
    const r = approveAccess(pendingRequest(high), {
      approver: AGENT,
      now: NOW,
      tool: high,
      policy: policyFor(high),
      approverGroups: only(DEFAULT_APPROVER_GROUP),
    });
    expect(!r.ok && r.error.message).toBe(
      `Only members of ${DEFAULT_SECURITY_APPROVER_GROUP} can approve high-risk AI tools. Ask a member of that group to decide.`,
    );
    expect(
      approveAccess(pendingRequest(high), {
        approver: AGENT,
        now: NOW,
        tool: high,
        policy: policyFor(high),
        approverGroups: only(DEFAULT_SECURITY_APPROVER_GROUP),
      }).ok,
    ).toBe(true);
  });

  it('follows a tool that names its own approver group', () => {
    const own = { ...p, approverGroup: 'design-leads' };
    expect(
      approveAccess(pendingRequest(), {
        approver: AGENT,
        now: NOW,
        tool: t,
        policy: own,
        approverGroups: APPROVER_GROUPS,
      }).ok,
    ).toBe(false);
    expect(
      approveAccess(pendingRequest(), {
        approver: AGENT,
        now: NOW,
        tool: t,
        policy: own,
        approverGroups: only('design-leads'),
      }).ok,
    ).toBe(true);
  });

  it('never approves without a positive answer: unknown or truncated membership is APPROVER_UNVERIFIED', () => {
    const unknown = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: undefined,
    });
    expect(!unknown.ok && unknown.error.code).toBe('APPROVER_UNVERIFIED');
    expect(!unknown.ok && unknown.error.message).toMatch(/Ask a Jira admin/);
    const truncated = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: { names: ['other'], complete: false },
    });
    expect(!truncated.ok && truncated.error.code).toBe('APPROVER_UNVERIFIED');
    // A truncated list that does show the group is a yes.
    expect(
      approveAccess(pendingRequest(), {
        approver: AGENT,
        now: NOW,
        tool: t,
        policy: p,
        approverGroups: { names: [DEFAULT_APPROVER_GROUP], complete: false },
      }).ok,
    ).toBe(true);
  });

  it('checks self-approval first: the requester is told about separation of duties', () => {
    const r = approveAccess(pendingRequest(), {
      approver: pendingRequest().requester,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: only(),
    });
    expect(!r.ok && r.error.code).toBe('SELF_APPROVAL');
  });

  it('refuses an extension approved by a non-member', () => {
    const approved = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: APPROVER_GROUPS,
    });
    if (!approved.ok) throw new Error(approved.error.message);
    const f = fulfilGrant(approved.value.grant, { actor: agent, now: NOW });
    if (!f.ok) throw new Error(f.error.message);
    const input = {
      actor: agent,
      now: later(1000),
      days: 10,
      extension: { requestId: '10009', issueKey: 'AIC-9' },
      policyVersion: 1,
      maxTotalDays: 180,
      required: { group: DEFAULT_APPROVER_GROUP, riskLevel: 'medium' as const },
    };
    const refused = extendGrant(f.value.next, { ...input, approverGroups: only('jira-servicemanagement-users') });
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'APPROVER_NOT_IN_GROUP',
      message: `Only members of ${DEFAULT_APPROVER_GROUP} can approve extensions of medium-risk AI tools. Ask a member of that group to decide.`,
    });
    expect(extendGrant(f.value.next, { ...input, approverGroups: undefined }).ok).toBe(false);
    expect(extendGrant(f.value.next, { ...input, approverGroups: only(DEFAULT_APPROVER_GROUP) }).ok).toBe(true);
  });

  it('does not restrict declines', () => {
    const d = declineRequest(pendingRequest(), { actor: agent, now: NOW, rationale: 'Use the approved alternative' });
    expect(d.ok).toBe(true);
  });
});
