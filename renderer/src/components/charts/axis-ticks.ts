/**
 * Tick positions chosen here rather than by recharts: given explicit ticks and
 * a numeric `interval`, recharts draws them as they are, where its own
 * placement measures every label in the DOM on each redraw (a forced layout
 * per tick, once a second per chart on the dashboard).
 */

const CLOCK_STEPS_MS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1_200, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400].map((s) => s * 1000);

/** A label centred on a tick at the very edge of the axis would be cut in half by the chart's border. */
const EDGE_INSET = 0.1;

/**
 * Whole-clock times between `fromMs` and `toMs`, at most `maxTicks` of them,
 * on the smallest step that fits, and none in the outer tenth at either end.
 */
export function clockTicks(fromMs: number, toMs: number, maxTicks: number): number[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs || maxTicks < 1) return [];
  const inset = (toMs - fromMs) * EDGE_INSET;
  return wholeClockTicks(fromMs + inset, toMs - inset, maxTicks);
}

function wholeClockTicks(fromMs: number, toMs: number, maxTicks: number): number[] {
  for (const step of CLOCK_STEPS_MS) {
    const ticks = ticksEvery(step, fromMs, toMs, maxTicks + 1);
    if (ticks.length <= maxTicks) return ticks;
  }
  return ticksEvery(Math.ceil((toMs - fromMs) / maxTicks), fromMs, toMs, maxTicks);
}

function ticksEvery(stepMs: number, fromMs: number, toMs: number, limit: number): number[] {
  // Steps align to the local clock, so a 5-minute step lands on :00, :05, :10 as read on the operator's screen.
  const offsetMs = new Date(fromMs).getTimezoneOffset() * 60_000;
  const ticks: number[] = [];
  for (let at = Math.ceil((fromMs - offsetMs) / stepMs) * stepMs + offsetMs; at <= toMs && ticks.length < limit; at += stepMs) ticks.push(at);
  return ticks;
}

/** The `interval` (labels skipped between two shown) that shows at most `maxLabels` of `count` category labels. */
export function labelInterval(count: number, maxLabels: number): number {
  return count <= maxLabels ? 0 : Math.ceil(count / Math.max(1, maxLabels)) - 1;
}
