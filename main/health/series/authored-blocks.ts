/**
 * Turns what a collator says about its own blocks into "blocks authored since
 * the last sample", for the `authoredBlocks` series (summed per bucket, so the
 * minute tier reads as blocks per minute).
 *
 * Two sources say the same thing: the Prometheus counter
 * `substrate_proposer_block_constructed_count` and the log line "Prepared
 * block for proposing". The counter is exact and wins whenever the metrics
 * answer; the log counts only while they do not, so no block is counted twice.
 * After a gap in the metrics the next counter reading is a fresh baseline:
 * the blocks of the gap were already counted from the log.
 */
export class AuthoredBlocksTally {
  private lastCounter: number | null = null;
  private fromLogs = 0;
  private metricsUp = false;

  /** One "Prepared block for proposing" log line. */
  noteLoggedBlock(): void {
    if (!this.metricsUp) this.fromLogs += 1;
  }

  /**
   * Blocks authored since the previous call. `counter` is the Prometheus
   * reading, or null while the metrics do not answer.
   */
  take(counter: number | null): number {
    let authored = 0;
    if (counter === null) {
      this.metricsUp = false;
      this.lastCounter = null;
    } else {
      this.metricsUp = true;
      // A restarted node counts from zero again: all it has counted is new.
      if (this.lastCounter !== null) authored = counter >= this.lastCounter ? counter - this.lastCounter : counter;
      this.lastCounter = counter;
    }
    authored += this.fromLogs;
    this.fromLogs = 0;
    return authored;
  }
}
