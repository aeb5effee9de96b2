import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 256 * 1024;
const NEWLINE = 0x0a;
/** One read buffer for every tail: reads are synchronous and each chunk is decoded before the next read. */
const sharedBuffer = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * Follows a log file the node appends to, handing back whole lines. Reads
 * are synchronous on purpose: the file is in the page cache and one call per
 * tick is far cheaper than a round trip through the thread pool. Lines are
 * split on the bytes and decoded one by one, so a line kept in the ring is
 * its own small string, not a slice pinning a whole 256 KiB chunk in memory
 * (UTF-8 never has a newline byte inside a character).
 */
export class LogTail {
  private readonly fd: number;
  private offset: number;
  private partial: Buffer = Buffer.alloc(0);
  private readonly buffer = sharedBuffer;

  /** `fromEndBytes`: start this many bytes before the end (a re-adopted node's recent history); default from the start. */
  constructor(readonly path: string, fromEndBytes?: number) {
    this.fd = openSync(path, 'r');
    const size = fstatSync(this.fd).size;
    this.offset = fromEndBytes === undefined ? 0 : Math.max(0, size - fromEndBytes);
    if (this.offset > 0) this.skipCutLine();
  }

  /** Bytes of the file consumed so far (an unfinished last line included). */
  get readOffset(): number {
    return this.offset;
  }

  /** Whole lines written since the last call, reading at most `maxBytes`. */
  readLines(maxBytes: number): string[] {
    const lines: string[] = [];
    let budget = maxBytes;
    while (budget > 0) {
      const wanted = Math.min(CHUNK_BYTES, budget);
      const read = readSync(this.fd, this.buffer, 0, wanted, this.offset);
      if (read === 0) break;
      this.offset += read;
      budget -= read;
      this.splitInto(lines, read);
      // A short read is the end of what the node has written so far: asking again would only return 0.
      // With a hundred nodes polled every 16 ms, that second call was half of all the supervisor's reads.
      if (read < wanted) break;
    }
    return lines;
  }

  /** Everything left, the unfinished last line included: the writer is gone. */
  drain(): string[] {
    const lines = this.readLines(Number.MAX_SAFE_INTEGER);
    if (this.partial.length > 0) lines.push(decodeLine(this.partial, 0, this.partial.length));
    this.partial = Buffer.alloc(0);
    return lines;
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Starting mid-file lands inside a line: begin after its end instead. */
  private skipCutLine(): void {
    for (;;) {
      const read = readSync(this.fd, this.buffer, 0, CHUNK_BYTES, this.offset);
      if (read === 0) return;
      const newline = this.buffer.subarray(0, read).indexOf(NEWLINE);
      if (newline !== -1) {
        this.offset += newline + 1;
        return;
      }
      this.offset += read;
    }
  }

  private splitInto(lines: string[], length: number): void {
    const chunk = this.buffer.subarray(0, length);
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, 0);
    if (this.partial.length > 0 && newline !== -1) {
      const joined = Buffer.concat([this.partial, chunk.subarray(0, newline)]);
      lines.push(decodeLine(joined, 0, joined.length));
      this.partial = Buffer.alloc(0);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    while (newline !== -1) {
      lines.push(decodeLine(chunk, start, newline));
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < length) this.partial = Buffer.concat([this.partial, chunk.subarray(start, length)]);
  }
}

function decodeLine(bytes: Buffer, start: number, end: number): string {
  const stop = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
  return bytes.toString('utf8', start, stop);
}
