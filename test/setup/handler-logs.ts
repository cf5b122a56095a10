// Handlers log one JSON line per event (src/entry/log.ts): tests mute those lines to keep their output
// readable, but never an error's — a handler that failed still shows on the console.
const SHOWN = /"outcome":"(error|failed_permanently|malformed_event|unknown_job)"/;

export function quietHandlerLogs(): void {
  // Once per test file: a second spy would wrap the first, and an error line would call itself.
  if (typeof jest !== 'undefined' && jest.isMockFunction(console.log)) return;
  const real = console.log.bind(console);
  const log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && SHOWN.test(args[0])) real(...args);
  };
  if (typeof jest !== 'undefined') jest.spyOn(console, 'log').mockImplementation(log);
  else console.log = log;
}
