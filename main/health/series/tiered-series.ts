/**
 * How the samples falling in one bucket become its value: `mean` for levels
 * (heights, peers, CPU), `sum` for counts of things that happened (blocks
 * authored, planck spent), so a minute holds what happened in that minute
 * whatever the tier, and `last` for labels that must not be blended (an
 * author index: the average of authors 0 and 2 is not author 1).
 */
export type Aggregation = 'mean' | 'sum' | 'last';

/** One resolution of a series: one value per bucket (see `Aggregation`), oldest first, bounded by age. */
class Tier {
  times: number[] = [];
  values: number[] = [];
  private lastCount = 0;

  constructor(
    readonly resolutionMs: number,
    readonly keepMs: number,
    readonly aggregation: Aggregation = 'mean',
  ) {}

  record(atMs: number, value: number): void {
    const bucket = atMs - (atMs % this.resolutionMs);
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === bucket) {
      this.lastCount += 1;
      const previous = this.values[last] ?? value;
      this.values[last] = this.aggregation === 'sum' ? previous + value : this.aggregation === 'last' ? value : previous + (value - previous) / this.lastCount;
      return;
    }
    if (last >= 0 && bucket < (this.times[last] ?? 0)) return; // the clock went back: keep the series ordered
    this.times.push(bucket);
    this.values.push(value);
    this.lastCount = 1;
    this.trim(bucket);
  }

  range(fromMs: number, toMs: number): Array<[number, number]> {
    const points: Array<[number, number]> = [];
    for (let i = lowerBound(this.times, fromMs); i < this.times.length; i += 1) {
      const at = this.times[i] ?? 0;
      if (at > toMs) break;
      points.push([at, this.values[i] ?? 0]);
    }
    return points;
  }

  load(times: number[], values: number[]): void {
    const length = Math.min(times.length, values.length);
    this.times = times.slice(0, length);
    this.values = values.slice(0, length);
    this.lastCount = 1;
  }

  dropBefore(cutMs: number): void {
    const cut = lowerBound(this.times, cutMs);
    if (cut === 0) return;
    this.times.splice(0, cut);
    this.values.splice(0, cut);
  }

  /** Drops expired points in batches, so trimming costs nothing per sample. */
  private trim(nowMs: number): void {
    const first = this.times[0];
    if (first === undefined || nowMs - first <= this.keepMs * 1.1) return;
    const cut = lowerBound(this.times, nowMs - this.keepMs);
    this.times.splice(0, cut);
    this.values.splice(0, cut);
  }
}

export interface TieredSeriesData {
  fine: [number[], number[]];
  coarse: [number[], number[]];
}

export const FINE_RESOLUTION_MS = 1_000;
export const FINE_KEEP_MS = 3_600_000;
export const COARSE_RESOLUTION_MS = 60_000;
export const COARSE_KEEP_MS = 7 * 86_400_000;

/** A series kept twice: 1 s buckets for the last hour and 1 min buckets for the last week. */
export class TieredSeries {
  readonly fine: Tier;
  readonly coarse: Tier;

  constructor(readonly aggregation: Aggregation = 'mean') {
    this.fine = new Tier(FINE_RESOLUTION_MS, FINE_KEEP_MS, aggregation);
    this.coarse = new Tier(COARSE_RESOLUTION_MS, COARSE_KEEP_MS, aggregation);
  }

  record(atMs: number, value: number): void {
    if (!Number.isFinite(value)) return;
    this.fine.record(atMs, value);
    this.coarse.record(atMs, value);
  }

  query(fromMs: number, toMs: number, resolution: 'auto' | 'second' | 'minute', nowMs: number): { resolutionMs: number; points: Array<[number, number]> } {
    const useFine = resolution === 'second' || (resolution === 'auto' && fromMs >= nowMs - FINE_KEEP_MS);
    const tier = useFine ? this.fine : this.coarse;
    return { resolutionMs: tier.resolutionMs, points: tier.range(fromMs, toMs) };
  }

  toData(): TieredSeriesData {
    return { fine: [this.fine.times, this.fine.values], coarse: [this.coarse.times, this.coarse.values] };
  }

  /** Forgets what is older than each tier keeps, counted back from `nowMs`. */
  prune(nowMs: number): void {
    this.fine.dropBefore(nowMs - FINE_KEEP_MS);
    this.coarse.dropBefore(nowMs - COARSE_KEEP_MS);
  }

  static fromData(data: TieredSeriesData, aggregation: Aggregation = 'mean'): TieredSeries {
    const series = new TieredSeries(aggregation);
    series.fine.load(data.fine[0], data.fine[1]);
    series.coarse.load(data.coarse[0], data.coarse[1]);
    return series;
  }
}

function lowerBound(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
