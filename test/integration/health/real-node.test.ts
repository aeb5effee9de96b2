import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../../main/chain/connection/connection-pool';
import { BlockspaceFeed } from '../../../main/blockspace/blockspace-feed';
import { feedHealthFromChain } from '../../../main/health/chain-feed';
import { feedAuraAuthorities, feedRelayEvents } from '../../../main/health/relay-feed';
import { silentLogger } from '../../../main/logging/logger';
import { ParachainConfigStore } from '../../../main/settings/parachain-config';
import { startChopsticksNode, type ChopsticksNode } from '../../fixtures/chopsticks-node';
import { BLOCK_TIME_MS, monitorForTest, untilSignal } from '../../unit/health/support/monitor';

let node: ChopsticksNode;
let t: ReturnType<typeof monitorForTest>;

beforeAll(async () => {
  // A real Substrate runtime that only builds a block when told: it stalls on cue.
  node = await startChopsticksNode({ buildBlockMode: 'Manual' });
  t = monitorForTest();
  t.monitor.watchParachain({ paraId: 1000, name: 'Asset Hub' });
  t.monitor.watchCollator({ id: 'ah', name: 'Asset Hub node', paraId: 1000, rpcUrl: node.wsUrl, expectedRunning: true });
}, 180_000);

afterAll(async () => {
  await t?.cleanup();
  await node?.stop();
});

const collator = () => t.monitor.status().collators[0]!;

describe('health monitoring of a real Substrate node (chopsticks)', () => {
  it('follows its best block by subscription and flags the stall when it stops building', async () => {
    await untilSignal(t.monitor, () => collator().rpc === 'up' && collator().best !== null, 'the first head from the node', 60_000);
    const start = collator().best!;
    for (let i = 1; i <= 3; i += 1) {
      t.clock.advance(BLOCK_TIME_MS);
      await node.newBlock();
      await untilSignal(t.monitor, () => collator().best === start + i, `block #${start + i}`, 60_000);
      await t.monitor.probeRound();
    }
    expect(t.levelOf('collator', 'best-stalled')).toBe('ok');
    expect(t.levelOf('collator', 'rpc-unreachable')).toBe('ok');
    t.clock.advance(2 * BLOCK_TIME_MS);
    await t.monitor.probeRound();
    expect(t.levelOf('collator', 'best-stalled')).toBe('warn');
    for (let i = 4; i <= 7; i += 1) {
      t.clock.advance(BLOCK_TIME_MS);
      await node.newBlock();
      await untilSignal(t.monitor, () => collator().best === start + i, `block #${start + i}`, 60_000);
      await t.monitor.probeRound();
    }
    expect(t.changes('best-stalled')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('sees its RPC go away when the node is killed, and come back when it restarts', async () => {
    const restarting = node.restart();
    await untilSignal(t.monitor, () => collator().rpc === 'down', 'the RPC to drop', 60_000);
    expect(t.levelOf('collator', 'rpc-unreachable')).toBe('warn');
    await restarting;
    await untilSignal(t.monitor, () => collator().rpc === 'up', 'the RPC to come back', 120_000);
    t.clock.advance(3 * BLOCK_TIME_MS);
    await node.newBlock();
    await t.monitor.probeRound();
    expect(t.changes('rpc-unreachable')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('reads every new block\'s events from a real runtime, and flags a parachain that is never included', async () => {
    const api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true });
    try {
      const stopRelay = await feedRelayEvents(t.monitor, api);
      // Asset Hub runs Aura: its own authorities are the author set.
      const stopAura = await feedAuraAuthorities(t.monitor, 1000, api);
      const para = () => t.monitor.status().parachains[0]!;
      await untilSignal(t.monitor, () => para().latestRelayBlock !== null && (para().authorSetSize ?? 0) > 0, 'the first block\'s events and the author set', 60_000);
      const first = para().latestRelayBlock!;
      for (let i = 1; i <= 2; i += 1) {
        t.clock.advance(BLOCK_TIME_MS);
        await node.newBlock();
        await untilSignal(t.monitor, () => para().latestRelayBlock === first + i, `events of block #${first + i}`, 60_000);
      }
      // This chain includes no parachain candidates at all: two block times without inclusion.
      expect(para().lastIncludedRelayBlock).toBeNull();
      expect(t.levelOf('parachain', 'not-included')).toBe('warn');
      stopRelay();
      stopAura();
    } finally {
      await api.disconnect();
    }
  });

  it('follows the chain layer\'s connections: the parachain under its own para id and name, the relay chain\'s events', async () => {
    const pool = new ConnectionPool({ log: silentLogger });
    const fresh = monitorForTest();
    try {
      const stop = feedHealthFromChain(fresh.monitor, pool, silentLogger);
      // The same node stands in for both chains: it is a parachain (Asset Hub, para 1000) with real events.
      await pool.open({ networkId: 'local', role: 'parachain', endpoints: [node.wsUrl] });
      await pool.open({ networkId: 'local', role: 'relay', endpoints: [node.wsUrl] });
      const para = () => fresh.monitor.status().parachains[0];
      await untilSignal(fresh.monitor, () => para()?.paraId === 1000 && (para()?.authorSetSize ?? 0) > 0 && para()?.latestRelayBlock !== null, 'the parachain and relay feeds', 60_000);
      const before = para()!.latestRelayBlock!;
      await node.newBlock();
      await untilSignal(fresh.monitor, () => para()!.latestRelayBlock! > before, 'the next block\'s events', 60_000);
      expect(para()?.name).not.toBe('Parachain 1000');
      stop();
    } finally {
      await pool.closeAll();
      await fresh.cleanup();
    }
  });

  it('reads blockspace over the chain layer\'s real connections: a runtime with no lease, broker or on-demand pallet leaves the para with none, and no rule fires', async () => {
    const pool = new ConnectionPool({ log: silentLogger });
    const fresh = monitorForTest();
    const parachain = new ParachainConfigStore({ filePath: join(fresh.dir, 'parachain.json'), log: silentLogger });
    // The wizard chose on-demand for para 1000 with a console key: there is still no spot price on this runtime to count orders with.
    parachain.update({ paraId: 1000, blockspace: 'on-demand', signer: { kind: 'vault', address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY' } });
    const feed = new BlockspaceFeed({ monitor: fresh.monitor, connections: pool, parachain, log: silentLogger, clock: fresh.clock, intervalMs: 3_600_000 });
    try {
      feed.start();
      fresh.monitor.watchParachain({ paraId: 1000, name: 'Asset Hub' });
      await pool.open({ networkId: 'local', role: 'relay', endpoints: [node.wsUrl] });
      await pool.open({ networkId: 'local', role: 'coretime', endpoints: [node.wsUrl] });
      const para = () => fresh.monitor.status().parachains[0];
      await untilSignal(fresh.monitor, () => para()?.blockspace !== 'unknown', 'the blockspace read', 60_000);
      expect(para()).toMatchObject({ blockspace: 'none', blockspaceEndsAtMs: null, ordersLeft: null, findings: [] });
    } finally {
      await feed.stop();
      await pool.closeAll();
      await fresh.cleanup();
    }
  });
});
