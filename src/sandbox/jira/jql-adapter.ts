// Seam to the JQL engine (src/sandbox/jira/jql, written separately). Loaded
// lazily so the emulator builds and runs before the engine lands; without it
// every search answers 400 in Jira's shape instead of a silent wrong result.
import { JqlError, type CompiledJql, type JqlContext } from './jql/types';

type CompileJql = (jql: string, ctx: JqlContext) => CompiledJql;

let compile: CompileJql | undefined;

function load(): CompileJql {
  if (compile) return compile;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('./jql') as { compileJql?: CompileJql };
    if (typeof mod.compileJql === 'function') compile = mod.compileJql;
  } catch (e) {
    // Only "the engine is not there yet" is tolerated; a broken engine must fail loudly.
    const err = e as { code?: string; message?: string };
    if (err.code !== 'MODULE_NOT_FOUND' || !String(err.message).includes("'./jql'")) throw e;
  }
  return compile ?? (() => {
    throw new JqlError(['The sandbox JQL engine is not installed (src/sandbox/jira/jql/index.ts).']);
  });
}

/** False until src/sandbox/jira/jql/index.ts exports compileJql. */
export function jqlEngineAvailable(): boolean {
  load();
  return compile !== undefined;
}

export function compileJql(jql: string, ctx: JqlContext): CompiledJql {
  return load()(jql, ctx);
}
