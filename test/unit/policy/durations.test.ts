import {
  DEFAULT_RISK_POLICIES,
  effectivePolicy,
  isAutoApprovable,
  validateExtension,
  validateRequestedDuration,
  validateShortenedDuration,
} from '../../../src/domain/policy';
import { policySet } from './policy-fixtures';

const medium = effectivePolicy(policySet({ version: 3 }), {
  id: 'chatgpt-enterprise',
  risk: 'medium',
  defaultDays: 30,
  maxDays: 90,
  reviewWindowDays: 14,
});
const low = effectivePolicy(policySet(), {
  id: 'deepl-pro',
  risk: 'low',
  defaultDays: 90,
  maxDays: 180,
  reviewWindowDays: 14,
});
const prohibited = effectivePolicy(policySet(), {
  id: 'deepseek-app',
  risk: 'prohibited',
  defaultDays: 0,
  maxDays: 0,
  reviewWindowDays: 0,
});

describe('validateRequestedDuration', () => {
  it.each([1, 30, 90])('accepts %i days (1..maxDays)', (days) => {
    expect(validateRequestedDuration(days, medium)).toEqual({ ok: true, value: days });
  });

  it('refuses one day past maxDays, naming the limit, risk and policy version', () => {
    expect(validateRequestedDuration(91, medium)).toEqual({
      ok: false,
      error: {
        code: 'DURATION_TOO_LONG',
        message:
          'Duration of 91 days is longer than this tool allows: at most 90 days (medium risk, policy version 3).',
        limit: 90,
      },
    });
  });

  it.each([
    [0, 'DURATION_TOO_SHORT'],
    [-3, 'DURATION_TOO_SHORT'],
    [1.5, 'DURATION_NOT_WHOLE'],
    [Number.NaN, 'DURATION_NOT_WHOLE'],
    [Number.POSITIVE_INFINITY, 'DURATION_NOT_WHOLE'],
  ])('refuses %p with %s', (days, code) => {
    const r = validateRequestedDuration(days, medium);
    expect(!r.ok && r.error.code).toBe(code);
  });

  it('refuses any duration for a prohibited tool', () => {
    expect(validateRequestedDuration(1, prohibited)).toEqual({
      ok: false,
      error: {
        code: 'TOOL_NOT_REQUESTABLE',
        message: 'This tool is prohibited, so no duration can be requested for it.',
      },
    });
  });
});

describe('validateShortenedDuration', () => {
  it('lets an approver shorten, or keep, the requested duration', () => {
    expect(validateShortenedDuration(60, 14, medium)).toEqual({ ok: true, value: 14 });
    expect(validateShortenedDuration(60, 60, medium)).toEqual({ ok: true, value: 60 });
  });

  it('never lets an approver lengthen it, even within policy', () => {
    expect(validateShortenedDuration(30, 31, medium)).toEqual({
      ok: false,
      error: {
        code: 'DURATION_LONGER_THAN_REQUESTED',
        message: 'An approver may shorten a request but not lengthen it: 31 days is more than the 30 requested.',
        limit: 30,
      },
    });
  });

  it('still applies the policy and whole-day rules', () => {
    expect(validateShortenedDuration(90, 0, medium)).toMatchObject({
      ok: false,
      error: { code: 'DURATION_TOO_SHORT' },
    });
    expect(validateShortenedDuration(90, 7.5, medium)).toMatchObject({
      ok: false,
      error: { code: 'DURATION_NOT_WHOLE' },
    });
  });
});

describe('validateExtension', () => {
  it('needs no higher approval up to maxTotalDays exactly', () => {
    expect(validateExtension(90, 90, medium)).toEqual({
      ok: true,
      value: { totalDays: 180, requiresHigherApproval: false, maxTotalDays: 180 },
    });
  });

  it('needs a higher approval tier one day past maxTotalDays', () => {
    expect(validateExtension(90, 91, { ...medium, maxDays: 120 })).toEqual({
      ok: true,
      value: { totalDays: 181, requiresHigherApproval: true, maxTotalDays: 180 },
    });
  });

  it('refuses an extension step longer than one grant may be', () => {
    expect(validateExtension(10, 91, medium)).toMatchObject({
      ok: false,
      error: { code: 'DURATION_TOO_LONG', limit: 90 },
    });
  });

  it('refuses a nonsensical current total', () => {
    expect(validateExtension(-1, 10, medium)).toMatchObject({ ok: false, error: { code: 'DURATION_NOT_WHOLE' } });
  });
});

describe('isAutoApprovable', () => {
  it('is true for low risk within the auto-approval limit only', () => {
    expect(low.autoApprovalMaxDays).toBe(DEFAULT_RISK_POLICIES.low.autoApprovalMaxDays);
    expect(isAutoApprovable(90, low)).toBe(true);
    expect(isAutoApprovable(91, low)).toBe(false);
    expect(isAutoApprovable(0, low)).toBe(false);
    expect(isAutoApprovable(30, medium)).toBe(false);
    expect(isAutoApprovable(1, prohibited)).toBe(false);
  });
});
