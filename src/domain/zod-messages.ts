// Schemas here use `import * as z from 'zod/mini'` (never `import { z } from
// 'zod'`, and never re-export the namespace): the classic namespace pulls every
// locale into a Forge bundle (~450 KB minified) where mini needs ~20 KB.
// Mini ships no messages, and installing a locale globally would change other
// modules' messages, so parses here pass this small English error map.
import type { $ZodRawIssue } from 'zod/v4/core';

function typeOf(input: unknown): string {
  return input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
}

function count(n: unknown, origin: unknown): string {
  const unit = origin === 'string' ? 'character' : origin === 'array' ? 'item' : '';
  return unit ? `${String(n)} ${unit}${n === 1 ? '' : 's'}` : String(n);
}

const FORMATS: Record<string, string> = {
  datetime: 'an ISO 8601 date-time such as 2025-01-31T09:00:00Z',
  date: 'an ISO 8601 date such as 2025-01-31',
};

/** A union whose every option failed on type alone: "expected number or string". */
function unionTypes(errors: unknown): string | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const expected = (errors as Array<Array<{ code?: string; path?: unknown[]; expected?: string }>>).map((e) =>
    e.length === 1 && e[0].code === 'invalid_type' && e[0].path?.length === 0 ? e[0].expected : undefined,
  );
  return expected.every(Boolean) ? [...new Set(expected)].join(' or ') : undefined;
}

function describe(issue: $ZodRawIssue): string {
  const i = issue;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${String(i.expected)}, got ${typeOf(i.input)}`;
    case 'too_small':
      return `must be at least ${count(i.minimum, i.origin)}`;
    case 'too_big':
      return `must be at most ${count(i.maximum, i.origin)}`;
    case 'invalid_format':
      return i.format === 'regex'
        ? `must match ${String(i.pattern)}`
        : `must be ${FORMATS[String(i.format)] ?? `a valid ${String(i.format)}`}`;
    case 'invalid_value':
      return `must be one of ${(i.values as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(', ') ?? 'the allowed values'}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${(i.keys as string[] | undefined)?.map((k) => JSON.stringify(k)).join(', ') ?? ''}; remove them`;
    case 'invalid_union': {
      const types = unionTypes(i.errors);
      return types ? `expected ${types}, got ${typeOf(i.input)}` : 'matches none of the allowed shapes';
    }
    default:
      return 'is invalid';
  }
}

/** Per-parse options: English messages without touching zod's global config. */
export const PARSE = { error: describe } as const;

/** "field.path: message" of the first issue, for error messages a person can act on. */
export function issueText(error: {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`;
}
