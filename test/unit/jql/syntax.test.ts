// Syntax-only entry points for template loaders: parseJqlOrThrow and listReferencedFields.
import {
  compileJql,
  JqlError,
  JqlSyntaxError,
  listReferencedFields,
  parseJqlOrThrow,
} from '../../../src/sandbox/jira/jql';
import { context, matching } from './fixtures';

function syntaxError(jql: string): JqlSyntaxError {
  try {
    parseJqlOrThrow(jql);
  } catch (e) {
    if (e instanceof JqlSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for: ${jql}`);
}

describe('parseJqlOrThrow', () => {
  test('returns the AST of valid JQL without needing a context', () => {
    const jast = parseJqlOrThrow('project = AIC AND aicStatus = active ORDER BY created DESC');
    expect(jast.query?.where).toBeDefined();
    expect(jast.query?.orderBy?.fields.map((f) => f.field.value)).toEqual(['created']);
  });

  test('accepts what is valid syntax even if the sandbox cannot evaluate it', () => {
    expect(() => parseJqlOrThrow('status WAS Open BEFORE now()')).not.toThrow();
    expect(() => parseJqlOrThrow('nosuchfield = 1')).not.toThrow();
  });

  test.each([
    ['project = ', 1, 11],
    ['project = AIC AND', 1, 18],
    ['project = AIC ORDER BY', 1, 23],
    ['status IS Open', 1, 11],
    ['summary ~ access', 1, 11],
    ['project = AIC\nAND status ~', 2, 13],
  ])('%p is a syntax error at line %i, column %i', (jql, line, column) => {
    const e = syntaxError(jql);
    expect(e).toBeInstanceOf(JqlError);
    expect(e.code).toBe('JQL_INVALID');
    expect(e.line).toBe(line);
    expect(e.column).toBe(column);
    expect(e.errorMessages).toHaveLength(1);
    expect(e.errorMessages[0]).toMatch(
      new RegExp(`^Error in the JQL Query: .+ \\(line ${line}, character ${column}\\)$`),
    );
  });

  test('compileJql reports the same syntax error', () => {
    expect(() => compileJql('project = AIC AND', context())).toThrow(JqlSyntaxError);
  });
});

describe('listReferencedFields', () => {
  test('fields of WHERE and ORDER BY, as written, first occurrence first', () => {
    expect(
      listReferencedFields(
        'project = AIC AND (aicStatus = active OR issue.property[aiClearance].grant.expiresAt < now()) ' +
          'AND NOT "Grant status" = x AND cf[10010] is not empty AND project != OPS ORDER BY created DESC, "Risk score"',
      ),
    ).toEqual([
      'project',
      'aicStatus',
      'issue.property[aiClearance].grant.expiresAt',
      'Grant status',
      'cf[10010]',
      'created',
      'Risk score',
    ]);
  });

  test('empty query uses no fields; syntax errors throw', () => {
    expect(listReferencedFields('')).toEqual([]);
    expect(() => listReferencedFields('project =')).toThrow(JqlSyntaxError);
  });
});

test('the parse cache shares no context between compilations', () => {
  const jql = 'assignee = currentUser() ORDER BY key';
  expect(matching(jql)).toEqual(['OPS-1']);
  expect(matching(jql, { currentAccountId: 'acc-bob' })).toEqual(['AIC-3', 'AIC-4']);
  // A caller mutating the AST it got from parseJqlOrThrow cannot change later compilations.
  parseJqlOrThrow(jql).query?.where?.remove();
  expect(matching(jql)).toEqual(['OPS-1']);
});
