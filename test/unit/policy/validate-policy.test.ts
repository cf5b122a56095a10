import {
  DEFAULT_RISK_POLICIES,
  policyFieldIssues,
  policySetIssues,
  riskPolicyIssues,
  type RiskPolicy,
} from '../../../src/domain/policy';

const low = DEFAULT_RISK_POLICIES.low;
const messages = (p: Partial<Record<keyof RiskPolicy, unknown>>) =>
  policyFieldIssues(p).map((i) => `${i.field}: ${i.message}`);

describe('policy validation', () => {
  it('accepts the shipped defaults', () => {
    expect(policySetIssues(DEFAULT_RISK_POLICIES)).toEqual([]);
  });

  it.each([
    [{ maxDays: -5 }, 'maxDays: maxDays must be from 1 to 365 days; got -5'],
    [{ maxDays: 366 }, 'maxDays: maxDays must be from 1 to 365 days; got 366'],
    [{ maxDays: 30.5 }, 'maxDays: maxDays must be a whole number of days; got 30.5'],
    [{ defaultDays: 0 }, 'defaultDays: defaultDays must be from 1 to 3650 days; got 0'],
    [{ secondReminderDays: -1 }, 'secondReminderDays: secondReminderDays must be from 0 to 3650 days; got -1'],
    // Issue 12 (c): every day count is bounded, so no policy puts a number in a record that cannot be read back.
    [{ lapseAfterDays: 1e300 }, 'lapseAfterDays: lapseAfterDays must be a whole number of days; got 1e+300'],
    [{ maxTotalDays: 2 ** 53 }, 'maxTotalDays: maxTotalDays must be a whole number of days; got 9007199254740992'],
    [{ maxTotalDays: 3651 }, 'maxTotalDays: maxTotalDays must be from 1 to 3650 days; got 3651'],
    [{ lapseAfterDays: 100_000 }, 'lapseAfterDays: lapseAfterDays must be from 1 to 3650 days; got 100000'],
    [
      { reviewWindowDays: 2 ** 53 - 1 },
      'reviewWindowDays: reviewWindowDays must be from 1 to 3650 days; got 9007199254740991',
    ],
    [
      { autoApprovalMaxDays: 1e21 },
      'autoApprovalMaxDays: autoApprovalMaxDays must be a whole number of days; got 1e+21',
    ],
    [{ escalationAfterHours: 721 }, 'escalationAfterHours: escalationAfterHours must be from 1 to 720 hours; got 721'],
    [{ approverGroup: '  ' }, 'approverGroup: approverGroup must name a Jira group (1 to 255 characters); got "  "'],
    [{ autoApprovalAllowed: 'yes' }, 'autoApprovalAllowed: autoApprovalAllowed must be true or false; got "yes"'],
  ])('refuses a bad single value %j', (values, message) => {
    expect(messages(values)).toEqual([message]);
  });

  it('refuses maxDays below defaultDays, naming both', () => {
    expect(messages({ defaultDays: 90, maxDays: 30 })).toEqual([
      'maxDays: maxDays (30) is below defaultDays (90); raise maxDays or lower defaultDays',
    ]);
  });

  it('refuses a review window as long as the longest grant, and accepts one a day shorter', () => {
    expect(messages({ reviewWindowDays: 30, maxDays: 30 })).toEqual([
      'reviewWindowDays: reviewWindowDays (30) must be shorter than maxDays (30), or a full-length grant would be under review from its first day',
    ]);
    expect(messages({ reviewWindowDays: 29, maxDays: 30 })).toEqual([]);
  });

  it('refuses a lapse that comes before escalation, and a total shorter than one grant', () => {
    expect(messages({ lapseAfterDays: 2, escalationAfterHours: 48 })).toEqual([
      'lapseAfterDays: lapseAfterDays (2 days) must come after escalationAfterHours (48 hours), so a request is escalated before it lapses',
    ]);
    expect(messages({ maxTotalDays: 60, maxDays: 90 })).toEqual([
      'maxTotalDays: maxTotalDays (60) must be at least maxDays (90) so one full grant fits',
    ]);
  });

  it('skips cross-field rules on a field that is already wrong (one message per mistake)', () => {
    expect(messages({ defaultDays: 'ninety', maxDays: 30 })).toEqual([
      'defaultDays: defaultDays must be a whole number of days; got "ninety"',
    ]);
  });

  it('never lets high risk auto-approve', () => {
    expect(
      riskPolicyIssues('high', { ...DEFAULT_RISK_POLICIES.high, autoApprovalAllowed: true, autoApprovalMaxDays: 7 }),
    ).toEqual([
      {
        level: 'high',
        field: 'autoApprovalAllowed',
        message: 'high-risk requests always need a person: autoApprovalAllowed cannot be true for high risk',
      },
    ]);
    expect(
      riskPolicyIssues('medium', {
        ...DEFAULT_RISK_POLICIES.medium,
        autoApprovalAllowed: true,
        autoApprovalMaxDays: 7,
      }),
    ).toEqual([]);
  });

  it('keeps levels ordered: a riskier level may not allow longer grants', () => {
    const issues = policySetIssues({
      ...DEFAULT_RISK_POLICIES,
      high: { ...DEFAULT_RISK_POLICIES.high, maxDays: 120, maxTotalDays: 120 },
    });
    expect(issues).toEqual([
      {
        level: 'high',
        field: 'maxDays',
        message: 'high maxDays (120) is longer than medium maxDays (90); a riskier level may not allow longer grants',
      },
    ]);
  });

  it('requires auto-approval to cover at least one day when it is on', () => {
    expect(messages({ ...low, autoApprovalMaxDays: 0 })).toEqual([
      'autoApprovalMaxDays: autoApprovalMaxDays must be at least 1 when autoApprovalAllowed is true',
    ]);
  });
});
