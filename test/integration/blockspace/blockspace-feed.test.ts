import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStateEvent } from '../../../shared/contract/chain';
import { systemAccount } from '../../../main/chain/storage/balances';
import { systemNumber } from '../../../main/chain/storage/block-number';
import { brokerPotentialRenewals, brokerSaleInfo } from '../../../main/chain/storage/broker';
import { brokerWorkload, readTimeslicePeriod } from '../../../main/chain/storage/broker-schedule';
import { relayConfiguration } from '../../../main/chain/storage/configuration';
import { onDemandQueueStateItem } from '../../../main/chain/storage/on-demand';
import { readLeasePeriodTiming, slotsLeases } from '../../../main/chain/storage/slots-auctions';
import { BlockspaceFeed } from '../../../main/blockspace/blockspace-feed';
import type { ChainConnections } from '../../../main/health/chain-feed';
import { silentLogger } from '../../../main/logging/logger';
import { ParachainConfigStore } from '../../../main/settings/parachain-config';
import { monitorForTest, untilSignal } from '../../unit/health/support/monitor';
import { scriptedChain, type ScriptedChain } from '../../unit/health/support/scripted-storage';

/**
 * The blockspace feed end to end: a real HealthMonitor and the real readers
 * over ApiPromises decorated with Polkadot's and the Substrate node's shipped
 * metadata, whose storage the test writes (no relay or Coretime chain can run
 * here; see scripted-storage.ts). Para 2000 holds a lease, 2001 bulk coretime,
 * 2002 pays on-demand orders from the wizard's console account.
 */
const ALICE = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5';
const BOB = '14E5nqKAp3oAJcmzgZhUD2RcptBeUBScxKHgJKU4HPNcKVf3';
const DAY_BLOCKS = 14_400;
const DOT = 10_000_000_000n;
const FULL_CORE = `0x${'ff'.repeat(10)}`;

