// Fault injection for the sandbox: Jira 429/5xx/latency on REST calls, lost
// responses (the write is applied, the client gets a 503), and product-event
// redelivery. Seeded so a failing test can be replayed.
import * as z from 'zod';

export const FaultConfig = z
  .object({
    jira: z
      .object({
        rate429: z.number().min(0).max(1).default(0),
        rate5xx: z.number().min(0).max(1).default(0),
        latencyMs: z.number().int().min(0).max(10_000).default(0),
        retryAfterSeconds: z.number().int().min(0).max(60).default(1),
        /**
         * Share of successful writes (POST/PUT/DELETE) whose response is lost: Jira applied the
         * change (and sends its events) but the client sees a 503, as when a gateway times out.
         */
        rateLostResponse: z.number().min(0).max(1).default(0),
      })
      .strict()
      .default({ rate429: 0, rate5xx: 0, latencyMs: 0, retryAfterSeconds: 1, rateLostResponse: 0 }),
    /**
     * How the KVS answers a transaction whose condition failed. Forge documents only
     * that "the entire transaction will fail"
     * (https://developer.atlassian.com/platform/forge/storage-reference/entities-transactions/ › Conditions),
     * not the status, code or message, so tests can make it answer anything
     * (platform-contract.md KVS-1).
     */
    kvs: z
      .object({
        conditionFailure: z
          .object({
            status: z.number().int().min(400).max(599).default(409),
            code: z.string().min(1).max(100).default('CONDITION_CHECK_FAILED'),
            message: z.string().max(500).optional(),
          })
          .strict()
          .default({ status: 409, code: 'CONDITION_CHECK_FAILED' }),
      })
      .strict()
      .default({ conditionFailure: { status: 409, code: 'CONDITION_CHECK_FAILED' } }),
    redeliver: z.number().min(0).max(1).default(0),
    seed: z.number().int().default(1),
  })
  .strict();
export type FaultConfig = z.infer<typeof FaultConfig>;

export type JiraFault = { kind: '429'; retryAfterSeconds: number } | { kind: '5xx'; status: number } | undefined;

/** mulberry32: tiny, seedable, good enough for fault schedules. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private config: FaultConfig = FaultConfig.parse({});
  private random = prng(1);

  configure(input: unknown): FaultConfig {
    this.config = FaultConfig.parse(input);
    this.random = prng(this.config.seed);
    return this.config;
  }

  current(): FaultConfig {
    return this.config;
  }

  reset(): void {
    this.configure({});
  }

  /** Decides the fault (if any) for one Jira REST call. */
  nextJiraFault(): JiraFault {
    const { rate429, rate5xx, retryAfterSeconds } = this.config.jira;
    if (rate429 > 0 && this.random() < rate429) return { kind: '429', retryAfterSeconds };
    if (rate5xx > 0 && this.random() < rate5xx) return { kind: '5xx', status: 503 };
    return undefined;
  }

  /** Status, code and (optional) message of a failed KVS transaction condition. */
  kvsConditionFailure(): { status: number; code: string; message?: string } {
    return this.config.kvs.conditionFailure;
  }

  /** After a write was applied: true when its response should be lost (answered 503). */
  loseJiraResponse(): boolean {
    const { rateLostResponse } = this.config.jira;
    return rateLostResponse > 0 && this.random() < rateLostResponse;
  }

  jiraLatencyMs(): number {
    return this.config.jira.latencyMs;
  }

  /** True when a product event should be delivered one more time. */
  shouldRedeliver(): boolean {
    return this.config.redeliver > 0 && this.random() < this.config.redeliver;
  }
}
