import type { Logger } from '../logging/logger';

/** Errors a write to a terminal or pipe gives once the reader has gone. */
const GONE = new Set(['EPIPE', 'EIO', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/**
 * A headless console must outlive the terminal that started it: an operator
 * who closes an SSH session, or a parent that closes our output pipes, must
 * not take the collators' watcher down with it.
 *
 * - A write to a closed stdout or stderr fails asynchronously with EPIPE (or
 *   EIO on a vanished terminal); unhandled, that 'error' event would end the
 *   process. It is caught, the console copy of the log is switched off, and
 *   the log file carries on alone.
 * - SIGHUP (the terminal hung up) would end the process by default; it is
 *   logged instead, and the console copy of the log is switched off too,
 *   since the terminal it went to is gone.
 */
export function surviveTerminalLoss(log: Logger, muteConsole: () => void): void {
  let muted = false;
  const mute = (why: string): void => {
    if (muted) return;
    muted = true;
    muteConsole();
    log.warn(`server: ${why}; still running, the log file keeps the record`);
  };

  for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code && GONE.has(error.code)) mute(`${name} was closed (${error.code})`);
      else log.error(`server: writing to ${name} failed`, error);
    });
  }
  process.on('SIGHUP', () => mute('the terminal hung up (SIGHUP)'));
}
