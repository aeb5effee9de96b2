import type { LogLine } from '../../../../shared/contract/collators';
import { lineMatches, type LogFilter } from './log-filter';

/** A log line as the viewer keeps it: the contract's line with its colour codes removed once, on arrival. */
export type ViewLine = LogLine;

/**
 * The lines of one node the viewer holds, bounded to `capacity` lines, plus
 * the subset that passes the current filter.
 *
 * Both lists only grow at the end and lose lines at the front (the oldest go
 * first), so a batch costs time in its own size, never in the 100,000 lines
 * kept: new lines are filtered on arrival and the filtered list is trimmed
 * from the front when the oldest lines are evicted.
 */
export class LogStore {
  private readonly all = new FrontTrimmedList<ViewLine>();
  private readonly shown = new FrontTrimmedList<ViewLine>();
  private filter: LogFilter = { levels: null, text: '' };
  private lastSeq = -1;
  private versionNumber = 0;
  private readonly listeners = new Set<() => void>();
  /** Lines missing between the ones received (a flood the main process sent to disk only); they are in the log file. */
  missed = 0;
  /** Lines evicted from memory because the store was full. */
  evicted = 0;
  /** Lines evicted from the filtered view since the last `takeTrimmedShown()`; lets a paused view keep its place. */
  private trimmedShown = 0;

  constructor(readonly capacity = 100_000) {}

  get size(): number {
    return this.all.length;
  }

  get shownCount(): number {
    return this.shown.length;
  }

  /** Bumps on every change; a React view reads it through `useSyncExternalStore`. */
  get version(): number {
    return this.versionNumber;
  }

  shownAt(index: number): ViewLine | undefined {
    return this.shown.at(index);
  }

  /** Adds lines in order; lines already held (same or older `seq`) are ignored, so a replay after a reconnect is harmless. */
  append(lines: readonly LogLine[]): void {
    let added = 0;
    for (const line of lines) {
      if (line.seq <= this.lastSeq) continue;
      // A batch's skipped lines show up here as a gap too, so the gap alone is counted.
      if (this.lastSeq >= 0 && line.seq > this.lastSeq + 1) this.missed += line.seq - this.lastSeq - 1;
      this.lastSeq = line.seq;
      const kept = { ...line, text: stripAnsi(line.text) };
      this.all.push(kept);
      if (lineMatches(kept, this.filter)) this.shown.push(kept);
      added++;
    }
    if (added === 0) return;
    this.evictOverflow();
    this.changed();
  }

  setFilter(filter: LogFilter): void {
    this.filter = filter;
    this.shown.clear();
    for (let i = 0; i < this.all.length; i++) {
      const line = this.all.at(i);
      if (line && lineMatches(line, filter)) this.shown.push(line);
    }
    this.trimmedShown = 0;
    this.changed();
  }

  /** Forgets every line, and the sequence: after the console restarts, a node's lines count from zero again. */
  clear(): void {
    this.all.clear();
    this.shown.clear();
    this.trimmedShown = 0;
    this.lastSeq = -1;
    this.missed = 0;
    this.evicted = 0;
    this.changed();
  }

  /** How many shown lines left the front since the last call: a view that is not following scrolls up by as many rows. */
  takeTrimmedShown(): number {
    const trimmed = this.trimmedShown;
    this.trimmedShown = 0;
    return trimmed;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private evictOverflow(): void {
    const overflow = this.all.length - this.capacity;
    if (overflow <= 0) return;
    const newestEvicted = this.all.at(overflow - 1);
    this.all.dropFront(overflow);
    this.evicted += overflow;
    if (!newestEvicted) return;
    let drop = 0;
    while (drop < this.shown.length && (this.shown.at(drop)?.seq ?? Infinity) <= newestEvicted.seq) drop++;
    this.shown.dropFront(drop);
    this.trimmedShown += drop;
  }

  private changed(): void {
    this.versionNumber++;
    for (const listener of this.listeners) listener();
  }
}

/**
 * An array that is appended at the end and trimmed at the front in O(1):
 * the front is an offset, and the array is compacted only once half of it is dead.
 */
export class FrontTrimmedList<T> {
  private items: T[] = [];
  private start = 0;

  get length(): number {
    return this.items.length - this.start;
  }

  at(index: number): T | undefined {
    return index < 0 || index >= this.length ? undefined : this.items[this.start + index];
  }

  push(item: T): void {
    this.items.push(item);
  }

  dropFront(count: number): void {
    this.start = Math.min(this.items.length, this.start + count);
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }

  clear(): void {
    this.items = [];
    this.start = 0;
  }
}

// CSI and OSC sequences: nodes colour their output even when it is piped.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*(?:\x07|\x1b\\)/g;

export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}
