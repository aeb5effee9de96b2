import type { CollatorState } from '../../../../shared/contract/collators';
import type { SeriesMetric } from '../../../../shared/contract/health';
import { appendPoint, type Point } from '../../components/charts/series-points';

/** What a collator's charts plot, each fed from the supervisor's state as it streams. */
export const collatorMetrics = ['best', 'finalized', 'peers', 'cpuPercent', 'memoryBytes'] as const satisfies readonly SeriesMetric[];
export type CollatorMetric = (typeof collatorMetrics)[number];
export type CollatorSeries = Record<CollatorMetric, Point[]>;

/** Ten minutes of 1 s points: what a glance needs, and few enough points to redraw every second. */
export const CHART_WINDOW_MS = 10 * 60_000;
export const CHART_MAX_POINTS = 600;

export function emptySeries(): CollatorSeries {
  return { best: [], finalized: [], peers: [], cpuPercent: [], memoryBytes: [] };
}

export function stateValue(state: CollatorState, metric: CollatorMetric): number | null {
  switch (metric) {
    case 'best':
      return state.para.best;
    case 'finalized':
      return state.para.finalized;
    case 'peers':
      return state.para.peers;
    case 'cpuPercent':
      return state.cpuPercent;
    case 'memoryBytes':
      return state.memoryBytes;
  }
}

/**
 * Adds the node's current figures as one point per metric, on whole seconds
 * so several states in the same second make one point. A stopped node adds
 * nothing: a gap is more honest than a flat line.
 */
export function recordState(series: CollatorSeries, state: CollatorState, nowMs: number): CollatorSeries {
  if (state.status !== 'running' && state.status !== 'starting') return series;
  const atMs = Math.floor(nowMs / 1000) * 1000;
  const next = { ...series };
  for (const metric of collatorMetrics) {
    const value = stateValue(state, metric);
    if (value !== null) next[metric] = appendPoint(series[metric], [atMs, value], CHART_MAX_POINTS);
  }
  return next;
}
