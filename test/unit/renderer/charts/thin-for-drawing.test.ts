import { describe, expect, it } from 'vitest';
import { thinForDrawing, type Point } from '../../../../renderer/src/components/charts/series-points';

describe('thinning a chart series for drawing', () => {
  const tenMinutes: Point[] = Array.from({ length: 600 }, (_v, i) => [1_000_000 + i * 1000, i === 321 ? 95 : 5 + (i % 3)] as const);

  it('draws ten minutes of 1 s points with about 200, in time order, keeping a one-second spike and the latest point', () => {
    const thinned = thinForDrawing(tenMinutes, 200);
    expect(thinned.length).toBeLessThanOrEqual(201);
    expect(thinned.length).toBeGreaterThan(100);
    expect(thinned.every((point, i) => i === 0 || point[0] > (thinned[i - 1]?.[0] ?? -Infinity))).toBe(true);
    expect(thinned).toContainEqual(tenMinutes[321]);
    expect(thinned.at(-1)).toEqual(tenMinutes.at(-1));
    expect(Math.min(...thinned.map((p) => p[1]))).toBe(5);
  });

  it('leaves a short series as it is', () => {
    const short = tenMinutes.slice(0, 150);
    expect(thinForDrawing(short, 200)).toBe(short);
  });
});
