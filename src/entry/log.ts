// Structured handler logs, in a module of their own so that the triggers'
// project gate can log without loading the use cases' wiring.

/** One structured log line per handled event (Forge keeps console output in the app's logs). */
export function logOutcome(handler: string, detail: Record<string, unknown>): void {
  console.log(JSON.stringify({ handler, ...detail }));
}
