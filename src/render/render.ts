// Rendering comment data to ADF with already-compiled templates. Runtime-safe:
// no template compiler, no file system — Forge handlers use this with the
// precompiled templates (precompiled.ts).
//
// Rendering: validate data with the template's zod schema → swap every value
// for an opaque token → run the template (noEscape: tokens have nothing to
// escape, and HTML entities would be wrong in ADF) → parse the template
// markup into ADF → each token becomes a plain text node with the value.
import { adfToPlainText, type AdfDoc } from './adf';
import { COMMENT_SCHEMAS, isCommentName, type CommentData, type CommentName } from './comment-schemas';
import { RenderError } from './errors';
import { makeHelpers, type Helper, type RenderOptions } from './helpers';
import { markupToAdf } from './markup';
import { TokenTable, tokenizeData } from './tokens';
import { PARSE, issueText } from '../domain/zod-messages';

/** Jira's comment limit is 32,767 characters. */
export const MAX_COMMENT_CHARS = 32_767;

/** public: the requester sees it (JSM public comment); internal: agents only. */
export type Audience = 'public' | 'internal';

/** A compiled template, however it was produced (compiled at load or precompiled at build). */
export interface CompiledComment {
  audience: Audience;
  description?: string;
  run: (data: unknown, options: { helpers: Record<string, Helper> }) => string;
}

export class CommentTemplates {
  constructor(private readonly compiled: ReadonlyMap<CommentName, CompiledComment>) {}
  get names(): CommentName[] {
    return [...this.compiled.keys()];
  }
  get(name: string): CompiledComment {
    const t = isCommentName(name) ? this.compiled.get(name) : undefined;
    if (!t) throw new RenderError('TEMPLATE_UNKNOWN', `no comment template named "${name}"; known: ${this.names.join(', ')}`);
    return t;
  }
}

export interface RenderedComment {
  template: CommentName;
  adf: AdfDoc;
  visibility: Audience;
}

export function renderComment<N extends CommentName>(templates: CommentTemplates, name: N, data: CommentData<N>, options: RenderOptions = {}): RenderedComment {
  const template = templates.get(name);
  const parsed = COMMENT_SCHEMAS[name].safeParse(data, PARSE);
  if (!parsed.success) {
    throw new RenderError('RENDER_DATA_INVALID', `data for comment "${name}" is invalid: ${issueText(parsed.error)}`);
  }
  const tokens = new TokenTable();
  const markup = template.run(tokenizeData(parsed.data, tokens), { helpers: makeHelpers(tokens, name, options) });
  const adf = markupToAdf(markup, tokens, name);
  const chars = adfToPlainText(adf).length;
  if (chars > MAX_COMMENT_CHARS) throw new RenderError('RENDER_TOO_LARGE', `comment "${name}" is ${chars} characters, over Jira's ${MAX_COMMENT_CHARS}; shorten the lists passed to it`);
  return { template: name, adf, visibility: template.audience };
}
