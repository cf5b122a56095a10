// Every dispatch the platform makes, with its outcome and what it cost (KVS
// operations by name, Jira calls, queue pushes, egress). Benchmarks read the
// counters; /__sandbox/events shows the list.
import type { SandboxDb } from '../db';
import type { Counters } from './runtime';

export type InvocationKind = 'event' | 'queue' | 'scheduled' | 'resolver';
/** ok; error = threw (or timed out) and will not be retried; retry = asked for a retry; dead = retries exhausted. */
export type InvocationResult = 'ok' | 'error' | 'retry' | 'dead';

export interface InvocationRecord {
  /** Monotonic position in the log; pass as `since` to read only newer entries. */
  seq: number;
  id: string;
  kind: InvocationKind;
  /** Trigger, consumer, scheduled-trigger or UI module key. */
  key: string;
  functionKey: string;
  eventType?: string;
  queueName?: string;
  resolverName?: string;
  workId?: number;
  /** 1 for the first delivery. */
  attempt: number;
  /** True for an at-least-once duplicate delivery injected by faults.redeliver. */
  duplicate: boolean;
  result: InvocationResult;
  error?: string;
  /** Sandbox clock, ms since epoch. */
  startedAt: number;
  /** Real elapsed time. */
  durationMs: number;
  kvsOps: Record<string, number>;
  productCalls: number;
  queueCalls: number;
  egressCalls: number;
}

export type NewInvocation = Omit<InvocationRecord, 'seq' | 'kvsOps' | 'productCalls' | 'queueCalls' | 'egressCalls'> & {
  counters: Counters;
};

interface Row {
  seq: number;
  id: string;
  kind: InvocationKind;
  key: string;
  function_key: string;
  event_type: string | null;
  queue_name: string | null;
  resolver_name: string | null;
  work_id: number | null;
  attempt: number;
  duplicate: number;
  result: InvocationResult;
  error: string | null;
  started_at: number;
  duration_ms: number;
  kvs_ops: string;
  product_calls: number;
  queue_calls: number;
  egress_calls: number;
}

export class InvocationLog {
  constructor(private readonly db: SandboxDb) {}

  record(r: NewInvocation): InvocationRecord {
    const info = this.db
      .prepare(
        `INSERT INTO forge_invocations (id, kind, key, function_key, event_type, queue_name, resolver_name, work_id, attempt, duplicate,
           result, error, started_at, duration_ms, kvs_ops, product_calls, queue_calls, egress_calls)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.id,
        r.kind,
        r.key,
        r.functionKey,
        r.eventType ?? null,
        r.queueName ?? null,
        r.resolverName ?? null,
        r.workId ?? null,
        r.attempt,
        r.duplicate ? 1 : 0,
        r.result,
        r.error ?? null,
        r.startedAt,
        r.durationMs,
        JSON.stringify(r.counters.kvsOps),
        r.counters.productCalls,
        r.counters.queueCalls,
        r.counters.egressCalls,
      );
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(seq: number): InvocationRecord | undefined {
    const row = this.db.prepare('SELECT * FROM forge_invocations WHERE seq = ?').get(seq) as Row | undefined;
    return row && toRecord(row);
  }

  /** Oldest first. `since` is exclusive (a seq); `limit` caps the count (newest entries win when both are absent). */
  list(opts: { since?: number; limit?: number; kind?: InvocationKind; workId?: number } = {}): InvocationRecord[] {
    const limit = Math.max(1, Math.min(opts.limit ?? 1000, 10_000));
    const rows = this.db
      .prepare(
        `SELECT * FROM (
           SELECT * FROM forge_invocations
           WHERE seq > ? AND (? IS NULL OR kind = ?) AND (? IS NULL OR work_id = ?)
           ORDER BY seq ${opts.since !== undefined ? 'ASC' : 'DESC'} LIMIT ?
         ) ORDER BY seq ASC`,
      )
      .all(
        opts.since ?? 0,
        opts.kind ?? null,
        opts.kind ?? null,
        opts.workId ?? null,
        opts.workId ?? null,
        limit,
      ) as Row[];
    return rows.map(toRecord);
  }

  lastSeq(): number {
    const row = this.db.prepare('SELECT MAX(seq) AS s FROM forge_invocations').get() as { s: number | null };
    return row.s ?? 0;
  }
}

function toRecord(r: Row): InvocationRecord {
  return {
    seq: r.seq,
    id: r.id,
    kind: r.kind,
    key: r.key,
    functionKey: r.function_key,
    ...(r.event_type !== null ? { eventType: r.event_type } : {}),
    ...(r.queue_name !== null ? { queueName: r.queue_name } : {}),
    ...(r.resolver_name !== null ? { resolverName: r.resolver_name } : {}),
    ...(r.work_id !== null ? { workId: r.work_id } : {}),
    attempt: r.attempt,
    duplicate: r.duplicate === 1,
    result: r.result,
    ...(r.error !== null ? { error: r.error } : {}),
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    kvsOps: JSON.parse(r.kvs_ops) as Record<string, number>,
    productCalls: r.product_calls,
    queueCalls: r.queue_calls,
    egressCalls: r.egress_calls,
  };
}
