// JQL syntax check at template load time, with Atlassian's own grammar
// (@atlaskit/jql-ast), the grammar the sandbox's parser follows too (app code cannot
// import the sandbox: .dependency-cruiser.cjs).
import { JastBuilder } from '@atlaskit/jql-ast';

export interface JqlSyntaxProblem {
  message: string;
  /** 1-based line and column inside the JQL text. */
  line: number;
  column: number;
}

export function jqlSyntaxProblems(jql: string): JqlSyntaxProblem[] {
  const jast = new JastBuilder().build(jql);
  return jast.errors.map((e) => {
    const err = e as unknown as { message?: string; line?: number; charPositionInLine?: number };
    return {
      message: err.message ?? String(e),
      line: typeof err.line === 'number' ? err.line : 1,
      column: (typeof err.charPositionInLine === 'number' ? err.charPositionInLine : 0) + 1,
    };
  });
}
