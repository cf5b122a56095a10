// Errors of the rendering layer. Template problems carry file:line so the
// author can fix them; data problems name the template and field.
import { AppError } from '../domain/errors';
export type RenderErrorCode =
  | 'TEMPLATE_LINT'
  | 'TEMPLATE_MARKUP'
  | 'TEMPLATE_UNKNOWN'
  | 'TEMPLATE_NOT_LOADED'
  | 'RENDER_DATA_INVALID'
  | 'RENDER_TOO_LARGE'
  | 'ADF_INVALID';

export interface TemplateProblem {
  file: string;
  line: number;
  message: string;
}

export class RenderError extends AppError {
  readonly layer = 'render';
  constructor(
    readonly code: RenderErrorCode,
    message: string,
    readonly problems: TemplateProblem[] = [],
  ) {
    super(message);
    this.name = 'RenderError';
  }
}

export class TemplateLintError extends RenderError {
  constructor(problems: TemplateProblem[]) {
    super('TEMPLATE_LINT', problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'), problems);
    this.name = 'TemplateLintError';
  }
}

export function isRenderError(e: unknown): e is RenderError {
  return e instanceof RenderError;
}
