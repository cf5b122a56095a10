// Build step: turns templates/comments/*.hbs into TypeScript modules of
// precompiled Handlebars specs (src/render/generated/), one per template, so
// Forge handlers carry only the small Handlebars runtime (the full compiler is
// ~90 KB minified), pay no compile time on a cold start, and load only the
// templates they render. A unit test fails when a generated file is stale.
//
//   npx tsx src/render/precompile.ts
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import Handlebars from 'handlebars';
import { COMPILE_OPTIONS, lintCommentTemplates, readTemplateDir } from './compile';

// Handlebars' code generator, through the hooks it offers to subclasses
// (precompile() uses env.JavaScriptCompiler, and child programs `new this.compiler()`).
// Only the parts overridden below are declared; Handlebars ships no types for it.
interface JavaScriptCompilerInternals {
  source: { currentLocation: unknown };
  lookupPropertyFunctionVarDeclaration(): string;
  append(): void;
  isInline(): number;
  popStack(): unknown;
  pushSource(source: unknown): void;
  appendToBuffer(source: unknown): unknown;
  setupParams(helper: string, paramSize: number, params: unknown[] | undefined): Record<string, unknown>;
  setupHelperArgs(helper: string, paramSize: number, params: unknown[] | undefined, useRegister?: boolean): unknown;
}
const { JavaScriptCompiler } = Handlebars as unknown as { JavaScriptCompiler: new () => JavaScriptCompilerInternals };

/**
 * Emits the same program as Handlebars' own compiler, less what the runtime
 * never uses. Every change is checked twice: leanSpec() refuses output that
 * still has what was removed (so a Handlebars upgrade that renames a hook fails
 * the build, not silently), and test/unit/render/precompiled.test.ts runs every
 * branch of every template through both compilers and compares the output.
 */
class LeanCompiler extends JavaScriptCompiler {
  // Each program declared `lookupProperty = container.lookupProperty || function …`;
  // the runtime (handlebars/runtime 4.7.x, template()) always sets
  // container.lookupProperty, so the fallback is dead code repeated in every program.
  override lookupPropertyFunctionVarDeclaration(): string {
    return 'lookupProperty = container.lookupProperty';
  }

  // Each {{value}} was appended as ((stack1 = value) != null ? stack1 : ""),
  // which is what `value ?? ""` means (Node 20 and the ES2022 target have it).
  override append(): void {
    if (!this.isInline()) return super.append();
    this.pushSource(this.appendToBuffer(['((', this.popStack(), ') ?? "")']));
  }

  // Every helper call passed {"name":"eq","hash":{},…}. The name only serves
  // helperMissing (never called: knownHelpersOnly) and the lint forbids hash
  // arguments, so the hash is always empty; none of our helpers nor the
  // built-in each reads either (test/unit/render/precompiled.test.ts).
  // (Partials, which the lint forbids anyway, need their name: only helper
  // calls, which go through setupHelperArgs, lose it.)
  override setupParams(helper: string, paramSize: number, params: unknown[] | undefined): Record<string, unknown> {
    const options = super.setupParams(helper, paramSize, params);
    if (this.inHelperArgs) {
      delete options.name;
      if (options.hash === '{}') delete options.hash;
    }
    return options;
  }

  private inHelperArgs = false;

  // Helper options carry the source location of the call ({"loc":{"start":…}}),
  // used only in error messages that our helpers do not produce. Without a
  // current location Handlebars omits the key.
  override setupHelperArgs(
    helper: string,
    paramSize: number,
    params: unknown[] | undefined,
    useRegister?: boolean,
  ): unknown {
    const loc = this.source.currentLocation;
    this.source.currentLocation = undefined;
    this.inHelperArgs = true;
    try {
      return super.setupHelperArgs(helper, paramSize, params, useRegister);
    } finally {
      this.source.currentLocation = loc;
      this.inHelperArgs = false;
    }
  }
}
(LeanCompiler.prototype as unknown as { compiler: unknown }).compiler = LeanCompiler;

const lean = Handlebars.create();
(lean as unknown as { JavaScriptCompiler: unknown }).JavaScriptCompiler = LeanCompiler;

/** What LeanCompiler removes must be gone; otherwise Handlebars changed under it. */
const REMOVED: Array<[RegExp, string]> = [
  [/container\.lookupProperty \|\|/, 'the lookupProperty fallback'],
  [/"loc":/, 'helper source locations'],
  [/"name":/, 'helper names in helper options'],
  [/"hash":\{\}/, 'empty hashes in helper options'],
  [/ != null \? stack\d+ : ""/, '`!= null ? … : ""` appends'],
];

/**
 * The precompiled spec (JavaScript source) of one template body. With
 * `data: false` helper calls stop passing `data`, which no helper reads
 * (test/unit/render/precompiled.test.ts checks that); Handlebars turns data
 * back on by itself for a template that reads @index, @first or @last.
 */
