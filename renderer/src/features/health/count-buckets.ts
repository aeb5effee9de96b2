import { formatAmountExact, type TokenFormat } from '../../format/amount';

/** One point of a counted series from the main process: a bucket's start and what happened in it. */
export type CountPoint = readonly [atMs: number, value: number];

export type BucketSize = 'minute' | 'hour' | 'day';

/** One bar: a bucket's start and its total; null when nothing was recorded at all (the node or console was down). */
export interface Bucket {
  atMs: number;
  total: bigint | null;
}

/**
 * The series' points added up into minutes, hours or local days from `fromMs`
 * to `nowMs`, every bucket present so a chart shows quiet time as quiet.
 * Sums are bigint: each point is a whole count or whole planck (the main
 * process keeps one bucket exact below 2^53), and a week of them must add up exactly.
 */
export function sumIntoBuckets(points: readonly CountPoint[], size: BucketSize, fromMs: number, nowMs: number): Bucket[] {
  const buckets: Bucket[] = [];
  for (let atMs = bucketStart(fromMs, size); atMs <= nowMs; atMs = nextBucket(atMs, size)) buckets.push({ atMs, total: null });
  let index = 0;
  for (const [atMs, value] of points) {
    if (atMs < (buckets[0]?.atMs ?? Infinity)) continue;
    while (index + 1 < buckets.length && (buckets[index + 1]?.atMs ?? Infinity) <= atMs) index += 1;
    const bucket = buckets[index];
    if (bucket === undefined) break;
    bucket.total = (bucket.total ?? 0n) + wholeOf(value);
  }
  return buckets;
}

/** What happened from `fromMs` on, exactly. */
export function totalSince(points: readonly CountPoint[], fromMs: number): bigint {
  let total = 0n;
  for (const [atMs, value] of points) if (atMs >= fromMs) total += wholeOf(value);
  return total;
}

/** Included blocks per Aura author index, from the 1 s points of `includedAuthorIndex`. */
export function countByAuthor(points: readonly CountPoint[], authorSetSize: number): number[] {
  const counts = Array.from({ length: authorSetSize }, () => 0);
  for (const [, value] of points) {
    const index = Math.round(value);
    if (index < 0) continue;
    while (counts.length <= index) counts.push(0);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

/**
 * Planck as a number of tokens, for plotting only: formatted exactly in the
 * token's decimals first, then read as a number (a bar's height needs no more
 * precision than a pixel). Figures shown as text use the bigint.
 */
export function tokensForPlot(planck: bigint, token: TokenFormat): number {
  return Number(formatAmountExact(planck, token).replace(` ${token.symbol}`, '').replace(/,/g, ''));
}

export function startOfLocalDay(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

function bucketStart(ms: number, size: BucketSize): number {
  if (size === 'day') return startOfLocalDay(ms);
  const sizeMs = size === 'hour' ? 3_600_000 : 60_000;
  return ms - (((ms % sizeMs) + sizeMs) % sizeMs);
}

/** Local days are not always 24 h long (daylight saving): step by the calendar. */
function nextBucket(atMs: number, size: BucketSize): number {
  if (size !== 'day') return atMs + (size === 'hour' ? 3_600_000 : 60_000);
  const next = new Date(atMs);
  next.setDate(next.getDate() + 1);
  return next.getTime();
}

function wholeOf(value: number): bigint {
  return Number.isFinite(value) ? BigInt(Math.round(value)) : 0n;
}
