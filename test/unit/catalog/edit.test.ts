import { edit } from '../../../src/domain/catalog';
import { ADMIN, entry, prohibitedEntry } from './entry-factory';

describe('catalog edit', () => {
  it('changes risk with a rationale, and logs only what changed', () => {
    const r = edit(
      entry({ status: 'requestable' }),
      { risk: 'medium', riskRationale: 'Now used on client contracts', maxDays: 90, defaultDays: 30 },
      ADMIN,
    );
    expect(r).toMatchObject({
      ok: true,
      value: { entry: { risk: 'medium', maxDays: 90, defaultDays: 30, version: 2, status: 'requestable' } },
    });
    if (!r.ok) return;
    expect(r.value.event).toEqual({
      action: 'catalog.edited',
      subject: { type: 'catalog', id: 'deepl-pro' },
      actor: ADMIN.actor,
      before: { risk: 'low', riskRationale: 'Translation only', defaultDays: 90, maxDays: 180, version: 1 },
      after: {
        risk: 'medium',
        riskRationale: 'Now used on client contracts',
        defaultDays: 30,
        maxDays: 90,
        version: 2,
      },
    });
  });

  it('refuses a risk change without a rationale', () => {
    expect(edit(entry(), { risk: 'high', maxDays: 30, defaultDays: 14, reviewWindowDays: 7 }, ADMIN)).toEqual({
      ok: false,
      error: {
        code: 'CATALOG_INVALID_EDIT',
        entryId: 'deepl-pro',
        message: 'Changing the risk of "DeepL Pro" from low to high needs a riskRationale saying why.',
      },
    });
  });

  it('refuses days that break the tool rules, with the same sentences as the seed', () => {
    expect(edit(entry(), { maxDays: 60, defaultDays: 90 }, ADMIN)).toEqual({
      ok: false,
      error: {
        code: 'CATALOG_INVALID_EDIT',
        entryId: 'deepl-pro',
        message:
          '"DeepL Pro" not changed: maxDays: maxDays (60) is below defaultDays (90); raise maxDays or lower defaultDays.',
      },
    });
    expect(edit(entry(), { reviewWindowDays: 180 }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'CATALOG_INVALID_EDIT' },
    });
    expect(edit(entry(), { defaultDays: -1 }, ADMIN)).toMatchObject({
      ok: false,
      error: { message: '"DeepL Pro" not changed: defaultDays: defaultDays must be from 1 to 3650 days; got -1.' },
    });
  });

  it('binds and unbinds a connector, checking the group id format', () => {
    const bound = edit(
      entry(),
      { connector: { provider: 'entra', groupId: '6f3c2a1e-0b4d-4f7a-9c2e-1d5b8a7e9f01' } },
      ADMIN,
    );
    expect(bound).toMatchObject({ ok: true, value: { entry: { connector: { provider: 'entra' } } } });
    if (!bound.ok) return;
    expect(edit(bound.value.entry, { connector: null }, ADMIN)).toMatchObject({
      ok: true,
      value: { entry: { connector: null } },
    });
    expect(edit(entry(), { connector: { provider: 'okta', groupId: 'ai-users' } }, ADMIN)).toMatchObject({
      ok: false,
      error: {
        message:
          '"DeepL Pro" not changed: connector.groupId: groupId must be an Okta group id (20 characters starting with 00g), e.g. 00g1emaKYZTWRYYRRTSK; got "ai-users".',
      },
    });
  });

  it("sets policy overrides, checked against the tool's own durations", () => {
    expect(
      edit(entry(), { policyOverrides: { approverGroup: 'translators', secondReminderDays: 3 } }, ADMIN),
    ).toMatchObject({ ok: true, value: { entry: { policyOverrides: { approverGroup: 'translators' } } } });
    expect(edit(entry(), { policyOverrides: { secondReminderDays: 14 } }, ADMIN)).toMatchObject({
      ok: false,
      error: {
        message:
          '"DeepL Pro" not changed: policyOverrides.secondReminderDays: secondReminderDays (14) must be below reviewWindowDays (14) so it comes after the first reminder; 0 turns it off.',
      },
    });
  });

  it('marks a suspended tool prohibited, clearing its durations, binding and overrides', () => {
    const e = entry({
      status: 'suspended',
      statusReason: 'x',
      connector: { provider: 'okta', groupId: '00g1emaKYZTWRYYRRTSK' },
      policyOverrides: { approverGroup: 'g' },
    });
    const r = edit(e, { risk: 'prohibited', riskRationale: 'Vendor moved data to an unapproved country' }, ADMIN);
    expect(r).toMatchObject({
      ok: true,
      value: {
        entry: {
          risk: 'prohibited',
          defaultDays: 0,
          maxDays: 0,
          reviewWindowDays: 0,
          connector: null,
          policyOverrides: {},
        },
      },
    });
  });

  it('refuses to make a requestable tool prohibited: it must be suspended first', () => {
    expect(
      edit(entry({ status: 'requestable' }), { risk: 'prohibited', riskRationale: 'Breach' }, ADMIN),
    ).toMatchObject({ ok: false, error: { code: 'CATALOG_PROHIBITED_NOT_REQUESTABLE' } });
  });

  it('refuses durations on a prohibited tool, and needs real durations to leave prohibited', () => {
    expect(edit(prohibitedEntry(), { maxDays: 30 }, ADMIN)).toMatchObject({
      ok: false,
      error: { message: '"Character.AI" not changed: maxDays: a prohibited tool has no duration; remove maxDays.' },
    });
    expect(
      edit(prohibitedEntry(), { risk: 'high', riskRationale: 'Enterprise tier now available' }, ADMIN),
    ).toMatchObject({
      ok: false,
      error: {
        message: expect.stringContaining(
          'defaultDays: defaultDays is required for a tool that can be requested (risk high)',
        ),
      },
    });
    expect(
      edit(
        prohibitedEntry(),
        {
          risk: 'high',
          riskRationale: 'Enterprise tier now available',
          defaultDays: 14,
          maxDays: 30,
          reviewWindowDays: 7,
        },
        ADMIN,
      ),
    ).toMatchObject({ ok: true });
  });

  it('refuses edits to a retired tool, and an edit that changes nothing', () => {
    expect(edit(entry({ status: 'retired', statusReason: 'gone' }), { maxDays: 90 }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'CATALOG_TRANSITION_NOT_ALLOWED' },
    });
    expect(edit(entry(), { maxDays: 180, connector: null }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'CATALOG_NO_CHANGE' },
    });
  });

  describe('descriptive facts', () => {
    const facts = entry().dataHandling;

    it('edits the vendor, name, category, tier and address, logging each change as before/after', () => {
      const r = edit(
        entry({ status: 'requestable' }),
        {
          name: 'DeepL Pro Advanced',
          vendor: 'DeepL GmbH',
          category: 'writing',
          tier: 'enterprise',
          vendorUrl: 'https://www.deepl.com/pro-advanced',
        },
        ADMIN,
      );
      expect(r).toMatchObject({ ok: true, value: { entry: { vendor: 'DeepL GmbH', risk: 'low', version: 2 } } });
      if (!r.ok) return;
      expect(r.value.event.before).toEqual({
        name: 'DeepL Pro',
        vendor: 'DeepL SE',
        category: 'translation',
        tier: 'business',
        vendorUrl: 'https://www.deepl.com/pro',
        version: 1,
      });
      expect(r.value.event.after).toEqual({
        name: 'DeepL Pro Advanced',
        vendor: 'DeepL GmbH',
        category: 'writing',
        tier: 'enterprise',
        vendorUrl: 'https://www.deepl.com/pro-advanced',
        version: 2,
      });
    });

    it('changes data-handling facts with the assessment date moved to today, without touching the risk', () => {
      const changed = { ...facts, trainsOnCustomerData: 'opt-out' as const, dataResidency: ['EU', 'US'] };
      const r = edit(entry({ status: 'requestable' }), { dataHandling: changed, assessedOn: '2026-11-15' }, ADMIN);
      expect(r).toMatchObject({ ok: true, value: { entry: { dataHandling: changed, risk: 'low' } } });
      if (!r.ok) return;
      expect(r.value.event.before).toEqual({ dataHandling: facts, assessedOn: '2026-11-01', version: 1 });
      expect(r.value.event.after).toEqual({ dataHandling: changed, assessedOn: '2026-11-15', version: 2 });
    });

    it('refuses changed data-handling facts under the old assessment date, saying which date to set', () => {
      expect(edit(entry(), { dataHandling: { ...facts, soc2: false } }, ADMIN)).toEqual({
        ok: false,
        error: {
          code: 'CATALOG_INVALID_EDIT',
          entryId: 'deepl-pro',
          message:
            '"DeepL Pro" not changed: assessedOn: the data-handling facts changed, so set assessedOn to the day they were reassessed (today is 2026-11-15; the recorded assessment is 2026-11-01).',
        },
      });
      // Assessed today already: a correction the same day keeps the date.
      expect(
        edit(entry({ assessedOn: '2026-11-15' }), { dataHandling: { ...facts, soc2: false } }, ADMIN),
      ).toMatchObject({ ok: true, value: { entry: { assessedOn: '2026-11-15', dataHandling: { soc2: false } } } });
      // The same facts sent again are not a change of facts.
      expect(edit(entry(), { dataHandling: { ...facts }, vendor: 'DeepL GmbH' }, ADMIN)).toMatchObject({ ok: true });
    });

    it('moves the assessment date forward only, and never past today', () => {
      expect(edit(entry(), { assessedOn: '2026-10-01' }, ADMIN)).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('assessedOn: 2026-10-01 is before the recorded assessment') },
      });
      expect(edit(entry(), { assessedOn: '2026-11-16' }, ADMIN)).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('assessedOn: 2026-11-16 is in the future; today is 2026-11-15') },
      });
      expect(edit(entry(), { assessedOn: '2026-11-10' }, ADMIN)).toMatchObject({
        ok: true,
        value: { entry: { assessedOn: '2026-11-10' } },
      });
    });

    it('keeps descriptive edits of a prohibited tool (its durations stay zero)', () => {
      expect(edit(prohibitedEntry(), { vendor: 'Character Technologies' }, ADMIN)).toMatchObject({
        ok: true,
        value: { entry: { vendor: 'Character Technologies', maxDays: 0, risk: 'prohibited' } },
      });
    });

    it('refuses them on a retired tool', () => {
      expect(edit(entry({ status: 'retired', statusReason: 'gone' }), { vendor: 'DeepL GmbH' }, ADMIN)).toMatchObject({
        ok: false,
        error: { code: 'CATALOG_TRANSITION_NOT_ALLOWED' },
      });
    });
  });

  it('refuses an edit made on an older version than the stored one', () => {
    expect(edit(entry({ version: 3 }), { vendor: 'DeepL GmbH', expectedVersion: 2 }, ADMIN)).toEqual({
      ok: false,
      error: {
        code: 'CATALOG_VERSION_CONFLICT',
        entryId: 'deepl-pro',
        message:
          '"DeepL Pro" was changed (now version 3) after you loaded version 2; reload it and make your change again.',
      },
    });
    expect(edit(entry({ version: 3 }), { vendor: 'DeepL GmbH', expectedVersion: 3 }, ADMIN)).toMatchObject({
      ok: true,
      value: { entry: { version: 4 } },
    });
  });
});
