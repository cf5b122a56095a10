import type { GrantDoc } from '../../../src/domain/grant/types';
import { daysLeft, grantStep, retentionDueAt } from '../../../src/domain/sweeps/plan';
import { minimiseGrant, REDACTED } from '../../../src/domain/sweeps/retention';

const EXP = '2026-04-01T09:00:00.000Z';
const expS = Date.parse(EXP) / 1000;
const g = (over: Partial<GrantDoc> = {}): GrantDoc => ({
  v: 1,
  id: '1',
  ticket: { id: '1', key: 'AIC-1' },
  requester: 'alice',
  toolId: 'claude',
  toolName: 'Claude',
  risk: 'medium',
  policyVersion: 1,
  status: 'active',
  approver: 'bob',
  approvedAt: '2026-03-02T09:00:00.000Z',
  start: '2026-03-02T09:00:00.000Z',
  expiresAt: EXP,
  days: 30,
  totalDays: 30,
  maxTotalDays: 90,
  review: { windowDays: 14, secondReminderDays: 1 },
  fulfilment: { mode: 'manual', state: 'done', attempts: 0, fulfilledBy: 'bob' },
  extensions: [],
  updatedAt: EXP,
  ...over,
});

test.each([
  [expS - 14 * 86400 - 1, undefined],
  [expS - 14 * 86400, 'review_first'],
  [expS - 86400, 'review_second'],
  [expS - 1, 'review_second'],
  [expS, 'expire'],
  [expS + 40 * 86400, 'expire'],
])('at %i the due step is %s (UTC instants; the latest due step wins)', (now, action) => {
  expect(grantStep(g(), now)?.action).toBe(action);
});

test('do not renew stops reminders but not expiry', () => {
  const dnr = g({ review: { windowDays: 14, secondReminderDays: 1, doNotRenew: { at: EXP, by: 'alice' } } });
  expect(grantStep(dnr, expS - 86400)).toBeUndefined();
  expect(grantStep(dnr, expS)?.action).toBe('expire');
});

test('ended grants have no step; retention and days left are whole-day arithmetic', () => {
  expect(grantStep(g({ status: 'expired' }), expS + 1)).toBeUndefined();
  expect(retentionDueAt(EXP, 400)).toBe(expS + 400 * 86400);
  expect(daysLeft(EXP, expS - 3600)).toBe(1);
});

test('minimiseGrant drops the people and keeps the evidence', () => {
  const m = minimiseGrant(
    g({ status: 'revoked', ended: { at: EXP, reason: 'revoked', by: 'bob', rationale: 'left team' } }),
  );
  expect(m.requester).toBe(REDACTED);
  expect(m.approver).toBe(REDACTED);
  expect(m.ended).toEqual({ at: EXP, reason: 'revoked', by: REDACTED });
  expect(m.fulfilment.fulfilledBy).toBeUndefined();
  expect(m.toolId).toBe('claude');
});
