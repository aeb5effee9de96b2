import { useRef, type ReactElement } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { clockTicks } from './axis-ticks';
import { ChartFrame } from './ChartFrame';
import { thinForDrawing, type Point } from './series-points';
import { formatClock } from './units';
import './charts.css';

export interface ChartLine {
  name: string;
  points: readonly Point[];
  /** A CSS colour; the theme's variables work. */
  color: string;
}

/**
 * A small time-series chart for a dashboard tile. Animation is off: points
 * arrive every second and an animating line would never rest.
 */
export function TimeSeriesChart({
  title,
  lines,
  format,
  latest,
  heightPx = 120,
  zeroBased = false,
  emptyText = 'Collecting points…',
}: {
  title: string;
  lines: ChartLine[];
  format: (value: number) => string;
  /** The current value, shown beside the title. */
  latest?: string;
  heightPx?: number;
  /** Start the value axis at zero: for amounts (CPU, memory, peers) where a flat line must not look like a swing. */
  zeroBased?: boolean;
  /** What an empty chart says: collecting, or why nothing comes. */
  emptyText?: string;
}): ReactElement {
  const data = mergeByTime(lines);
  const empty = data.length < 2;
  const ticks = useSameWhileEqual(clockTicks(data[0]?.atMs ?? NaN, data.at(-1)?.atMs ?? NaN, MAX_TIME_TICKS));
  return (
    <ChartFrame title={title} latest={latest ?? '—'} heightPx={heightPx} empty={empty} emptyText={emptyText}>
      <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="atMs"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          ticks={ticks}
          interval={0}
          tickFormatter={formatClock}
          tick={{ fontSize: 10, fill: 'var(--muted)' }}
          stroke="var(--border)"
        />
        <YAxis
          tickFormatter={format}
          tick={{ fontSize: 10, fill: 'var(--muted)' }}
          stroke="var(--border)"
          width={64}
          domain={zeroBased ? [0, 'auto'] : ['auto', 'auto']}
          tickCount={4}
          interval={0}
        />
        <Tooltip
          labelFormatter={(label) => formatClock(Number(label))}
          formatter={(value) => format(Number(value))}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }}
        />
        {lines.map((line) => (
          <Line key={line.name} name={line.name} dataKey={line.name} stroke={line.color} dot={false} isAnimationActive={false} strokeWidth={1.6} connectNulls />
        ))}
      </LineChart>
    </ChartFrame>
  );
}

/** Clock labels ("14:05:30") that fit under a tile a few hundred pixels wide. */
const MAX_TIME_TICKS = 2;

/** A tile is a few hundred pixels wide: more points than this only cost drawing time. */
const MAX_DRAWN_POINTS = 200;

type Row = { atMs: number } & Record<string, number>;

function mergeByTime(lines: ChartLine[]): Row[] {
  const rows = new Map<number, Row>();
  for (const line of lines) {
    for (const [atMs, value] of thinForDrawing(line.points, MAX_DRAWN_POINTS)) {
      let row = rows.get(atMs);
      if (!row) rows.set(atMs, (row = { atMs } as Row));
      row[line.name] = value;
    }
  }
  return [...rows.values()].sort((a, b) => a.atMs - b.atMs);
}

/** The previous array while the values are the same: recharts re-lays out an axis whose `ticks` is a new array, even an equal one. */
function useSameWhileEqual(values: number[]): number[] {
  const kept = useRef(values);
  const previous = kept.current;
  if (previous.length !== values.length || previous.some((value, i) => value !== values[i])) kept.current = values;
  return kept.current;
}
