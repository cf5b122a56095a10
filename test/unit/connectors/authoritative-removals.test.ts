// Authoritative reconciliation removes strays only when every live grant of the tool names its IdP user:
// an unmapped grant holder could be any member the app cannot place.
import { authoritativeRemovals, reconcileGroup } from '../../../src/domain/connectors/reconcile';

const members = [{ id: 'u-alice' }, { id: 'u-bob', login: 'bob@example.com' }];

describe('authoritativeRemovals', () => {
  it('removes every stray when every live grant is mapped', () => {
    const report = reconcileGroup(
      [{ grantId: 'g1', accountId: 'a-alice', idpUserId: 'u-alice', fulfilled: true }],
      members,
      () => undefined,
    );
    expect(authoritativeRemovals(report, true)).toEqual({ remove: ['u-bob'] });
  });

  it('removes nobody, saying why, while a live grant is unmapped (its holder may be the stray)', () => {
    const report = reconcileGroup(
      [
        { grantId: 'g1', accountId: 'a-alice', idpUserId: 'u-alice', fulfilled: true },
        { grantId: 'g2', accountId: 'a-bob', idpUserId: undefined, fulfilled: false },
      ],
      members,
      () => undefined,
    );
    expect(report.strays.map((s) => s.idpUserId)).toEqual(['u-bob']);
    expect(authoritativeRemovals(report, true)).toEqual({ remove: [], withheld: 'unmapped_live_grants' });
  });

  it('removes nobody in report-only mode, and withholds nothing when there is no stray', () => {
    const unmapped = reconcileGroup(
      [{ grantId: 'g2', accountId: 'a-bob', idpUserId: undefined, fulfilled: false }],
      members,
      () => undefined,
    );
    expect(authoritativeRemovals(unmapped, false)).toEqual({ remove: [] });
    const clean = reconcileGroup(
      [{ grantId: 'g1', accountId: 'a-alice', idpUserId: 'u-alice', fulfilled: true }],
      [{ id: 'u-alice' }],
      () => undefined,
    );
    expect(authoritativeRemovals(clean, true)).toEqual({ remove: [] });
  });
});
