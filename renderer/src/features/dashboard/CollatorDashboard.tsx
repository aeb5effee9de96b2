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
 * redraw once a second however often states arrive.
 */
export const CollatorDashboard = memo(CollatorCharts, (before, after) => before.profileId === after.profileId);

/**
 * Renders only on its own once-a-second tick: the node's state is followed
 * through its own subscription into a ref, so the page's frequent state
 * updates never redraw five charts.
 */
function CollatorCharts({ profileId, state: initialState }: { profileId: string; state: CollatorState }): ReactElement {
  const api = useApi();
  const latest = useRef(initialState);
  useStream('collators.state', { id: profileId }, (next) => {
    latest.current = next;
  });
  const series = useRef<CollatorSeries>(emptySeries());
  const [shown, setShown] = useState<CollatorSeries>(series.current);
  const state = latest.current;

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
      setShown(series.current);
    }, 1000);
    return () => {
      live = false;
      clearInterval(tick);
    };
  }, [api, profileId]);

  const blockTimes = blockTimesFromBest(shown.best);
  const live = state.status === 'running' || state.status === 'starting';
  const emptyText = live ? 'Collecting points…' : 'No points: the node is not running.';
  return (
    <div className="chart-grid" aria-label="Charts">
      <TimeSeriesChart
        emptyText={emptyText}
        title="Best and finalized"
        latest={`${formatBlockNumber(state.para.best)} / ${formatBlockNumber(state.para.finalized)}`}
        format={(value) => `#${Math.round(value)}`}
        lines={[
          { name: 'best', points: shown.best, color: 'var(--accent)' },
          { name: 'finalized', points: shown.finalized, color: 'var(--ok)' },
        ]}
      />
      <TimeSeriesChart emptyText={emptyText} zeroBased title="Peers" latest={state.para.peers === null ? '—' : String(state.para.peers)} format={(value) => String(Math.round(value))} lines={[{ name: 'peers', points: shown.peers, color: 'var(--accent)' }]} />
      <TimeSeriesChart emptyText={emptyText} zeroBased title="Block time" latest={formatBlockTime(blockTimes.at(-1)?.[1])} format={formatBlockTime} lines={[{ name: 'block time', points: blockTimes, color: 'var(--warn)' }]} />
      <AuthoredBlocksChart profileId={profileId} live={live} />
      <TimeSeriesChart emptyText={emptyText} zeroBased title="CPU" latest={formatPercent(state.cpuPercent)} format={formatPercent} lines={[{ name: 'cpu', points: shown.cpuPercent, color: 'var(--accent)' }]} />
      <TimeSeriesChart emptyText={emptyText} zeroBased title="Memory" latest={formatBytes(state.memoryBytes)} format={formatBytes} lines={[{ name: 'memory', points: shown.memoryBytes, color: 'var(--ok)' }]} />
    </div>
  );
}
