// Everything the engine cannot evaluate exactly as Jira would raises a JqlError:
// Jira's own wording where Jira rejects the query, an explicit sandbox message where
// Jira would accept it but the sandbox cannot answer it faithfully.
import { compileJql, JqlError } from '../../../src/sandbox/jira/jql';
import { CATALOG, context, errorOf, matching } from './fixtures';

const SANDBOX = /is not supported by the AI Clearance sandbox JQL engine\.$/;

describe('Jira would answer 400', () => {
  test.each([
    ['foo = bar', "Field 'foo' does not exist or you do not have permission to view it."],
    ['cf[99999] = x', "Field 'cf[99999]' does not exist or you do not have permission to view it."],
    ['"No such field" is empty', "Field 'No such field' does not exist or you do not have permission to view it."],
    ['status ~ open', "The operator '~' is not supported by the 'status' field."],
    ['NOT status ~ open', "The operator '~' is not supported by the 'status' field."],
    ['"Grant status" ~ act', "The operator '~' is not supported by the 'Grant status' field."],
    ['summary = x', "The operator '=' is not supported by the 'summary' field."],
    ['text !~ x', "The operator '!~' is not supported by the 'text' field."],
    ['statusCategory is empty', "The operator 'is' is not supported by the 'statusCategory' field."],
    ['labels > a', "The operator '>' is not supported by the 'labels' field."],
    ['Justification = x', "The operator '=' is not supported by the 'Justification' field."],
    ['key is empty', "The operator 'is' is not supported by the 'key' field."],
    ['aicStatus ~ act', "The operator '~' is not supported by the 'aicStatus' field."],
    [
      'issue.property[aiClearance].notes = x',
      "The operator '=' is not supported by the 'issue.property[aiClearance].notes' field.",
    ],
    ['assignee = nobody', "The value 'nobody' does not exist for the field 'assignee'."],
    // A user-typed entity property takes = and != only (platform-contract.md JQL-5).
    ['aicOwner in (nobody)', "The operator 'in' is not supported by the 'aicOwner' field."],
    ['statusCategory = Bogus', "The value 'Bogus' does not exist for the field 'statusCategory'."],
    ['assignee = now()', "A value provided by the function 'now' is invalid for the field 'assignee'."],
    ['created > currentUser()', "A value provided by the function 'currentUser' is invalid for the field 'created'."],
    ['status = now()', "A value provided by the function 'now' is invalid for the field 'status'."],
    ['created > foo()', "Unable to find JQL function 'foo()'."],
    ['created > now(1)', "Function 'now' expected '0' arguments but received '1'."],
    ['created > startOfDay(1, 2)', "Function 'startOfDay' expected '0-1' arguments but received '2'."],
    ['created > startOfDay("soon")', "The argument 'soon' to the JQL function 'startOfDay' is invalid."],
    [
      'assignee in currentUser()',
      "Operator 'in' does not support the non-list value 'currentUser()' for field 'assignee'.",
    ],
    [
      'created > "yesterday"',
      expect.stringMatching(/^Date value 'yesterday' for field 'created' is invalid\. Valid formats include/),
    ],
    ['aicExpires < "2026-02-30"', expect.stringMatching(/^Date value '2026-02-30' for field 'aicExpires' is invalid/)],
    ['"Risk score" > abc', "The value 'abc' is not a valid number for the field 'Risk score'."],
    ['aicRisk = "7 or so"', "The value '7 or so' is not a valid number for the field 'aicRisk'."],
    ['key = foo', "The issue key 'foo' for field 'key' is invalid."],
    ['summary ~ "*gpt"', "The text query '*gpt' for field 'summary' is not allowed to start with a wildcard."],
    ['summary ~ EMPTY', "The operator '~' does not support searching for EMPTY values in the 'summary' field."],
    [
      'issue.property[aiClearance].a[b] = 1',
      "Field 'issue.property[aiClearance].a[b]' does not exist or you do not have permission to view it.",
    ],
  ])('%s', (jql, message) => expect(errorOf(jql)).toEqual(message));
});

describe('valid Jira the sandbox cannot answer faithfully', () => {
  test.each([
    'status was Open',
    'status was in (Open, Done)',
    'status was not Open',
    'assignee changed',
    'status changed from Open to Done',
    'priority = High',
    'fixVersion = 1.0',
    'assignee in membersOf("jira-users")',
    'created > startOfWeek()',
    'assignee.property[prefs].theme = dark',
    'summary ~ "chatgpt OR claude"',
    'summary ~ "+chatgpt"',
    'summary ~ "-chatgpt"',
    'summary ~ "chat~"',
    '"Grant Status" = x',
  ])('%s', (jql) => {
    const extra = jql.startsWith('"Grant Status"')
      ? {
          fields: [
            ...context().fields,
            {
              id: 'customfield_20000',
              name: 'grant status',
              custom: true,
              schemaType: 'string' as const,
              customId: 20000,
            },
          ],
        }
      : {};
    expect(errorOf(jql, extra)).toMatch(SANDBOX);
  });
});

describe('catalog: unknown values are a 400 in Jira', () => {
  const withCatalog = { catalog: CATALOG };
  test.each([
    ['status = Nonexistent', "The value 'Nonexistent' does not exist for the field 'status'."],
    ['status in (Done, Nonexistent)', "The value 'Nonexistent' does not exist for the field 'status'."],
    ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['type = Bug', "The value 'Bug' does not exist for the field 'type'."],
    ['resolution = Fixed', "The value 'Fixed' does not exist for the field 'resolution'."],
    ['"Grant status" = Bogus', "The option 'Bogus' for field 'Grant status' does not exist."],
  ])('%s', (jql, message) => expect(errorOf(jql, withCatalog)).toBe(message));

  test('known values still match, by name or id', () => {
    expect(matching('status in ("waiting for approval", 10202)', withCatalog)).toEqual(['AIC-1', 'AIC-3']);
    expect(matching('project = 10001', withCatalog)).toEqual(['OPS-1']);
    expect(matching('resolution in (Unresolved, 2)', withCatalog)).toEqual(['AIC-1', 'AIC-2', 'AIC-4', 'OPS-1']);
  });
});

test('errors are JqlError with code JQL_INVALID and Jira-style errorMessages', () => {
  let caught: unknown;
  try {
    compileJql('foo = bar', context());
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(JqlError);
  expect(caught).toMatchObject({ code: 'JQL_INVALID', errorMessages: [expect.any(String)] });
});

test('errors are raised at compile time, even in a branch no issue reaches', () => {
  expect(errorOf('project = NOPE-NOT-THERE OR (key = AIC-1 AND foo = 1)')).toMatch(/Field 'foo'/);
});
