// Export filters on each source: time, tool, risk, status (events: action), user (events: actor).
import { eventMatches, eventRow, grantMatches } from '../../../src/domain/evidence/export-rows';
import type { GovernanceEvent } from '../../../src/domain/governance/event';
import type { GrantDoc } from '../../../src/domain/grant/types';

const event = (p: Partial<GovernanceEvent>) =>
  ({
    v: 1,
    id: 'e1',
    subject: { type: 'request', id: '10001' },
    seq: 1,
    action: 'request.approved',
    actor: { type: 'user', accountId: 'acct-a' },
    at: '2026-06-01T09:00:00.000Z',
    prevDigest: '0'.repeat(64),
    digest: 'f'.repeat(64),
    after: { toolId: 'deepl-pro', risk: 'low', status: 'approved' },
    ...p,
  }) as GovernanceEvent;

describe('event filters', () => {
  const e = event({});
  it.each([
    [{ from: '2026-06-01T09:00:00Z' }, true],
    [{ from: '2026-06-01T09:00:01Z' }, false],
    [{ to: '2026-06-01T08:59:59Z' }, false],
    [{ toolId: 'deepl-pro' }, true],
    [{ toolId: 'other' }, false],
    [{ risk: 'low' as const }, true],
    [{ risk: 'high' as const }, false],
    [{ status: 'request.approved' }, true],
    [{ status: 'request.declined' }, false],
    [{ user: 'acct-a' }, true],
    [{ user: 'acct-b' }, false],
  ])('%j → %s', (f, expected) => expect(eventMatches(e, 'events', f)).toBe(expected));

  it('catalog history keeps catalog and policy subjects only, and a catalog subject is its own tool', () => {
    expect(eventMatches(e, 'catalog', {})).toBe(false);
    const c = event({ subject: { type: 'catalog', id: 'deepl-pro' }, action: 'catalog.approved', after: {} });
    expect(eventMatches(c, 'catalog', { toolId: 'deepl-pro' })).toBe(true);
    expect(eventMatches(event({ subject: { type: 'policy', id: 'risk-policy' } }), 'catalog', {})).toBe(true);
  });

  it('a row carries the digests, never the personal part', () => {
    const row = eventRow(
      event({
        personal: { salt: 'a'.repeat(32), data: { purpose: 'secret purpose' } },
        personalDigest: 'b'.repeat(64),
      }),
    );
    expect(row).toMatchObject({ subject: 'request:10001', digest: 'f'.repeat(64), redacted: false });
    expect(JSON.stringify(row)).not.toContain('secret purpose');
  });
});

describe('grant filters', () => {
  const g = {
    toolId: 'deepl-pro',
    risk: 'low',
    status: 'active',
    requester: 'acct-a',
    approvedAt: '2026-06-01T09:00:00.000Z',
  } as GrantDoc;
  it.each([
    [{ from: '2026-05-31T00:00:00Z', to: '2026-06-02T00:00:00Z' }, true],
    [{ to: '2026-05-31T00:00:00Z' }, false],
    [{ toolId: 'deepl-pro', risk: 'low' as const, status: 'active', user: 'acct-a' }, true],
    [{ status: 'expired' }, false],
    [{ user: 'acct-b' }, false],
    [{ risk: 'medium' as const }, false],
    [{ toolId: 'x' }, false],
  ])('%j → %s', (f, expected) => expect(grantMatches(g, f)).toBe(expected));
});
