// Syntax layer: Atlassian's own JQL grammar (@atlaskit/jql-ast) turns text into an
// AST; any parser error becomes a JqlError carrying the parser's message and where
// it happened. No context is needed, so template loaders can validate early.
import { JastBuilder, JQLSyntaxError } from '@atlaskit/jql-ast';
import type { Clause, Field, Jast, Query } from '@atlaskit/jql-ast';
import { JqlError } from './types';

/** A JQL syntax error; still a JqlError (code JQL_INVALID) for the emulator's 400. */
export class JqlSyntaxError extends JqlError {
  constructor(
    message: string,
    /** 1-based line. */
    readonly line: number,
    /** 1-based column within the line. */
    readonly column: number,
    /** 0-based offset of the offending token in the query text. */
    readonly offset: number,
  ) {
    super([message]);
  }
}

/** Parses (syntax only) and returns the AST; throws JqlSyntaxError on the first error. */
export function parseJqlOrThrow(jql: string): Jast {
  let jast: Jast;
  try {
    jast = new JastBuilder().build(jql);
  } catch (e) {
    // The builder reports through listeners; a throw here is unexpected, but must
    // still surface as a 400-style error rather than a crash of the emulator.
    throw new JqlSyntaxError(`Error in the JQL Query: ${(e as Error).message}`, 1, 1, 0);
  }
  const first = jast.errors[0];
  if (first) {
    if (first instanceof JQLSyntaxError) {
      const column = first.charPositionInLine + 1;
      throw new JqlSyntaxError(
        `Error in the JQL Query: ${first.message} (line ${first.line}, character ${column})`,
        first.line,
        column,
        first.start,
      );
    }
    throw new JqlSyntaxError(`Error in the JQL Query: ${first.message}`, 1, 1, 0);
  }
  return jast;
}

// ANTLR parsing costs ~5 ms a query and the emulator re-runs the same queue and
// filter JQL constantly. The cache is private to compileJql: the public
// parseJqlOrThrow hands out a fresh AST, since jql-ast nodes are mutable.
const CACHE_SIZE = 256;
const cache = new Map<string, Jast>();

/** parseJqlOrThrow for read-only internal use, memoised (errors are not cached). */
export function parseCached(jql: string): Jast {
  const hit = cache.get(jql);
  if (hit) return hit;
  const jast = parseJqlOrThrow(jql);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(jql, jast);
  return jast;
}

/** The field as written, with entity-property parts: issue.property[key].a.b */
export function fieldLabel(field: Field): string {
  const props = field.properties ?? [];
  if (props.length === 0) return field.value;
  return (
    field.value +
    props.map((p) => `[${p.key ? p.key.value : ''}]${(p.path ?? []).map((a) => a.value).join('')}`).join('')
  );
}

/**
 * Names of the fields a query uses (WHERE and ORDER BY), as written, first occurrence
 * first, without duplicates. Syntax errors throw like parseJqlOrThrow.
 */
export function listReferencedFields(jql: string): string[] {
  const query = parseJqlOrThrow(jql).query;
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (field: Field): void => {
    const label = fieldLabel(field);
    if (!seen.has(label)) {
      seen.add(label);
      out.push(label);
    }
  };
  const visit = (clause: Clause): void => {
    if (clause.clauseType === 'terminal') add(clause.field);
    else if (clause.clauseType === 'not') visit(clause.clause);
    else clause.clauses.forEach(visit);
  };
  if (query) {
    if (query.where) visit(query.where);
    for (const f of query.orderBy ? query.orderBy.fields : []) add(f.field);
  }
  return out;
}

export type { Query };
