import { describe, expect, it } from 'vitest';
import { collatorThresholdDefaults, parachainThresholdDefaults, type HealthLevel, type RuleId } from '../../../shared/contract/health';
import { newCollatorState, type CollatorState } from '../../../main/health/collator-state';
import { InclusionProbe } from '../../../main/health/probes/inclusion-probe';
import type { MetricsReading } from '../../../main/health/probes/prometheus-probe';
import { evaluateCollator } from '../../../main/health/rules/collator-rules';
import { LevelLatch } from '../../../main/health/rules/level-latch';
import { evaluateParachain } from '../../../main/health/rules/parachain-rules';
import type { BlockspaceSignal } from '../../../main/health/signals';

const BLOCK_MS = 6_000;
const TICK_MS = 1_000;
const DAY_MS = 86_400_000;
const CLEAR_DWELL_MS = collatorThresholdDefaults.clearDwellBlockTimes * BLOCK_MS;

const reading: MetricsReading = {
  best: 100, finalized: 98, syncTarget: 100, peers: 5, syncPeers: 3, isMajorSyncing: false,
  readyTransactions: 0, blocksAuthored: 10, collationsGenerated: 0, collationsExpired: 0,
};

/** A healthy, running collator with every probe answering, as of `nowMs`. */
function healthyCollator(nowMs: number): CollatorState {
  const state = newCollatorState(
    { id: 'c', name: 'C', paraId: 2000, rpcUrl: 'ws://x', parachainMetricsUrl: 'http://x/metrics', expectedRunning: true },
    nowMs - 3_600_000,
  );
  state.process.alive = true;
  state.rpc = { status: 'up', sinceMs: nowMs, reason: null, answeredSinceStart: true };
  state.health = { peers: 5, isSyncing: false, shouldHavePeers: true };
  state.metrics = { status: 'up', sinceMs: nowMs, reason: null, parachain: { ...reading }, relay: null };
  state.best = { number: 100, changedAtMs: nowMs };
  state.finalized = { number: 98, changedAtMs: nowMs };
  state.authored = { number: 10, changedAtMs: nowMs };
  state.disk = { freeBytes: 50, totalBytes: 100 };
  return state;
}

type Mutate = (state: CollatorState, nowMs: number) => void;
const collatorFaults: Array<[RuleId, Mutate]> = [
  ['process-down', (s) => { s.process.alive = false; }],
  ['crash-loop', (s, now) => { s.process.crashesAtMs = [now - 4, now - 3, now - 2, now - 1, now]; }],
  ['rpc-unreachable', (s, now) => { s.rpc = { status: 'down', sinceMs: now, reason: 'closed', answeredSinceStart: true }; }],
  ['metrics-unreachable', (s) => { s.metrics.status = 'down'; }],
  ['best-stalled', (s, now) => { s.best = { number: 100, changedAtMs: now - 2.5 * BLOCK_MS }; }],
  ['finality-lag', (s) => { s.finalized = { number: 85, changedAtMs: 0 }; }],
  ['peers-low', (s) => { s.health = { peers: 1, isSyncing: false, shouldHavePeers: true }; }],
  ['no-collator-peers', (s) => { s.metrics.parachain = { ...reading, syncPeers: 0 }; }],
  ['syncing-too-long', (s, now) => { s.syncingSinceMs = now - 700 * BLOCK_MS; }],
  ['not-authoring', (s, now) => { s.authored = { number: 10, changedAtMs: now - 7 * BLOCK_MS }; }],
  ['disk-low', (s) => { s.disk = { freeBytes: 8, totalBytes: 100 }; }],
];

