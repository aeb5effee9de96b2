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
