import { appendEvent } from '../../../src/domain/governance';
import {
  DEFAULT_RISK_POLICIES,
  effectivePolicy,
  initialPolicySet,
  updatePolicy,
  type PolicySet,
} from '../../../src/domain/policy';
import { ADMIN_ACTOR, APP_ACTOR } from './policy-fixtures';

const NOW = new Date('2026-11-20T10:00:00.000Z');

function v1(): PolicySet {
  const r = initialPolicySet({ actor: APP_ACTOR, now: new Date('2026-11-01T00:00:00.000Z') });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('policy versioning', () => {
  it('starts at version 1 with the defaults', () => {
    expect(v1()).toEqual({
      version: 1,
      levels: DEFAULT_RISK_POLICIES,
      updatedAt: '2026-11-01T00:00:00.000Z',
      updatedBy: APP_ACTOR,
    });
  });

  it('makes version n+1 and an event listing only what changed', () => {
    const r = updatePolicy(
      v1(),
      { levels: { medium: { maxDays: 60, maxTotalDays: 120 } }, reason: 'Shorter grants after the Q4 audit' },
      ADMIN_ACTOR,
      NOW,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.policySet.version).toBe(2);
    expect(r.value.policySet.levels.medium.maxDays).toBe(60);
    expect(r.value.policySet.levels.low).toEqual(DEFAULT_RISK_POLICIES.low);
    expect(r.value.policySet).toMatchObject({ updatedAt: NOW.toISOString(), updatedBy: ADMIN_ACTOR });
    expect(r.value.event).toEqual({
      action: 'policy.updated',
      subject: { type: 'policy', id: 'risk-policy' },
      actor: ADMIN_ACTOR,
      policyVersion: 2,
      before: { version: 1, levels: { medium: { maxDays: 90, maxTotalDays: 180 } } },
      after: {
        version: 2,
        levels: { medium: { maxDays: 60, maxTotalDays: 120 } },
        reason: 'Shorter grants after the Q4 audit',
      },
    });
    // The draft is one the governance log accepts as is.
    expect(() => appendEvent(undefined, r.value.event, NOW, (n) => new Uint8Array(n))).not.toThrow();
  });

  it('leaves the current version untouched (pure)', () => {
    const current = v1();
    updatePolicy(current, { levels: { low: { maxDays: 100 } } }, ADMIN_ACTOR, NOW);
    expect(current.levels.low.maxDays).toBe(180);
    expect(DEFAULT_RISK_POLICIES.low.maxDays).toBe(180);
  });

  it('decisions made under each version see that version', () => {
    const r = updatePolicy(
      v1(),
      { levels: { low: { maxDays: 100, defaultDays: 60, autoApprovalMaxDays: 60 } } },
      ADMIN_ACTOR,
      NOW,
    );
    if (!r.ok) throw new Error(r.error.message);
    const subject = { id: 'deepl-pro', risk: 'low', defaultDays: 90, maxDays: 180, reviewWindowDays: 14 } as const;
    expect(effectivePolicy(v1(), subject)).toMatchObject({ policyVersion: 1, maxDays: 180 });
    expect(effectivePolicy(r.value.policySet, subject)).toMatchObject({ policyVersion: 2, maxDays: 100 });
  });

  it('refuses an invalid change with every issue named, and makes no version', () => {
    const r = updatePolicy(
      v1(),
      { levels: { high: { reviewWindowDays: 30, autoApprovalAllowed: true, autoApprovalMaxDays: 5 } } },
      ADMIN_ACTOR,
      NOW,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('POLICY_INVALID');
    expect(r.error.message).toBe(
      'Policy not changed: high: reviewWindowDays (30) must be shorter than maxDays (30), or a full-length grant would be under review from its first day; high: high-risk requests always need a person: autoApprovalAllowed cannot be true for high risk.',
    );
  });

  it('refuses negative days', () => {
    const r = updatePolicy(v1(), { levels: { low: { defaultDays: -1 } } }, ADMIN_ACTOR, NOW);
    expect(!r.ok && r.error.message).toBe('Policy not changed: low: defaultDays must be from 1 to 3650 days; got -1.');
  });

  it('refuses a change that changes nothing', () => {
    const r = updatePolicy(v1(), { levels: { low: { maxDays: 180 } } }, ADMIN_ACTOR, NOW);
    expect(!r.ok && r.error.code).toBe('POLICY_NO_CHANGE');
  });

  it('refuses a stale edit: someone else made a version first', () => {
    const r = updatePolicy(
      { ...v1(), version: 3 },
      { levels: { low: { maxDays: 100 } }, expectedVersion: 2 },
      ADMIN_ACTOR,
      NOW,
    );
    expect(!r.ok && r.error).toEqual({
      code: 'POLICY_VERSION_CONFLICT',
      message: 'The policy was changed to version 3 after you loaded version 2; reload it and apply your change again.',
    });
  });

  it('refuses to edit prohibited, an unknown level or an unknown field (input from resolvers and the CLI)', () => {
    const change = { levels: { prohibited: { maxDays: 5 }, extreme: {}, low: { maxdays: 5 } } } as never;
    const r = updatePolicy(v1(), change, ADMIN_ACTOR, NOW);
    expect(!r.ok && r.error.message).toBe(
      'Policy change not valid: prohibited has no policy to edit: prohibited tools are never requestable (reclassify the tool instead); unknown risk level "extreme"; use one of low, medium, high; unknown policy field "low.maxdays"; use one of maxDays, defaultDays, reviewWindowDays, secondReminderDays, autoApprovalAllowed, autoApprovalMaxDays, approverGroup, escalationAfterHours, lapseAfterDays, maxTotalDays.',
    );
  });
});
