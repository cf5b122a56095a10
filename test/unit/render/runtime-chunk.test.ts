// The Handlebars runtime is loaded with the first template an invocation
// renders, not with the handler: with the module graph split at import() (as
// webpack does for `forge deploy`), it is not in what precompiled.ts loads
// statically, and every template chunk loads it.
import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { COMMENT_NAMES } from '../../../src/render';

const root = path.resolve(__dirname, '../../..');

function staticClosure(outputs: Metafile['outputs'], start: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of outputs[f]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(start);
  return [...seen].flatMap((f) => Object.keys(outputs[f]!.inputs));
}

it('the Handlebars runtime is outside the static closure of the precompiled templates, and in every template chunk', () => {
  const r = buildSync({ absWorkingDir: root, entryPoints: ['src/render/precompiled.ts'], bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', outdir: 'out', write: false, metafile: true, logLevel: 'silent' });
  const outputs = r.metafile.outputs;
  const isHandlebars = (input: string) => /node_modules\/handlebars\//.test(input);
  const entry = Object.keys(outputs).find((f) => outputs[f]!.entryPoint === 'src/render/precompiled.ts')!;
  expect(staticClosure(outputs, entry).filter(isHandlebars)).toEqual([]);
  const templateChunks = Object.keys(outputs).filter((f) => Object.keys(outputs[f]!.inputs).some((i) => i.startsWith('src/render/generated/templates/')));
  expect(templateChunks).toHaveLength(COMMENT_NAMES.length);
  for (const chunk of templateChunks) expect(staticClosure(outputs, chunk).some((i) => i.endsWith('node_modules/handlebars/dist/cjs/handlebars/runtime.js'))).toBe(true);
});
