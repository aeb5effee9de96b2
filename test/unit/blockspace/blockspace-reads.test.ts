import { bnToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerPotentialRenewals, brokerSaleInfo } from '../../../main/chain/storage/broker';
import { brokerLeases, brokerWorkload, brokerWorkplan, paraIdsOf, readTimeslicePeriod, workplanKeyOf } from '../../../main/chain/storage/broker-schedule';
import { lastRelayChainBlockNumber, systemNumber } from '../../../main/chain/storage/block-number';
import { readLeasePeriodTiming, slotsLeases } from '../../../main/chain/storage/slots-auctions';
import { readEntries, readItem, storageKey } from '../../../main/chain/storage/storage-item';
import { leaseRunEndBlock, relayBlockAtMs, timesliceAtMs, type RelayNow } from '../../../main/blockspace/blockspace-time';
import { bulkStanding, type BulkFacts } from '../../../main/blockspace/bulk-standing';
import { readBlockspaceRound } from '../../../main/blockspace/read-blockspace';
import { scriptedChain, type ScriptedChain } from '../health/support/scripted-storage';

const ALICE = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5';
const DAY_MS = 86_400_000;
const NOW_MS = 1_700_000_000_000;
const FULL_CORE = `0x${'ff'.repeat(10)}`;

let relay: ScriptedChain;
let coretime: ScriptedChain;
beforeAll(async () => {
  relay = await scriptedChain('polkadot');
  coretime = await scriptedChain('substrate');
});
afterAll(async () => {
  await Promise.all([relay.api.disconnect(), coretime.api.disconnect()]);
});

describe('a lease, read from Polkadot’s slots pallet, as the time it ends', () => {
  it('ends after the run of periods held from the current one, at Polkadot’s 12-week periods and 6 s blocks', async () => {
    const timing = readLeasePeriodTiming(relay.api);
    expect(timing).toEqual({ leasePeriodBlocks: 1_209_600, leaseOffsetBlocks: 921_600 });
    if (!timing) throw new Error('lease timing expected');
    // Period 20 began 100 blocks ago; the para holds periods 20 and 21.
    const nowBlock = timing.leaseOffsetBlocks + 20 * timing.leasePeriodBlocks + 100;
    relay.set(slotsLeases, [2000], [[ALICE, 5_000_000_000_000n], [ALICE, 5_000_000_000_000n]]);
    const leases = (await readItem(relay.api, slotsLeases, 2000)) ?? [];
    const endBlock = leaseRunEndBlock(leases, nowBlock, timing);
    expect(endBlock).toBe(timing.leaseOffsetBlocks + 22 * timing.leasePeriodBlocks);
    const now: RelayNow = { block: nowBlock, atMs: NOW_MS, blockTimeMs: 6_000 };
    // Two periods of 1,209,600 blocks less the 100 already gone, 6 s each: just under 168 days.
    expect((relayBlockAtMs(endBlock ?? 0, now) - NOW_MS) / DAY_MS).toBeCloseTo((2 * 1_209_600 - 100) * 6 / 86_400, 6);
  });

  it('stops at a gap: a period held after a free one does not keep the para on a core through the gap', async () => {
    const timing = readLeasePeriodTiming(relay.api);
    if (!timing) throw new Error('lease timing expected');
    relay.set(slotsLeases, [2001], [[ALICE, 1n], null, [ALICE, 1n]]);
    const leases = (await readItem(relay.api, slotsLeases, 2001)) ?? [];
    expect(leaseRunEndBlock(leases, timing.leaseOffsetBlocks + 5, timing)).toBe(timing.leaseOffsetBlocks + timing.leasePeriodBlocks);
    relay.set(slotsLeases, [2002], [null, [ALICE, 1n]]);
    expect(leaseRunEndBlock((await readItem(relay.api, slotsLeases, 2002)) ?? [], timing.leaseOffsetBlocks + 5, timing)).toBeUndefined();
  });
});

describe('the broker’s schedules and legacy leases (the real pallet_broker, Substrate node 268 metadata)', () => {
  it('keys a workplan by (timeslice, core) and decodes what each core runs now and next', async () => {
    const key = u8aConcat(bnToU8a(300_000, { bitLength: 32 }), bnToU8a(7, { bitLength: 16 }));
    expect(storageKey(coretime.api, brokerWorkplan, [300_000, 7])).toBe(u8aToHex(u8aConcat(xxhashAsU8a('Broker', 128), xxhashAsU8a('Workplan', 128), xxhashAsU8a(key, 64), key)));
    coretime.set(brokerWorkplan, [[300_000, 7]], [{ mask: FULL_CORE, assignment: { Task: 2000 } }]);
    coretime.set(brokerWorkload, [3], [{ mask: `0x${'ff'.repeat(5)}${'00'.repeat(5)}`, assignment: { Task: 2001 } }, { mask: `0x${'00'.repeat(5)}${'ff'.repeat(5)}`, assignment: 'Pool' }]);
    const [plan] = await readEntries(coretime.api, brokerWorkplan);
    expect(plan && workplanKeyOf(plan.keyArgs[0]!)).toEqual({ timeslice: 300_000, core: 7 });
    expect(plan?.value).toEqual([{ mask: FULL_CORE, assignment: { kind: 'Task', paraId: 2000 } }]);
    const load = await readItem(coretime.api, brokerWorkload, 3);
    expect(load && paraIdsOf(load)).toEqual([2001]);
    expect(load?.[1]?.assignment).toEqual({ kind: 'Pool' });
    coretime.remove(brokerWorkplan, [[300_000, 7]]);
    coretime.remove(brokerWorkload, [3]);
  });

  it('reads the legacy leases carried over from the relay, and the relay blocks per timeslice', async () => {
    coretime.set(brokerLeases, [], [{ until: 310_000, task: 2004 }]);
    expect(await readItem(coretime.api, brokerLeases)).toEqual([{ untilTimeslice: 310_000, paraId: 2004 }]);
    coretime.remove(brokerLeases, []);
    expect(readTimeslicePeriod(coretime.api)).toBeGreaterThan(0);
  });

  it('reads the chain’s own block number, and on a parachain the relay block it last built on', async () => {
    relay.set(systemNumber, [], 24_000_000);
    expect(await readItem(relay.api, systemNumber)).toBe(24_000_000);
    // Polkadot Asset Hub's metadata: a system parachain like the Coretime chain, with the same parachainSystem pallet.
    const parachain = await scriptedChain('assetHubPolkadot');
    try {
      parachain.set(lastRelayChainBlockNumber, [], 24_000_123);
      expect(await readItem(parachain.api, lastRelayChainBlockNumber)).toBe(24_000_123);
      // Without a relay connection, the round takes the relay's clock from there.
      const round = await readBlockspaceRound({ coretime: parachain.api }, { nowMs: NOW_MS, relayBlockTimeMs: 6_000 });
      expect(round?.now).toEqual({ block: 24_000_123, atMs: NOW_MS, blockTimeMs: 6_000 });
    } finally {
      await parachain.api.disconnect();
    }
  });
});

