import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthoredBlocksTally } from '../../../main/health/series/authored-blocks';
import { SeriesStore } from '../../../main/health/series/series-store';
import { monitorForTest } from './support/monitor';
import { polkadotRelay } from './support/relay-events';

const MINUTE_MS = 60_000;
const START_MS = 1_700_000_040_000 - (1_700_000_040_000 % MINUTE_MS);
const collator = { kind: 'collator', id: 'alice' } as const;

/** A collator's Prometheus endpoint on 127.0.0.1 whose authored-blocks counter the test sets. */
class MetricsEndpoint {
  authored = 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/plain; version=0.0.4');
      response.end(
        [
          '# TYPE substrate_block_height gauge',
          'substrate_block_height{status="best",chain="para"} 100',
          '# TYPE substrate_proposer_block_constructed histogram',
          `substrate_proposer_block_constructed_bucket{chain="para",le="+Inf"} ${this.authored}`,
          `substrate_proposer_block_constructed_sum{chain="para"} ${this.authored * 0.2}`,
          `substrate_proposer_block_constructed_count{chain="para"} ${this.authored}`,
          '',
        ].join('\n'),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/metrics`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('counted series: what happened in each minute', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'series-counts-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds up blocks within a minute (levels stay averages) and keeps the sums across a restart of the console', () => {
    const file = join(dir, 'series.jsonl');
    const store = new SeriesStore(file);
    // Three blocks in the first minute, one in the second; peers averaged as before.
    for (const [offsetMs, blocks] of [[1_000, 1], [20_000, 0], [30_000, 2], [61_000, 1], [90_000, 0]] as const) {
      store.record(collator, 'authoredBlocks', START_MS + offsetMs, blocks);
      store.record(collator, 'peers', START_MS + offsetMs, blocks * 2);
    }
    const nowMs = START_MS + 2 * MINUTE_MS;
    expect(store.query(collator, 'authoredBlocks', START_MS, nowMs, 'minute', nowMs).points).toEqual([[START_MS, 3], [START_MS + MINUTE_MS, 1]]);
    expect(store.query(collator, 'peers', START_MS, nowMs, 'minute', nowMs).points).toEqual([[START_MS, 2], [START_MS + MINUTE_MS, 1]]);
    expect(store.query(collator, 'authoredBlocks', START_MS, nowMs, 'second', nowMs).points).toContainEqual([START_MS + 30_000, 2]);
    store.compact();

    const reopened = new SeriesStore(file);
    reopened.record(collator, 'authoredBlocks', START_MS + 100_000, 4);
    expect(reopened.query(collator, 'authoredBlocks', START_MS, nowMs, 'minute', nowMs).points).toEqual([[START_MS, 3], [START_MS + MINUTE_MS, 5]]);
  });

  it('keeps a minute of on-demand spending exact to the planck on disk, up to 2^53 planck', () => {
    const file = join(dir, 'planck.jsonl');
    const para = { kind: 'parachain', paraId: 2000 } as const;
    const store = new SeriesStore(file);
    store.record(para, 'onDemandSpentPlanck', START_MS, 4_000_000_000_000_001);
    store.record(para, 'onDemandSpentPlanck', START_MS + 6_000, 5_000_000_000_000_003);
    store.record(para, 'onDemandSpentPlanck', START_MS + MINUTE_MS, 0);
    store.persist(); // the closed minute only
    const nowMs = START_MS + 2 * MINUTE_MS;
    expect(new SeriesStore(file).query(para, 'onDemandSpentPlanck', START_MS, nowMs, 'minute', nowMs).points).toEqual([[START_MS, 9_000_000_000_000_004]]);
  });

  it('keeps the newest author of an included block per second instead of blending two authors into a third', () => {
    const store = new SeriesStore(join(dir, 'authors.jsonl'));
    const para = { kind: 'parachain', paraId: 2000 } as const;
    store.record(para, 'includedAuthorIndex', START_MS + 100, 0);
    store.record(para, 'includedAuthorIndex', START_MS + 900, 2);
    expect(store.query(para, 'includedAuthorIndex', START_MS, START_MS + 1_000, 'second', START_MS + 1_000).points).toEqual([[START_MS, 2]]);
  });
});

describe('authored blocks of a collator, from its counter or its log', () => {
  it('counts the counter’s increases, starts over with a restarted node, and falls back to log lines while the metrics are silent', () => {
    const tally = new AuthoredBlocksTally();
    tally.noteLoggedBlock(); // before the metrics ever answered: the log is all there is
    expect(tally.take(40)).toBe(1); // the first reading is a baseline, not 40 new blocks
    tally.noteLoggedBlock(); // the counter covers this one
    expect(tally.take(43)).toBe(3);
    expect(tally.take(2)).toBe(2); // restarted: counting from zero
    expect(tally.take(null)).toBe(0);
    tally.noteLoggedBlock();
    tally.noteLoggedBlock();
    expect(tally.take(null)).toBe(2);
    expect(tally.take(9)).toBe(0); // back: a new baseline, the gap was counted from the log
  });

  const metrics = new MetricsEndpoint();
  let test: ReturnType<typeof monitorForTest> | undefined;
  beforeAll(() => metrics.start());
  afterAll(() => metrics.stop());
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  it('records a running collator’s blocks per minute from its real Prometheus endpoint', async () => {
    const { monitor, clock } = (test = monitorForTest());
    clock.set(START_MS);
    monitor.watchCollator({ id: 'alice', name: 'alice', paraId: 2000, parachainMetricsUrl: metrics.url, expectedRunning: true });
    monitor.recordProcessEvent('alice', { kind: 'started', pid: 4242 });
    metrics.authored = 10;
    await monitor.probeRound(); // baseline
    for (const authored of [11, 13, 13, 16]) {
      clock.advance(12_000);
      metrics.authored = authored;
      await monitor.probeRound();
    }
    const nowMs = clock.now();
    const perMinute = monitor.querySeries({ subject: collator, metric: 'authoredBlocks', fromMs: START_MS, toMs: nowMs, resolution: 'minute' });
    expect(perMinute.resolutionMs).toBe(MINUTE_MS);
    expect(perMinute.points).toEqual([[START_MS, 6]]);
  });

  it('counts "Prepared block for proposing" lines of a node that exports no such counter', async () => {
    const { monitor, clock } = (test = monitorForTest());
    clock.set(START_MS);
    monitor.watchCollator({ id: 'alice', name: 'alice', paraId: 2000, expectedRunning: true });
    monitor.recordProcessEvent('alice', { kind: 'started', pid: 4242 });
    for (const number of [1, 2, 3]) monitor.recordLogEvent('alice', { kind: 'prepared-block', number });
    await monitor.probeRound();
    clock.advance(MINUTE_MS);
    monitor.recordLogEvent('alice', { kind: 'prepared-block', number: 4 });
    await monitor.probeRound();
    monitor.recordProcessEvent('alice', { kind: 'exited', code: 0, signal: null, expected: true });
    clock.advance(MINUTE_MS);
    await monitor.probeRound(); // stopped: a gap, not a zero
    const points = monitor.querySeries({ subject: collator, metric: 'authoredBlocks', fromMs: START_MS, resolution: 'minute' }).points;
    expect(points).toEqual([[START_MS, 3], [START_MS + MINUTE_MS, 1]]);
  });
});

describe('relay-side series of a parachain, from real Polkadot events', () => {
  const relay = polkadotRelay();
  let test: ReturnType<typeof monitorForTest>;
  afterEach(() => test.cleanup());

  it('records blocks included per minute, zero in quiet blocks, and the author of each one', () => {
    test = monitorForTest();
    const { monitor, clock } = test;
    clock.set(START_MS);
    monitor.watchParachain({ paraId: 2000, name: 'Para' });
    monitor.setAuthorities(2000, ['0xaa', '0xbb', '0xcc'].map((key) => key.padEnd(66, '0')));
    const slots = [300n, null, 301n, 302n, null, 304n];
    for (const [i, slot] of slots.entries()) {
      const events = slot === null ? [] : [{ kind: 'CandidateIncluded' as const, paraId: 2000, headNumber: 10 + i, slot }];
      monitor.recordRelayBlock({ number: 500 + i, events: relay.events([...events, { kind: 'CandidateIncluded', paraId: 3000, headNumber: 1 }]) });
      clock.advance(6_000);
    }
    const para = { kind: 'parachain', paraId: 2000 } as const;
    const included = monitor.querySeries({ subject: para, metric: 'includedBlocks', fromMs: START_MS, resolution: 'minute' }).points;
    expect(included).toEqual([[START_MS, 4]]);
    const quiet = monitor.querySeries({ subject: para, metric: 'includedBlocks', fromMs: START_MS, resolution: 'second' }).points;
    expect(quiet).toContainEqual([START_MS + 6_000, 0]);
    const authors = monitor.querySeries({ subject: para, metric: 'includedAuthorIndex', fromMs: START_MS, resolution: 'second' }).points.map(([, index]) => index);
    expect(authors).toEqual([0, 1, 2, 1]);
  });
});
