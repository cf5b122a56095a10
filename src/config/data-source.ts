// Configuration that arrives as data (a JSON payload from the admin page or
// the CLI) rather than as a file: validated by the same schemas, with problems
// located by path instead of line. No YAML parser, so it fits in a Forge bundle.
import type * as z from 'zod/mini';
import { parseSource, formatPath, type ConfigProblem, type ConfigSource, type SourceLocation } from './config-error';

export class DataSource implements ConfigSource {
  constructor(
    /** What to call the data in messages, e.g. the file name the admin picked. */
    readonly file: string,
    readonly data: unknown,
  ) {}

  locate(): SourceLocation {
    return { file: this.file, line: 0, column: 0 };
  }

  problem(path: ReadonlyArray<PropertyKey>, message: string): ConfigProblem {
    return { ...this.locate(), path: formatPath(path), message };
  }

  parse<S extends z.core.$ZodType>(schema: S): z.infer<S> {
    return parseSource(this, schema);
  }
}
