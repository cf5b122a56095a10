import fs from 'node:fs';
import { BUNDLED_DESIRED_STATE } from '../../../src/config/templates/bundled-desired';
import { bundledDesiredPath, bundledDesiredSource, forProject } from '../../../src/config/templates/bundle';
import { loadTemplates, loadTemplatesFromTexts } from '../../../src/config/templates/load-templates';
import { ConfigError } from '../../../src/config/yaml-source';
import { repoFile, REPO_ROOT } from './template-dir';

describe('templates bundled into the Forge app', () => {
  it('are up to date with templates/ and request-types/ (run `ai-clearance templates bundle` if not)', () => {
    expect(fs.readFileSync(bundledDesiredPath(REPO_ROOT), 'utf8')).toBe(bundledDesiredSource(REPO_ROOT));
    expect(BUNDLED_DESIRED_STATE).toEqual(loadTemplates(REPO_ROOT).desired);
  });

  it('can be re-targeted at another project', () => {
    expect(forProject(BUNDLED_DESIRED_STATE, 'ITSM').projectKey).toBe('ITSM');
    expect(BUNDLED_DESIRED_STATE.projectKey).toBe('AIC');
  });
});

describe('loadTemplatesFromTexts (no file system)', () => {
  const files = [
    'templates/fields.yml',
    'templates/queues.yml',
    'templates/workflow.yml',
    'request-types/request-ai-access.yml',
    'request-types/extend-ai-access.yml',
    'request-types/hand-back-ai-access.yml',
    'request-types/propose-ai-tool.yml',
  ];
  const texts = Object.fromEntries(files.map((f) => [f, repoFile(f)]));

  it('loads the same desired state as from disk', () => {
    expect(
      loadTemplatesFromTexts({ ...texts, 'templates/settings.yml': repoFile('templates/settings.yml') }).desired,
    ).toEqual(loadTemplates(REPO_ROOT).desired);
  });

  it('reports errors with the same file names and locations', () => {
    const broken = { ...texts, 'templates/workflow.yml': 'statuses: [' };
    expect(() => loadTemplatesFromTexts(broken)).toThrow(ConfigError);
    try {
      loadTemplatesFromTexts(broken);
    } catch (e) {
      expect((e as ConfigError).problems[0]).toMatchObject({ file: 'templates/workflow.yml', line: 1 });
    }
  });
});
