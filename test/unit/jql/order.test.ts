// ORDER BY: directions, Jira's default directions, empties last when ascending,
// catalog order for statuses and options, display names for users.
import { CATALOG, errorOf, ordered, type Row } from './fixtures';

const table = (rows: Row[], over = {}) =>
  test.each(rows)('%s', (jql, keys) => expect(ordered(jql, over)).toEqual(keys));

describe('without a catalog', () => {
  table([
    ['ORDER BY key ASC', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4', 'OPS-1']],
    ['ORDER BY key DESC', ['OPS-1', 'AIC-4', 'AIC-3', 'AIC-2', 'AIC-1']],
    // Jira's date fields sort newest first when no direction is given.
    ['ORDER BY created', ['OPS-1', 'AIC-1', 'AIC-2', 'AIC-4', 'AIC-3']],
    ['ORDER BY created ASC', ['AIC-3', 'AIC-4', 'AIC-2', 'AIC-1', 'OPS-1']],
    ['ORDER BY updated DESC', ['OPS-1', 'AIC-1', 'AIC-3', 'AIC-2', 'AIC-4']],
    // Empty values last when ascending...
    ['ORDER BY "Risk score" ASC, key DESC', ['AIC-3', 'AIC-1', 'AIC-2', 'OPS-1', 'AIC-4']],
    // ...and so first when descending.
    ['ORDER BY "Risk score" DESC, key ASC', ['AIC-4', 'OPS-1', 'AIC-2', 'AIC-1', 'AIC-3']],
    ['ORDER BY cf[10012]', ['AIC-3', 'AIC-1', 'AIC-2', 'AIC-4', 'OPS-1']],
    ['ORDER BY resolved ASC, key', ['AIC-4', 'AIC-3', 'AIC-1', 'AIC-2', 'OPS-1']],
    ['ORDER BY aicExpires ASC, key ASC', ['AIC-3', 'AIC-2', 'AIC-1', 'AIC-4', 'OPS-1']],
    ['ORDER BY issue.property[aiClearance].risk DESC, key', ['AIC-4', 'OPS-1', 'AIC-2', 'AIC-1', 'AIC-3']],
    ['ORDER BY issue.property[aiClearance].undeclared, key DESC', ['OPS-1', 'AIC-4', 'AIC-3', 'AIC-2', 'AIC-1']],
    ['ORDER BY "Grant status", key', ['AIC-2', 'AIC-3', 'AIC-1', 'AIC-4', 'OPS-1']],
    ['ORDER BY status', ['AIC-4', 'AIC-3', 'AIC-2', 'OPS-1', 'AIC-1']],
    ['ORDER BY statusCategory, key', ['AIC-1', 'OPS-1', 'AIC-2', 'AIC-3', 'AIC-4']],
    ['ORDER BY summary', ['AIC-4', 'AIC-3', 'AIC-1', 'AIC-2', 'OPS-1']],
    ['ORDER BY project DESC, key DESC', ['OPS-1', 'AIC-4', 'AIC-3', 'AIC-2', 'AIC-1']],
    ['ORDER BY resolution ASC, key', ['AIC-3', 'AIC-4', 'AIC-1', 'AIC-2', 'OPS-1']],
    ['ORDER BY "Review date" DESC, key', ['AIC-3', 'AIC-4', 'OPS-1', 'AIC-1', 'AIC-2']],
    ['project = AIC AND resolution is empty ORDER BY key DESC', ['AIC-2', 'AIC-1']],
  ]);
});

describe('with a catalog (configured order, display names)', () => {
  table(
    [
      ['ORDER BY status', ['OPS-1', 'AIC-1', 'AIC-2', 'AIC-3', 'AIC-4']],
      ['ORDER BY "Grant status" ASC, key', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4', 'OPS-1']],
      ['ORDER BY "Grant status" DESC, key', ['AIC-4', 'OPS-1', 'AIC-3', 'AIC-2', 'AIC-1']],
      ['ORDER BY assignee, key', ['AIC-1', 'OPS-1', 'AIC-3', 'AIC-4', 'AIC-2']],
      ['ORDER BY reporter DESC, key', ['AIC-2', 'AIC-4', 'AIC-1', 'AIC-3', 'OPS-1']],
      ['ORDER BY "AI tools", key', ['AIC-1', 'AIC-2', 'AIC-3', 'AIC-4', 'OPS-1']],
    ],
    { catalog: CATALOG },
  );
});

describe('fields Jira cannot sort by, or the sandbox cannot sort exactly', () => {
  test.each([
    ['ORDER BY labels', "Field 'labels' does not support sorting."],
    ['ORDER BY text', "Field 'text' does not support sorting."],
    ['ORDER BY description', "Field 'description' does not support sorting."],
    ['ORDER BY nope', "Field 'nope' does not exist or you do not have permission to view it."],
  ])('%s', (jql, message) => expect(errorOf(jql)).toBe(message));

  test('users sort by display name, so without names the sandbox refuses', () => {
    expect(errorOf('ORDER BY assignee')).toMatch(/not supported by the AI Clearance sandbox/);
  });
});
