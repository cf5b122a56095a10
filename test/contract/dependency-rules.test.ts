// The layer rules live in .dependency-cruiser.cjs and `npm run lint` checks src/ against them.
// This test proves the config can fail: a small tree that breaks each rule once must be
// reported, rule by rule, and the allowed edges beside them must not be.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as z from 'zod/mini';

const ROOT = path.resolve(__dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise');

const FILES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'preserve', moduleResolution: 'bundler' } }),
  'src/index.ts': "export { run } from './entry/handler';\n",
  'src/entry/handler.ts':
    "import { useCase } from '../usecases/use-case';\nimport { adapter } from '../adapters/adapter';\n" +
    "export const run = async () => useCase(adapter) + (await import('../usecases/lazy')).lazy;\n",
  'src/domain/rule.ts':
    "import fs from 'node:fs';\nimport { port } from '../ports/port';\nexport const rule = [fs, port];\n",
  'src/domain/hash.ts': "import { createHash } from 'node:crypto';\nexport const hash = createHash;\n",
  'src/domain/barrel/index.ts': "export { hash } from '../hash';\n",
  'src/ports/port.ts':
    "import type { Adapter } from '../adapters/adapter';\nexport type Port = Adapter;\nexport const port = 1;\n",
  'src/usecases/use-case.ts':
    "import type { Adapter } from '../adapters/adapter';\nimport { hash } from '../domain/barrel';\n" +
    "import { sandbox } from '../sandbox/sandbox';\nexport const useCase = (a: Adapter) => [a, hash, sandbox].length;\n",
  'src/usecases/lazy.ts': "export const lazy = async () => (await import('../domain/hash')).hash;\n",
  'src/adapters/adapter.ts':
    "import { useCase } from '../usecases/use-case';\nimport { run } from '../entry/handler';\n" +
    'export type Adapter = number;\nexport const adapter = [useCase, run].length;\n',
  'src/sandbox/sandbox.ts': 'export const sandbox = 1;\n',
};

const Report = z.object({
  summary: z.object({
    violations: z.array(z.object({ from: z.string(), to: z.string(), rule: z.object({ name: z.string() }) })),
  }),
});

function cruise(dir: string): string[] {
  let out: string;
  try {
    out = execFileSync(DEPCRUISE, ['src', '--config', CONFIG, '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  } catch (e) {
    // depcruise exits non-zero when it finds errors; the report is still on stdout.
    out = z.object({ stdout: z.string() }).parse(e).stdout;
  }
  return Report.parse(JSON.parse(out))
    .summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
    .sort();
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-depcruise-'));
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports each deliberate violation, and only those', () => {
    expect(cruise(dir)).toEqual(
      [
        'adapters-not-usecases: src/adapters/adapter.ts → src/usecases/use-case.ts',
        'domain-is-pure: src/domain/rule.ts → fs',
        'domain-is-pure: src/domain/rule.ts → src/ports/port.ts',
        'inner-layers-not-outer: src/adapters/adapter.ts → src/entry/handler.ts',
        'inner-layers-not-outer: src/usecases/use-case.ts → src/sandbox/sandbox.ts',
        'lazy-import-only-in-entry-points: src/usecases/lazy.ts → src/domain/hash.ts',
        'no-barrels-in-forge-bundle: src/index.ts → src/domain/barrel/index.ts',
        'ports-are-interfaces: src/ports/port.ts → src/adapters/adapter.ts',
        'sandbox-stays-offline: src/usecases/use-case.ts → src/sandbox/sandbox.ts',
        'usecases-not-adapters: src/usecases/use-case.ts → src/adapters/adapter.ts',
      ].sort(),
    );
  }, 60_000);
});
