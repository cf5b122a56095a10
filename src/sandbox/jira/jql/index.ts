// The sandbox's JQL engine: parse with Atlassian's grammar, compile to a predicate
// and a comparator over JqlIssueView. Anything the engine cannot evaluate exactly as
// Jira would is a JqlError (the emulator's 400), never a silently different result.
// Semantics and known gaps: README.md in this folder.
import type { JqlCompileContext } from './catalog';
import { compileClause } from './compile';
import { compileOrderBy } from './order';
import { parseCached } from './syntax';
import type { CompiledJql } from './types';

export function compileJql(jql: string, ctx: JqlCompileContext): CompiledJql {
  const query = parseCached(jql).query;
  const matches = query && query.where ? compileClause(query.where, false, ctx) : () => true;
  const compare = compileOrderBy(query ? query.orderBy : undefined, ctx);
  return { matches, compare };
}

export { parseJqlOrThrow, listReferencedFields, JqlSyntaxError } from './syntax';
export type { JqlCatalog, JqlCompileContext } from './catalog';
export * from './types';
