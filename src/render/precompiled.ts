// The comment templates as Forge handlers use them: precompiled at build time
// (precompile.ts), one generated module per template, each loaded with
// import() when a handler ensures it (so the bundle has it in a chunk of its
// own and an invocation loads only what it renders), run with the Handlebars
// runtime only. The generated modules import the runtime themselves, so it is
// loaded with the first template an invocation renders, not with the handler.
import type HandlebarsRuntime from 'handlebars/runtime';
import { COMMENT_NAMES, type CommentName } from './comment-names';
import { LOADERS } from './generated/index';
import { CommentTemplates, type Audience, type CommentLoader, type CompiledComment } from './templates';

/** What each generated module (generated/templates/<name>.ts) exports. */
export interface PrecompiledTemplate {
  audience: Audience;
  description?: string;
  spec: unknown;
  /** The spec made runnable (HandlebarsRuntime.template(spec)). */
  template: ReturnType<typeof HandlebarsRuntime.template>;
}

export function runtimeTemplate(t: PrecompiledTemplate): CompiledComment {
  const { template } = t;
  const entry: CompiledComment = { audience: t.audience, run: (data, options) => template(data, options) };
  if (t.description) entry.description = t.description;
  return entry;
}

/** A loader per template: import() of its generated module (LOADERS), made runnable. */
export function precompiledTemplateLoaders(): Record<CommentName, CommentLoader> {
  return Object.fromEntries(
    COMMENT_NAMES.map((name): [CommentName, CommentLoader] => [
      name,
      async () => runtimeTemplate(await LOADERS[name]()),
    ]),
  ) as Record<CommentName, CommentLoader>;
}

let cached: CommentTemplates | undefined;

/** One set per process, so that a warm Forge container keeps what it loaded. Nothing is loaded until ensure(). */
export function precompiledCommentTemplates(): CommentTemplates {
  cached ??= new CommentTemplates(new Map(), precompiledTemplateLoaders());
  return cached;
}
