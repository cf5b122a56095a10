// Jira answers are parsed with zod: unknown extra fields are allowed, missing
// essentials are a JiraShapeError that names the request.
import { AdapterError } from '../../ports/errors';
import type * as z from 'zod/mini';
import { PARSE, issueText } from '../../domain/zod-messages';

export class JiraShapeError extends AdapterError {
  readonly code = 'JIRA_SHAPE';
  constructor(what: string, detail: string) {
    super(
      `Jira answered ${what} with an unexpected shape (${detail}); the site may run a newer API — report it with this message`,
    );
    this.name = 'JiraShapeError';
  }
}

export function parse<T>(schema: z.ZodMiniType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body, PARSE);
  if (r.success) return r.data;
  throw new JiraShapeError(what, issueText(r.error));
}
