import type { ReactElement, ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { labelInterval } from '../../components/charts/axis-ticks';
import { ChartFrame } from '../../components/charts/ChartFrame';

export interface BarDatum {
  /** Axis label of the bar ("14:05", "Mon 3"). */
  label: string;
  /** Bar height; null draws no bar (nothing was recorded then). */
  value: number | null;
  /** What the tooltip says about the bar, exact. */
  detail: string;
}

/** Period labels ("14:05", "Mon 3") that fit under a tile a few hundred pixels wide. */
const MAX_BAR_LABELS = 3;

/**
 * A dashboard tile with bars: for counts of things that happened per period
 * (blocks authored per minute, planck spent per hour), where a line between
 * buckets would suggest values that never existed. Animation is off: the data
 * refreshes while the operator watches.
 */
export function BarChartTile({
  title,
  latest,
  bars,
  formatTick,
  color = 'var(--accent)',
  heightPx = 120,
  emptyText,
  actions,
  wholeNumbers = false,
}: {
  title: string;
  latest: string;
  bars: BarDatum[];
  formatTick: (value: number) => string;
  color?: string;
  heightPx?: number;
  /** Shown instead of the chart while no bar has a value. */
  emptyText: string;
  /** Controls in the caption, e.g. the period. */
  actions?: ReactNode;
  /** Counts: no ticks between whole numbers. */
  wholeNumbers?: boolean;
}): ReactElement {
  const empty = bars.every((bar) => bar.value === null);
  return (
    <ChartFrame className="bar-tile" title={title} latest={latest} actions={actions} heightPx={heightPx} empty={empty} emptyText={emptyText}>
      <BarChart data={bars} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 10, fill: 'var(--muted)' }} stroke="var(--border)" interval={labelInterval(bars.length, MAX_BAR_LABELS)} />
        <YAxis tickFormatter={formatTick} tick={{ fontSize: 10, fill: 'var(--muted)' }} stroke="var(--border)" width={64} domain={[0, 'auto']} allowDecimals={!wholeNumbers} tickCount={4} interval={0} />
        <Tooltip
          cursor={{ fill: 'var(--accent-soft)' }}
          formatter={(_value, _name, item) => [(item.payload as BarDatum).detail, title]}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12, color: 'var(--text)' }}
        />
        <Bar dataKey="value" fill={color} isAnimationActive={false} radius={[2, 2, 0, 0]} />
      </BarChart>
    </ChartFrame>
  );
}
