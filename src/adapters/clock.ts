// The app's clock. On Forge it is the system clock. The offline sandbox
// installs a time source under a well-known global symbol (see
// src/sandbox/clock.ts) so that the app, KVS TTLs and the scheduler share
// one controllable clock; nothing else in production reads that symbol.
import type { Clock } from '../ports/clock';

const CLOCK_SEAM = Symbol.for('ai-clearance.sandbox.clock');

export const systemClock: Clock = {
  now(): Date {
    const seam = (globalThis as Record<symbol, unknown>)[CLOCK_SEAM];
    return new Date(typeof seam === 'function' ? (seam as () => number)() : Date.now());
  },
};
