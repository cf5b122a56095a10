import { loadTemplates } from '../../../src/config/templates/load-templates';
import { ConfigError, type ConfigProblem } from '../../../src/config/yaml-source';
import { cleanupTemplateDirs, repoFile, REPO_ROOT, templateDir } from './template-dir';

afterAll(cleanupTemplateDirs);

function problemsOf(overrides: Record<string, string | Buffer | null>): ConfigProblem[] {
  try {
    loadTemplates(templateDir(overrides));
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the templates to be rejected');
}

function only(overrides: Record<string, string | Buffer | null>): ConfigProblem {
  const problems = problemsOf(overrides);
  expect(problems).toHaveLength(1);
  return problems[0];
}

const fields = repoFile('templates/fields.yml');
const queues = repoFile('templates/queues.yml');
const workflow = repoFile('templates/workflow.yml');
const requestAccess = repoFile('request-types/request-ai-access.yml');

describe('loadTemplates: the repository templates', () => {
  it('load into the desired state', () => {
    const { desired, files } = loadTemplates(REPO_ROOT);
    expect(files).toEqual(
      expect.arrayContaining([
        'templates/fields.yml',
        'templates/queues.yml',
        'templates/workflow.yml',
        'request-types/request-ai-access.yml',
      ]),
    );
    expect(desired.projectKey).toBe('AIC');
    expect(desired.fields.map((f) => f.ref)).toEqual(
      expect.arrayContaining([
        'aiTool',
        'businessPurpose',
        'accessDurationDays',
        'grantStatus',
        'grantExpiresAt',
        'riskLevel',
        'decisionRationale',
      ]),
    );
    const aiTool = desired.fields.find((f) => f.ref === 'aiTool')!;
    expect(aiTool).toMatchObject({
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
      searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher',
      options: { source: 'catalog' },
    });
    expect(desired.fields.find((f) => f.ref === 'riskLevel')!.options).toEqual({
      source: 'template',
      values: [
        { key: 'low', value: 'Low' },
        { key: 'medium', value: 'Medium' },
        { key: 'high', value: 'High' },
        { key: 'prohibited', value: 'Prohibited' },
      ],
    });
    expect(desired.requestTypes.map((r) => r.ref).sort()).toEqual([
      'extendAiAccess',
      'handBackAiAccess',
      'proposeAiTool',
      'requestAiAccess',
    ]);
    expect(desired.queues.find((q) => q.ref === 'pendingRequests')!.filterName).toBe(
      'AI Clearance: Pending AI access requests',
    );
    expect(desired.workflow.statuses.pending).toEqual(['Waiting for approval']);
  });

  it('lets --project override settings.yml', () => {
    expect(loadTemplates(REPO_ROOT, { projectKey: 'ITSM' }).desired.projectKey).toBe('ITSM');
  });

  it('works without settings.yml (defaults)', () => {
    const { desired } = loadTemplates(templateDir({ 'templates/settings.yml': null }));
    expect(desired).toMatchObject({
      projectKey: 'AIC',
      fieldContext: { name: 'AI Clearance', scope: 'project' },
      filterShare: 'project',
    });
  });
});

describe('loadTemplates: file-level errors', () => {
  it('reports malformed YAML with its line and column', () => {
    const p = only({ 'templates/fields.yml': 'fields:\n  - ref: aiTool\n    name: [unclosed\n' });
    expect(p.file).toBe('templates/fields.yml');
    expect(p.line).toBeGreaterThanOrEqual(3);
    expect(p.message).toMatch(/^YAML syntax:/);
  });

  it('refuses a YAML bomb', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    const p = only({ 'templates/queues.yml': bomb });
    expect(p).toMatchObject({ file: 'templates/queues.yml', line: 1, column: 1 });
    expect(p.message).toMatch(/aliases/);
  });

  it('refuses a 10 MB file without reading it', () => {
    const p = only({ 'request-types/huge.yml': Buffer.alloc(10 * 1024 * 1024, 0x20) });
    expect(p).toMatchObject({ file: 'request-types/huge.yml', line: 1, column: 1 });
    expect(p.message).toMatch(/10240 KiB, larger than the 1024 KiB limit; nothing was applied/);
  });

  it('names a missing template file', () => {
    const p = only({ 'templates/workflow.yml': null });
    expect(p.file).toBe('templates/workflow.yml');
    expect(p.message).toMatch(/not found/);
  });

  it('names a missing request-types directory', () => {
    const p = only({ 'request-types': null });
    expect(p.file).toBe('request-types');
    expect(p.message).toMatch(/directory not found/);
  });

  it('points an unknown key at the key itself', () => {
    const p = only({ 'templates/settings.yml': 'project: AIC\nfilterz: {}\n' });
    expect(p).toMatchObject({ file: 'templates/settings.yml', line: 2, column: 1 });
    expect(p.message).toBe('unknown key "filterz"; remove or correct it');
  });

  it('rejects an invalid project key', () => {
    const p = only({ 'templates/settings.yml': 'project: aic-1\n' });
    expect(p).toMatchObject({ line: 1, path: 'project' });
    expect(p.message).toMatch(/Jira project key/);
  });

  it('collects problems from several files in one run', () => {
    const problems = problemsOf({
      'templates/settings.yml': 'project: 1\n',
      'templates/workflow.yml': workflow.replace('expired: [Expired]', 'expired: [Revoked]'),
    });
    expect(problems.map((p) => p.file).sort()).toEqual(['templates/settings.yml', 'templates/workflow.yml']);
  });
});

