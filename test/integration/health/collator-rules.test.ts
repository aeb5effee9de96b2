import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollatorTarget } from '../../../main/health/signals';
import { BLOCK_TIME_MS, monitorForTest, untilSignal } from '../../unit/health/support/monitor';
import { MetricsEndpoint, startSquatter } from './support/metrics-endpoint';
import { ScriptedNodeRpc } from './support/scripted-node-rpc';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A collator as health monitoring sees it: a real RPC endpoint and a real metrics endpoint on 127.0.0.1. */
async function watchedCollator(options: { metrics?: boolean; target?: Partial<CollatorTarget> } = {}) {
  const node = new ScriptedNodeRpc();
  await node.start();
  const metrics = new MetricsEndpoint();
  if (options.metrics !== false) await metrics.start();
  const t = monitorForTest();
  cleanups.push(async () => {
    await t.cleanup();
    await node.stop();
    await metrics.stop();
  });
  t.monitor.watchParachain({ paraId: 2000, name: 'Para 2000' });
  t.monitor.watchCollator({
    id: 'alice',
    name: 'Alice',
    paraId: 2000,
    rpcUrl: node.url,
    ...(options.metrics !== false ? { parachainMetricsUrl: metrics.url } : {}),
    expectedRunning: true,
    ...options.target,
  });
  const collator = () => t.monitor.status().collators[0]!;
  await untilSignal(t.monitor, () => collator().rpc === 'up' && collator().best === node.best, 'the RPC probe to see the best block');
  /** The node imports one block and one expected block time passes. */
  const block = async () => {
    t.clock.advance(BLOCK_TIME_MS);
    node.produceBlock();
    // One node: its exporter says what its RPC says.
    metrics.metrics.best = node.best;
    metrics.metrics.finalized = node.finalized;
    const expected = node.best;
    await untilSignal(t.monitor, () => collator().best === expected, `block #${expected}`);
    await t.monitor.probeRound();
  };
  /** Time passes without a block. */
  const idle = async (blockTimes: number) => {
    t.clock.advance(blockTimes * BLOCK_TIME_MS);
    await t.monitor.probeRound();
  };
  await t.monitor.probeRound();
  return { ...t, node, metrics, collator, block, idle };
}

