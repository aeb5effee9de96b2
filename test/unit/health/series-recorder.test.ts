import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../main/errors/service-error';
import { InclusionProbe } from '../../../main/health/probes/inclusion-probe';
import { SeriesRecorder } from '../../../main/health/series/series-recorder';
import { silentLogger } from '../../../main/logging/logger';
import { recordingLogger } from './support/recording-logger';
import { polkadotRelay } from './support/relay-events';

const dir = mkdtempSync(join(tmpdir(), 'series-recorder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const START_MS = 1_700_000_040_000; // on a minute boundary
const collator = { kind: 'collator', id: 'alice' } as const;

describe('the series recorder', () => {
  it('keeps a process sample as the CPU and memory series, and reads them back after a restart', () => {
    const filePath = join(dir, 'restart.jsonl');
    const recorder = new SeriesRecorder({ filePath, log: silentLogger });
    for (let s = 0; s < 120; s += 1) recorder.recordProcessSample('alice', { alive: true, cpuPercent: 10, memoryBytes: 2_000 }, START_MS + s * 1_000);
    recorder.compact();

    const nowMs = START_MS + 120_000;
    const reopened = new SeriesRecorder({ filePath, log: silentLogger });
    const cpu = reopened.query({ subject: collator, metric: 'cpuPercent', fromMs: START_MS, toMs: nowMs, resolution: 'minute' }, nowMs);
    expect(cpu.points).toEqual([[START_MS, 10], [START_MS + 60_000, 10]]);
    expect(reopened.query({ subject: collator, metric: 'memoryBytes', fromMs: START_MS, toMs: nowMs, resolution: 'minute' }, nowMs).points[0]).toEqual([START_MS, 2_000]);
  });

  it('answers the last hour when no range is given, and refuses a range that ends before it starts', () => {
    const recorder = new SeriesRecorder({ filePath: join(dir, 'ranges.jsonl'), log: silentLogger });
    recorder.recordProcessSample('alice', { alive: true, cpuPercent: 42 }, START_MS - 3_600_000 - 1_000);
    recorder.recordProcessSample('alice', { alive: true, cpuPercent: 7 }, START_MS - 1_000);
    const lastHour = recorder.query({ subject: collator, metric: 'cpuPercent', resolution: 'second' }, START_MS);
    expect(lastHour.points).toEqual([[START_MS - 1_000, 7]]);
    expect(() => recorder.query({ subject: collator, metric: 'cpuPercent', fromMs: START_MS, toMs: START_MS - 1, resolution: 'auto' }, START_MS)).toThrow(ServiceError);
  });

  it('records a relay block for each parachain that read it, zeros included', () => {
    const relay = polkadotRelay();
    const recorder = new SeriesRecorder({ filePath: join(dir, 'relay.jsonl'), log: silentLogger });
    const probes = [new InclusionProbe(2000), new InclusionProbe(2001)];
    const block = { number: 10, events: relay.events([{ kind: 'CandidateIncluded', paraId: 2000, headNumber: 5 }]) };
    const readings = probes.map((probe) => ({ paraId: probe.paraId, found: probe.ingest(block, START_MS), inclusion: probe.state }));
    recorder.recordRelayBlock(block, readings, START_MS);

    const included = (paraId: number) => recorder.query({ subject: { kind: 'parachain', paraId }, metric: 'includedBlocks', resolution: 'second' }, START_MS).points;
    expect(included(2000)).toEqual([[START_MS, 1]]);
    expect(included(2001)).toEqual([[START_MS, 0]]);
    expect(recorder.query({ subject: { kind: 'parachain', paraId: 2000 }, metric: 'headNumber', resolution: 'second' }, START_MS).points).toEqual([[START_MS, 5]]);
  });

  it('reports a history it cannot save instead of throwing, so a full or missing disk does not stop the monitor', () => {
    const notAFolder = join(dir, 'not-a-folder');
    writeFileSync(notAFolder, 'a file where the folder should be');
    const recorded = recordingLogger();
    const recorder = new SeriesRecorder({ filePath: join(notAFolder, 'series.jsonl'), log: recorded.log });
    for (let s = 0; s < 120; s += 1) recorder.recordProcessSample('alice', { alive: true, cpuPercent: 1 }, START_MS + s * 1_000);
    expect(() => recorder.persist()).not.toThrow();
    expect(() => recorder.compact()).not.toThrow();
    expect(recorded.warnings()).toEqual([expect.stringContaining('could not save the chart history'), expect.stringContaining('could not save the chart history')]);
  });
});
