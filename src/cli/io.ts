// What a CLI command may touch: its output streams, environment and working
// directory. Injected so tests run commands in-process and read what they print.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Exit codes of every ai-clearance command. */
export const EXIT = { ok: 0, failure: 1, drift: 2 } as const;
