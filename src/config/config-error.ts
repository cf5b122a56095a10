// Problems found in a configuration a person wrote (YAML files, or the same
// data sent as JSON): each names where it is and says what to fix. Free of
// the YAML parser, so code inside Forge functions can use it.
//
// The schemas are zod/mini (no locale, so a Forge bundle stays small);
// parseSource also accepts a classic schema (the sandbox's manifest).
import { AppError } from '../domain/errors';
import * as z from 'zod/mini';
import { PARSE } from '../domain/zod-messages';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface ConfigProblem extends SourceLocation {
  /** Dotted path inside the document, e.g. fields[2].type. */
  path: string;
  message: string;
}

export class ConfigError extends AppError {
  readonly code = 'CONFIG_INVALID';
  readonly layer = 'config';
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.path ? ` (at ${p.path})` : '';
  // Line 0: the data came without a text (a JSON payload); the path says where.
  const at = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${at}: ${p.message}${where}`;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)),
    '',
  );
}

/** What a validated document can tell about its own contents and where they are. */
export interface ConfigSource {
  readonly file: string;
  readonly data: unknown;
  locate(path: ReadonlyArray<PropertyKey>): SourceLocation;
  problem(path: ReadonlyArray<PropertyKey>, message: string): ConfigProblem;
  parse<S extends z.core.$ZodType>(schema: S): z.infer<S>;
}

/** Validates a source's data with a zod schema; on failure throws ConfigError with a location per issue. */
export function parseSource<S extends z.core.$ZodType>(source: ConfigSource, schema: S): z.infer<S> {
  // The error map gives an English sentence to issues the schema has no message for (mini has no locale).
  const result = z.safeParse(schema, source.data, { reportInput: true, error: PARSE.error });
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      // Point an unknown key at the key itself, not at its parent mapping.
      const at =
        issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
      return { ...source.problem(at, describeIssue(issue)), path: formatPath(issue.path) };
    }),
  );
}

/** Turns a zod issue into a sentence that says what to fix. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing required value (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined)
        return `missing required value (one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove or correct ${issue.keys.length > 1 ? 'them' : 'it'}`;
    default:
      return issue.message;
  }
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
