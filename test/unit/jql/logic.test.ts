// AND / OR / NOT, parentheses and precedence, and the way NOT treats empty fields.
import { ALL, matching, type Row } from './fixtures';

const table = (rows: Row[]) => test.each(rows)('%s', (jql, keys) => expect(matching(jql)).toEqual(keys));

describe('precedence and parentheses', () => {
  table([
    ['', ALL],
    ['ORDER BY key', ALL],
    ['project = AIC AND status = Done OR labels = ops', ['AIC-3', 'OPS-1']],
    // AND binds tighter than OR: OPS-1 must be kept although it has no "ai" label.
    ['project = OPS OR status = Done AND labels = ai', ['AIC-3', 'OPS-1']],
    ['(project = OPS OR status = Done) AND labels = ai', ['AIC-3']],
    ['project = AIC AND (status = Done OR assignee is EMPTY)', ['AIC-2', 'AIC-3']],
    ['project = AIC and assignee = "bob@example.com" and labels is empty', ['AIC-4']],
  ]);
});

describe('NOT: pushed down like Jira, so negations never match empty fields', () => {
  table([
    ['NOT project = OPS', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4']],
    ['!(project = OPS)', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4']],
    // Unassigned AIC-2 is not returned, exactly like `assignee != bob`.
    ['NOT assignee = "bob@example.com"', ['AIC-1', 'OPS-1']],
    ['NOT NOT assignee = "bob@example.com"', ['AIC-3', 'AIC-4']],
    // De Morgan: project != AIC OR assignee != bob; AIC-2 (AIC, unassigned) matches neither.
    ['NOT (project = AIC AND assignee = "bob@example.com")', ['AIC-1', 'OPS-1']],
    ['NOT (status = Done OR labels is empty)', ['AIC-1', 'OPS-1']],
    ['NOT labels = ai', ['OPS-1']],
    ['NOT labels in (ai, ops)', []],
    ['NOT "Risk score" > 2', ['AIC-3']],
    ['NOT assignee is empty', ['AIC-1', 'AIC-3', 'AIC-4', 'OPS-1']],
    ['NOT resolution = Unresolved', ['AIC-3', 'AIC-4']],
    ['NOT statusCategory = done AND NOT project = OPS', ['AIC-1', 'AIC-2']],
    ['project = AIC AND NOT (aicStatus = active OR aicStatus = pending)', ['AIC-3']],
    ['NOT aicStatus != active', ['AIC-2']],
  ]);
});
