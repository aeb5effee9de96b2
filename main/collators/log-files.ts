import { basename, dirname, join } from 'node:path';

/**
 * How a node's log files are named in `<logs>/collators/<profileId>/`. Each
 * run has an id (its start time); its files all begin with it:
 *
 * - `<run>.out`: what the node itself appends (stdout and stderr). Once the
 *   console has copied a range into the segments, the range's disk blocks are
 *   freed, so the file stays small on disk while its size keeps counting.
 * - `<run>.out.archive.json`: how far the copy got (the checkpoint).
 * - `<run>.000001.log`, `<run>.000002.log`…: the readable log, cut at a size
 *   on line boundaries; only the newest few are kept.
 * - `<run>.log`: a run from before segments existed (or where holes cannot be
 *   punched), the whole output in one file.
 */
export const SPOOL_SUFFIX = '.out';
const CHECKPOINT_SUFFIX = '.archive.json';
const SEGMENT_DIGITS = 6;

export function spoolFileName(runId: string): string {
  return `${runId}${SPOOL_SUFFIX}`;
}

export function checkpointPath(spoolPath: string): string {
  return `${spoolPath}${CHECKPOINT_SUFFIX}`;
}

export function segmentPath(spoolPath: string, segment: number): string {
  return join(dirname(spoolPath), `${runIdOf(basename(spoolPath))}.${String(segment).padStart(SEGMENT_DIGITS, '0')}.log`);
}

/** The run a file of the folder belongs to; run ids hold no dots. */
export function runIdOf(fileName: string): string {
  const dot = fileName.indexOf('.');
  return dot === -1 ? fileName : fileName.slice(0, dot);
}

export function isSpool(fileName: string): boolean {
  return fileName.endsWith(SPOOL_SUFFIX);
}

/** A run id that sorts by start time. */
export function newRunId(now: Date, unique: bigint): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${unique % 1_000_000n}`;
}
