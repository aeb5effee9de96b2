import { describe, expect, it } from 'vitest';
import { clockTicks, labelInterval } from '../../../../renderer/src/components/charts/axis-ticks';

describe('clock ticks for a time axis', () => {
  const minute = 60_000;
  // A whole hour of the local clock, so expectations hold in any time zone with whole-hour or half-hour offsets.
  const localHour = new Date(2026, 11, 4, 14, 0, 0).getTime();

  it('puts ten minutes of points on whole minutes of the local clock, none at the very edges where a label would be cut', () => {
    // Ten minutes from 14:00:30; the outer minute at each end is left free.
    expect(clockTicks(localHour + 30_000, localHour + 10 * minute + 30_000, 3)).toEqual([3, 6, 9].map((m) => localHour + m * minute));
  });

  it('puts twelve seconds of points on whole five seconds', () => {
    expect(clockTicks(localHour + 400, localHour + 12_400, 3)).toEqual([5_000, 10_000].map((ms) => localHour + ms));
  });

  it('never gives more than asked, and every tick lies inside the span', () => {
    for (const spanMs of [3_000, 47_000, 9 * minute, 2 * 3_600_000, 3 * 86_400_000]) {
      const from = localHour + 1_234;
      const ticks = clockTicks(from, from + spanMs, 4);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(4);
      expect(ticks.every((at) => at >= from + spanMs * 0.1 && at <= from + spanMs * 0.9)).toBe(true);
    }
  });

  it('gives nothing for an empty or unknown span', () => {
    expect(clockTicks(NaN, NaN, 4)).toEqual([]);
    expect(clockTicks(localHour, localHour, 4)).toEqual([]);
  });
});

describe('category label interval', () => {
  it('shows every label when they fit, and skips evenly when they do not', () => {
    expect(labelInterval(5, 6)).toBe(0);
    expect(labelInterval(60, 6)).toBe(9); // every tenth of 60 bars: 6 labels
    expect(Math.ceil(60 / (labelInterval(60, 6) + 1))).toBeLessThanOrEqual(6);
  });
});
