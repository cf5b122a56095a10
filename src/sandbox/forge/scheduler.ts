// Scheduled triggers on the sandbox clock. A trigger is due when its interval
// has passed since its last run (or since it was first registered, so a new
// sandbox does not fire everything at once). Missed intervals collapse into
// one run, as a platform that was down would do. Last runs persist in SQLite.
//
// Payload (UNVERIFIED beyond the documented `context`): {context:{cloudId, moduleKey}, contextToken}.
import type { SandboxClock } from '../clock';
import type { SandboxDb } from '../db';
import { ForgePlatformError } from './errors';
import type { ScheduledDef, ScheduleInterval } from './manifest';
import type { WorkStore } from './work-store';

export const INTERVAL_MS: Record<ScheduleInterval, number> = {
  fiveMinute: 5 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

export class Scheduler {
  constructor(
    private readonly db: SandboxDb,
    private readonly triggers: readonly ScheduledDef[],
    private readonly work: WorkStore,
    private readonly clock: SandboxClock,
    private readonly cloudId: string,
  ) {
    this.register();
  }

  /** Enqueues every trigger whose interval has elapsed; returns the work ids. */
  tick(): number[] {
    const now = this.clock.nowMs();
    const ids: number[] = [];
    for (const t of this.triggers) {
      const row = this.db.prepare('SELECT registered_at, last_run_at FROM forge_schedule WHERE key = ?').get(t.key) as
        { registered_at: number; last_run_at: number | null } | undefined;
      const since = row?.last_run_at ?? row?.registered_at ?? now;
      if (now - since >= INTERVAL_MS[t.interval]) ids.push(this.enqueue(t, now));
    }
    return ids;
  }

  /** Enqueues one trigger (or all) now, regardless of interval. */
  runNow(key?: string): number[] {
    const list = key === undefined ? this.triggers : this.triggers.filter((t) => t.key === key);
    if (key !== undefined && list.length === 0) {
      throw new ForgePlatformError(
        'UNKNOWN_SCHEDULED_TRIGGER',
        `no scheduledTrigger "${key}" in manifest.yml (declared: ${this.triggers.map((t) => t.key).join(', ') || 'none'})`,
      );
    }
    const now = this.clock.nowMs();
    return list.map((t) => this.enqueue(t, now));
  }

  private enqueue(t: ScheduledDef, now: number): number {
    this.db
      .prepare(
        'INSERT INTO forge_schedule (key, registered_at, last_run_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET last_run_at = excluded.last_run_at',
      )
      .run(t.key, now, now);
    return this.work.enqueue({
      kind: 'scheduled',
      target: t.key,
      functionKey: t.functionKey,
      payload: { context: { cloudId: this.cloudId, moduleKey: t.key }, contextToken: 'sandbox-context-token' },
      dueAt: now,
    });
  }

  /** Records first-seen times (also after reset(), so intervals count from then). */
  register(): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO forge_schedule (key, registered_at) VALUES (?, ?)');
    for (const t of this.triggers) insert.run(t.key, this.clock.nowMs());
  }
}
