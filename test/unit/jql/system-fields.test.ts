// Which fixture issues each query matches, for every system field and operator.
// Rows marked "Jira:" pin behaviour where a naive evaluator would differ from Jira.
import { ALL, matching, type Row } from './fixtures';

const table = (rows: Row[]) => test.each(rows)('%s', (jql, keys) => expect(matching(jql)).toEqual(keys));

describe('project, issuetype, status', () => {
  table([
    ['project = AIC', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4']],
    ['project = aic', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4']],
    ['project = "AI Clearance"', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4']],
    ['project = 10001', ['OPS-1']],
    ['project != AIC', ['OPS-1']],
    ['project in (OPS, "AI Clearance")', ALL],
    ['project not in (AIC)', ['OPS-1']],
    ['type = Task', ['OPS-1']],
    ['issuetype = 10100', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4']],
    ['issueType != request', ['OPS-1']],
    ['status = "waiting for approval"', ['AIC-1']],
    ['Status = 10203', ['AIC-4']],
    ['status in (Done, Declined)', ['AIC-3', 'AIC-4']],
    ['status not in (Done, Open)', ['AIC-1', 'AIC-2', 'AIC-4']],
    ['status != Done', ['AIC-1', 'AIC-2', 'AIC-4', 'OPS-1']],
    ['status = Nonexistent', []],
  ]);
});

describe('statusCategory', () => {
  table([
    ['statusCategory = Done', ['AIC-3', 'AIC-4']],
    ['statusCategory = "To Do"', ['AIC-1', 'OPS-1']],
    ['statusCategory = new', ['AIC-1', 'OPS-1']],
    ['statusCategory = indeterminate', ['AIC-2']],
    ['statusCategory = "In Progress"', ['AIC-2']],
    ['statusCategory = 4', ['AIC-2']],
    ['statusCategory != done', ['AIC-1', 'AIC-2', 'OPS-1']],
    ['statusCategory in (new, "In Progress")', ['AIC-1', 'AIC-2', 'OPS-1']],
    ['statusCategory not in ("To Do")', ['AIC-2', 'AIC-3', 'AIC-4']],
  ]);
});

describe('resolution', () => {
  table([
    ['resolution = Unresolved', ['AIC-1', 'AIC-2', 'OPS-1']],
    ['resolution = EMPTY', ['AIC-1', 'AIC-2', 'OPS-1']],
    ['resolution is null', ['AIC-1', 'AIC-2', 'OPS-1']],
    ['resolution is not empty', ['AIC-3', 'AIC-4']],
    ['resolution != Unresolved', ['AIC-3', 'AIC-4']],
    ['resolution = "won\'t do"', ['AIC-4']],
    // Jira: != never matches an empty field, so unresolved issues are not "!= Done".
    ['resolution != Done', ['AIC-4']],
    ['resolution in (Unresolved, Done)', ['AIC-1', 'AIC-2', 'AIC-3', 'OPS-1']],
    ['resolution not in (Done)', ['AIC-4']],
  ]);
});

describe('users: reporter, assignee, creator', () => {
  table([
    ['assignee = currentUser()', ['OPS-1']],
    ['assignee = "bob@example.com"', ['AIC-3', 'AIC-4']],
    ['assignee = "Bob Baker"', ['AIC-3', 'AIC-4']],
    ['assignee = acc-bob', ['AIC-3', 'AIC-4']],
    // Jira: unassigned AIC-2 is not "!= bob".
    ['assignee != "bob@example.com"', ['AIC-1', 'OPS-1']],
    ['assignee is empty', ['AIC-2']],
    ['assignee is not null', ['AIC-1', 'AIC-3', 'AIC-4', 'OPS-1']],
    ['assignee in ("alice@example.com", EMPTY)', ['AIC-2', 'OPS-1']],
    ['assignee not in ("alice@example.com", EMPTY)', ['AIC-1', 'AIC-3', 'AIC-4']],
    ['assignee in (currentUser(), "Agent Smith")', ['AIC-1', 'OPS-1']],
    ['assignee = CURRENTUSER()', ['OPS-1']],
    ['reporter = "alice@example.com"', ['AIC-1', 'AIC-3']],
    ['reporter != currentUser()', ['AIC-2', 'AIC-4', 'OPS-1']],
    ['creator = "agent@example.com"', ['OPS-1']],
  ]);

  test('currentUser() for an anonymous search matches nothing, under = and != alike', () => {
    const anon = { currentAccountId: undefined };
    expect(matching('assignee = currentUser()', anon)).toEqual([]);
    expect(matching('assignee != currentUser()', anon)).toEqual([]);
    expect(matching('assignee in (currentUser())', anon)).toEqual([]);
    expect(matching('assignee in (currentUser(), "bob@example.com")', anon)).toEqual(['AIC-3', 'AIC-4']);
  });
});

describe('labels', () => {
  table([
    ['labels = urgent', ['AIC-1']],
    ['labels = ai', ['AIC-1', 'AIC-3']],
    // Jira: != on a multi-value field means "has labels, none of them urgent".
    ['labels != urgent', ['AIC-3', 'OPS-1']],
    ['labels is empty', ['AIC-2', 'AIC-4']],
    ['labels in (ops, urgent)', ['AIC-1', 'OPS-1']],
    ['labels not in (ai)', ['OPS-1']],
  ]);
});

describe('key / issuekey / issue / id', () => {
  table([
    ['key = AIC-1', ['AIC-1']],
    ['issuekey = aic-2', ['AIC-2']],
    ['id = 10003', ['AIC-3']],
    ['issue in (AIC-1, OPS-1)', ['AIC-1', 'OPS-1']],
    ['key != AIC-1', ['AIC-2', 'AIC-3', 'AIC-4', 'OPS-1']],
    // Jira compares the number within the operand's project only.
    ['key > AIC-2', ['AIC-3', 'AIC-4']],
    ['key <= AIC-2', ['AIC-1', 'AIC-2']],
    ['id > 10003', ['AIC-4', 'OPS-1']],
    ['key not in (AIC-1, AIC-2)', ['AIC-3', 'AIC-4', 'OPS-1']],
    ['key = AIC-99', []],
  ]);
});