export function leanSpec(name: string, body: string): string {
  // Typed as a TemplateSpecification; precompile() returns the spec's JavaScript source
  // (https://handlebarsjs.com/api-reference/compilation.html#handlebars-precompile-template-options).
  const source: unknown = lean.precompile(body, { ...COMPILE_OPTIONS, data: false });
  if (typeof source !== 'string') throw new Error(`Handlebars.precompile returned no source for ${name}`);
  const spec = source;
  for (const [pattern, what] of REMOVED) {
    if (pattern.test(spec))
      throw new Error(
        `precompile ${name}: ${what} still in the output; Handlebars ${Handlebars.VERSION} no longer calls the LeanCompiler hook that removes it`,
      );
  }
  return spec;
}

/**
 * The spec minified (esbuild: whitespace, local names, syntax). @forge/bundler
 * runs webpack with `minimize: false`; ts-loader reprints whitespace, but the
 * shorter names and simpler syntax stay in the deployed chunk.
 */
function minifiedSpec(name: string, spec: string): string {
  const prefix = 'spec={'; // an assignment, so that the minifier keeps the expression
  const code = transformSync(`spec=${spec};`, { minify: true, target: 'node20', loader: 'js' }).code;
  if (!code.startsWith(prefix) || !code.endsWith('};\n'))
    throw new Error(`precompile ${name}: unexpected esbuild output ${code.slice(0, 40)}…`);
  return code.slice(prefix.length - 1, -2);
}

export const TEMPLATE_DIR = path.join(__dirname, '../../templates/comments');
/** Everything in it is generated: precompile.ts rewrites it whole and removes what it no longer generates. */
export const GENERATED_DIR = path.join(__dirname, 'generated');

const HEADER = '// GENERATED by `npx tsx src/render/precompile.ts` from templates/comments/*.hbs. Do not edit.';

/**
 * The generated modules for the templates in `dir`, by path relative to
 * GENERATED_DIR (posix separators), in a fixed order; deterministic: same
 * input, same bytes. One module per template (templates/<name>.ts: audience,
 * description, spec, and the spec made runnable with the Handlebars runtime,
 * which the template modules import so that a bundler loads the runtime with
 * the first template rendered, not with the handler), so that a bundler puts
 * each in its own chunk, and
 * index.ts with a loader per template — a literal import() each, since
 * bundlers only split at static specifiers — which precompiled.ts loads from
 * when a handler is about to render that template.
 */
export function precompiledModules(dir: string = TEMPLATE_DIR): Map<string, string> {
  const files = readTemplateDir(dir);
  const sources = lintCommentTemplates(files);
  const digest = createHash('sha256');
  for (const f of files)
    digest.update(path.basename(f.file)).update('\0').update(f.text.replace(/\r\n?/g, '\n')).update('\0');
  const names = [...sources.keys()].sort((a, b) => (a < b ? -1 : 1));
  const modules = new Map<string, string>();
  modules.set(
    'index.ts',
    [
      HEADER,
      "import type { CommentName } from '../comment-schemas';",
      "import type { PrecompiledTemplate } from '../precompiled';",
      '',
      `export const TEMPLATES_DIGEST = ${JSON.stringify(digest.digest('hex'))};`,
      '',
      '/** Loads one precompiled template (a chunk of its own in a bundle). */',
      'export const LOADERS: { readonly [N in CommentName]: () => Promise<PrecompiledTemplate> } = {',
      ...names.map((name) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(`./templates/${name}`)}),`),
      '};',
      '',
    ].join('\n'),
  );
  for (const name of names) {
    const src = sources.get(name)!;
    modules.set(
      `templates/${name}.ts`,
      [
        '// @ts-nocheck -- generated JavaScript (a Handlebars precompiled spec); type-checked through index.ts',
        HEADER,
        "import HandlebarsRuntime from 'handlebars/runtime';",
        `export const audience = ${JSON.stringify(src.audience)};`,
        ...(src.description ? [`export const description = ${JSON.stringify(src.description)};`] : []),
        `export const spec = ${minifiedSpec(name, leanSpec(name, src.body))};`,
        'export const template = HandlebarsRuntime.template(spec);',
        '',
      ].join('\n'),
    );
  }
  return modules;
}

/** Every file under `dir`, by path relative to it (posix separators), sorted. */
export function listGeneratedFiles(dir: string = GENERATED_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  const walk = (sub: string): string[] =>
    fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      return e.isDirectory() ? walk(rel) : [rel];
    });
  return walk('').sort();
}

/** How `dir` differs from `modules`: each file missing, stale (other content) or left over (no longer generated). */
export function generatedFileDiff(modules: ReadonlyMap<string, string>, dir: string = GENERATED_DIR): string[] {
  const present = new Set(listGeneratedFiles(dir));
  const diff: string[] = [];
  for (const [file, text] of modules) {
    if (!present.has(file)) diff.push(`missing ${file}`);
    else if (fs.readFileSync(path.join(dir, file), 'utf8') !== text) diff.push(`stale ${file}`);
  }
  for (const file of present) if (!modules.has(file)) diff.push(`leftover ${file}`);
  return diff;
}

if (require.main === module) {
  const modules = precompiledModules();
  for (const change of generatedFileDiff(modules)) {
    const [what, file] = change.split(' ') as [string, string];
    const full = path.join(GENERATED_DIR, file);
    if (what === 'leftover') fs.rmSync(full);
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, modules.get(file)!);
    }
    console.log(`${what === 'leftover' ? 'removed' : 'wrote'} ${path.relative(process.cwd(), full)}`);
  }
}
