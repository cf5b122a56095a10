// Loads YAML that people write (templates, request types, catalog seed) and
// validates it with zod. Every error names the file, line and column and says
// what to fix. Defends against YAML bombs (alias expansion) and huge files.
import fs from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type * as z from 'zod/mini';
import {
  ConfigError,
  parseSource,
  formatPath,
  type ConfigProblem,
  type ConfigSource,
  type SourceLocation,
} from './config-error';

export {
  ConfigError,
  describeIssue,
  formatPath,
  formatProblem,
  type ConfigProblem,
  type ConfigSource,
  type SourceLocation,
} from './config-error';

export const MAX_YAML_BYTES = 1024 * 1024;
const MAX_ALIAS_COUNT = 100;

/** A parsed YAML document that can point at the source of any path inside it. */
export class YamlSource implements ConfigSource {
  private constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly data: unknown,
  ) {}

  static fromText(file: string, text: string): YamlSource {
    if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
      throw new ConfigError([
        {
          file,
          line: 1,
          column: 1,
          path: '',
          message: `file is larger than ${MAX_YAML_BYTES / 1024} KiB; split it or remove unused content`,
        },
      ]);
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
    const problems: ConfigProblem[] = doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      return { file, line: pos.line, column: pos.col, path: '', message: `YAML syntax: ${e.message.split('\n')[0]}` };
    });
    if (problems.length > 0) throw new ConfigError(problems);
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      throw new ConfigError([
        {
          file,
          line: 1,
          column: 1,
          path: '',
          message: `YAML aliases expand too far (${(err as Error).message}); anchors and aliases may be used at most ${MAX_ALIAS_COUNT} times`,
        },
      ]);
    }
    return new YamlSource(file, doc, lines, data);
  }

  static fromFile(file: string): YamlSource {
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      throw new ConfigError([{ file, line: 1, column: 1, path: '', message: 'file not found or not readable' }]);
    }
    if (size > MAX_YAML_BYTES) {
      throw new ConfigError([
        {
          file,
          line: 1,
          column: 1,
          path: '',
          message: `file is ${Math.round(size / 1024)} KiB, larger than the ${MAX_YAML_BYTES / 1024} KiB limit; split it or remove unused content`,
        },
      ]);
    }
    return YamlSource.fromText(file, fs.readFileSync(file, 'utf8'));
  }

  /** Where a path points, falling back to the nearest existing parent. */
  locate(path: ReadonlyArray<PropertyKey>): SourceLocation {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) {
        // For a map entry, point at the key where one exists (more useful than the value).
        const keyNode = n > 0 ? this.keyNodeOf(path.slice(0, n)) : undefined;
        const offset = keyNode?.range?.[0] ?? node.range[0];
        const pos = this.lines.linePos(offset);
        return { file: this.file, line: pos.line, column: pos.col };
      }
    }
    return { file: this.file, line: 1, column: 1 };
  }

  private keyNodeOf(path: ReadonlyArray<PropertyKey>): { range?: [number, number, number] | null } | undefined {
    const parent = path.length > 1 ? this.doc.getIn(path.slice(0, -1) as unknown[], true) : this.doc.contents;
    const last = path[path.length - 1];
    if (
      parent &&
      typeof parent === 'object' &&
      'items' in parent &&
      Array.isArray((parent as { items: unknown[] }).items) &&
      typeof last === 'string'
    ) {
      for (const item of (parent as { items: Array<{ key?: unknown }> }).items) {
        const key = item.key as { value?: unknown; range?: [number, number, number] | null } | undefined;
        if (key && key.value === last) return key;
      }
    }
    return undefined;
  }

  problem(path: ReadonlyArray<PropertyKey>, message: string): ConfigProblem {
    return { ...this.locate(path), path: formatPath(path), message };
  }

  /** Validates the document with a zod schema; on failure throws ConfigError with a location per issue. */
  parse<S extends z.core.$ZodType>(schema: S): z.infer<S> {
    return parseSource(this, schema);
  }
}
