// Issue entity properties: issue.property[key].path and searchAlias names, typed as
// declared in the jira:entityProperty module; undeclared paths have no index.
import { ALL, matching, type Row } from './fixtures';

const table = (rows: Row[]) => test.each(rows)('%s', (jql, keys) => expect(matching(jql)).toEqual(keys));

describe('string (exact, case-sensitive)', () => {
  table([
    ['aicStatus = active', ['AIC-2']],
    ['AICSTATUS = active', ['AIC-2']],
    ['aicStatus = Active', ['OPS-1']],
    ['issue.property[aiClearance].status = pending', ['AIC-1']],
    ['aicStatus in (pending, expired)', ['AIC-1', 'AIC-3']],
    ['aicStatus != active', ['AIC-1', 'AIC-3', 'OPS-1']],
    ['aicStatus is empty', ['AIC-4']],
    ['aicStatus not in (active, Active)', ['AIC-1', 'AIC-3']],
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
    ['issue.property[aiClearance].grant.expiresAt > now()', ['AIC-2']],
    ['issue.property[aiClearance].grant.expiresAt is empty', ['AIC-1', 'AIC-4', 'OPS-1']],
    ['aicExpires <= "2026-01-15"', ['AIC-3']],
    ['aicOwner = currentUser()', ['AIC-1']],
    ['aicOwner = "Bob Baker"', ['AIC-2']],
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
