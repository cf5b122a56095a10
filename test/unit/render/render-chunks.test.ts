// What a handler loads statically for comments, with the module graph split
// at import() (as webpack does for `forge deploy`): the Forge core deps load the
// template set and the loaders only; the ticket outbox also loads the renderer
// (import() is for entry points only: .dependency-cruiser.cjs); the Handlebars
// runtime comes with the first template.
import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { COMMENT_NAMES } from '../../../src/render';

const root = path.resolve(__dirname, '../../..');

function staticClosure(outputs: Metafile['outputs'], start: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of outputs[f].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(start);
  return [...seen].flatMap((f) => Object.keys(outputs[f].inputs));
}

function split(entryPoints: string[]): { outputs: Metafile['outputs']; chunkOf: (entry: string) => string } {
  const r = buildSync({
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = r.metafile.outputs;
  return { outputs, chunkOf: (entry) => Object.keys(outputs).find((f) => outputs[f].entryPoint === entry)! };
}

const isHandlebars = (input: string) => /node_modules\/handlebars\//.test(input);
const RENDERER = [
  'src/render/render.ts',
  'src/render/markup.ts',
  'src/render/helpers.ts',
  'src/render/tokens.ts',
  'src/render/comment-schemas.ts',
];

it('the Handlebars runtime is outside the static closure of the precompiled templates, and in every template chunk', () => {
  const { outputs, chunkOf } = split(['src/render/precompiled.ts']);
  expect(staticClosure(outputs, chunkOf('src/render/precompiled.ts')).filter(isHandlebars)).toEqual([]);
  const templateChunks = Object.keys(outputs).filter((f) =>
    Object.keys(outputs[f].inputs).some((i) => i.startsWith('src/render/generated/templates/')),
  );
  expect(templateChunks).toHaveLength(COMMENT_NAMES.length);
  for (const chunk of templateChunks)
    expect(
      staticClosure(outputs, chunk).some((i) => i.endsWith('node_modules/handlebars/dist/cjs/handlebars/runtime.js')),
    ).toBe(true);
});

it('the Forge core deps load neither the renderer nor Handlebars statically; the ticket outbox loads the renderer but not Handlebars', () => {
  const { outputs, chunkOf } = split(['src/usecases/shared/ticket-sync.ts', 'src/entry/core-deps.ts']);
  const core = staticClosure(outputs, chunkOf('src/entry/core-deps.ts'));
  expect(core.filter((i) => RENDERER.includes(i) || isHandlebars(i))).toEqual([]);
  const outbox = staticClosure(outputs, chunkOf('src/usecases/shared/ticket-sync.ts'));
  expect(outbox.filter(isHandlebars)).toEqual([]);
  expect(outbox).toEqual(expect.arrayContaining(RENDERER));
});
