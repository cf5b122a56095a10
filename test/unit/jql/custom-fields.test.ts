// Custom fields by name and cf[id], compared per schema type.
import { CATALOG, matching, type Row } from './fixtures';

const table = (rows: Row[]) => test.each(rows)('%s', (jql, keys) => expect(matching(jql)).toEqual(keys));

describe('option (select)', () => {
  table([
    ['"Grant status" = active', ['AIC-2']],
    ['"grant status" = ACTIVE', ['AIC-2']],
    ['cf[10010] = Pending', ['AIC-1']],
    ['CF[10010] = 2', ['AIC-2']],
    ['"Grant status" in (Active, Expired)', ['AIC-2', 'AIC-3']],
    // Jira: issues with no option set are not "!= Active".
    ['"Grant status" != Active', ['AIC-1', 'AIC-3']],
    ['"Grant status" not in (Active, Pending)', ['AIC-3']],
    ['"Grant status" is empty', ['AIC-4', 'OPS-1']],
    ['"Grant status" = EMPTY', ['AIC-4', 'OPS-1']],
  ]);
});

describe('array (multiselect)', () => {
  table([
    ['"AI tools" = claude', ['AIC-1', 'AIC-2']],
    ['"AI tools" != claude', ['AIC-3']],
    ['"AI tools" in (ChatGPT, Copilot)', ['AIC-1', 'AIC-3']],
    ['cf[10011] is not empty', ['AIC-1', 'AIC-2', 'AIC-3']],
  ]);
});

describe('number', () => {
  table([
    ['"Risk score" > 2', ['AIC-1', 'AIC-2']],
    ['"Risk score" = 1.5', ['AIC-3']],
    ['"Risk score" <= 3', ['AIC-1', 'AIC-3']],
    ['"Risk score" >= 7', ['AIC-2']],
    ['"Risk score" < 3', ['AIC-3']],
    ['"Risk score" in (3, 7)', ['AIC-1', 'AIC-2']],
    ['"Risk score" != 3', ['AIC-2', 'AIC-3']],
    ['cf[10012] is empty', ['AIC-4', 'OPS-1']],
  ]);
});

describe('datetime and date', () => {
  table([
    ['"Grant expires" < now()', ['AIC-3']],
    ['"Grant expires" <= endOfDay("+15d")', ['AIC-2', 'AIC-3']],
    ['"Grant expires" = "2026-01-15 10:00"', ['AIC-3']],
    ['"Grant expires" is empty', ['AIC-1', 'AIC-4', 'OPS-1']],
    // Date pickers compare whole days: now() (12:00) is the same day as 2026-01-31.
    ['"Review date" = now()', ['AIC-2']],
    ['"Review date" < now()', []],
    ['"Review date" > now()', ['AIC-1']],
    ['"Review date" = "2026-02-01"', ['AIC-1']],
    ['"Review date" >= startOfDay()', ['AIC-1', 'AIC-2']],
  ]);
});

describe('string (text field) and user', () => {
  table([
    ['Justification ~ draft', ['AIC-1']],
    ['Justification is empty', ['AIC-2', 'AIC-3', 'AIC-4', 'OPS-1']],
    ['Justification !~ copywriting', []],
    ['Approver = "agent@example.com"', ['AIC-1']],
    ['Approver != currentUser()', ['AIC-1']],
    ['cf[10016] is empty', ['AIC-2', 'AIC-3', 'AIC-4', 'OPS-1']],
  ]);
});

test('with a catalog, options resolve the same way (value or id)', () => {
  expect(matching('"Grant status" in (pending, 3)', { catalog: CATALOG })).toEqual(['AIC-1', 'AIC-3']);
});
