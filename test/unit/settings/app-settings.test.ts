import { readSettings } from '../../../src/usecases/shared/app-settings';

describe('the settings/app record, read once for the triggers, the use cases, the sweeps and the admin page', () => {
  it('defaults what is missing', () => {
    expect(readSettings(undefined)).toEqual({
      settings: { projectKey: 'AIC', retentionDays: 400, liveGrantsOnLeave: 'flag' },
      problems: [],
      invalid: {},
    });
  });

  it('reads every setting', () => {
    expect(
      readSettings({
        projectKey: 'OPS',
        portalId: '3',
        escalationTarget: 'ai-approvers',
        retentionDays: 30,
        liveGrantsOnLeave: 'revoke',
      }),
    ).toEqual({
      settings: {
        projectKey: 'OPS',
        portalId: '3',
        escalationTarget: 'ai-approvers',
        retentionDays: 30,
        liveGrantsOnLeave: 'revoke',
      },
      problems: [],
      invalid: {},
    });
  });

  it('revokes live grants of a leaving tool only when the setting says revoke', () => {
    for (const other of ['flag', 'REVOKE', 'delete', 1, null, {}])
      expect(readSettings({ liveGrantsOnLeave: other }).settings.liveGrantsOnLeave).toBe('flag');
  });

  it('a retention period it cannot honour falls back to the default, named in a problem, and leaves the project gate alone', () => {
    for (const bad of [0, 'soon', 1.5, 36_501]) {
      const read = readSettings({ projectKey: 'OPS', portalId: '3', retentionDays: bad });
      expect(read.settings).toEqual({
        projectKey: 'OPS',
        portalId: '3',
        retentionDays: 400,
        liveGrantsOnLeave: 'flag',
      });
      expect(read.problems).toHaveLength(1);
      expect(read.problems[0]).toMatch(
        /^settings\/app retentionDays is not valid \(.+\); using 400 until it is fixed$/,
      );
      expect(read.invalid).toEqual({ retentionDays: read.problems[0] });
    }
  });

  it('each bad setting falls back on its own: a bad portal id keeps the retention period, a bad project key the portal id', () => {
    const read = readSettings({ projectKey: 7, portalId: 'help', retentionDays: 30, escalationTarget: ['x'] });
    expect(read.settings).toEqual({ projectKey: 'AIC', retentionDays: 30, liveGrantsOnLeave: 'flag' });
    expect(read.problems.map((p) => p.split(' ')[1])).toEqual(['projectKey', 'portalId', 'escalationTarget']);
    expect(read.problems[1]).toMatch(/portalId is not valid \(must be a numeric portal id\); using none/);
  });

  it('a record that is not an object is reported and read as the defaults', () => {
    expect(readSettings('AIC')).toEqual({
      settings: { projectKey: 'AIC', retentionDays: 400, liveGrantsOnLeave: 'flag' },
      problems: ['settings/app is not an object; using the default settings'],
      invalid: {},
    });
  });
});
