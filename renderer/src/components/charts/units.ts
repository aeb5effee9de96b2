/** Formatting for operational figures (memory, CPU, durations); balances and addresses have their own formatters. */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  return `${percent >= 10 ? Math.round(percent) : percent.toFixed(1)} %`;
}

export function formatBlockTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** "3 d 4 h", "5 h 12 min", "42 s": the two largest units, for countdowns and uptimes. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min ${seconds % 60} s`;
  return `${seconds} s`;
}

/** "in 3 d 4 h" or "2 h ago". */
export function formatCountdown(targetMs: number, nowMs: number): string {
  return targetMs >= nowMs ? `in ${formatDuration(targetMs - nowMs)}` : `${formatDuration(nowMs - targetMs)} ago`;
}

// One formatter for every call: charts format their ticks often, and toLocaleTimeString builds a new one each time.
const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatClock(atMs: number): string {
  return clockFormat.format(atMs);
}

export function formatBlockNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `#${value.toLocaleString('en-US')}`;
}