describe('collator rules driven by a real RPC and metrics endpoint', () => {
  it('flags a collator whose best block stops advancing within two expected block times, then clears once blocks flow again', async () => {
    const t = await watchedCollator();
    for (let i = 0; i < 3; i += 1) await t.block();
    expect(t.levelOf('collator', 'best-stalled')).toBe('ok');
    await t.idle(1.9);
    expect(t.levelOf('collator', 'best-stalled')).toBe('ok');
    await t.idle(0.1);
    expect(t.levelOf('collator', 'best-stalled')).toBe('warn');
    await t.idle(3);
    expect(t.levelOf('collator', 'best-stalled')).toBe('crit');
    for (let i = 0; i < 4; i += 1) await t.block();
    expect(t.changes('best-stalled')).toEqual(['ok→warn', 'warn→crit', 'crit→ok']);
    expect(t.notifications.map((n) => n.level)).toEqual(['warning', 'critical', 'info']);
  });

  it('raises one alert, not a storm, when blocks arrive just around the stall threshold', async () => {
    const t = await watchedCollator();
    for (let i = 0; i < 8; i += 1) {
      await t.idle(2);
      await t.block();
    }
    expect(t.changes('best-stalled')).toEqual(['ok→warn']);
    for (let i = 0; i < 4; i += 1) await t.block();
    expect(t.changes('best-stalled')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('warns when finality falls behind the best block, and clears when it catches up', async () => {
    const t = await watchedCollator();
    t.node.finalize();
    for (let i = 0; i < 11; i += 1) await t.block();
    expect(t.levelOf('collator', 'finality-lag')).toBe('warn');
    t.node.finalize();
    await untilSignal(t.monitor, () => t.collator().finalized === t.node.best, 'finality to catch up');
    for (let i = 0; i < 4; i += 1) {
      await t.block();
      t.node.finalize();
    }
    expect(t.changes('finality-lag')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('reports lost peers within one probe, and sees when no other collator is in sight', async () => {
    const t = await watchedCollator();
    t.node.peers = 1;
    await t.block();
    expect(t.levelOf('collator', 'peers-low')).toBe('warn');
    t.node.peers = 0;
    t.metrics.metrics.syncPeers = 0;
    await t.block();
    expect(t.levelOf('collator', 'peers-low')).toBe('crit');
    expect(t.levelOf('collator', 'no-collator-peers')).toBe('warn');
    // Peers flapping between 1 and 6 on every probe: the alarm holds, one level change at most.
    for (let i = 0; i < 6; i += 1) {
      t.node.peers = i % 2 === 0 ? 6 : 1;
      await t.block();
    }
    expect(t.changes('peers-low')).toEqual(['ok→warn', 'warn→crit', 'crit→warn']);
    t.node.peers = 6;
    t.metrics.metrics.syncPeers = 3;
    for (let i = 0; i < 4; i += 1) await t.block();
    expect(t.changes('peers-low').at(-1)).toBe('warn→ok');
    expect(t.changes('no-collator-peers')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('makes RPC unreachable by stopping the endpoint: WARN at once, CRIT after two block times, OK after it comes back', async () => {
    const t = await watchedCollator({ metrics: false });
    await t.node.stop();
    await untilSignal(t.monitor, () => t.collator().rpc === 'down', 'the RPC to be seen down');
    expect(t.levelOf('collator', 'rpc-unreachable')).toBe('warn');
    await t.idle(2);
    expect(t.levelOf('collator', 'rpc-unreachable')).toBe('crit');
    await t.node.start();
    await untilSignal(t.monitor, () => t.collator().rpc === 'up', 'the RPC to come back', 60_000);
    for (let i = 0; i < 4; i += 1) await t.block();
    expect(t.changes('rpc-unreachable')).toEqual(['ok→warn', 'warn→crit', 'crit→ok']);
    // The node's RPC being gone is not blamed on its metrics.
    expect(t.changes('metrics-unreachable')).toEqual([]);
  });

  it('warns when the metrics port is held by another program while RPC works, and clears when the exporter is back', async () => {
    const squatter = await startSquatter();
    const metrics = new MetricsEndpoint();
    const t = await watchedCollator({ metrics: false, target: { parachainMetricsUrl: `http://127.0.0.1:${squatter.port}/metrics` } });
    cleanups.push(() => metrics.stop());
    await t.block();
    expect(t.levelOf('collator', 'metrics-unreachable')).toBe('warn');
    expect(t.collator().findings.find((f) => f.rule === 'metrics-unreachable')?.message).toMatch(/another program may hold the port/);
    await squatter.stop();
    metrics.metrics.best = t.node.best;
    await metrics.start(squatter.port);
    // The first scrape may still hit the squatter's closed connection; then three healthy block times clear it.
    for (let i = 0; i < 5; i += 1) await t.block();
    expect(t.changes('metrics-unreachable')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('warns when a node has been syncing for too many block times', async () => {
    const t = await watchedCollator();
    t.node.isSyncing = true;
    t.node.highestBlock = 1_000_000;
    await t.block();
    t.clock.advance(599 * BLOCK_TIME_MS);
    await t.block();
    expect(t.levelOf('collator', 'syncing-too-long')).toBe('warn');
    t.node.isSyncing = false;
    for (let i = 0; i < 4; i += 1) await t.block();
    expect(t.changes('syncing-too-long')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('flags a collator in the author set that authors nothing while the chain moves on', async () => {
    const aura = `0x${'ab'.repeat(32)}`;
    const t = await watchedCollator({ target: { auraKey: aura } });
    t.monitor.setAuthorities(2000, [aura, `0x${'cd'.repeat(32)}`, `0x${'ef'.repeat(32)}`]);
    // Three authors, 6 s blocks, margin 2: silent for 36 s is suspicious.
    for (let i = 0; i < 5; i += 1) await t.block();
    expect(t.levelOf('collator', 'not-authoring')).toBe('ok');
    for (let i = 0; i < 2; i += 1) await t.block();
    expect(t.levelOf('collator', 'not-authoring')).toBe('warn');
    for (let i = 0; i < 4; i += 1) {
      t.metrics.metrics.blocksAuthored += 1;
      await t.block();
    }
    expect(t.changes('not-authoring')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('finds which Aura authority a collator is from its own keystore, so a silent author is flagged without the operator typing its key', async () => {
    const t = await watchedCollator();
    const ours = `0x${'cd'.repeat(32)}`;
    t.node.auraKeys = [ours];
    t.monitor.setAuthorities(2000, [`0x${'ab'.repeat(32)}`, ours, `0x${'ef'.repeat(32)}`]);
    for (let i = 0; i < 5; i += 1) await t.block();
    expect(t.levelOf('collator', 'not-authoring')).toBe('ok');
    for (let i = 0; i < 2; i += 1) await t.block();
    expect(t.levelOf('collator', 'not-authoring')).toBe('warn');
  });

  it('does not judge authoring for a collator whose keystore holds none of the authorities', async () => {
    const t = await watchedCollator();
    t.node.auraKeys = [`0x${'99'.repeat(32)}`];
    t.monitor.setAuthorities(2000, [`0x${'ab'.repeat(32)}`, `0x${'cd'.repeat(32)}`]);
    for (let i = 0; i < 12; i += 1) await t.block();
    expect(t.changes('not-authoring')).toEqual([]);
  });

  it('warns when free disk on the base path falls under the threshold, with a margin before it clears', async () => {
    const t = await watchedCollator({ target: { basePath: process.cwd() } });
    await t.block();
    const freePercent = (100 * t.collator().diskFreeBytes!) / (await import('node:fs/promises').then((fs) => fs.statfs(process.cwd())).then((s) => s.blocks * s.bsize));
    // The real disk stays as it is; the operator's threshold moves across it.
    t.monitor.updateRules({ scope: 'collator', id: 'alice', patch: { diskWarnFreePercent: Math.min(100, freePercent + 1), diskCritFreePercent: 0 } });
    await t.block();
    expect(t.levelOf('collator', 'disk-low')).toBe('warn');
    // Inside the clear margin: still raised.
    t.monitor.updateRules({ scope: 'collator', id: 'alice', patch: { diskWarnFreePercent: Math.max(0, freePercent - 1) } });
    for (let i = 0; i < 4; i += 1) await t.block();
    expect(t.levelOf('collator', 'disk-low')).toBe('warn');
    t.monitor.updateRules({ scope: 'collator', id: 'alice', patch: { diskWarnFreePercent: Math.max(0, freePercent - 5) } });
    for (let i = 0; i < 4; i += 1) await t.block();
    expect(t.changes('disk-low')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('sees a crash at once and a crash loop of real processes, then calms when the node keeps running', async () => {
    const t = await watchedCollator();
    for (let crash = 0; crash < 5; crash += 1) {
      const child = spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
      t.monitor.recordProcessEvent('alice', { kind: 'started', pid: child.pid! });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      t.monitor.recordProcessEvent('alice', { kind: 'exited', code, signal: null, expected: false });
      await untilSignal(t.monitor, () => t.collator().alive === false, 'the exit to be judged');
      expect(t.levelOf('collator', 'process-down')).toBe('crit');
      t.clock.advance(10_000);
    }
    expect(t.levelOf('collator', 'crash-loop')).toBe('crit');
    expect(t.collator().restartsInWindow).toBe(5);
    t.monitor.recordProcessEvent('alice', { kind: 'started', pid: process.pid });
    t.clock.advance(600_000);
    for (let i = 0; i < 4; i += 1) await t.block();
    expect(t.changes('crash-loop')).toEqual(['ok→warn', 'warn→crit', 'crit→ok']);
    // One alert for a process that keeps dying, not one per crash: the crash loop says the rest.
    expect(t.changes('process-down')).toEqual(['ok→crit', 'crit→ok']);
  });

  it('does not call a stopped collator sick', async () => {
    const t = await watchedCollator();
    t.monitor.watchCollator({ id: 'alice', name: 'Alice', paraId: 2000, rpcUrl: t.node.url, parachainMetricsUrl: t.metrics.url, expectedRunning: false });
    t.monitor.recordProcessEvent('alice', { kind: 'exited', code: 0, signal: 'SIGINT', expected: true });
    await t.node.stop();
    await t.idle(10);
    expect(t.monitor.status().collators[0]?.level).toBe('ok');
  });
});
