import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultStatePath, fileStateStore } from '../../../src/cli/file-state-store';
import { emptyRecord } from '../../../src/domain/provisioning/record';

describe('fileStateStore', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-store-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts empty, saves (creating directories) and loads back', async () => {
    const file = path.join(dir, 'a', 'b', 'record.json');
    const store = fileStateStore(file);
    expect(await store.load()).toEqual(emptyRecord());
    const record = {
      ...emptyRecord(),
      projectKey: 'AIC',
      fields: { aiTool: { id: 'customfield_1', name: 'AI tool', contextId: '2' } },
    };
    await store.save(record);
    expect(await store.load()).toEqual(record);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['record.json']);
  });

  it('says what to do with a corrupt or foreign file', async () => {
    const file = path.join(dir, 'record.json');
    fs.writeFileSync(file, '{not json');
    await expect(fileStateStore(file).load()).rejects.toMatchObject({
      code: 'STATE_FILE_INVALID',
      message: expect.stringMatching(
        /is not valid JSON; delete it \(provisioning finds its items on the site by name\)/,
      ),
    });
    fs.writeFileSync(file, JSON.stringify({ version: 2 }));
    await expect(fileStateStore(file).load()).rejects.toMatchObject({
      code: 'STATE_FILE_INVALID',
      message: expect.stringMatching(/is not a provisioning record/),
    });
  });

  it('keeps one file per site, under AIC_STATE_DIR or XDG_STATE_HOME', () => {
    expect(defaultStatePath('http://127.0.0.1:8080', { AIC_STATE_DIR: '/s' })).toBe(
      '/s/provisioning-127.0.0.1_8080.json',
    );
    expect(defaultStatePath('https://acme.atlassian.net/', { XDG_STATE_HOME: '/x' })).toBe(
      '/x/ai-clearance/provisioning-acme.atlassian.net.json',
    );
  });
});
