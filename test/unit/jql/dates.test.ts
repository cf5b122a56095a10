// Date fields and JQL date values against a fixed clock: now = 2026-01-31T12:00:00Z.
import { addPeriod, endOfDay, parseDateValue, parseStoredDate, startOfDay } from '../../../src/sandbox/jira/jql/dates';
import { matching, NOW, type Row } from './fixtures';

const table = (rows: Row[]) => test.each(rows)('%s', (jql, keys) => expect(matching(jql)).toEqual(keys));
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('created / updated / resolved', () => {
  table([
    ['created > -2d', ['AIC-1', 'OPS-1']],
    ['created > "-4h"', ['OPS-1']],
    ['created > -1w', ['AIC-1', 'OPS-1']],
    ['created > "-2w"', ['AIC-1', 'AIC-2', 'OPS-1']],
    ['created < "+1d"', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4', 'OPS-1']],
    ['updated > 14d', []],
    ['created >= startOfDay()', ['OPS-1']],
    ['created >= startOfDay(-1)', ['AIC-1', 'OPS-1']],
    ['created >= startOfDay("-1d") and created <= endOfDay("-1d")', ['AIC-1']],
    ['created < "2026-01-01"', ['AIC-3']],
    ['created < 2026-01-01', ['AIC-3']],
    ['created <= "2025-12-31 23:59"', ['AIC-3']],
    ['created = "2025-12-31 23:59"', ['AIC-3']],
    ['created = "2025-12-31"', []],
    ['createdDate >= "2026-01-20 08:00"', ['AIC-1', 'AIC-2', 'OPS-1']],
    ['created in ("2025-12-31 23:59", "2026-01-10 10:00")', ['AIC-3', 'AIC-4']],
    ['created != "2025-12-31 23:59"', ['AIC-1', 'AIC-2', 'AIC-4', 'OPS-1']],
    ['updated >= "-2h"', ['AIC-1', 'OPS-1']],
    ['updatedDate < "2026-01-26"', ['AIC-2', 'AIC-4']],
    ['resolved >= "2026-01-29"', ['AIC-3']],
    ['resolutiondate < now()', ['AIC-3', 'AIC-4']],
    ['resolutiondate is empty', ['AIC-1', 'AIC-2', 'OPS-1']],
    // Jira: a negated comparison never matches an empty date.
    ['NOT resolved > "2026-01-20"', ['AIC-4']],
  ]);
});

describe('date values', () => {
  test.each([
    ['-7d', '2026-01-24T12:00:00.000Z'],
    ['14d', '2026-02-14T12:00:00.000Z'],
    ['+1d', '2026-02-01T12:00:00.000Z'],
    ['-2w', '2026-01-17T12:00:00.000Z'],
    ['-4h', '2026-01-31T08:00:00.000Z'],
    ['-30m', '2026-01-31T11:30:00.000Z'],
    ['4w 2d', '2026-03-02T12:00:00.000Z'],
    ['-1M', '2025-12-31T12:00:00.000Z'],
    ['+1y', '2027-01-31T12:00:00.000Z'],
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2026/01/31', '2026-01-31T00:00:00.000Z'],
    ['2026-01-31 09:30', '2026-01-31T09:30:00.000Z'],
    ['2026/1/5 7:05', '2026-01-05T07:05:00.000Z'],
  ])('%s', (value, expected) => expect(iso(parseDateValue(value, NOW))).toBe(expected));

  test.each(['yesterday', '2026-02-30', '2026-13-01', '2026-01-31 24:00', '2026-01-31T09:30', '7', '-7x', ''])(
    'rejects %p',
    (value) => expect(parseDateValue(value, NOW)).toBeUndefined(),
  );

  test('startOfDay / endOfDay are UTC days; a bare increment counts days', () => {
    expect(iso(startOfDay(NOW))).toBe('2026-01-31T00:00:00.000Z');
    expect(iso(startOfDay(NOW, '-1'))).toBe('2026-01-30T00:00:00.000Z');
    expect(iso(startOfDay(NOW, '+1w'))).toBe('2026-02-07T00:00:00.000Z');
    expect(iso(endOfDay(NOW))).toBe('2026-01-31T23:59:59.999Z');
    expect(iso(endOfDay(NOW, '1'))).toBe('2026-02-01T23:59:59.999Z');
    expect(startOfDay(NOW, 'soon')).toBeUndefined();
  });

  test('stored dates are ISO 8601, zone-less read as UTC', () => {
    expect(iso(parseStoredDate('2026-01-31T09:30:00.000+0000'))).toBe('2026-01-31T09:30:00.000Z');
    expect(iso(parseStoredDate('2026-01-31T09:30:00.000+02:00'))).toBe('2026-01-31T07:30:00.000Z');
    expect(iso(parseStoredDate('2026-01-31T09:30Z'))).toBe('2026-01-31T09:30:00.000Z');
    expect(iso(parseStoredDate('2026-01-31T09:30'))).toBe('2026-01-31T09:30:00.000Z');
    expect(iso(parseStoredDate('2026-01-31'))).toBe('2026-01-31T00:00:00.000Z');
    expect(parseStoredDate('31/01/2026')).toBeUndefined();
    expect(parseStoredDate(1769853600000)).toBeUndefined();
  });

  test('addPeriod applies one sign to every part', () => {
    expect(iso(addPeriod(NOW, '-1w 2d'))).toBe('2026-01-22T12:00:00.000Z');
  });
});
