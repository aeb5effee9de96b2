/** The chain has made no new block for longer than expected: the last block seen and when. */
export interface HeadStall {
  lastBlockNumber: number;
  /** Wall-clock ms when the console saw that block arrive. */
  lastBlockAt: number;
  forMs: number;
}

/**
 * Tells whether a connected chain still makes blocks. A socket can stay open
 * and answer every request while the chain behind it has stopped (a stuck
 * node, a halted chain): "connected" alone would hide that. Fed with each new
 * head and a clock tick; reports a stall once no block came for `stallAfterMs`,
 * again as it grows, and its end when a block comes.
 */
export class HeadWatch {
  private last: { number: number; at: number } | undefined;
  private stall: HeadStall | undefined;

  constructor(
    private readonly stallAfterMs: number,
    private readonly onChange: (stall: HeadStall | undefined) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): HeadStall | undefined {
    return this.stall;
  }

  sawBlock(number: number): void {
    this.last = { number, at: this.now() };
    if (this.stall) {
      this.stall = undefined;
      this.onChange(undefined);
    }
  }

  /** A new endpoint: its blocks get a full period to arrive before anything is called stalled. */
  restart(): void {
    if (this.last) this.last = { ...this.last, at: this.now() };
    if (this.stall) {
      this.stall = undefined;
      this.onChange(undefined);
    }
  }

  tick(): void {
    if (!this.last) return;
    const forMs = this.now() - this.last.at;
    if (forMs < this.stallAfterMs) return;
    this.stall = { lastBlockNumber: this.last.number, lastBlockAt: this.last.at, forMs };
    this.onChange(this.stall);
  }
}
