import { parseSweepSettings } from '../../../src/usecases/sweeps/context';

describe('sweep settings in the settings/app record', () => {
  it('defaults what is missing', () => {
    expect(parseSweepSettings(undefined)).toMatchObject({ retentionDays: 400, liveGrantsOnLeave: 'flag' });
  });

  it('revokes live grants of a leaving tool only when the setting says revoke', () => {
    expect(parseSweepSettings({ liveGrantsOnLeave: 'revoke' }).liveGrantsOnLeave).toBe('revoke');
    for (const other of ['flag', 'REVOKE', 'delete', 1, null, {}])
      expect(parseSweepSettings({ liveGrantsOnLeave: other }).liveGrantsOnLeave).toBe('flag');
  });

  it('keeps the other keys of the shared record', () => {
    expect(parseSweepSettings({ portalId: '3', retentionDays: 30 })).toMatchObject({
      portalId: '3',
      retentionDays: 30,
    });
  });

  it('refuses a retention period it cannot honour, naming the field', () => {
    expect(() => parseSweepSettings({ retentionDays: 0 })).toThrow(/retentionDays/);
    expect(() => parseSweepSettings({ retentionDays: 'soon' })).toThrow(/retentionDays/);
  });
});
