import type { LogLine } from '../../shared/contract/collators';

/**
 * The latest lines of one node, in a fixed number of slots: memory stays
 * bounded however fast a node writes. The full history is on disk.
 */
export class LogRing {
  private readonly slots: Array<LogLine | undefined>;
  private next = 0;
  private size = 0;
  private chars = 0;

  constructor(readonly capacity: number, private readonly maxLineChars: number) {
    if (capacity < 1) throw new RangeError('a log ring needs at least one slot');
    this.slots = new Array<LogLine | undefined>(capacity);
  }

  push(line: LogLine): void {
    const kept = line.text.length > this.maxLineChars ? { ...line, text: `${line.text.slice(0, this.maxLineChars)}…` } : line;
    const old = this.slots[this.next];
    if (old) this.chars -= old.text.length;
    this.slots[this.next] = kept;
    this.chars += kept.text.length;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** The last `limit` lines, oldest first. */
  latest(limit = this.capacity): LogLine[] {
    const count = Math.min(limit, this.size);
    const out: LogLine[] = [];
    for (let i = count; i > 0; i -= 1) {
      const line = this.slots[(this.next - i + this.capacity) % this.capacity];
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
    return this.capacity * (this.maxLineChars + 1);
  }
}
