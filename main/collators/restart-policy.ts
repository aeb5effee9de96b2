export interface RestartPolicyOptions {
  /** Delay before the first restart after a crash. */
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** A crash loop: `maxRestarts` restarts within `windowMs`. */
  maxRestarts: number;
  windowMs: number;
}

export const defaultRestartPolicy: RestartPolicyOptions = {
  initialDelayMs: 10_000,
  maxDelayMs: 300_000,
  factor: 2,
  maxRestarts: 5,
  windowMs: 10 * 60_000,
};

export type RestartDecision = { action: 'restart'; delayMs: number } | { action: 'give-up'; restartsInWindow: number };

/**
 * Decides what to do after each crash: wait longer each time, and stop
 * trying once the node has been restarted too often in the window.
 */
export class RestartPolicy {
  private restarts: number[] = [];

  constructor(private readonly options: RestartPolicyOptions) {}

  onCrash(now: number): RestartDecision {
    this.restarts = this.restarts.filter((at) => now - at < this.options.windowMs);
    if (this.restarts.length >= this.options.maxRestarts) {
      return { action: 'give-up', restartsInWindow: this.restarts.length };
    }
    const delayMs = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * this.options.factor ** this.restarts.length);
    this.restarts.push(now);
    return { action: 'restart', delayMs };
  }

  /** The operator started the node again: the count starts over. */
  reset(): void {
    this.restarts = [];
  }
}
