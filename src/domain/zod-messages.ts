// Schemas here use `import * as z from 'zod/mini'` (never `import { z } from
// 'zod'`, and never re-export the namespace): the classic namespace pulls every
// locale into a Forge bundle (~450 KB minified) where mini needs ~20 KB.
// Mini ships no messages, and installing a locale globally would change other
// modules' messages, so parses here pass this small English error map.
import type { $ZodRawIssue } from 'zod/v4/core';

function describe(issue: $ZodRawIssue): string {
  const i = issue as $ZodRawIssue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${String(i.expected)}, got ${i.input === null ? 'null' : Array.isArray(i.input) ? 'array' : typeof i.input}`;
    case 'too_small':
      return `must be at least ${String(i.minimum)}${i.origin === 'string' ? ' characters' : i.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `must be at most ${String(i.maximum)}${i.origin === 'string' ? ' characters' : i.origin === 'array' ? ' items' : ''}`;
    case 'invalid_format':
      return i.format === 'regex' ? `must match ${String(i.pattern)}` : `must be a valid ${String(i.format)}`;
    case 'invalid_value':
      return `must be one of ${(i.values as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(', ') ?? 'the allowed values'}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${(i.keys as string[] | undefined)?.map((k) => JSON.stringify(k)).join(', ') ?? ''}; remove them`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    default:
      return 'is invalid';
  }
}

/** Per-parse options: English messages without touching zod's global config. */
export const PARSE = { error: describe } as const;

/** "field.path: message" of the first issue, for error messages a person can act on. */
export function issueText(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`;
}

