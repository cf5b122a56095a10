// Issue entity properties: issue.property[key].path and searchAlias names, typed as
// declared in the jira:entityProperty module; undeclared paths have no index.
import { ALL, errorOf, matching, type Row } from './fixtures';

const table = (rows: Row[]) => test.each(rows)('%s', (jql, keys) => expect(matching(jql)).toEqual(keys));

describe('string (exact, case-sensitive)', () => {
  table([
    ['aicStatus = active', ['AIC-2']],
    ['AICSTATUS = active', ['AIC-2']],
    ['aicStatus = Active', ['OPS-1']],
    ['issue.property[aiClearance].status = pending', ['AIC-1']],
    ['aicStatus != active', ['AIC-1', 'AIC-3', 'OPS-1']],
    // A declared array path: any element matches.
    ['issue.property[aiClearance].tags = gpt', ['AIC-1']],
    // A JSON boolean under a string path is indexed as its text.
    ['aicEscalated = "true"', ['AIC-2']],
    ['aicEscalated != "true"', []],
  ]);
});

describe('number, date, user, text', () => {
  table([
    ['aicRisk >= 3', ['AIC-1', 'AIC-2']],
    // "1.5" stored as a string is still indexed as a number.
    ['aicRisk < 2', ['AIC-3']],
    ['issue.property[aiClearance].risk = 7', ['AIC-2']],
    ['aicExpires < "2026-02-01"', ['AIC-3']],
    ['issue.property[aiClearance].grant.expiresAt > "2026-02-01T00:00:00Z"', ['AIC-2']],
    ['aicExpires = "2026-02-15T01:00:00+01:00"', ['AIC-2']],
    ['aicExpires <= "2026-01-15"', ['AIC-3']],
    ['aicOwner = currentUser()', ['AIC-1']],
    ['aicOwner = "acc-bob"', ['AIC-2']],
    // "The expected value is an Atlassian account ID": a display name is not looked up.
    ['aicOwner = "Bob Baker"', []],
    ['issue.property[aiClearance].notes ~ legal', ['AIC-1']],
    ['issue.property[aiClearance].notes ~ "reviews"', ['AIC-1']],
  ]);
});

describe('undeclared paths are not indexed: nothing has a value there', () => {
  table([
    ['issue.property[aiClearance].undeclared = x', []],
    ['issue.property[aiClearance].grant = x', []],
    ['issue.property[aiClearance].undeclared != x', []],
    ['issue.property[other].status = active', []],
    ['issue.property[aiClearance].risk2 > 1', []],
    ['issue.property[aiClearance].undeclared is empty', ALL],
    ['issue.property[aiClearance].undeclared is not empty', []],
  ]);
});

// What the jira:entityProperty docs do not promise is refused (platform-contract.md JQL-3..JQL-6),
// so neither the app nor the README relies on it. Old guesses these rows replace: IN / IS EMPTY
// on string aliases, now() and relative dates on date aliases, sorting by a string alias.
describe('beyond the documented operators per type: 400', () => {
  test.each([
    ['aicStatus in (pending, expired)', "The operator 'in' is not supported by the 'aicStatus' field."],
    ['aicStatus not in (active, Active)', "The operator 'not in' is not supported by the 'aicStatus' field."],
    ['aicStatus is empty', "The operator 'is' is not supported by the 'aicStatus' field."],
    ['aicStatus ~ act', "The operator '~' is not supported by the 'aicStatus' field."],
    [
      'issue.property[aiClearance].notes = legal',
      "The operator '=' is not supported by the 'issue.property[aiClearance].notes' field.",
    ],
    ['aicRisk in (1, 7)', "The operator 'in' is not supported by the 'aicRisk' field."],
    ['aicOwner in (acc-bob)', "The operator 'in' is not supported by the 'aicOwner' field."],
    ['aicExpires is empty', "The operator 'is' is not supported by the 'aicExpires' field."],
    ['aicExpires <= 14d', expect.stringMatching(/^Date value '14d' for field 'aicExpires' is invalid/)],
    [
      'aicExpires < "2026-02-01 10:00"',
      expect.stringMatching(/^Date value '2026-02-01 10:00' for field 'aicExpires' is invalid/),
    ],
    [
      'aicExpires > now()',
      expect.stringMatching(/function 'now\(\)' with the entity property field 'aicExpires' is not documented/),
    ],
    ['aicStatus = active ORDER BY aicStatus', "Field 'aicStatus' does not support sorting."],
    ['aicStatus = active ORDER BY aicOwner', "Field 'aicOwner' does not support sorting."],
  ])('%s', (jql, message) => expect(errorOf(jql)).toEqual(message));
});
