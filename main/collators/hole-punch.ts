import { execFile } from 'node:child_process';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeChildEnv } from '../process/safe-child-env';

const FALLOCATE = 'fallocate';
const PUNCH_TIMEOUT_MS = 10_000;

/**
 * Frees the disk blocks behind the first `lengthBytes` of a file while the
 * process that owns it keeps appending: the file keeps its size (the range
 * reads back as zeros) but no longer takes that space on disk. This is what
 * lets a node's log be cut without stopping the node or losing a line.
 *
 * Node has no binding for fallocate(2), so this runs util-linux `fallocate`
 * with an argument array; a native addon would need an install script.
 */
export function punchHole(path: string, lengthBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(FALLOCATE, ['--punch-hole', '--offset', '0', '--length', String(lengthBytes), path], { timeout: PUNCH_TIMEOUT_MS, windowsHide: true, env: safeChildEnv(process.env) }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`fallocate --punch-hole failed on ${path}: ${String(stderr).trim() || error.message}`, { cause: error }));
      else resolve();
    });
  });
}

/**
 * Whether holes can be punched in files of `dir`: Linux with util-linux
 * installed, on a filesystem that supports it (ext4, xfs, btrfs, tmpfs do).
 * Tried on a scratch file, since only trying tells.
 */
export async function canPunchHoles(dir: string): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  const probe = join(dir, `.punch-probe-${process.pid}`);
  const blockBytes = 64 * 1024;
  try {
    await writeFile(probe, Buffer.alloc(2 * blockBytes, 0x61));
    const before = await stat(probe);
    await punchHole(probe, blockBytes);
    const after = await stat(probe);
    return after.size === before.size && after.blocks < before.blocks;
  } catch {
    return false;
  } finally {
    await rm(probe, { force: true });
  }
}
