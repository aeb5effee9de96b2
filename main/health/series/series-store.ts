import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SeriesMetric, Subject } from '../../../shared/contract/health';
import { readJsonLines, writeJsonLinesFile } from '../json-file';
import { COARSE_RESOLUTION_MS, FINE_RESOLUTION_MS, TieredSeries, type Aggregation } from './tiered-series';

/**
 * One line of the file: minute points of one series (`c`), or the whole
 * second tier of one series (`f`, written when the file is compacted). Times
 * are the first time then steps in units of the tier's resolution.
 */
const lineSchema = z.object({
  k: z.string(),
  c: z.tuple([z.array(z.number()), z.array(z.number())]).optional(),
  f: z.tuple([z.array(z.number()), z.array(z.number())]).optional(),
});
type Line = z.infer<typeof lineSchema>;

export function seriesKey(subject: Subject, metric: SeriesMetric): string {
  return subject.kind === 'collator' ? `collator:${subject.id}:${metric}` : `parachain:${subject.paraId}:${metric}`;
}

/** Counts of things that happened add up within a bucket; labels keep the newest; every level is averaged. */
const aggregationOf: Partial<Record<SeriesMetric, Aggregation>> = {
  authoredBlocks: 'sum',
  includedBlocks: 'sum',
  onDemandSpentPlanck: 'sum',
  includedAuthorIndex: 'last',
};

/** The metric is the key's last segment (a collator id may itself hold colons). */
function aggregationOfKey(key: string): Aggregation {
  return aggregationOf[key.slice(key.lastIndexOf(':') + 1) as SeriesMetric] ?? 'mean';
}

/**
 * Every chart's data, in memory, kept on disk so charts survive a restart.
 * `persist()` (every minute) only appends the minute points closed since the
 * last call, a few bytes per series, so it never stalls the main process;
 * `compact()` (on close, and at start when the file has grown) rewrites the
 * file with both tiers.
 */
export class SeriesStore {
  private readonly series = new Map<string, TieredSeries>();
  /** Per series, the newest minute point already on disk. */
  private readonly savedUntil = new Map<string, number>();
  private appendedLines = 0;

  constructor(private readonly filePath: string) {
    this.load();
  }

  record(subject: Subject, metric: SeriesMetric, atMs: number, value: number | null | undefined): void {
    if (value === null || value === undefined) return;
    const key = seriesKey(subject, metric);
    let series = this.series.get(key);
    if (series === undefined) {
      series = new TieredSeries(aggregationOfKey(key));
      this.series.set(key, series);
    }
    series.record(atMs, value);
  }

  query(subject: Subject, metric: SeriesMetric, fromMs: number, toMs: number, resolution: 'auto' | 'second' | 'minute', nowMs: number) {
    const series = this.series.get(seriesKey(subject, metric));
    return series === undefined ? { resolutionMs: 1_000, points: [] } : series.query(fromMs, toMs, resolution, nowMs);
  }

  /** Appends the minute points closed since the last call; the minute still filling waits for the next. */
  persist(): void {
    const lines: string[] = [];
    for (const [key, series] of this.series) {
      const { times, values } = series.coarse;
      const closed = times.length - 1;
      const from = firstAfter(times, this.savedUntil.get(key) ?? -Infinity);
      if (from >= closed) continue;
      lines.push(JSON.stringify({ k: key, c: encode(times.slice(from, closed), values.slice(from, closed), COARSE_RESOLUTION_MS) } satisfies Line));
      this.savedUntil.set(key, times[closed - 1] ?? 0);
    }
    if (lines.length === 0) return;
    mkdirSync(dirname(this.filePath), { recursive: true });
    appendFileSync(this.filePath, `${lines.join('\n')}\n`);
    this.appendedLines += lines.length;
  }

  /** Rewrites the file with everything kept: both tiers of every series. */
  compact(): void {
    const lines: string[] = [];
    for (const [key, series] of this.series) {
      const { fine, coarse } = series;
      lines.push(JSON.stringify({ k: key, c: encode(coarse.times, coarse.values, COARSE_RESOLUTION_MS), f: encode(fine.times, fine.values, FINE_RESOLUTION_MS) } satisfies Line));
      this.savedUntil.set(key, coarse.times.at(-1) ?? -Infinity);
    }
    writeJsonLinesFile(this.filePath, lines);
    this.appendedLines = 0;
  }

  private load(): void {
    const coarse = new Map<string, { times: number[]; values: number[] }>();
    const fine = new Map<string, { times: number[]; values: number[] }>();
    let lines = 0;
    for (const line of readJsonLines(this.filePath, lineSchema)) {
      lines += 1;
      if (line.f) fine.set(line.k, decode(line.f, FINE_RESOLUTION_MS));
      if (line.c) {
        const points = decode(line.c, COARSE_RESOLUTION_MS);
        const seen = coarse.get(line.k) ?? { times: [], values: [] };
        // A compacted line replaces what came before it; appended lines continue it.
        if (line.f) coarse.set(line.k, points);
        else coarse.set(line.k, appendAfter(seen, points));
      }
    }
    let newestMs = 0;
    for (const [key, points] of coarse) {
      const fineTier = fine.get(key) ?? { times: [], values: [] };
      const series = TieredSeries.fromData({ fine: [fineTier.times, fineTier.values], coarse: [points.times, points.values] }, aggregationOfKey(key));
      this.series.set(key, series);
      this.savedUntil.set(key, points.times.at(-1) ?? -Infinity);
      newestMs = Math.max(newestMs, points.times.at(-1) ?? 0, fineTier.times.at(-1) ?? 0);
    }
    for (const series of this.series.values()) series.prune(newestMs);
    this.appendedLines = lines - this.series.size;
    // An hour of appends or more since the last compaction: fold them in now.
    if (this.appendedLines > 60 * Math.max(1, this.series.size)) this.compact();
  }
}

/**
 * Times as the first time and then steps of `resolutionMs`; fractions rounded
 * to 1/1000. Whole numbers stay as they are: a sum of planck near 2^53 would
 * lose its last digits to the rounding's multiplication.
 */
function encode(times: number[], values: number[], resolutionMs: number): [number[], number[]] {
  const steps = times.map((at, i) => (i === 0 ? at : Math.round((at - (times[i - 1] ?? at)) / resolutionMs)));
  return [steps, values.map((value) => (Number.isInteger(value) ? value : Math.round(value * 1_000) / 1_000))];
}

function decode([steps, values]: [number[], number[]], resolutionMs: number): { times: number[]; values: number[] } {
  const times: number[] = [];
  for (const [i, step] of steps.entries()) times.push(i === 0 ? step : (times[i - 1] ?? 0) + step * resolutionMs);
  return { times, values: values.slice(0, times.length) };
}

function appendAfter(seen: { times: number[]; values: number[] }, more: { times: number[]; values: number[] }) {
  const last = seen.times.at(-1) ?? -Infinity;
  const from = firstAfter(more.times, last);
  return { times: [...seen.times, ...more.times.slice(from)], values: [...seen.values, ...more.values.slice(from)] };
}

function firstAfter(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
