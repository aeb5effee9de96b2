import type { Logger } from '../../../../main/logging/logger';

/** A logger that keeps what it was told, so a test can see a failure was reported rather than thrown. */
export function recordingLogger() {
  const lines: Array<{ level: keyof Logger; text: string }> = [];
  const keep = (level: keyof Logger) => (...args: unknown[]) => {
    lines.push({ level, text: args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ') });
  };
  const log: Logger = { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
  return { log, lines, warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.text) };
}