/** Judges one rule every tick, through the same latch the monitor uses, and lists its level changes. */
function run(rule: RuleId, verdictAt: (nowMs: number, faulty: boolean, latch: LevelLatch) => HealthLevel, pattern: boolean[]): string[] {
  const latch = new LevelLatch(0);
  const changes: string[] = [];
  pattern.forEach((faulty, i) => {
    const nowMs = 1_700_000_000_000 + i * TICK_MS;
    const change = latch.update(verdictAt(nowMs, faulty, latch), nowMs, CLEAR_DWELL_MS);
    if (change) changes.push(`${change.from}→${change.to}`);
  });
  return changes.map((c) => `${rule}:${c}`);
}

/** Fault and health alternating every probe for 20 s, then healthy for the clear dwell and a little more. */
const flapping = [...Array.from({ length: 20 }, (_, i) => i % 2 === 0), ...Array.from({ length: CLEAR_DWELL_MS / TICK_MS + 2 }, () => false)];

describe('every rule fires once on a flapping signal and clears once it settles', () => {
  it.each(collatorFaults)('%s', (rule, fault) => {
    const changes = run(rule, (nowMs, faulty, latch) => {
      const state = healthyCollator(nowMs);
      if (faulty) fault(state, nowMs);
      const verdicts = evaluateCollator(state, {
        nowMs,
        blockTimeMs: BLOCK_MS,
        thresholds: collatorThresholdDefaults,
        authorSetSize: 3,
        inAuthorSet: true,
        lastAuthoredIncludedAtMs: null,
        current: () => latch.level,
      });
      return verdicts.find((v) => v.rule === rule)!.level;
    }, flapping);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatch(new RegExp(`^${rule}:ok→(warn|crit)$`));
    expect(changes[1]).toMatch(new RegExp(`^${rule}:(warn|crit)→ok$`));
  });

  const parachainFaults: Array<[RuleId, BlockspaceSignal | null, BlockspaceSignal | null, boolean]> = [
    ['not-included', { kind: 'bulk', endsAtMs: Infinity }, { kind: 'bulk', endsAtMs: Infinity }, true],
    ['blockspace-ending', { kind: 'lease', endsAtMs: 10 * DAY_MS }, { kind: 'lease', endsAtMs: 30 * DAY_MS }, false],
    ['renewal-due', { kind: 'bulk', endsAtMs: 30 * DAY_MS, interlude: { open: true, endsAtMs: 5 * DAY_MS, renewed: false } }, { kind: 'bulk', endsAtMs: 30 * DAY_MS, interlude: { open: true, endsAtMs: 5 * DAY_MS, renewed: true } }, false],
    ['on-demand-low', { kind: 'on-demand', balancePlanck: 50n, spotPricePlanck: 1n, orderFeePlanck: 0n, ordering: false }, { kind: 'on-demand', balancePlanck: 500n, spotPricePlanck: 1n, orderFeePlanck: 0n, ordering: false }, false],
  ];
  it.each(parachainFaults)('%s', (rule, faultySpace, healthySpace, byInclusion) => {
    const changes = run(rule, (nowMs, faulty) => {
      const probe = new InclusionProbe(2000);
      Object.assign(probe.state, { firstRelayBlock: 1, latestRelayBlock: 10, lastIncludedRelayBlock: faulty && byInclusion ? 7 : 10 });
      const relative = (space: BlockspaceSignal | null): BlockspaceSignal | null => {
        if (space === null || space.kind === 'none' || space.kind === 'on-demand') return space;
        if (space.kind === 'lease') return { ...space, endsAtMs: nowMs + space.endsAtMs };
        return { ...space, endsAtMs: nowMs + space.endsAtMs, ...(space.interlude ? { interlude: { ...space.interlude, endsAtMs: nowMs + space.interlude.endsAtMs } } : {}) };
      };
      const verdicts = evaluateParachain({ nowMs, name: 'P', thresholds: parachainThresholdDefaults, inclusion: probe.state, blockspace: relative(faulty ? faultySpace : healthySpace) });
      return verdicts.find((v) => v.rule === rule)!.level;
    }, flapping);
    expect(changes).toHaveLength(2);
    expect(changes[1]).toMatch(/→ok$/);
  });
});
