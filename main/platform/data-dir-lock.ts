import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceError } from '../errors/service-error';
import { makeDataDirPrivate } from '../fs/private-data-dir';

/**
 * One console per data folder: two would supervise the same collators twice.
 * A lock file holds the owner's pid; a lock whose pid is gone is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  // Both shells take the lock before anything else touches the folder: the one place to make it private.
  makeDataDirPrivate(dataDir);
  const lockPath = join(dataDir, 'console.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new ServiceError(
          'conflict',
          `Another Parachain Console (process ${owner}) is already using ${dataDir}.`,
          'Use that console, stop it first, or start this one with --data-dir pointing at another folder.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new ServiceError('conflict', `Could not take the lock on ${dataDir}.`, 'Remove console.lock in that folder if no console is running.');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