let relay: ScriptedChain;
let coretime: ScriptedChain;
let dataDir: string;
beforeAll(async () => {
  relay = await scriptedChain('polkadot');
  coretime = await scriptedChain('substrate');
  dataDir = mkdtempSync(join(tmpdir(), 'blockspace-feed-'));
});
afterAll(async () => {
  await Promise.all([relay.api.disconnect(), coretime.api.disconnect()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The chain layer's connection pool as the feed sees it, with the test moving each role's state. */
function scriptedConnections() {
  const states = new Map<ConnectionStateEvent['role'], ConnectionStateEvent>();
  const listeners = new Set<(state: ConnectionStateEvent) => void>();
  const apis = { relay: relay.api, coretime: coretime.api };
  const connections: ChainConnections = {
    states: () => [...states.values()],
    onState: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    api: (role) => {
      const api = role === 'relay' || role === 'coretime' ? apis[role] : undefined;
      return api ? Promise.resolve(api) : Promise.reject(new Error(`no ${role} connection`));
    },
  };
  const connect = (role: 'relay' | 'coretime') => {
    const state: ConnectionStateEvent = { role, networkId: 'polkadot', status: 'connected', rehearsal: false, at: Date.now() };
    states.set(role, state);
    for (const listener of listeners) listener(state);
  };
  return { connections, connect };
}

describe('blockspace read from the chain raises the blockspace rules on the health status', () => {
  it('warns of a lease ending in 10 days, a core not renewed while the interlude runs, and an on-demand account good for 50 orders; a top-up clears it', async () => {
    const t = monitorForTest();
    const parachain = new ParachainConfigStore({ filePath: join(dataDir, 'parachain.json'), log: silentLogger });
    parachain.update({ paraId: 2002, blockspace: 'on-demand', signer: { kind: 'vault', address: BOB }, orderPolicy: { enabled: true, trigger: 'either', maxPricePlanck: String(2n * DOT), dailyBudgetPlanck: String(100n * DOT) } });
    for (const paraId of [2000, 2001, 2002, 2003]) t.monitor.watchParachain({ paraId, name: `Para ${paraId}` });

    // Relay: now is 10 days before the end of the current lease period, which para 2000 holds.
    const timing = readLeasePeriodTiming(relay.api);
    if (!timing) throw new Error('Polkadot has lease periods');
    const nowBlock = timing.leaseOffsetBlocks + 21 * timing.leasePeriodBlocks - 10 * DAY_BLOCKS;
    relay.set(systemNumber, [], nowBlock);
    relay.set(slotsLeases, [2000], [[ALICE, 1_000n * DOT]]);

    // Coretime: the sale for the next region is in its interlude for 2 more days; 2001's right to renew still points at it.
    const timeslicePeriod = readTimeslicePeriod(coretime.api) ?? 80;
    const regionBegin = Math.ceil((nowBlock + 20 * DAY_BLOCKS) / timeslicePeriod);
    coretime.set(brokerSaleInfo, [], { saleStart: nowBlock + 2 * DAY_BLOCKS, leadinLength: 100_800, endPrice: 5n * DOT, regionBegin, regionEnd: regionBegin + 5_040, idealCoresSold: 10, coresOffered: 20, firstCore: 50, selloutPrice: null, coresSold: 3 });
    coretime.set(brokerWorkload, [7], [{ mask: FULL_CORE, assignment: { Task: 2001 } }]);
    coretime.set(brokerPotentialRenewals, [{ core: 7, when: regionBegin }], { price: 55n * DOT, completion: { Complete: [{ mask: FULL_CORE, assignment: { Task: 2001 } }] } });

    // On-demand: spot price 1 DOT; Bob can spend 50 DOT above the existential deposit.
    const queue = onDemandQueueStateItem(relay.api);
    if (!queue) throw new Error('Polkadot has an on-demand queue');
    relay.set(queue, [], { traffic: 1_000_000_000_000_000_000n, nextIndex: 0, smallestIndex: 0, freedIndices: [] });
    relay.set(relayConfiguration, [], { maxCodeSize: 3_145_728, maxHeadDataSize: 32_768, pvfVotingTtl: 2, schedulerParams: { onDemandBaseFee: DOT, onDemandFeeVariability: 30_000_000, onDemandTargetQueueUtilization: 250_000_000, onDemandQueueMaxSize: 500 } });
    relay.set(systemAccount, [BOB], { nonce: 0, data: { free: 51n * DOT, reserved: 0n, frozen: 0n } });

    const { connections, connect } = scriptedConnections();
    const feed = new BlockspaceFeed({ monitor: t.monitor, connections, parachain, log: silentLogger, clock: t.clock, intervalMs: 3_600_000 });
    feed.start();
    try {
      const finding = (paraId: number, rule: string) => t.monitor.status().parachains.find((p) => p.paraId === paraId)?.findings.find((f) => f.rule === rule);
      // The operator connects the relay and the Coretime chain: each connection is read at once.
      connect('relay');
      connect('coretime');
      await untilSignal(t.monitor, () => finding(2000, 'blockspace-ending') !== undefined && finding(2001, 'renewal-due') !== undefined && finding(2002, 'on-demand-low') !== undefined, 'the three blockspace findings');

      expect(finding(2000, 'blockspace-ending')).toMatchObject({ level: 'warn', message: expect.stringContaining('lease ends in 10.0 days') });
      expect(finding(2001, 'renewal-due')).toMatchObject({ level: 'warn', message: expect.stringContaining('not renewed') });
      expect(finding(2001, 'blockspace-ending')).toBeUndefined();
      expect(finding(2002, 'on-demand-low')).toMatchObject({ level: 'warn', message: expect.stringContaining('50 more orders') });
      const para = (paraId: number) => t.monitor.status().parachains.find((p) => p.paraId === paraId);
      expect(para(2000)).toMatchObject({ blockspace: 'lease', blockspaceEndsAtMs: t.clock.now() + 10 * 86_400_000 });
      expect(para(2001)).toMatchObject({ blockspace: 'bulk', blockspaceEndsAtMs: t.clock.now() + (regionBegin * timeslicePeriod - nowBlock) * 6_000 });
      expect(para(2002)).toMatchObject({ blockspace: 'on-demand', ordersLeft: '50', level: 'warn' });
      // Nothing applies to 2003: no lease, no core, not the wizard's para.
      expect(para(2003)).toMatchObject({ blockspace: 'none', level: 'ok', findings: [] });

      // Bob's account is topped up to 200 orders and 2001 renews: the next read clears both once the dwell has passed.
      relay.set(systemAccount, [BOB], { nonce: 0, data: { free: 201n * DOT, reserved: 0n, frozen: 0n } });
      coretime.remove(brokerPotentialRenewals, [{ core: 7, when: regionBegin }]);
      coretime.set(brokerPotentialRenewals, [{ core: 9, when: regionBegin + 5_040 }], { price: 60n * DOT, completion: { Complete: [{ mask: FULL_CORE, assignment: { Task: 2001 } }] } });
      await feed.refresh();
      t.clock.advance(60_000);
      t.monitor.evaluate();
      expect(finding(2002, 'on-demand-low')).toBeUndefined();
      expect(finding(2001, 'renewal-due')).toBeUndefined();
      expect(t.changes('on-demand-low')).toEqual(['ok→warn', 'warn→ok']);
      expect(t.changes('renewal-due')).toEqual(['ok→warn', 'warn→ok']);

      // The operator stops watching 2000 and watches it again: its lease is read afresh at once.
      t.monitor.unwatchParachain(2000);
      t.monitor.watchParachain({ paraId: 2000, name: 'Para 2000' });
      await untilSignal(t.monitor, () => finding(2000, 'blockspace-ending') !== undefined, 'the lease read again');
    } finally {
      await feed.stop();
      await t.cleanup();
    }
  });
});