describe('loadTemplates: fields.yml', () => {
  it('rejects an unknown field type and lists the valid type/searcher pairs', () => {
    const p = only({ 'templates/fields.yml': fields.replace('type: textarea', 'type: richtext') });
    expect(p).toMatchObject({ file: 'templates/fields.yml', path: 'fields[1].type' });
    expect(p.line).toBe(fields.split('\n').findIndex((l) => l.includes('type: textarea')) + 1);
    expect(p.message).toBe(
      'unknown field type "richtext"; use one of: select/multiselectsearcher, datetime/datetimerange, textfield/textsearcher, textarea/textsearcher, float/numberrange, userpicker/userpickergroupsearcher (type/searcher)',
    );
  });

  it('rejects a searcher that does not fit the type', () => {
    const p = only({
      'templates/fields.yml': fields.replace('type: float\n', 'type: float\n    searcher: textsearcher\n'),
    });
    expect(p.path).toBe('fields[2].searcher');
    expect(p.message).toBe('searcher "textsearcher" does not fit type float; use numberrange (or leave searcher out)');
  });

  it('accepts full Jira type keys', () => {
    const { desired } = loadTemplates(
      templateDir({
        'templates/fields.yml': fields.replace(
          'type: textarea',
          'type: com.atlassian.jira.plugin.system.customfieldtypes:textarea',
        ),
      }),
    );
    expect(desired.fields[1].type).toBe('com.atlassian.jira.plugin.system.customfieldtypes:textarea');
  });

  it('rejects duplicate refs and names', () => {
    const dup = `${fields}\n  - ref: aiTool\n    name: business purpose\n    type: textfield\n`;
    const problems = problemsOf({ 'templates/fields.yml': dup });
    expect(problems.map((p) => p.message)).toEqual([
      'duplicate field ref "aiTool" (also fields[0]); give each field its own ref',
      'duplicate field name "business purpose" (also fields[1]); Jira JQL cannot tell same-named fields apart',
    ]);
  });

  it('requires options on a select and refuses them elsewhere', () => {
    const withoutOptions = fields.replace(/(ref: riskLevel[\s\S]*?type: select\n)\s+options:\n(\s+- \{.*\}\n)+/, '$1');
    expect(only({ 'templates/fields.yml': withoutOptions }).message).toBe(
      'a select field needs options: a list of values, or options: catalog',
    );
    const textWithOptions = fields.replace('type: textarea\n', 'type: textarea\n    options: [a, b]\n');
    expect(only({ 'templates/fields.yml': textWithOptions }).message).toBe(
      'a textarea field has no options; remove options or use type select',
    );
  });

  it('rejects duplicate options', () => {
    const p = only({
      'templates/fields.yml': fields.replace('{ key: high, value: High }', '{ key: high, value: low }'),
    });
    expect(p.message).toBe('duplicate option "low"; Jira option values must be unique per context');
  });

  it('requires the fields the app depends on, with the right type', () => {
    const noPurpose = fields.replace(/ {2}- ref: businessPurpose[\s\S]*?type: textarea\n/, '');
    expect(only({ 'templates/fields.yml': noPurpose }).message).toMatch(
      /^missing required field ref "businessPurpose" \(intake reads the business purpose from it\); add it with type textarea or textfield$/,
    );
    const wrongType = fields.replace(/(ref: grantExpiresAt[\s\S]*?)type: datetime/, '$1type: textfield');
    expect(only({ 'templates/fields.yml': wrongType }).message).toMatch(
      /field "grantExpiresAt" must be of type datetime/,
    );
  });

  it('keeps the AI tool options with the catalog', () => {
    const p = only({ 'templates/fields.yml': fields.replace('options: catalog ', 'options: [ChatGPT] ') });
    expect(p.message).toMatch(/field "aiTool" must have options: catalog/);
  });
});

