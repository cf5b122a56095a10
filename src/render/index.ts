// Runtime surface of the renderer: safe to import from Forge handlers (no
// template compiler, no ajv). Loading/linting .hbs files lives in ./compile;
// ADF schema validation in ./adf-validate (tests, CLI, sandbox).
export { adfToPlainText, type AdfDoc, type BlockNode, type InlineNode } from './adf';
export {
  COMMENT_NAMES,
  COMMENT_SCHEMAS,
  commentSchema,
  isCommentName,
  type CommentData,
  type CommentName,
  type CommentSchemas,
} from './comment-schemas';
export { RenderError, TemplateLintError, isRenderError, type RenderErrorCode, type TemplateProblem } from './errors';
export type { RenderOptions } from './helpers';
export { precompiledCommentTemplates } from './precompiled';
export { MAX_COMMENT_CHARS, renderComment, type RenderedComment } from './render';
export { CommentTemplates, type Audience, type CommentLoader, type CompiledComment } from './templates';
export { MAX_VALUE_CHARS, sanitizeUserText } from './sanitize';
