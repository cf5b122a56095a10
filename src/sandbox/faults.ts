// Fault injection for the sandbox: Jira 429/5xx/latency on REST calls, lost
// responses (the write is applied, the client gets a 503), and
// product-event redelivery, late delivery, reordering and stale included
// property values. Seeded so a failing test can be replayed.
//
// Late and unordered product events are documented platform behaviour:
// "Events for `trigger` modules may take up to **3 minutes** to reach your app
// after the triggering action occurs ... events are placed into a queue and
// delivered asynchronously" (https://developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/,
// the "Event delivery delay" note); retried events come back up to 900 s later
// (https://developer.atlassian.com/platform/forge/events-reference/product_events/ § "Retry for app level errors").
// Included entity property values "could be up to a few seconds older than the
// event generation time" (same page, § "Filtering by entity properties" › "Limits and constraints").
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
        /**
         * Transactions refused as over the rate limit: after `after` more transactions succeed, the next
         * `count` answer 429 RATE_LIMIT_EXCEEDED, the error Forge documents for KVS rate limits
         * (https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs/). The handler
         * that made the call fails there, as if it crashed mid-run; tests use it to check work resumes.
         */
        rateLimitTransactions: z
          .object({ after: z.number().int().min(0).default(0), count: z.number().int().min(0).default(0) })
          .strict()
          .optional(),
      })
      .strict()
      .default({ conditionFailure: { status: 409, code: 'CONDITION_CHECK_FAILED' } }),
    /**
     * The emulated identity providers (src/sandbox/idp): Okta's and Graph's API calls (not their token
     * endpoints) answer 429 (with each vendor's rate-limit headers) or 5xx. `rate429`/`rate5xx` are
     * probabilities per call; `next429`/`next5xx` fail exactly the next N calls (deterministic, for tests).
     */
    idp: z
      .object({
        rate429: z.number().min(0).max(1).default(0),
        rate5xx: z.number().min(0).max(1).default(0),
        next429: z.number().int().min(0).max(1000).default(0),
        next5xx: z.number().int().min(0).max(1000).default(0),
        retryAfterSeconds: z.number().int().min(1).max(3600).default(2),
        /** Which IdP the faults hit. */
        target: z.enum(['both', 'okta', 'graph']).default('both'),
      })
      .strict()
      .default({ rate429: 0, rate5xx: 0, next429: 0, next5xx: 0, retryAfterSeconds: 2, target: 'both' }),
    redeliver: z.number().min(0).max(1).default(0),
    events: z
      .object({
        /** Each product-event delivery waits a seeded random 0..maxDelaySeconds of SANDBOX time. */
        maxDelaySeconds: z.number().int().min(0).max(900).default(0),
        /** False: delayed deliveries still arrive in the order Jira emitted them. True: each delay is independent. */
        reorder: z.boolean().default(false),
        /** Share of deliveries whose payloadIncludeProperties come without the values (not yet stored). */
        staleProperties: z.number().min(0).max(1).default(0),
      })
      .strict()
      .default({ maxDelaySeconds: 0, reorder: false, staleProperties: 0 }),
    seed: z.number().int().default(1),
  })
  .strict();
export type FaultConfig = z.infer<typeof FaultConfig>;

export type JiraFault = { kind: '429'; retryAfterSeconds: number } | { kind: '5xx'; status: number } | undefined;
export type IdpFault = JiraFault;

/** mulberry32: tiny, seedable, good enough for fault schedules. */
export function prng(seed: number): () => number {
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
  /** Separate stream, so turning event faults on leaves the Jira fault schedule of a seed unchanged. */
  private eventRandom = prng(2);
  /** Separate stream again, so IdP faults leave the Jira and event schedules of a seed unchanged. */
  private idpRandom = prng(3);
  private idpCounts = { next429: 0, next5xx: 0 };
  private lastEventDueMs = 0;

  configure(input: unknown): FaultConfig {
    this.config = FaultConfig.parse(input);
    this.random = prng(this.config.seed);
    this.eventRandom = prng(this.config.seed + 1);
    this.idpRandom = prng(this.config.seed + 2);
    this.idpCounts = { next429: this.config.idp.next429, next5xx: this.config.idp.next5xx };
    this.lastEventDueMs = 0;
    this.transactionsSeen = 0;
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

  /** Decides the fault (if any) for one API call to an emulated identity provider. */
  nextIdpFault(idp: 'okta' | 'graph'): IdpFault {
    const { rate429, rate5xx, retryAfterSeconds, target } = this.config.idp;
    if (target !== 'both' && target !== idp) return undefined;
    if (this.idpCounts.next429 > 0) {
      this.idpCounts.next429 -= 1;
      return { kind: '429', retryAfterSeconds };
    }
    if (this.idpCounts.next5xx > 0) {
      this.idpCounts.next5xx -= 1;
      return { kind: '5xx', status: idp === 'graph' ? 503 : 500 };
    }
    if (rate429 > 0 && this.idpRandom() < rate429) return { kind: '429', retryAfterSeconds };
    if (rate5xx > 0 && this.idpRandom() < rate5xx) return { kind: '5xx', status: idp === 'graph' ? 503 : 500 };
    return undefined;
  }

  /** Status, code and (optional) message of a failed KVS transaction condition. */
  kvsConditionFailure(): { status: number; code: string; message?: string } {
    return this.config.kvs.conditionFailure;
  }

  private transactionsSeen = 0;

  /** For each KVS transaction: true when it must be refused as rate limited (faults `kvs.rateLimitTransactions`). */
  rateLimitTransaction(): boolean {
    const { after, count } = this.config.kvs.rateLimitTransactions ?? { after: 0, count: 0 };
    if (count === 0) return false;
    const n = this.transactionsSeen++;
    return n >= after && n < after + count;
  }

  /** After a write was applied: true when its response should be lost (answered 503). */
  loseJiraResponse(): boolean {
    const { rateLostResponse } = this.config.jira;
    return rateLostResponse > 0 && this.random() < rateLostResponse;
  }

  jiraLatencyMs(): number {
    return this.config.jira.latencyMs;
  }

  /**
   * When (sandbox epoch ms) one product-event delivery becomes due, given the
   * sandbox time it was emitted. Without `reorder`, never before an earlier delivery.
   */
  eventDueAt(nowMs: number): number {
    const { maxDelaySeconds, reorder } = this.config.events;
    if (maxDelaySeconds === 0) return nowMs;
    const due = nowMs + Math.floor(this.eventRandom() * (maxDelaySeconds * 1000 + 1));
    if (reorder) return due;
    this.lastEventDueMs = Math.max(this.lastEventDueMs, due);
    return this.lastEventDueMs;
  }

  /** True when this delivery's included entity property values should arrive stale (absent). */
  staleProperties(): boolean {
    const rate = this.config.events.staleProperties;
    return rate > 0 && this.eventRandom() < rate;
  }

  /** True when a product event should be delivered one more time. */
  shouldRedeliver(): boolean {
    return this.config.redeliver > 0 && this.random() < this.config.redeliver;
  }
}
