import type { ReactElement } from 'react';
import type { CollatorHealth } from '../../../../shared/contract/health';
import { useApiQuery } from '../../api/hooks';
import { blockTimesFromBest } from '../../components/charts/series-points';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { formatBlockNumber, formatBlockTime } from '../../components/charts/units';
import { AuthoredBlocksChart } from '../health/AuthoredBlocksChart';
import { CHART_WINDOW_MS } from '../health/live-series';

/** The monitor records a point each probe round; reading them every few seconds keeps the charts current without a stream per chart. */
const REFRESH_MS = 4_000;

/**
 * A remote collator's charts, all from the health monitor's series (there is
 * no supervisor stream for a node the console does not run): best and
 * finalized, peers, block time and authored blocks. CPU and memory are not
 * charted: they need the process, which is on another host.
 */
export function RemoteCollatorCharts({ id, health }: { id: string; health: CollatorHealth | undefined }): ReactElement {
  const best = useSeries(id, 'best');
  const finalized = useSeries(id, 'finalized');
  const peers = useSeries(id, 'peers');
  const live = health?.rpc === 'up';
  const emptyText = live ? 'Collecting points…' : 'No points: its RPC does not answer.';
  const blockTimes = blockTimesFromBest(best);
  return (
    <div className="chart-grid" aria-label="Charts">
      <TimeSeriesChart
        emptyText={emptyText}
        title="Best and finalized"
        latest={`${formatBlockNumber(health?.best)} / ${formatBlockNumber(health?.finalized)}`}
        format={(value) => `#${Math.round(value)}`}
        lines={[
          { name: 'best', points: best, color: 'var(--accent)' },
          { name: 'finalized', points: finalized, color: 'var(--ok)' },
        ]}
      />
      <TimeSeriesChart emptyText={emptyText} zeroBased title="Peers" latest={health?.peers == null ? '—' : String(health.peers)} format={(value) => String(Math.round(value))} lines={[{ name: 'peers', points: peers, color: 'var(--accent)' }]} />
      <TimeSeriesChart emptyText={emptyText} zeroBased title="Block time" latest={formatBlockTime(blockTimes.at(-1)?.[1])} format={formatBlockTime} lines={[{ name: 'block time', points: blockTimes, color: 'var(--warn)' }]} />
      <AuthoredBlocksChart profileId={id} live={live} />
    </div>
  );
}

function useSeries(id: string, metric: 'best' | 'finalized' | 'peers') {
  // The window's start moves with each refetch; keyed on the minute so the query is not a new one every render.
  const fromMinute = Math.floor((Date.now() - CHART_WINDOW_MS) / 60_000) * 60_000;
  const series = useApiQuery('health.series', { subject: { kind: 'collator', id }, metric, fromMs: fromMinute }, { refetchInterval: REFRESH_MS, retry: false });
  return series.data?.points ?? [];
}
