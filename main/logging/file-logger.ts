import log from 'electron-log/node';
import { join } from 'node:path';
import type { Logger } from './logger';

export interface FileLogger extends Logger {
  /** Stops copying lines to stdout/stderr (their reader has gone); the file keeps them all. */
  muteConsole(): void;
}

/** The headless shell's logger: console plus a rotating file in the data folder. */
export function createFileLogger(logDir: string, level: 'debug' | 'info' | 'warn' = 'info'): FileLogger {
  log.transports.file.resolvePathFn = () => join(logDir, 'console.log');
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.file.level = level;
  log.transports.console.level = level;
  return {
    debug: (...args) => log.debug(...args),
    info: (...args) => log.info(...args),
    warn: (...args) => log.warn(...args),
    error: (...args) => log.error(...args),
    muteConsole: () => {
      log.transports.console.level = false;
    },
  };
}
