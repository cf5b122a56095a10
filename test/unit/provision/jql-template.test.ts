import {
  cfClause,
  filterJql,
  placeholdersIn,
  queueJql,
  renderJqlTemplate,
  sameJql,
} from '../../../src/domain/provisioning/jql-template';

const ctx = {
  projectKey: 'AIC',
  fieldClause: (ref: string) => (ref === 'aiTool' ? 'cf[10020]' : `"${ref}"`),
  statuses: () => ['Waiting for approval', 'Say "hi"'],
};

describe('JQL templates', () => {
  it('renders field, status and project placeholders', () => {
    expect(
      renderJqlTemplate('project = {project} AND {field:aiTool} is not EMPTY AND status in {statuses:pending}', ctx),
    ).toBe('project = AIC AND cf[10020] is not EMPTY AND status in ("Waiting for approval", "Say \\"hi\\"")');
    expect(placeholdersIn('{field:aiTool} {statuses:pending} {project} {other}').map((p) => p.kind)).toEqual([
      'field',
      'statuses',
      'project',
    ]);
    expect(cfClause('customfield_10042')).toBe('cf[10042]');
  });

  it('scopes the filter to the project and keeps ORDER BY outside the condition', () => {
    expect(filterJql('a = 1 OR b = 2', 'AIC', 'created ASC')).toBe(
      'project = AIC AND (a = 1 OR b = 2) ORDER BY created ASC',
    );
    expect(queueJql('a = 1 OR b = 2', 'created ASC')).toBe('a = 1 OR b = 2 ORDER BY created ASC');
  });

  it.each([
    ['status = "Active"', 'STATUS=active'],
    ['project = AIC AND (a = 1 OR b = 2) ORDER BY created', 'a = 1 OR b = 2 order by created'],
    ['project = "AIC" AND x <= 14d ORDER BY y', 'x<=14d ORDER BY y'],
    ["summary ~ 'two words'", 'summary ~ "two words"'],
  ])('treats %s and %s as the same query', (a, b) => {
    expect(sameJql(a, b, 'AIC')).toBe(true);
  });

  it.each([
    ['status = Active', 'status = Expired'],
    ['project = AIC AND (a = 1 OR b = 2)', 'a = 1 AND b = 2'],
    ['project = OTHER AND a = 1', 'a = 1'],
    ['(a = 1) OR (b = 2)', 'a = 1) OR (b = 2'],
    ['a = 1 ORDER BY created ASC', 'a = 1 ORDER BY created DESC'],
    ['summary ~ "two  words"', 'summary ~ "two words"'],
  ])('tells %s from %s', (a, b) => {
    expect(sameJql(a, b, 'AIC')).toBe(false);
  });
});
