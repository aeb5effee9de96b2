import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, writeFileAtomicSync } from '../fs/write-file-atomic';
import type { Logger } from '../logging/logger';
import { newAccessToken } from './access-token';

export const TOKEN_FILE = 'access-token';
/** newAccessToken() gives 32 base64url characters; anything shorter was not written by us. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * The headless console's access token, kept in the data folder (mode 0600,
 * the folder 0700) so that it stays the same across restarts: a page left
 * open while the console restarts (an upgrade, a systemd restart) keeps its
 * HttpOnly cookie and reconnects without asking the operator for a new link.
 * The file is no weaker than the folder it sits in: whoever can read it can
 * already read the vault and the settings beside it.
 *
 * A token file that anyone else could read, that is not a plain file (a
 * symlink planted to point elsewhere) or that is malformed is replaced by a
 * new token. Deleting the file, or `--new-token`, gives a new one at the next start.
 */
export function loadOrCreateAccessToken(dataDir: string, log: Logger, options: { renew?: boolean } = {}): string {
  const path = join(dataDir, TOKEN_FILE);
  const kept = options.renew ? undefined : readKeptToken(path, log);
  if (kept) return kept;
  const token = newAccessToken();
  writeFileAtomicSync(path, token, { mode: PRIVATE_FILE_MODE });
  log.info(`server: a new access token was written to ${path}`);
  return token;
}

function readKeptToken(path: string, log: Logger): string | undefined {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) {
    log.warn(`server: ${path} is not a plain file; replacing it with a new token`);
    return undefined;
  }
  if (process.platform !== 'win32' && ((stats.mode & 0o077) !== 0 || stats.uid !== process.getuid?.())) {
    log.warn(`server: ${path} could be read by another account; replacing it with a new token`);
    return undefined;
  }
  const token = readFileSync(path, 'utf8').trim();
  return TOKEN_SHAPE.test(token) ? token : undefined;
}
