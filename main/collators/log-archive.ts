import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { PRIVATE_FILE_MODE, writeFileAtomicSync } from '../fs/write-file-atomic';
import type { Logger } from '../logging/logger';
import { checkpointPath, segmentPath } from './log-files';

export interface LogArchiveLimits {
  /** A segment is closed once it reaches this size (on a line boundary). */
  segmentBytes: number;
  /** Segments kept per run; older ones are deleted. */
  segmentsKept: number;
}

export interface LogArchiveOptions extends LogArchiveLimits {
  /** Frees the disk blocks of the first `lengthBytes` of the spool (see hole-punch.ts). */
  punch: (path: string, lengthBytes: number) => Promise<void>;
  log: Logger;
  /** Blocks are freed in steps at least this large, as each step is one short-lived process. */
  releaseStepBytes?: number;
  /** The checkpoint is saved after at least this many bytes copied, besides every new segment. */
  checkpointEveryBytes?: number;
}

const checkpointSchema = z.object({
  offset: z.number().int().min(0),
  segment: z.number().int().min(1),
  segmentBytes: z.number().int().min(0),
});
type Checkpoint = z.infer<typeof checkpointSchema>;

const CHUNK_BYTES = 256 * 1024;
const NEWLINE = 0x0a;
const FS_BLOCK_BYTES = 4096;
const copyBuffer = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * Cuts a running node's output into size-bounded segments without losing a
 * line and without touching the node: the node appends to its spool file
 * through its own descriptor (so it can outlive the console), this copies
 * what it wrote into the current segment, and once a range is both copied
 * (checkpointed) and read by the log tail, its disk blocks are freed.
 *
 * Exactly once across a console crash: the checkpoint records the spool
 * offset and the segment size together; reopening cuts the segment back to
 * that size and copies again from that offset, and blocks are only ever freed
 * below a saved checkpoint.
 */
export class LogArchive {
  private readonly spoolFd: number;
  private segmentFd: number;
  private state: Checkpoint;
  private saved: Checkpoint;
  private released = 0;
  private releasing: Promise<void> | null = null;
  private releaseFailed = false;
  private readonly releaseStepBytes: number;
  private readonly checkpointEveryBytes: number;
  private closed = false;

  constructor(
    readonly spoolPath: string,
    private readonly options: LogArchiveOptions,
  ) {
    this.releaseStepBytes = options.releaseStepBytes ?? 4 * 1024 * 1024;
    this.checkpointEveryBytes = options.checkpointEveryBytes ?? 1024 * 1024;
    this.state = readCheckpoint(spoolPath, options.log);
    this.spoolFd = openSync(spoolPath, 'r');
    const segment = segmentPath(spoolPath, this.state.segment);
    // Bytes past the checkpoint were copied by a session that ended before saving it; they come again from the spool.
    if (existsSync(segment)) truncateSync(segment, this.state.segmentBytes);
    this.segmentFd = openSync(segment, 'a', PRIVATE_FILE_MODE);
    this.state.segmentBytes = fstatSync(this.segmentFd).size;
    this.saved = { ...this.state };
  }

  /** The segment being written: the newest readable part of the log. */
  get currentSegment(): string {
    return segmentPath(this.spoolPath, this.state.segment);
  }

  /** Spool bytes copied so far. */
  get copiedBytes(): number {
    return this.state.offset;
  }

  /** Copies at most `maxBytes` more of the spool into segments; returns the bytes copied. */
  copy(maxBytes: number, includePartialLine = false): number {
    let copied = 0;
    while (copied < maxBytes) {
      const wanted = Math.min(CHUNK_BYTES, maxBytes - copied);
      const read = readSync(this.spoolFd, copyBuffer, 0, wanted, this.state.offset);
      if (read === 0) break;
      // A line the node is still writing waits for its end, so no line is split between two segments;
      // a chunk without any newline is a line longer than the buffer, taken as it is.
      const lastNewline = copyBuffer.subarray(0, read).lastIndexOf(NEWLINE);
      const whole = includePartialLine || (lastNewline === -1 && read === CHUNK_BYTES) ? read : lastNewline + 1;
      if (whole === 0) break;
      this.append(copyBuffer.subarray(0, whole));
      copied += whole;
      // Stopped mid-line at the end of what the node has written so far: the rest comes next time.
      if (whole < read && read < wanted) break;
      if (this.state.offset - this.saved.offset >= this.checkpointEveryBytes) this.saveCheckpoint();
    }
    return copied;
  }

