/**
 * Work the monitor started and did not wait for (webhook deliveries, probe
 * shutdowns). Several parts add to one tracker so `idle()` waits for all of
 * it, including work one part starts while another part's work is settling.
 */
export class PendingWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Failures are the starter's to log; here they only mark the work as done. */
  track(promise: Promise<unknown>): void {
    const tracked = promise.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Resolves once nothing is left under way, counting work added while waiting. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