describe('loadTemplates: request-types/', () => {
  it('rejects a request type that names an unknown field', () => {
    const p = only({
      'request-types/request-ai-access.yml': requestAccess.replace('field: businessPurpose', 'field: purpose'),
    });
    expect(p).toMatchObject({ file: 'request-types/request-ai-access.yml', path: 'fields[2].field' });
    expect(p.line).toBe(requestAccess.split('\n').findIndex((l) => l.includes('field: businessPurpose')) + 1);
    expect(p.message).toMatch(
      /^unknown field "purpose"; use a ref from templates\/fields.yml or a system field \(aiTool, businessPurpose, .*summary, description/,
    );
  });

  it('rejects duplicate request type names across files', () => {
    const copy = requestAccess
      .replace('ref: requestAiAccess', 'ref: requestAgain')
      .replace('Request access to an AI tool', 'REQUEST ACCESS TO AN AI TOOL');
    const p = only({ 'request-types/zz-copy.yml': copy });
    expect(p.file).toBe('request-types/zz-copy.yml');
    expect(p.message).toBe(
      'duplicate request type name "REQUEST ACCESS TO AN AI TOOL" (also in request-types/request-ai-access.yml); the portal shows request types by name',
    );
  });

  it('requires the request types the app depends on', () => {
    const p = only({ 'request-types/propose-ai-tool.yml': null });
    expect(p.message).toMatch(/^missing request type with ref "proposeAiTool"/);
  });

  it('checks defaults against the field', () => {
    const p = only({ 'request-types/request-ai-access.yml': requestAccess.replace('default: 30', 'default: thirty') });
    expect(p.message).toBe('default for number field "accessDurationDays" must be a number; got "thirty"');
  });

  it('reports a missing required key with its location', () => {
    const p = only({ 'request-types/request-ai-access.yml': requestAccess.replace(/^portalGroup: .*\n/m, '') });
    // A missing key has no node of its own: the location is the mapping that lacks it.
    expect(p).toMatchObject({
      path: 'portalGroup',
      line: requestAccess.split('\n').findIndex((l) => l.startsWith('ref:')) + 1,
      column: 1,
    });
    expect(p.message).toBe('missing required value (expected string)');
  });
});

describe('loadTemplates: queues.yml', () => {
  const line = (needle: string) => queues.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('fails on a JQL syntax error with file, line and the position inside the query', () => {
    const p = only({
      'templates/queues.yml': queues.replace(
        'jql: status in {statuses:pending}',
        'jql: status in {statuses:pending} AND (',
      ),
    });
    expect(p).toMatchObject({
      file: 'templates/queues.yml',
      path: 'queues[0].jql',
      line: line('jql: status in {statuses:pending}'),
    });
    expect(p.message).toMatch(/^invalid JQL at line 1, column \d+ of the query: /);
  });

  it('fails on an invalid ORDER BY', () => {
    const p = only({ 'templates/queues.yml': queues.replace('orderBy: created ASC', 'orderBy: created SIDEWAYS') });
    expect(p.path).toBe('queues[0].orderBy');
    expect(p.message).toMatch(/^invalid ORDER BY "created SIDEWAYS"/);
  });

  it('rejects placeholders that resolve to nothing', () => {
    const problems = problemsOf({
      'templates/queues.yml': queues.replace(
        'jql: status in {statuses:pending}',
        'jql: status in {statuses:waiting} AND {field:toolz} is EMPTY',
      ),
    });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^\{statuses:waiting\} names no status meaning; use one of submitted, pending/),
      expect.stringMatching(/^\{field:toolz\} names no field in templates\/fields.yml; use one of aiTool/),
    ]);
  });

  it('rejects a misspelt search alias', () => {
    const p = only({ 'templates/queues.yml': queues.replace('aicEscalated = "true"', 'aicEscalate = "true"') });
    expect(p.message).toMatch(/^unknown search alias "aicEscalate"; the aiClearance property has aicStatus, aicTool/);
  });

  it('rejects duplicate queue names', () => {
    const p = only({
      'templates/queues.yml': queues.replace('name: Escalated AI access requests', 'name: pending ai access requests'),
    });
    expect(p.message).toBe(
      'duplicate queue name "pending ai access requests" (also queues[0]); JSM queues and filters are matched by name',
    );
  });
});

describe('loadTemplates: workflow.yml', () => {
  it('rejects a status mapped to two meanings', () => {
    const p = only({ 'templates/workflow.yml': workflow.replace('expired: [Expired]', 'expired: [revoked]') });
    expect(p).toMatchObject({ file: 'templates/workflow.yml', path: 'statuses.revoked[0]' });
    expect(p.message).toBe(
      'status "Revoked" is mapped to both expired and revoked; a status may mean only one thing — map revoked to a status of its own',
    );
  });

  it('rejects a transition mapped to two meanings', () => {
    const p = only({ 'templates/workflow.yml': workflow.replace('expire: [Expire]', 'expire: [Revoke]') });
    expect(p.message).toMatch(/^transition "Revoke" is mapped to both revoke and expire/);
  });

  it('requires the meanings the app needs and refuses unknown ones', () => {
    const problems = problemsOf({
      'templates/workflow.yml': workflow.replace(/^ {2}active: .*$/m, '  live: [Active]'),
    });
    expect(problems.map((p) => p.message).sort()).toEqual([
      'missing required value (expected array)',
      'unknown key "live"; remove or correct it',
    ]);
  });
});
