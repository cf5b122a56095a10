// Copies the repository's templates into a temp directory with some files
// replaced or removed, so each test breaks exactly one thing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const COPIED = ['templates/settings.yml', 'templates/fields.yml', 'templates/queues.yml', 'templates/workflow.yml'];

const created: string[] = [];

export function cleanupTemplateDirs(): void {
  for (const d of created.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function templateDir(overrides: Record<string, string | Buffer | null> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-templates-'));
  created.push(dir);
  fs.mkdirSync(path.join(dir, 'templates'));
  fs.mkdirSync(path.join(dir, 'request-types'));
  const rts = fs.readdirSync(path.join(REPO, 'request-types')).map((n) => `request-types/${n}`);
  for (const rel of [...COPIED, ...rts]) fs.copyFileSync(path.join(REPO, rel), path.join(dir, rel));
  for (const [rel, content] of Object.entries(overrides)) {
    const abs = path.join(dir, rel);
    if (content === null) fs.rmSync(abs, { recursive: true, force: true });
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
  return dir;
}

export function repoFile(rel: string): string {
  return fs.readFileSync(path.join(REPO, rel), 'utf8');
}

export const REPO_ROOT = REPO;
