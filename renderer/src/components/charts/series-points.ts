/** One point of a chart: milliseconds since the epoch and a value. */
export type Point = readonly [atMs: number, value: number];

/**
 * Adds a live point to a series the main process sent: replaces a point at
 * the same time, skips one older than the last (a late event), and keeps at
 * most `maxPoints` so a chart left open all day stays small.
 */
export function appendPoint(points: readonly Point[], point: Point, maxPoints: number): Point[] {
  const last = points.at(-1);
  if (last && point[0] < last[0]) return points as Point[];
  const base = last && point[0] === last[0] ? points.slice(0, -1) : points.slice();
  base.push(point);
  return base.length > maxPoints ? base.slice(base.length - maxPoints) : base;
}

/**
 * Time between blocks from the node's best block over time: each point is
 * the average block time over the step in which the best block advanced.
 * A restart that resets the height is not a block time.
 */
export function blockTimesFromBest(best: readonly Point[]): Point[] {
  const times: Point[] = [];
  let anchor: Point | undefined;
  for (const point of best) {
    if (!anchor || point[1] < anchor[1]) {
      anchor = point;
      continue;
    }
    const blocks = point[1] - anchor[1];
    if (blocks <= 0) continue;
    times.push([point[0], Math.round((point[0] - anchor[0]) / blocks)]);
    anchor = point;
  }
  return times;
}

/**
 * At most about `maxPoints` points for drawing a line a few hundred pixels
 * wide: the series in equal time buckets, each kept as its lowest and highest
 * point in time order, so a one-second spike still shows while a chart of ten
 * minutes of 1 s points costs a third of the drawing. The last point is kept.
 */
export function thinForDrawing(points: readonly Point[], maxPoints: number): readonly Point[] {
  if (points.length <= maxPoints) return points;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const first = points[0]?.[0] ?? 0;
  const spanMs = Math.max(1, (points.at(-1)?.[0] ?? first) - first);
  const thinned: Point[] = [];
  let bucket = -1;
  let low: Point | undefined;
  let high: Point | undefined;
  const flush = (): void => {
    if (!low || !high) return;
    if (low === high) thinned.push(low);
    else thinned.push(...(low[0] < high[0] ? [low, high] : [high, low]));
  };
  for (const point of points) {
    const index = Math.min(buckets - 1, Math.floor(((point[0] - first) / spanMs) * buckets));
    if (index !== bucket) {
      flush();
      bucket = index;
      low = point;
      high = point;
      continue;
    }
    if (low && point[1] < low[1]) low = point;
    if (high && point[1] > high[1]) high = point;
  }
  flush();
  const last = points.at(-1);
  if (last && thinned.at(-1) !== last) thinned.push(last);
  return thinned;
}
