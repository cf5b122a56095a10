// The comment templates as Forge handlers use them: precompiled at build time
// (precompile.ts), run with the Handlebars runtime only.
import HandlebarsRuntime from 'handlebars/runtime';
import { COMMENT_NAMES, isCommentName, type CommentName } from './comment-schemas';
import { RenderError } from './errors';
import { PRECOMPILED } from './generated/comment-templates';
import { CommentTemplates, type Audience, type CompiledComment } from './render';

interface PrecompiledEntry {
  audience: Audience;
  description?: string;
  spec: unknown;
}

let cached: CommentTemplates | undefined;

export function precompiledCommentTemplates(): CommentTemplates {
  if (cached) return cached;
  const entries = PRECOMPILED as unknown as Record<string, PrecompiledEntry>;
  const compiled = new Map<CommentName, CompiledComment>();
  for (const [name, e] of Object.entries(entries)) {
    if (!isCommentName(name)) throw new RenderError('TEMPLATE_UNKNOWN', `precompiled template "${name}" has no data schema; run npx tsx src/render/precompile.ts`);
    const template = HandlebarsRuntime.template(e.spec as Parameters<typeof HandlebarsRuntime.template>[0]);
    const entry: CompiledComment = { audience: e.audience, run: (data, options) => template(data, options) };
    if (e.description) entry.description = e.description;
    compiled.set(name, entry);
  }
  const missing = COMMENT_NAMES.filter((n) => !compiled.has(n));
  if (missing.length) throw new RenderError('TEMPLATE_UNKNOWN', `precompiled templates lack ${missing.join(', ')}; run npx tsx src/render/precompile.ts`);
  cached = new CommentTemplates(compiled);
  return cached;
}
