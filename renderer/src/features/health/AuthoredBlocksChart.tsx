import type { ReactElement } from 'react';
import { useApiQuery } from '../../api/hooks';
import { BarChartTile, type BarDatum } from './BarChartTile';
import { sumIntoBuckets, totalSince } from './count-buckets';
import { useNow } from './use-health-status';

const HOUR_MS = 3_600_000;
const REFRESH_MS = 10_000;
const minuteLabel = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * Blocks this collator authored per minute over the last hour, from the
 * health monitor's `authoredBlocks` series (its Prometheus counter, else the
 * "Prepared block for proposing" lines of its log). A minute without a bar is
 * a minute the node was not running; the newest bar is the minute still under way.
 */
export function AuthoredBlocksChart({ profileId, live }: { profileId: string; live: boolean }): ReactElement {
  const now = useNow(REFRESH_MS);
  const series = useApiQuery(
    'health.series',
    { subject: { kind: 'collator', id: profileId }, metric: 'authoredBlocks', resolution: 'minute' },
    { refetchInterval: REFRESH_MS, retry: false },
  );
  const points = series.data?.points ?? [];
  const fromMs = now - HOUR_MS;
  const bars: BarDatum[] = sumIntoBuckets(points, 'minute', fromMs + 60_000, now).map(({ atMs, total }) => ({
    label: minuteLabel.format(atMs),
    value: total === null ? null : Number(total),
    detail: total === null ? 'not running' : `${total} ${total === 1n ? 'block' : 'blocks'} in the minute from ${minuteLabel.format(atMs)}`,
  }));
  const lastHour = totalSince(points, fromMs);
  return (
    <BarChartTile
      title="Authored blocks / min"
      latest={`${lastHour} in 1 h`}
      bars={bars}
      formatTick={(value) => String(Math.round(value))}
      wholeNumbers
      color="var(--ok)"
      emptyText={live ? 'Counting its blocks…' : 'No blocks: the node is not running.'}
    />
  );
}
