import { describe, expect, it } from 'vitest';
import { countByAuthor, startOfLocalDay, sumIntoBuckets, tokensForPlot, totalSince } from '../../../renderer/src/features/health/count-buckets';

const DOT = { symbol: 'DOT', decimals: 10 };
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

describe('the dashboard reads counted series as bars and totals', () => {
  const morning = new Date(2026, 10, 20, 9, 30).getTime();

  it('adds minute points into hours, every hour present, a silent one empty rather than zero', () => {
    const points = [
      [morning, 3],
      [morning + MINUTE_MS, 0],
      [morning + 40 * MINUTE_MS, 2], // 10:10
      [morning + 2 * HOUR_MS, 0], // 11:30: followed, nothing happened
    ] as const;
    const buckets = sumIntoBuckets(points, 'hour', morning - HOUR_MS, morning + 3 * HOUR_MS);
    expect(buckets.map((bucket) => bucket.total)).toEqual([null, 3n, 2n, 0n, null]);
    expect(buckets[1]?.atMs).toBe(new Date(2026, 10, 20, 9).getTime());
  });

  it('totals a week of on-demand spending exactly, beyond what a number holds, and splits today from the week', () => {
    const points = Array.from({ length: 7 * 24 }, (_, hour) => [startOfLocalDay(morning) - 6 * 24 * HOUR_MS + hour * HOUR_MS, 4_000_000_000_000_001] as const);
    const week = totalSince(points, -Infinity);
    expect(week).toBe(168n * 4_000_000_000_000_001n);
    expect(Number.isSafeInteger(Number(week))).toBe(false);
    expect(totalSince(points, startOfLocalDay(morning))).toBe(24n * 4_000_000_000_000_001n);
    const days = sumIntoBuckets(points, 'day', startOfLocalDay(morning) - 6 * 24 * HOUR_MS, morning + 24 * HOUR_MS);
    expect(days).toHaveLength(8);
    expect(days.slice(0, 7).every((day) => day.total === 24n * 4_000_000_000_000_001n)).toBe(true);
  });

  it('plots planck in tokens with the token’s decimals', () => {
    expect(tokensForPlot(12_345_678_901_234n, DOT)).toBe(1234.5678901234);
    expect(tokensForPlot(5n, DOT)).toBe(5e-10);
    expect(tokensForPlot(0n, DOT)).toBe(0);
  });

  it('counts included blocks per author, the silent authors included', () => {
    expect(countByAuthor([[1, 0], [2, 2], [3, 0], [4, 2], [5, 0]], 4)).toEqual([3, 0, 2, 0]);
    expect(countByAuthor([[1, 5]], 2)).toEqual([0, 0, 0, 0, 0, 1]);
  });
});
