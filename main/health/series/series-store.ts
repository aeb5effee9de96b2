import { z } from 'zod';
import type { SeriesMetric, Subject } from '../../../shared/contract/health';
import { readJsonFile, writeJsonFile } from '../json-file';
import { TieredSeries } from './tiered-series';

const numbers = z.array(z.number());
const fileSchema = z.object({
  version: z.literal(1),
  series: z.record(z.string(), z.object({ fine: z.tuple([numbers, numbers]), coarse: z.tuple([numbers, numbers]) })),
});

export function seriesKey(subject: Subject, metric: SeriesMetric): string {
  return subject.kind === 'collator' ? `collator:${subject.id}:${metric}` : `parachain:${subject.paraId}:${metric}`;
}

/** Every chart's data, in memory, written to one file now and then so charts survive a restart. */
export class SeriesStore {
  private readonly series = new Map<string, TieredSeries>();

  constructor(private readonly filePath: string) {
    const parsed = fileSchema.safeParse(readJsonFile(filePath));
    if (!parsed.success) return;
    for (const [key, data] of Object.entries(parsed.data.series)) this.series.set(key, TieredSeries.fromData(data));
  }

  record(subject: Subject, metric: SeriesMetric, atMs: number, value: number | null | undefined): void {
    if (value === null || value === undefined) return;
    const key = seriesKey(subject, metric);
    let series = this.series.get(key);
    if (series === undefined) {
      series = new TieredSeries();
      this.series.set(key, series);
    }
    series.record(atMs, value);
  }

  query(subject: Subject, metric: SeriesMetric, fromMs: number, toMs: number, resolution: 'auto' | 'second' | 'minute', nowMs: number) {
    const series = this.series.get(seriesKey(subject, metric));
    return series === undefined ? { resolutionMs: 1_000, points: [] } : series.query(fromMs, toMs, resolution, nowMs);
  }

  persist(): void {
    const data: Record<string, ReturnType<TieredSeries['toData']>> = {};
    for (const [key, series] of this.series) data[key] = series.toData();
    writeJsonFile(this.filePath, { version: 1, series: data });
  }
}