  /**
   * Frees the spool's blocks below both the saved checkpoint and `readOffset`
   * (how far the log tail has read: it must never meet a hole).
   */
  release(readOffset: number): void {
    if (this.releasing || this.releaseFailed || this.closed) return;
    const target = Math.floor(Math.min(this.saved.offset, readOffset) / FS_BLOCK_BYTES) * FS_BLOCK_BYTES;
    if (target - this.released < this.releaseStepBytes) return;
    this.releasing = this.options
      .punch(this.spoolPath, target)
      .then(() => {
        this.released = target;
      })
      .catch((error: unknown) => {
        // The log stays complete, only larger on disk: say so once and carry on copying.
        this.releaseFailed = true;
        this.options.log.warn(`collators: cannot free the copied part of ${this.spoolPath}; it will keep growing until the node stops`, error);
      })
      .finally(() => {
        this.releasing = null;
      });
  }

  /** The node is gone: copies the rest and removes the spool, leaving only the segments. */
  async finish(): Promise<void> {
    this.copy(Number.MAX_SAFE_INTEGER, true);
    await this.releasing;
    this.closeFiles();
    rmSync(this.spoolPath, { force: true });
    rmSync(checkpointPath(this.spoolPath), { force: true });
  }

  /** The node runs on without us: saves where the copy got, for the next session. */
  close(): void {
    if (this.closed) return;
    this.saveCheckpoint();
    if (this.releasing) void this.releasing.then(() => this.closeFiles());
    else this.closeFiles();
    this.closed = true;
  }

  private append(bytes: Buffer): void {
    let rest = bytes;
    while (rest.length > 0) {
      const room = this.options.segmentBytes - this.state.segmentBytes;
      if (rest.length <= room) {
        this.write(rest);
        return;
      }
      const cut = room > 0 ? rest.lastIndexOf(NEWLINE, room - 1) : -1;
      if (cut !== -1) {
        this.write(rest.subarray(0, cut + 1));
        rest = rest.subarray(cut + 1);
      } else if (this.state.segmentBytes === 0) {
        // One line longer than a whole segment: it is split rather than kept whole forever.
        this.write(rest.subarray(0, Math.max(room, 1)));
        rest = rest.subarray(Math.max(room, 1));
      }
      this.nextSegment();
    }
  }

  private write(bytes: Buffer): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.segmentFd, bytes, done, bytes.length - done);
    // Offset and segment size move together, so a checkpoint taken at any point (a new segment mid-chunk) is exact.
    this.state.segmentBytes += bytes.length;
    this.state.offset += bytes.length;
  }

  private nextSegment(): void {
    closeSync(this.segmentFd);
    this.state.segment += 1;
    this.state.segmentBytes = 0;
    this.segmentFd = openSync(this.currentSegment, 'w', PRIVATE_FILE_MODE);
    const expired = this.state.segment - this.options.segmentsKept;
    if (expired >= 1) rmSync(segmentPath(this.spoolPath, expired), { force: true });
    this.saveCheckpoint();
  }

  private saveCheckpoint(): void {
    const path = checkpointPath(this.spoolPath);
    writeFileAtomicSync(path, JSON.stringify(this.state));
    this.saved = { ...this.state };
  }

  private filesClosed = false;

  private closeFiles(): void {
    if (this.filesClosed) return;
    this.filesClosed = true;
    this.closed = true;
    closeSync(this.spoolFd);
    closeSync(this.segmentFd);
  }
}

function readCheckpoint(spoolPath: string, log: Logger): Checkpoint {
  const path = checkpointPath(spoolPath);
  if (!existsSync(path)) return { offset: 0, segment: 1, segmentBytes: 0 };
  try {
    return checkpointSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    // Copying from the start again duplicates lines but loses none.
    log.warn(`collators: unreadable log checkpoint ${path}; copying ${spoolPath} again from the start`, error);
    return { offset: 0, segment: 1, segmentBytes: 0 };
  }
}
