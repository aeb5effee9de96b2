import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Files the console writes hold keys, sealed secrets, pids and logs: only the operator's own account may read them. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export interface AtomicWriteOptions {
  /** Defaults to 0600; the mode is set on the new file, whatever the old one had. */
  mode?: number;
}

/**
 * Replaces a file so that a crash or power cut at any moment leaves either the
 * old version or the whole new one, never half of it or an empty file: the
 * data is written to a temporary file beside it, flushed to disk (fsync), and
 * only then renamed over the old name; the folder is flushed after, so the
 * rename itself survives a power cut. The one way this console writes a file whole.
 *
 * Our own rather than npm's `write-file-atomic`: that one flushes the file but not the folder after the rename (so
 * the new name can be lost in a power cut), and by default it keeps an existing file's mode where every file we write must end 0600.
 */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const folder = dirname(filePath);
  await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  const temporary = temporaryNameFor(filePath);
  try {
    const handle = await open(temporary, 'wx', options.mode ?? PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, filePath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** `writeFileAtomic` for the callers that write on a synchronous path (settings of health rules, the wizard's progress). */
export function writeFileAtomicSync(filePath: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const folder = dirname(filePath);
  mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  const temporary = temporaryNameFor(filePath);
  try {
    const fd = openSync(temporary, 'wx', options.mode ?? PRIVATE_FILE_MODE);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, filePath);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolderSync(folder);
}

/** Unique per write, so two writers (two processes, or two calls racing) never share a temporary file. */
function temporaryNameFor(filePath: string): string {
  return `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** Windows cannot open a folder for fsync, and its rename is durable without it: skip there. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function syncFolderSync(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
