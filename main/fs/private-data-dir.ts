import { chmodSync, mkdirSync } from 'node:fs';
import { PRIVATE_DIR_MODE } from './write-file-atomic';

/**
 * Makes the data folder, and everything the console creates from now on,
 * readable by the operator's account only. The folder holds sealed keys, the
 * webhook address, pid files that decide which process gets signalled, and
 * node logs that may name accounts and peers; on a shared server another
 * user must not read or plant any of it.
 *
 * The umask covers every writer at once, including the ones this code does
 * not open itself (electron-log, conf, the nodes' own files); the chmod
 * repairs a folder created by an older version with the default 0755.
 */
export function makeDataDirPrivate(dataDir: string): void {
  if (process.platform !== 'win32') process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32') chmodSync(dataDir, PRIVATE_DIR_MODE);
}
