// A fixed one-minute window per bucket on the sandbox clock: the shape of Okta's org-wide rate
// limits ("the number of requests left for the current rate-limit window" and when it resets,
// https://developer.okta.com/docs/reference/rl-best-practices/ › "Check your rate limits with
// Okta's rate limit headers"). The per-bucket limit is the sandbox's choice: real limits differ by
// endpoint and org, so the app must read the headers, never assume a number.
export interface WindowState {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  resetSeconds: number;
  exceeded: boolean;
}

export class RateWindows {
  private readonly counts = new Map<string, { window: number; used: number }>();

  constructor(
    private readonly nowMs: () => number,
    public perMinute: number,
  ) {}

  hit(bucket: string): WindowState {
    const window = Math.floor(this.nowMs() / 60_000);
    const cur = this.counts.get(bucket);
    const used = (cur && cur.window === window ? cur.used : 0) + 1;
    this.counts.set(bucket, { window, used });
    return {
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - used),
      resetSeconds: (window + 1) * 60,
      exceeded: used > this.perMinute,
    };
  }

  reset(): void {
    this.counts.clear();
  }
}
