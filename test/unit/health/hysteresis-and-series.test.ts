import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RuleSettings } from '../../../main/health/rule-settings';
import { LevelLatch } from '../../../main/health/rules/level-latch';
import { SeriesStore } from '../../../main/health/series/series-store';
import { TieredSeries } from '../../../main/health/series/tiered-series';
import { parseMetricsText } from '../../../main/health/probes/prometheus-probe';

const dir = mkdtempSync(join(tmpdir(), 'health-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hysteresis', () => {
  it('takes a fault at once and lets go only after the signal has settled', () => {
    const latch = new LevelLatch(0);
    expect(latch.update('warn', 1_000, 10_000)).toEqual({ from: 'ok', to: 'warn' });
    expect(latch.update('ok', 2_000, 10_000)).toBeNull();
    expect(latch.update('warn', 5_000, 10_000)).toBeNull();
    expect(latch.update('ok', 14_000, 10_000)).toBeNull();
    expect(latch.update('ok', 15_000, 10_000)).toEqual({ from: 'warn', to: 'ok' });
  });

  it('steps a CRIT down to WARN while the signal still flaps at WARN', () => {
    const latch = new LevelLatch(0);
    latch.update('crit', 0, 10_000);
    const changes = [];
    for (let at = 1_000; at <= 30_000; at += 1_000) changes.push(latch.update(at % 2_000 === 0 ? 'warn' : 'ok', at, 10_000));
    expect(changes.filter(Boolean)).toEqual([{ from: 'crit', to: 'warn' }]);
  });
});

describe('chart history', () => {
  it('keeps 1 s averages for the last hour and 1 min averages for the week', () => {
    const series = new TieredSeries();
    const start = 1_700_000_040_000; // on a minute boundary
    for (let s = 0; s < 2 * 3_600; s += 1) {
      series.record(start + s * 1_000, s);
      series.record(start + s * 1_000 + 500, s + 1);
    }
    const now = start + 2 * 3_600_000;
    const fine = series.query(now - 3_600_000, now, 'auto', now);
    expect(fine.resolutionMs).toBe(1_000);
    expect(fine.points[0]).toEqual([now - 3_600_000, 3_600.5]);
    // Older than an hour: only minutes remain, each the mean of its 120 samples.
    const coarse = series.query(start, now, 'auto', now);
    expect(coarse.resolutionMs).toBe(60_000);
    expect(coarse.points).toHaveLength(120);
    expect(coarse.points[0]).toEqual([start, 30]);
    expect(series.fine.times.length).toBeLessThanOrEqual(3_600 * 1.1 + 1);
  });

  it('appends closed minutes every persist, and keeps both tiers when compacted on close', () => {
    const file = join(dir, 'series.jsonl');
    const peers = { kind: 'collator', id: 'a' } as const;
    const start = 1_700_000_040_000;
    const store = new SeriesStore(file);
    for (let s = 0; s < 150; s += 1) store.record(peers, 'peers', start + s * 1_000, s < 60 ? 4 : 6);
    store.persist();
    store.persist();
    // A crash now: the two closed minutes are on disk, the minute still filling and the seconds are not.
    const afterCrash = new SeriesStore(file);
    expect(afterCrash.query(peers, 'peers', 0, start + 200_000, 'minute', start + 200_000).points).toEqual([
      [start, 4],
      [start + 60_000, 6],
    ]);
    expect(afterCrash.query(peers, 'peers', 0, start + 200_000, 'second', start + 200_000).points).toEqual([]);
    // A clean close compacts: every second and every minute comes back.
    store.compact();
    const afterClose = new SeriesStore(file);
    expect(afterClose.query(peers, 'peers', 0, start + 200_000, 'second', start + 200_000).points).toHaveLength(150);
    expect(afterClose.query(peers, 'peers', 0, start + 200_000, 'minute', start + 200_000).points).toHaveLength(3);
  });
});

describe('rule settings', () => {
  it('lets the operator change defaults and override one collator; a default change still reaches it', () => {
    const file = join(dir, 'rules.json');
    const settings = new RuleSettings(file);
    settings.updateRules({ scope: 'collator', id: 'alice', patch: { minPeersWarn: 5 } });
    settings.updateRules({ scope: 'collator-defaults', patch: { stallWarnBlockTimes: 3 } });
    const reopened = new RuleSettings(file);
    expect(reopened.forCollator('alice')).toMatchObject({ minPeersWarn: 5, stallWarnBlockTimes: 3 });
    expect(reopened.forCollator('bob')).toMatchObject({ minPeersWarn: 2, stallWarnBlockTimes: 3 });
    reopened.updateRules({ scope: 'reset-collator', id: 'alice' });
    expect(reopened.forCollator('alice').minPeersWarn).toBe(2);
    expect(() => reopened.updateRules({ scope: 'parachain', paraId: 2000, patch: { blockTimeMs: 10 } })).toThrow(/not valid/);
    // Thresholds read before a change (and kept for judging) give way to the changed ones.
    const before = reopened.forParachain(2000).blockTimeMs;
    reopened.updateRules({ scope: 'parachain', paraId: 2000, patch: { blockTimeMs: before * 2 } });
    expect(reopened.forParachain(2000).blockTimeMs).toBe(before * 2);
    expect(reopened.forParachain(2001).blockTimeMs).toBe(before);
  });
});

describe('Prometheus reading', () => {
  it('reads both halves of a collator from the exposition format', () => {
    const relayHalf = [
      '# TYPE substrate_block_height gauge',
      'substrate_block_height{status="best",chain="polkadot"} 24000001',
      'substrate_block_height{status="finalized",chain="polkadot"} 23999999',
      '# TYPE substrate_sub_libp2p_peers_count gauge',
      'substrate_sub_libp2p_peers_count{chain="polkadot"} 41',
      '# TYPE polkadot_parachain_collations_generated_total counter',
      'polkadot_parachain_collations_generated_total{chain="polkadot"} 1234',
      '# TYPE polkadot_parachain_collation_expired histogram',
      'polkadot_parachain_collation_expired_bucket{state="pending",chain="polkadot",le="+Inf"} 3',
      'polkadot_parachain_collation_expired_sum{state="pending",chain="polkadot"} 6',
      'polkadot_parachain_collation_expired_count{state="pending",chain="polkadot"} 3',
      'polkadot_parachain_collation_expired_bucket{state="seconded",chain="polkadot",le="+Inf"} 2',
      'polkadot_parachain_collation_expired_sum{state="seconded",chain="polkadot"} 4',
      'polkadot_parachain_collation_expired_count{state="seconded",chain="polkadot"} 2',
      '',
    ].join('\n');
    const reading = parseMetricsText(relayHalf);
    expect(reading).toMatchObject({ best: 24_000_001, finalized: 23_999_999, peers: 41, collationsGenerated: 1_234, collationsExpired: 5 });
  });
});
