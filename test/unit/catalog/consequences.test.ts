import { consequencesOfLeavingCatalog } from '../../../src/domain/catalog';
import { entry } from './entry-factory';

describe('consequencesOfLeavingCatalog', () => {
  const suspended = entry({ status: 'suspended', statusReason: 'Vendor changed its data terms' });

  it('declines pending requests and flags live grants for review (setting: flag)', () => {
    expect(consequencesOfLeavingCatalog(suspended, 'flag')).toEqual({
      ok: true,
      value: {
        toolId: 'deepl-pro',
        toolName: 'DeepL Pro',
        leftAs: 'suspended',
        newRequests: 'refused',
        aiToolOption: 'disable',
        pendingRequests: {
          action: 'decline',
          reason:
            'AI tool "DeepL Pro" was suspended: Vendor changed its data terms. It can no longer be requested, so this request is declined. Ask your AI governance team which approved tool to use instead.',
        },
        liveGrants: {
          action: 'flag-for-review',
          reason:
            'AI tool "DeepL Pro" was suspended: Vendor changed its data terms. Your access stays in place until an approver reviews it.',
        },
      },
    });
  });

  it('revokes live grants when the setting says so', () => {
    const r = consequencesOfLeavingCatalog(
      entry({ status: 'retired', statusReason: 'Replaced by a newer tool' }),
      'revoke',
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        leftAs: 'retired',
        liveGrants: {
          action: 'revoke',
          reason: 'AI tool "DeepL Pro" was retired: Replaced by a newer tool. Access granted for it is revoked.',
        },
      },
    });
  });

  it('refuses for a tool that is still listed', () => {
    for (const status of ['proposed', 'requestable'] as const) {
      expect(consequencesOfLeavingCatalog(entry({ status }), 'flag')).toMatchObject({
        ok: false,
        error: { code: 'CATALOG_STILL_LISTED' },
      });
    }
  });
});
