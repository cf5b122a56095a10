// The code and message a handler logs or answers for anything a use case throws.
// Not in core-deps.ts, which re-exports it: the resolvers map their errors with
// it without loading the core wiring (the comment templates' Handlebars runtime).
export function describe(e: unknown): { code: string; message: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return { code: typeof code === 'string' ? code : 'UNEXPECTED', message: e instanceof Error ? e.message : String(e) };
}
