import { memo, useEffect, useRef, useState, type ReactElement } from 'react';
import type { CollatorState } from '../../../../shared/contract/collators';
import { useApi, useStream } from '../../api/hooks';
import { blockTimesFromBest } from '../../components/charts/series-points';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { formatBlockNumber, formatBlockTime, formatBytes, formatPercent } from '../../components/charts/units';
import { AuthoredBlocksChart } from './AuthoredBlocksChart';
import { CHART_WINDOW_MS, collatorMetrics, emptySeries, recordState, type CollatorSeries } from './live-series';

/**
 * A collator's charts: best and finalized, peers, block time, blocks authored, CPU and memory.
 * History comes from the health monitor's series (so charts survive a restart
 * of the console); live points from the supervisor's state stream. The charts
 * redraw every two seconds however often states arrive.
 */
export const CollatorCharts = memo(LiveCollatorCharts, (before, after) => before.profileId === after.profileId);

/**
 * The node's state is followed through its own subscription into a ref, and
 * a point is recorded once a second; each chart then redraws on its own tick,
 * staggered across the redraw period, so no frame ever has to draw more than
 * one of them (a recharts chart costs most of a frame here: BENCHMARKS.md, UI).
 */
function LiveCollatorCharts({ profileId, state: initialState }: { profileId: string; state: CollatorState }): ReactElement {
  const api = useApi();
  const latest = useRef(initialState);
  // Whether the node runs decides what an empty chart says; it changes rarely, so it alone re-renders the charts.
  const [live, setLive] = useState(isLive(initialState));
  useStream('collators.state', { id: profileId }, (next) => {
    latest.current = next;
    setLive(isLive(next));
  });
  const series = useRef<CollatorSeries>(emptySeries());
  // Set when the history arrives, to draw every chart with it at once; the ticks after that are each chart's own.
  const [, setShown] = useState<CollatorSeries>(series.current);

  useEffect(() => {
    let live = true;
    series.current = emptySeries();
    setShown(series.current);
    const fromMs = Date.now() - CHART_WINDOW_MS;
    void Promise.all(
      collatorMetrics.map((metric) =>
        api.call('health.series', { subject: { kind: 'collator', id: profileId }, metric, fromMs }).then(
          (answer) => [metric, answer.points] as const,
          () => [metric, []] as const, // not watched by health yet: the live points fill the chart
        ),
      ),
    ).then((histories) => {
      if (!live) return;
      const merged = emptySeries();
      for (const [metric, points] of histories) {
        const newerLive = series.current[metric].filter(([atMs]) => atMs > (points.at(-1)?.[0] ?? -Infinity));
        merged[metric] = [...points, ...newerLive];
      }
      series.current = merged;
      setShown(merged);
    });
    const tick = setInterval(() => {
      series.current = recordState(series.current, latest.current, Date.now());
    }, 1000);
    return () => {
      live = false;
      clearInterval(tick);
    };
  }, [api, profileId]);

  const emptyText = live ? 'Collecting points…' : 'No points: the node is not running.';
  return (
    <div className="chart-grid" aria-label="Charts">
      <StaggeredChart offsetMs={0} draw={() => (
        <TimeSeriesChart
          emptyText={emptyText}
          title="Best and finalized"
          latest={`${formatBlockNumber(latest.current.para.best)} / ${formatBlockNumber(latest.current.para.finalized)}`}
          format={(value) => `#${Math.round(value)}`}
          lines={[
            { name: 'best', points: series.current.best, color: 'var(--accent)' },
            { name: 'finalized', points: series.current.finalized, color: 'var(--ok)' },
          ]}
        />
      )} />
      <StaggeredChart offsetMs={400} draw={() => {
        const peers = latest.current.para.peers;
        return <TimeSeriesChart emptyText={emptyText} zeroBased title="Peers" latest={peers === null ? '—' : String(peers)} format={(value) => String(Math.round(value))} lines={[{ name: 'peers', points: series.current.peers, color: 'var(--accent)' }]} />;
      }} />
      <StaggeredChart offsetMs={800} draw={() => {
        const blockTimes = blockTimesFromBest(series.current.best);
        return <TimeSeriesChart emptyText={emptyText} zeroBased title="Block time" latest={formatBlockTime(blockTimes.at(-1)?.[1])} format={formatBlockTime} lines={[{ name: 'block time', points: blockTimes, color: 'var(--warn)' }]} />;
      }} />
      <AuthoredBlocksChart profileId={profileId} live={live} />
      <StaggeredChart offsetMs={1200} draw={() => (
        <TimeSeriesChart emptyText={emptyText} zeroBased title="CPU" latest={formatPercent(latest.current.cpuPercent)} format={formatPercent} lines={[{ name: 'cpu', points: series.current.cpuPercent, color: 'var(--accent)' }]} />
      )} />
      <StaggeredChart offsetMs={1600} draw={() => (
        <TimeSeriesChart emptyText={emptyText} zeroBased title="Memory" latest={formatBytes(latest.current.memoryBytes)} format={formatBytes} lines={[{ name: 'memory', points: series.current.memoryBytes, color: 'var(--ok)' }]} />
      )} />
    </div>
  );
}

function isLive(state: CollatorState): boolean {
  return state.status === 'running' || state.status === 'starting';
}

/**
 * Charts redraw this often, though points are recorded every second: on a
 * ten-minute window a line moves about a pixel in two seconds, and each redraw
 * costs the page most of a frame. The table and the detail above show each
 * second's figures as they arrive.
 */
const REDRAW_EVERY_MS = 2000;

/** Redraws what `draw` returns every `REDRAW_EVERY_MS`, starting `offsetMs` into the period, and whenever its parent renders. */
function StaggeredChart({ offsetMs, draw }: { offsetMs: number; draw: () => ReactElement }): ReactElement {
  const [, setTick] = useState(0);
  useEffect(() => {
    let every: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(() => {
      setTick((n) => n + 1);
      every = setInterval(() => setTick((n) => n + 1), REDRAW_EVERY_MS);
    }, offsetMs);
    return () => {
      clearTimeout(first);
      if (every !== undefined) clearInterval(every);
    };
  }, [offsetMs]);
  return draw();
}
