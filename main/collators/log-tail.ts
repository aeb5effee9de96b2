import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 256 * 1024;

/**
 * Follows a log file the node appends to, handing back whole lines. Reads
 * are synchronous on purpose: the file is in the page cache and one call per
 * tick is far cheaper than a round trip through the thread pool.
 */
export class LogTail {
  private readonly fd: number;
  private offset: number;
  private partial = '';
  private readonly decoder = new StringDecoder('utf8');
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);

  /** `fromEndBytes`: start this many bytes before the end (a re-adopted node's recent history); default from the start. */
  constructor(readonly path: string, fromEndBytes?: number) {
    this.fd = openSync(path, 'r');
    const size = fstatSync(this.fd).size;
    this.offset = fromEndBytes === undefined ? 0 : Math.max(0, size - fromEndBytes);
    if (this.offset > 0) this.readLines(CHUNK_BYTES).shift(); // the first line was cut
  }

  /** Whole lines written since the last call, reading at most `maxBytes`. */
  readLines(maxBytes: number): string[] {
    let text = '';
    let budget = maxBytes;
    while (budget > 0) {
      const read = readSync(this.fd, this.buffer, 0, Math.min(CHUNK_BYTES, budget), this.offset);
      if (read === 0) break;
      this.offset += read;
      budget -= read;
      text += this.decoder.write(this.buffer.subarray(0, read));
    }
    if (text === '') return [];
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    return lines.map(trimCr);
  }

  /** Everything left, the unfinished last line included: the writer is gone. */
  drain(): string[] {
    const lines = this.readLines(Number.MAX_SAFE_INTEGER);
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest !== '') lines.push(trimCr(rest));
    return lines;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function trimCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
