// Storage is a boundary too: every record read back is checked with zod, and
// a record that does not match says what to fix instead of half-working.
import * as z from 'zod/mini';
import { PARSE, issueText } from '../../domain/zod-messages';
import { UseCaseError } from './errors';

export class StoredDataError extends UseCaseError {
  readonly code = 'STORED_DATA_INVALID';
  constructor(what: string, detail: string) {
    super(`stored ${what} is not valid (${detail}); fix or re-import it from the admin page`);
    this.name = 'StoredDataError';
  }
}

export function parseStored<S extends z.core.$ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = z.safeParse(schema, value, PARSE);
  if (!r.success) throw new StoredDataError(what, issueText(r.error));
  return r.data;
}
