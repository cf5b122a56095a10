// Rendering comment data to ADF with already-compiled templates. Runtime-safe:
// no template compiler, no file system — Forge handlers use this with the
// precompiled templates (precompiled.ts), which load one by one: await
// templates.ensure(names) before renderComment(). The template set itself
// (CommentTemplates) is in templates.ts, so that a handler can hold one
// without loading the renderer: ticket-sync.ts loads this module when it has
// a comment to write.
//
// Rendering: validate data with the template's zod schema (built on first
// use) → swap every value for an opaque token → run the template (noEscape:
// tokens have nothing to escape, and HTML entities would be wrong in ADF) →
// parse the template markup into ADF → each token becomes a plain text node
// with the value.
import { adfToPlainText, type AdfDoc } from './adf';
import { commentSchema, type CommentData, type CommentName } from './comment-schemas';
import { RenderError } from './errors';
import { makeHelpers, type RenderOptions } from './helpers';
import { markupToAdf } from './markup';
import type { Audience, CommentTemplates } from './templates';
import { TokenTable, tokenizeData } from './tokens';
import { PARSE, issueText } from '../domain/zod-messages';

/** Jira's comment limit is 32,767 characters. */
export const MAX_COMMENT_CHARS = 32_767;

export interface RenderedComment {
  template: CommentName;
  adf: AdfDoc;
  visibility: Audience;
}

export function renderComment<N extends CommentName>(
  templates: CommentTemplates,
  name: N,
  data: CommentData<N>,
  options: RenderOptions = {},
): RenderedComment {
  const template = templates.get(name);
  const parsed = commentSchema(name).safeParse(data, PARSE);
  if (!parsed.success) {
    throw new RenderError('RENDER_DATA_INVALID', `data for comment "${name}" is invalid: ${issueText(parsed.error)}`);
  }
  const tokens = new TokenTable();
  const markup = template.run(tokenizeData(parsed.data, tokens), { helpers: makeHelpers(tokens, name, options) });
  const adf = markupToAdf(markup, tokens, name);
  const chars = adfToPlainText(adf).length;
  if (chars > MAX_COMMENT_CHARS)
    throw new RenderError(
      'RENDER_TOO_LARGE',
      `comment "${name}" is ${chars} characters, over Jira's ${MAX_COMMENT_CHARS}; shorten the lists passed to it`,
    );
  return { template: name, adf, visibility: template.audience };
}
