// The persisted work queue behind product-event deliveries, async-event
// messages and scheduled runs. Status flow:
//   pending → running → done | failed (threw, not retried) | dead (retries exhausted, or an
//   async event past its retention window: dropped)
//   running → pending again on a requested retry (attempt + 1, due later)
//   pending → cancelled (Queue.cancel)
// Items left `running` by a crash are put back to pending on startup
// (at-least-once: a handler may see the same message twice).
import type { SandboxDb } from '../db';

export type WorkKind = 'event' | 'queue' | 'scheduled';
export type WorkStatus = 'pending' | 'running' | 'done' | 'failed' | 'dead' | 'cancelled';

export interface NewWork {
  kind: WorkKind;
  target: string;
  functionKey: string;
  payload: unknown;
  eventType?: string;
  queueName?: string;
  jobId?: string;
  eventId?: string;
  concurrency?: { key: string; limit: number };
  duplicate?: boolean;
  dueAt: number;
}

export interface WorkItem extends NewWork {
  id: number;
  /** Sandbox epoch ms of the enqueue (an async event's retention window starts here). */
  createdAt: number;
  attempt: number;
  retryReason?: string;
  retryData?: unknown;
  status: WorkStatus;
  lastError?: string;
}

interface Row {
  id: number;
  kind: WorkKind;
  target: string;
  function_key: string;
  payload: string;
  event_type: string | null;
  queue_name: string | null;
  job_id: string | null;
  event_id: string | null;
  concurrency_key: string | null;
  concurrency_limit: number | null;
  attempt: number;
  retry_reason: string | null;
  retry_data: string | null;
  duplicate: number;
  due_at: number;
  status: WorkStatus;
  last_error: string | null;
  created_at: number;
}

function toItem(r: Row): WorkItem {
  return {
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind,
    target: r.target,
    functionKey: r.function_key,
    payload: JSON.parse(r.payload),
    eventType: r.event_type ?? undefined,
    queueName: r.queue_name ?? undefined,
    jobId: r.job_id ?? undefined,
    eventId: r.event_id ?? undefined,
    concurrency:
      r.concurrency_key !== null && r.concurrency_limit !== null
        ? { key: r.concurrency_key, limit: r.concurrency_limit }
        : undefined,
    attempt: r.attempt,
    retryReason: r.retry_reason ?? undefined,
    retryData: r.retry_data !== null ? JSON.parse(r.retry_data) : undefined,
    duplicate: r.duplicate === 1,
    dueAt: r.due_at,
    status: r.status,
    lastError: r.last_error ?? undefined,
  };
}

export class WorkStore {
  constructor(
    private readonly db: SandboxDb,
    private readonly nowMs: () => number,
  ) {}