describe('where a para stands with bulk coretime, from the broker’s storage', () => {
  // The sale under way sells [305_040, 310_080); it opens (the interlude ends) at relay block 24_403_200.
  const SALE = { saleStart: 24_403_200, leadinLength: 100_800, endPrice: 5_000_000_000n, regionBegin: 305_040, regionEnd: 310_080, idealCoresSold: 10, coresOffered: 20, firstCore: 50, selloutPrice: null, coresSold: 3 };
  const inInterlude = SALE.saleStart - 14_400;
  // No broker configuration stored here, so no advance notice: the sale closes where its region begins.
  const interludeWindow = { kind: 'interlude', saleStartBlock: SALE.saleStart, closesBlock: SALE.regionBegin * 80 };

  async function facts(): Promise<BulkFacts> {
    relay.set(systemNumber, [], inInterlude);
    const round = await readBlockspaceRound({ relay: relay.api, coretime: coretime.api }, { nowMs: NOW_MS, relayBlockTimeMs: 6_000 });
    expect(round?.now.block).toBe(inInterlude);
    if (!round?.bulk) throw new Error('bulk facts expected');
    // SALE holds Polkadot's figures (80 relay blocks a timeslice); the broker of this test metadata counts 2.
    return { ...round.bulk, timeslicePeriodBlocks: 80 };
  }

  it('a para whose renewal right still points at the sale’s region has not renewed: its region ends where the sale’s begins', async () => {
    coretime.set(brokerSaleInfo, [], SALE);
    coretime.set(brokerPotentialRenewals, [{ core: 7, when: SALE.regionBegin }], { price: 55_000_000_000n, completion: { Complete: [{ mask: FULL_CORE, assignment: { Task: 2000 } }] } });
    coretime.set(brokerWorkload, [7], [{ mask: FULL_CORE, assignment: { Task: 2000 } }]);
    const standing = bulkStanding(2000, await facts(), inInterlude);
    expect(standing).toEqual({ endTimeslice: SALE.regionBegin, renewal: { renewed: false, interludeOpen: true, saleStartBlock: SALE.saleStart, window: interludeWindow } });
    // 14,400 relay blocks of interlude left at 6 s: one day.
    expect(relayBlockAtMs(SALE.saleStart, { block: inInterlude, atMs: NOW_MS, blockTimeMs: 6_000 }) - NOW_MS).toBe(DAY_MS);
  });

  it('after renew(core) the right moves to the region after the one sold, and the para is planned on a core from the sale’s region', async () => {
    coretime.remove(brokerPotentialRenewals, [{ core: 7, when: SALE.regionBegin }]);
    coretime.set(brokerPotentialRenewals, [{ core: 9, when: SALE.regionEnd }], { price: 60_000_000_000n, completion: { Complete: [{ mask: FULL_CORE, assignment: { Task: 2000 } }] } });
    coretime.set(brokerWorkplan, [[SALE.regionBegin, 9]], [{ mask: FULL_CORE, assignment: { Task: 2000 } }]);
    expect(bulkStanding(2000, await facts(), inInterlude)).toEqual({ endTimeslice: SALE.regionEnd, renewal: { renewed: true, interludeOpen: true, saleStartBlock: SALE.saleStart, window: interludeWindow } });
  });

  it('a para on a core without a right to renew (provisional or shared) runs until the sold period ends, with no interlude to watch', async () => {
    coretime.set(brokerWorkload, [11], [{ mask: `0x${'ff'.repeat(5)}${'00'.repeat(5)}`, assignment: { Task: 2003 } }]);
    expect(bulkStanding(2003, await facts(), inInterlude)).toEqual({ endTimeslice: SALE.regionBegin });
    expect(bulkStanding(2999, await facts(), inInterlude)).toBeUndefined();
  });

  it('turns a region’s end timeslice into a time with the runtime’s timeslice period', () => {
    const now: RelayNow = { block: 305_000 * 80, atMs: NOW_MS, blockTimeMs: 6_000 };
    // 40 timeslices of 80 relay blocks at 6 s: 19,200 s.
    expect(timesliceAtMs(305_040, 80, now) - NOW_MS).toBe(19_200_000);
  });
});
