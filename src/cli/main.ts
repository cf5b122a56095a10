// The ai-clearance command. Subcommands live in src/cli/commands/*.ts; each
// exports `register(program, ctx)`, and this file picks them all up, so adding
// a command (catalog, verify, sweep, ...) never means editing a shared list.
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { EXIT, processIo, type CliIo } from './io';

export interface CliContext {
  io: CliIo;
  /** The process exit code; the worst (highest) one set wins. */
  setExitCode(code: number): void;
}

export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

function commandModules(): CommandModule[] {
  const dir = path.join(__dirname, 'commands');
  return fs
    .readdirSync(dir)
    .filter((n) => /\.(ts|js|cjs)$/.test(n) && !/\.(test|d)\.ts$/.test(n))
    .sort()
    .flatMap((n) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- commands are found by file name (see the header), so they are loaded by path
      const mod = require(path.join(dir, n)) as Partial<CommandModule>;
      return typeof mod.register === 'function' ? [mod as CommandModule] : [];
    });
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('ai-clearance')
    .description('AI Clearance: AI tool access governance for Jira Service Management')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  for (const mod of commandModules()) mod.register(program, ctx);
  return program;
}

/** Runs the CLI in-process and resolves to its exit code. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram({ io, setExitCode: (c) => (code = Math.max(code, c)) });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.failure;
    io.err(`ai-clearance: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return EXIT.failure;
  }
  return code;
}

// Run when started as a program: `tsx src/cli/main.ts` or bin/ai-clearance.cjs (which requires this file).
if (require.main === module || /ai-clearance(\.cjs)?$/.test(process.argv[1] ?? '')) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
