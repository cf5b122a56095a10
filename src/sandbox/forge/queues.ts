// The async-events service behind @forge/events (node_modules/@forge/events/out/queue.js,
// jobProgress.js, validators.js): publish answers exactly 201, stats 200
// {success, inProgress, failed}, cancel 204, an unknown job 404. Each pushed
// event becomes one persisted work item for the queue's consumer(s).
//
// Sandbox choice: pushing to a queue that no manifest consumer reads is a 400
// (Forge would accept and drop it; failing loudly catches a typo in the key).
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { SandboxClock } from '../clock';
import type { ConsumerDef } from './manifest';
import type { QueueEndpoint } from './transport';
import type { WorkStore } from './work-store';

const QUEUE_KEY = /^[a-zA-Z0-9-_]+$/;
const MAX_EVENTS = 50;
const MAX_PUSH_BYTES = 200 * 1024;

const PushEvent = z.object({
  body: z.record(z.string(), z.unknown()),
  delayInSeconds: z.number().min(0).max(900).optional(),
  concurrency: z.object({ key: z.string().min(1), limit: z.number().int().min(1) }).optional(),
});
const PushRequest = z.object({
  queueName: z.string().regex(QUEUE_KEY).max(36),
  jobId: z.string().min(1),
  payload: z.array(PushEvent).min(1).max(MAX_EVENTS),
});
const JobRequest = z.object({ queueName: z.string().regex(QUEUE_KEY), jobId: z.string().min(1) });

type Answer = { status: number; body?: unknown };

function parse<S extends z.ZodType>(
  schema: S,
  text: string,
): { ok: true; value: z.infer<S> } | { ok: false; answer: Answer } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, answer: { status: 400, body: { code: 'BAD_REQUEST', message: 'body is not JSON' } } };
  }
  const r = schema.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    answer: {
      status: 400,
      body: { code: 'BAD_REQUEST', message: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') },
    },
  };
}

export class QueueService implements QueueEndpoint {
  constructor(
    private readonly work: WorkStore,
    private readonly consumers: readonly ConsumerDef[],
    private readonly clock: SandboxClock,
    private readonly onEnqueued: () => void,
  ) {}

  handle(path: string, text: string): Answer {
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(text);
    if (path.startsWith('/webhook/queue/stats/')) return this.stats(text);
    if (path.startsWith('/webhook/queue/cancel/')) return this.cancel(text);
    return { status: 404, body: { code: 'NOT_FOUND', message: `no async-events endpoint ${path}` } };
  }

  private publish(text: string): Answer {
    const bytes = Buffer.byteLength(text, 'utf8');
    const parsed = parse(PushRequest, text);
    if (!parsed.ok) return parsed.answer;
    const req = parsed.value;
    if (Buffer.byteLength(JSON.stringify(req.payload), 'utf8') > MAX_PUSH_BYTES) {
      return {
        status: 413,
        body: { errorMessage: `The maximum payload size is ${MAX_PUSH_BYTES / 1024}KB (request was ${bytes} bytes).` },
      };
    }
    const targets = this.consumers.filter((c) => c.queue === req.queueName);
    if (targets.length === 0) {
      const known = [...new Set(this.consumers.map((c) => c.queue))].join(', ') || 'none';
      return {
        status: 400,
        body: {
          code: 'QUEUE_HAS_NO_CONSUMER',
          message: `no consumer in manifest.yml reads queue "${req.queueName}" (queues with consumers: ${known})`,
        },
      };
    }
    const now = this.clock.nowMs();
    for (const event of req.payload) {
      const eventId = randomUUID();
      for (const consumer of targets) {
        this.work.enqueue({
          kind: 'queue',
          target: consumer.key,
          functionKey: consumer.functionKey,
          payload: event,
          queueName: req.queueName,
          jobId: req.jobId,
          eventId,
          concurrency: event.concurrency,
          dueAt: now + Math.round((event.delayInSeconds ?? 0) * 1000),
        });
      }
    }
    this.onEnqueued();
    return { status: 201, body: { jobId: req.jobId } };
  }

  private stats(text: string): Answer {
    const parsed = parse(JobRequest, text);
    if (!parsed.ok) return parsed.answer;
    const c = this.work.jobCounts(parsed.value.jobId);
    if (c.total === 0) return { status: 404, body: { message: `job ${parsed.value.jobId} not found` } };
    return { status: 200, body: { success: c.success, inProgress: c.inProgress, failed: c.failed } };
  }

  private cancel(text: string): Answer {
    const parsed = parse(JobRequest, text);
    if (!parsed.ok) return parsed.answer;
    if (this.work.jobCounts(parsed.value.jobId).total === 0)
      return { status: 404, body: { message: `job ${parsed.value.jobId} not found` } };
    this.work.cancelJob(parsed.value.jobId);
    return { status: 204 };
  }
}
