// Loading comment templates from text or a directory: lint (file:line
// problems), then compile with the full Handlebars compiler. For tests, the
// CLI, the sandbox and the precompile step — Forge handlers use the
// precompiled templates instead (no compiler in the bundle).
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { COMMENT_NAMES, commentSchema, isCommentName, type CommentName } from './comment-schemas';
import { TemplateLintError, type TemplateProblem } from './errors';
import { HELPER_NAMES } from './helpers';
import { CommentTemplates, type CompiledComment } from './templates';
import { lintTemplate, parseTemplateSource, type TemplateSource } from './template-lint';

export const COMPILE_OPTIONS = {
  noEscape: true,
  data: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(HELPER_NAMES.map((h) => [h, true])),
  preventIndent: true,
} as const;

export interface TemplateFile {
  /** Shown in lint errors, e.g. templates/comments/approved.hbs */
  file: string;
  text: string;
}

/** Lints every file and returns the parsed sources; throws TemplateLintError listing every problem. */
export function lintCommentTemplates(files: ReadonlyArray<TemplateFile>): Map<CommentName, TemplateSource> {
  const problems: TemplateProblem[] = [];
  const sources = new Map<CommentName, TemplateSource>();
  for (const f of files) {
    const name = path.basename(f.file).replace(/\.hbs$/, '');
    if (!isCommentName(name)) {
      problems.push({
        file: f.file,
        line: 1,
        message: `no data schema for a template named "${name}"; add its name to src/render/comment-names.ts and its schema to src/render/comment-schemas.ts, or rename the file (known: ${COMMENT_NAMES.join(', ')})`,
      });
      continue;
    }
    const before = problems.length;
    const src = parseTemplateSource(name, f.file, f.text, problems);
    if (!src) continue;
    lintTemplate(src, commentSchema(name), problems);
    if (problems.length > before) continue;
    try {
      Handlebars.precompile(src.body, COMPILE_OPTIONS); // surfaces compile errors now, not on a ticket
    } catch (e) {
      problems.push({
        file: f.file,
        line: src.bodyLine,
        message: `Handlebars: ${(e as Error).message.split('\n')[0]}`,
      });
      continue;
    }
    sources.set(name, src);
  }
  for (const name of COMMENT_NAMES) {
    if (!files.some((f) => path.basename(f.file) === `${name}.hbs`))
      problems.push({ file: `${name}.hbs`, line: 1, message: `missing template for "${name}"` });
  }
  if (problems.length) throw new TemplateLintError(problems);
  return sources;
}

/** Lints and compiles templates given as text; every schema needs exactly one template. */
export function compileCommentTemplates(files: ReadonlyArray<TemplateFile>): CommentTemplates {
  const compiled = new Map<CommentName, CompiledComment>();
  for (const [name, src] of lintCommentTemplates(files)) {
    const template = Handlebars.compile(src.body, COMPILE_OPTIONS);
    const entry: CompiledComment = { audience: src.audience, run: (data, options) => template(data, options) };
    if (src.description) entry.description = src.description;
    compiled.set(name, entry);
  }
  return new CommentTemplates(compiled);
}

export function readTemplateDir(dir: string): TemplateFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()
    .map((f) => ({ file: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** Reads every *.hbs in `dir`, lints and compiles them. Throws TemplateLintError listing file:line problems. */
export function loadCommentTemplates(dir: string): CommentTemplates {
  return compileCommentTemplates(readTemplateDir(dir));
}
