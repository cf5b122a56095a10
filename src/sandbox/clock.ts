// The sandbox clock: one source of time for the emulated platform (KVS TTLs,
// scheduler, queue delays), the Jira emulator (created/updated stamps) and the
// app (through the time seam read by src/adapters/clock.ts).
import * as z from 'zod';

export const CLOCK_SEAM = Symbol.for('ai-clearance.sandbox.clock');

/** What a restart needs to resume the clock: the offset from real time, or the frozen instant. */
export interface ClockState {
  offsetMs: number;
  frozenAt?: number;
}

export class SandboxClock {
  private offsetMs = 0;
  private frozenAt: number | undefined;
  private readonly listeners: Array<(state: ClockState) => void> = [];

  constructor(private readonly realNow: () => number = Date.now) {}

  /** Called after every move (advance, set, freeze), so the sandbox can persist it at once. */
  onChange(listener: (state: ClockState) => void): void {
    this.listeners.push(listener);
  }

  state(): ClockState {
    return this.frozenAt === undefined
      ? { offsetMs: this.offsetMs }
      : { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
  }

  /** Resumes a saved state (no listeners are told: it is what they saved). */
  restore(state: ClockState): void {
    this.offsetMs = state.offsetMs;
    this.frozenAt = state.frozenAt;
  }

  private changed(): void {
    const state = this.state();
    for (const l of this.listeners) l(state);
  }

  nowMs(): number {
    return this.frozenAt ?? this.realNow() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Moves time forward by an ISO-8601 duration such as P30D or PT2H. */
  advance(isoDuration: string): Date {
    const ms = parseIsoDurationMs(isoDuration);
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
    this.changed();
    return this.now();
  }

  /** Sets the clock to an absolute time; time keeps running from there unless frozen. */
  set(iso: string, opts: { freeze?: boolean } = {}): Date {
    const target = Date.parse(iso);
    if (Number.isNaN(target)) throw new ClockInputError(`"${iso}" is not an ISO-8601 time, e.g. 2026-01-31T09:00:00Z`);
    if (opts.freeze || this.frozenAt !== undefined) this.frozenAt = target;
    else this.offsetMs = target - this.realNow();
    this.changed();
    return this.now();
  }

  freeze(): void {
    this.frozenAt = this.nowMs();
    this.changed();
  }

  /** Installs this clock as the app's time source (see src/adapters/clock.ts). */
  installSeam(): void {
    (globalThis as Record<symbol, unknown>)[CLOCK_SEAM] = () => this.nowMs();
  }

  static uninstallSeam(): void {
    delete (globalThis as Record<symbol, unknown>)[CLOCK_SEAM];
  }
}

export class ClockInputError extends Error {
  readonly code = 'CLOCK_INPUT';
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Calendar-free ISO-8601 durations (weeks, days, hours, minutes, seconds): days are 24 h in UTC. */
export function parseIsoDurationMs(iso: string): number {
  const m = DURATION.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) {
    throw new ClockInputError(
      `"${iso}" is not an ISO-8601 duration like P30D, PT2H or P1DT30M (years and months are not supported: use days)`,
    );
  }
  const [, w, d, h, min, s] = m;
  return (
    (((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 +
    Number(s ?? 0) * 1000
  );
}

export const ClockCommand = z.union([
  z.object({ advance: z.string() }).strict(),
  z.object({ set: z.string(), freeze: z.boolean().optional() }).strict(),
]);