  enqueue(w: NewWork): number {
    const info = this.db
      .prepare(
        `INSERT INTO forge_work (kind, target, function_key, payload, event_type, queue_name, job_id, event_id,
           concurrency_key, concurrency_limit, duplicate, due_at, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .run(
        w.kind,
        w.target,
        w.functionKey,
        JSON.stringify(w.payload),
        w.eventType ?? null,
        w.queueName ?? null,
        w.jobId ?? null,
        w.eventId ?? null,
        w.concurrency?.key ?? null,
        w.concurrency?.limit ?? null,
        w.duplicate ? 1 : 0,
        w.dueAt,
        this.nowMs(),
      );
    return Number(info.lastInsertRowid);
  }

  get(id: number): WorkItem | undefined {
    const row = this.db.prepare('SELECT * FROM forge_work WHERE id = ?').get(id) as Row | undefined;
    return row && toItem(row);
  }

  /** Marks up to `max` due items running and returns them, honouring per-key concurrency limits of async events. */
  claimDue(max: number): WorkItem[] {
    if (max <= 0) return [];
    return this.db.transaction(() => {
      const running = new Map<string, number>();
      for (const r of this.db
        .prepare(
          `SELECT concurrency_key AS k, COUNT(*) AS n FROM forge_work WHERE status = 'running' AND concurrency_key IS NOT NULL GROUP BY concurrency_key`,
        )
        .all() as Array<{ k: string; n: number }>) {
        running.set(r.k, r.n);
      }
      const due = this.db
        .prepare(`SELECT * FROM forge_work WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`)
        .all(this.nowMs(), max * 4 + 16) as Row[];
      const claimed: WorkItem[] = [];
      const mark = this.db.prepare(`UPDATE forge_work SET status = 'running' WHERE id = ?`);
      for (const r of due) {
        if (claimed.length >= max) break;
        if (r.concurrency_key !== null && r.concurrency_limit !== null) {
          const n = running.get(r.concurrency_key) ?? 0;
          if (n >= r.concurrency_limit) continue;
          running.set(r.concurrency_key, n + 1);
        }
        mark.run(r.id);
        claimed.push({ ...toItem(r), status: 'running' });
      }
      return claimed;
    })();
  }

  finish(id: number, status: 'done' | 'failed' | 'dead', error?: string): void {
    this.db.prepare('UPDATE forge_work SET status = ?, last_error = ? WHERE id = ?').run(status, error ?? null, id);
  }

  retryLater(id: number, dueAt: number, attempt: number, reason: string, data: unknown, error?: string): void {
    this.db
      .prepare(
        `UPDATE forge_work SET status = 'pending', due_at = ?, attempt = ?, retry_reason = ?, retry_data = ?, last_error = ? WHERE id = ?`,
      )
      .run(dueAt, attempt, reason, data === undefined ? null : JSON.stringify(data), error ?? null, id);
  }

  /** Pending items that are due, plus running ones: what settle() waits for. */
  busy(): Array<Pick<WorkItem, 'id' | 'kind' | 'target' | 'status' | 'attempt'>> {
    return this.db
      .prepare(
        `SELECT id, kind, target, status, attempt FROM forge_work WHERE status = 'running' OR (status = 'pending' AND due_at <= ?) ORDER BY id`,
      )
      .all(this.nowMs()) as Array<Pick<WorkItem, 'id' | 'kind' | 'target' | 'status' | 'attempt'>>;
  }

  nextDueAt(): number | undefined {
    const row = this.db.prepare(`SELECT MIN(due_at) AS t FROM forge_work WHERE status = 'pending'`).get() as {
      t: number | null;
    };
    return row.t ?? undefined;
  }

  jobCounts(jobId: string): { total: number; success: number; inProgress: number; failed: number } {
    const rows = this.db
      .prepare('SELECT status, COUNT(*) AS n FROM forge_work WHERE job_id = ? GROUP BY status')
      .all(jobId) as Array<{ status: WorkStatus; n: number }>;
    const c = { total: 0, success: 0, inProgress: 0, failed: 0 };
    for (const r of rows) {
      c.total += r.n;
      if (r.status === 'done') c.success += r.n;
      else if (r.status === 'pending' || r.status === 'running') c.inProgress += r.n;
      else if (r.status === 'failed' || r.status === 'dead') c.failed += r.n;
    }
    return c;
  }

  cancelJob(jobId: string): number {
    return this.db
      .prepare(`UPDATE forge_work SET status = 'cancelled' WHERE job_id = ? AND status = 'pending'`)
      .run(jobId).changes;
  }

  /** A crashed run never finished: deliver it again. */
  requeueRunning(): number {
    return this.db.prepare(`UPDATE forge_work SET status = 'pending' WHERE status = 'running'`).run().changes;
  }

  list(filter: { status?: WorkStatus; kind?: WorkKind } = {}): WorkItem[] {
    const rows = this.db
      .prepare('SELECT * FROM forge_work WHERE (? IS NULL OR status = ?) AND (? IS NULL OR kind = ?) ORDER BY id')
      .all(filter.status ?? null, filter.status ?? null, filter.kind ?? null, filter.kind ?? null) as Row[];
    return rows.map(toItem);
  }
}
