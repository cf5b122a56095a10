import { DEFAULT_RISK_POLICIES, effectivePolicy, type PolicySubject } from '../../../src/domain/policy';
import { policySet } from './policy-fixtures';

const tool = (over: Partial<PolicySubject> = {}): PolicySubject => ({
  id: 'deepl-pro',
  risk: 'low',
  defaultDays: 90,
  maxDays: 180,
  reviewWindowDays: 14,
  ...over,
});

describe('effectivePolicy', () => {
  it('gives the level defaults for a tool whose settings match them, with the policy version', () => {
    const p = effectivePolicy(policySet({ version: 4 }), tool());
    expect(p).toMatchObject({
      ...DEFAULT_RISK_POLICIES.low,
      toolId: 'deepl-pro',
      riskLevel: 'low',
      requestable: true,
      policyVersion: 4,
      adjustments: [],
    });
  });

  it('lets a tool tighten its ceiling and tune its routing', () => {
    const p = effectivePolicy(
      policySet(),
      tool({
        risk: 'medium',
        defaultDays: 14,
        maxDays: 30,
        reviewWindowDays: 7,
        policyOverrides: { maxTotalDays: 60, approverGroup: 'legal-approvers', escalationAfterHours: 8 },
      }),
    );
    expect(p).toMatchObject({
      maxDays: 30,
      defaultDays: 14,
      reviewWindowDays: 7,
      maxTotalDays: 60,
      approverGroup: 'legal-approvers',
      escalationAfterHours: 8,
      lapseAfterDays: 14,
      adjustments: [],
    });
    expect(p.toolFields).toEqual(
      expect.arrayContaining(['maxDays', 'maxTotalDays', 'approverGroup', 'escalationAfterHours']),
    );
  });

  it('never lets a tool loosen the level ceiling, and says why', () => {
    const p = effectivePolicy(
      policySet(),
      tool({
        risk: 'medium',
        defaultDays: 30,
        maxDays: 180,
        reviewWindowDays: 14,
        policyOverrides: { maxTotalDays: 400, autoApprovalAllowed: true, autoApprovalMaxDays: 30 },
      }),
    );
    expect(p.maxDays).toBe(90);
    expect(p.maxTotalDays).toBe(180);
    expect(p.autoApprovalAllowed).toBe(false);
    expect(p.autoApprovalMaxDays).toBe(0);
    expect(p.adjustments).toEqual([
      'maxTotalDays 400 is above the medium-risk limit of 180; 180 applies',
      'maxDays 180 is above the medium-risk limit of 90; 90 applies',
      'auto-approval is off for medium risk; a tool cannot turn it on',
      'autoApprovalMaxDays 30 is above the medium-risk limit of 0; 0 applies',
    ]);
  });

  it('follows a tightened level at once: tools above the new ceiling are clamped', () => {
    const tightened = policySet({
      version: 2,
      levels: {
        ...DEFAULT_RISK_POLICIES,
        low: { ...DEFAULT_RISK_POLICIES.low, maxDays: 60, defaultDays: 30, autoApprovalMaxDays: 30 },
      },
    });
    const p = effectivePolicy(tightened, tool());
    expect(p).toMatchObject({ maxDays: 60, defaultDays: 60, autoApprovalMaxDays: 30, policyVersion: 2 });
    expect(p.adjustments).toEqual([
      'maxDays 180 is above the low-risk limit of 60; 60 applies',
      'defaultDays 90 is above 60 (maxDays); 60 applies',
    ]);
  });

  it('lets a tool turn auto-approval off, but not on', () => {
    expect(effectivePolicy(policySet(), tool({ policyOverrides: { autoApprovalAllowed: false } }))).toMatchObject({
      autoApprovalAllowed: false,
      autoApprovalMaxDays: 0,
    });
    expect(effectivePolicy(policySet(), tool({ policyOverrides: { autoApprovalMaxDays: 0 } }))).toMatchObject({
      autoApprovalAllowed: false,
    });
    expect(effectivePolicy(policySet(), tool({ policyOverrides: { autoApprovalMaxDays: 30 } }))).toMatchObject({
      autoApprovalAllowed: true,
      autoApprovalMaxDays: 30,
    });
  });

  it('keeps reminders and escalation consistent when a tool is short', () => {
    const p = effectivePolicy(
      policySet(),
      tool({
        risk: 'high',
        defaultDays: 3,
        maxDays: 5,
        reviewWindowDays: 7,
        policyOverrides: { secondReminderDays: 6, lapseAfterDays: 1 },
      }),
    );
    expect(p).toMatchObject({
      maxDays: 5,
      reviewWindowDays: 4,
      secondReminderDays: 3,
      lapseAfterDays: 1,
      escalationAfterHours: 23,
    });
  });

  it('makes a prohibited tool unrequestable with every duration 0, whatever its settings say', () => {
    const p = effectivePolicy(
      policySet({ version: 7 }),
      tool({
        id: 'deepseek-app',
        risk: 'prohibited',
        defaultDays: 30,
        maxDays: 90,
        policyOverrides: { maxTotalDays: 365 },
      }),
    );
    expect(p).toMatchObject({
      toolId: 'deepseek-app',
      requestable: false,
      riskLevel: 'prohibited',
      maxDays: 0,
      defaultDays: 0,
      maxTotalDays: 0,
      autoApprovalAllowed: false,
      policyVersion: 7,
    });
  });
});
