import type { LogLine } from '../../shared/contract/collators';

export interface LogRingLimits {
  /** Most lines kept. */
  lines: number;
  /** A longer line is cut to this many characters. */
  maxLineChars: number;
  /** Most characters of text kept in all: the oldest lines go first when a node writes long lines. */
  maxTextChars: number;
}

/**
 * The latest lines of one node in a fixed budget of lines and characters:
 * memory stays bounded however fast or wide a node writes. The full history
 * is on disk.
 */
export class LogRing {
  private readonly slots: Array<LogLine | undefined>;
  private head = 0;
  private size = 0;
  private chars = 0;

  constructor(private readonly limits: LogRingLimits) {
    if (limits.lines < 1) throw new RangeError('a log ring needs at least one slot');
    this.slots = new Array<LogLine | undefined>(limits.lines);
  }

  push(line: LogLine): void {
    const kept = line.text.length > this.limits.maxLineChars ? { ...line, text: `${line.text.slice(0, this.limits.maxLineChars)}…` } : line;
    if (this.size === this.limits.lines) this.dropOldest();
    while (this.size > 0 && this.chars + kept.text.length > this.limits.maxTextChars) this.dropOldest();
    this.slots[(this.head + this.size) % this.limits.lines] = kept;
    this.size += 1;
    this.chars += kept.text.length;
  }

  /** The last `limit` lines, oldest first. */
  latest(limit = this.limits.lines): LogLine[] {
    const count = Math.min(limit, this.size);
    const out: LogLine[] = [];
    for (let i = this.size - count; i < this.size; i += 1) {
      const line = this.slots[(this.head + i) % this.limits.lines];
      if (line) out.push(line);
    }
    return out;
  }

  get length(): number {
    return this.size;
  }

  /** Characters of text held now (UTF-16 units, so about twice as many bytes). */
  get textChars(): number {
    return this.chars;
  }

  /** The most text this ring can ever hold, whatever the node writes. */
  get maxTextChars(): number {
    return Math.min(this.limits.maxTextChars, this.limits.lines * (this.limits.maxLineChars + 1)) + this.limits.maxLineChars + 1;
  }

  private dropOldest(): void {
    const old = this.slots[this.head];
    if (old) this.chars -= old.text.length;
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.limits.lines;
    this.size -= 1;
  }
}
