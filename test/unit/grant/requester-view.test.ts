import { dataHandlingSummary } from '../../../src/domain/catalog/data-handling-summary';
import { grantView, requesterActions } from '../../../src/domain/grant/requester-view';
import type { GrantDoc } from '../../../src/domain/grant/types';
import type { RequestDoc } from '../../../src/domain/request/types';

const NOW = new Date('2026-06-10T09:00:00.000Z');
const grant = (over: Partial<GrantDoc> = {}): GrantDoc =>
  ({
    id: '10001',
    ticket: { id: '10001', key: 'AIC-1' },
    toolId: 'deepl-pro',
    toolName: 'DeepL Pro',
    status: 'active',
    policyVersion: 3,
    expiresAt: '2026-06-30T09:00:00.000Z',
    totalDays: 30,
    maxTotalDays: 180,
    review: { windowDays: 7, secondReminderDays: 2 },
    ...over,
  }) as GrantDoc;
const request = (over: Partial<RequestDoc> = {}): RequestDoc =>
  ({ status: 'approved', kind: 'access', ...over }) as RequestDoc;

describe('grantView', () => {
  it('counts whole days left and puts the next review one review window before expiry', () => {
    expect(grantView(grant(), NOW)).toMatchObject({
      daysLeft: 20,
      nextReviewAt: '2026-06-23T09:00:00.000Z',
      policyVersion: 3,
      live: true,
      doNotRenew: false,
    });
  });
  it('has no next review once the access has ended', () => {
    expect(grantView(grant({ status: 'expired' }), NOW)).toMatchObject({ live: false, nextReviewAt: null });
  });
});

describe('requesterActions', () => {
  it('a pending request can only be cancelled', () => {
    expect(requesterActions(request({ status: 'pending_approval' }), undefined)).toEqual(['cancel']);
  });
  it('live access can be extended (below its limit), handed back and not renewed (once)', () => {
    expect(requesterActions(request(), grant())).toEqual(['extend', 'hand_back', 'do_not_renew']);
    expect(requesterActions(request(), grant({ totalDays: 180 }))).toEqual(['hand_back', 'do_not_renew']);
    const marked = grant({
      review: { windowDays: 7, secondReminderDays: 2, doNotRenew: { at: NOW.toISOString(), by: 'x' } },
    });
    expect(requesterActions(request(), marked)).toEqual(['extend', 'hand_back']);
  });
  it('ended access and hand-back tickets offer nothing', () => {
    expect(requesterActions(request(), grant({ status: 'revoked' }))).toEqual([]);
    expect(requesterActions(request({ kind: 'hand_back' }), grant())).toEqual([]);
  });
});

describe('dataHandlingSummary', () => {
  it('says training, retention and residency in one line', () => {
    expect(
      dataHandlingSummary({
        trainsOnCustomerData: 'no',
        retention: 'Deleted after 30 days.',
        dataResidency: ['US', 'EU'],
      }),
    ).toBe('Does not train on your data · Retention: Deleted after 30 days · Data residency: US, EU');
    expect(dataHandlingSummary({ trainsOnCustomerData: 'opt-out', retention: '', dataResidency: [] })).toBe(
      'Trains on your data unless turned off · Retention: not stated · Data residency: not offered',
    );
  });
});
