import log from 'electron-log/node';
import { join } from 'node:path';
import type { Logger } from './logger';

/** The headless shell's logger: console plus a rotating file in the data folder. */
export function createFileLogger(logDir: string, level: 'debug' | 'info' | 'warn' = 'info'): Logger {
  log.transports.file.resolvePathFn = () => join(logDir, 'console.log');
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.file.level = level;
  log.transports.console.level = level;
  return log;
}
