// What a handler loads statically for comments, with the module graph split
// at import() (as webpack does for `forge deploy`): the template set and the
// loaders only. The renderer (with the data schemas) is loaded when a ticket
// write has a comment to render, and the Handlebars runtime with the first
// template.
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

it('the ticket outbox and the Forge core deps load the renderer only when a write has comments: not statically', () => {
  const entries = ['src/usecases/shared/ticket-sync.ts', 'src/handlers/core-deps.ts'];
  const { outputs, chunkOf } = split([...entries, 'src/render/render.ts']);
  for (const entry of entries) {
    const loaded = staticClosure(outputs, chunkOf(entry));
    expect([entry, loaded.filter((i) => RENDERER.includes(i) || isHandlebars(i))]).toEqual([entry, []]);
  }
  expect(
    outputs[chunkOf('src/usecases/shared/ticket-sync.ts')].imports
      .filter((i) => i.kind === 'dynamic-import')
      .map((i) => outputs[i.path]?.entryPoint),
  ).toEqual(['src/render/render.ts']);
  expect(staticClosure(outputs, chunkOf('src/render/render.ts'))).toEqual(expect.arrayContaining(RENDERER));
});
