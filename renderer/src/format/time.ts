/**
 * Durations, countdowns and block numbers. Chain times are estimates from the
 * block time, so countdowns read "about …" and never pretend to the second.
 */

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** `90_061_000` → `1 d 1 h`; `125_000` → `2 min 5 s`; the two largest units, for a glance. */
export function formatDuration(durationMs: number): string {
  const ms = Math.max(0, Math.round(durationMs));
  if (ms < SECOND_MS) return 'less than a second';
  const units: Array<[number, string]> = [[DAY_MS, 'd'], [HOUR_MS, 'h'], [MINUTE_MS, 'min'], [SECOND_MS, 's']];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, label] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${label}`);
    if (parts.length === 2) break;
  }
  // Drop a trailing zero unit: "2 h", not "2 h 0 min".
  return parts.filter((part, index) => index === 0 || !part.startsWith('0 ')).join(' ');
}

/** `in about 3 h 10 min` or `about 5 min ago`, relative to `nowMs`. */
export function formatCountdown(targetMs: number, nowMs: number): string {
  const deltaMs = targetMs - nowMs;
  if (Math.abs(deltaMs) < SECOND_MS) return 'now';
  return deltaMs > 0 ? `in about ${formatDuration(deltaMs)}` : `about ${formatDuration(-deltaMs)} ago`;
}

/** How long `blocks` take at `blockTimeMs` each. */
export function blocksToMs(blocks: number, blockTimeMs: number): number {
  return Math.max(0, blocks) * blockTimeMs;
}

/** When block `target` is expected, given the current block and the block time. */
export function blockEtaMs(target: number, current: number, blockTimeMs: number, nowMs: number): number {
  return nowMs + (target - current) * blockTimeMs;
}

/** `1234567` → `#1,234,567`. */
export function formatBlockNumber(block: number | bigint): string {
  return `#${block.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** A wall-clock time in the operator's locale, for "at 14:05 on 3 Dec". */
export function formatDateTime(atMs: number, locale?: string): string {
  return new Date(atMs).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** File and code sizes: `1536` → `1.5 KiB`. Sizes are not money, so a float is fine here. */
export function formatBytes(sizeBytes: number): string {
  if (sizeBytes < 1024) return `${sizeBytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = sizeBytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}
