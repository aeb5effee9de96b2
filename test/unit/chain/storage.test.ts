import type { ApiPromise } from '@polkadot/api';
import { unwrapStorageType } from '@polkadot/types/util';
import { bnToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { brokerConfiguration, brokerPotentialRenewals, brokerRegions, brokerSaleInfo, brokerStatus, regionKeyOf } from '../../../main/chain/storage/broker';
import { systemAccount } from '../../../main/chain/storage/balances';
import { relayConfiguration } from '../../../main/chain/storage/configuration';
import { ahCrowdloanContribution, crowdloanFunds } from '../../../main/chain/storage/crowdloan';
import { onDemandQueueStateItem, readTrafficDefault } from '../../../main/chain/storage/on-demand';
import {
  parasActionsQueue,
  parasCurrentCodeHash,
  parasFutureCodeUpgrade,
  parasHead,
  parasLifecycle,
  parasPvfActiveVote,
  parasUpgradeGoAhead,
} from '../../../main/chain/storage/paras';
import { readRegistrarDeposits, registrarNextFreeParaId, registrarParas } from '../../../main/chain/storage/registrar';
import { babeEpochStart, readEpochTiming, sessionCurrentIndex } from '../../../main/chain/storage/session';
import { auctionsInfo, auctionsWinning, leasePeriodAt, readLeasePeriodTiming, slotsLeases } from '../../../main/chain/storage/slots-auctions';
import { decodeRaw, resolveEntry, storageKey, type StorageItem } from '../../../main/chain/storage/storage-item';
import { offlineApi, type ShippedRuntime } from './support/real-metadata';

/**
 * Every storage read the read model makes is keyed and decoded against real
 * runtime metadata: the key is checked against one computed independently
 * (twox128 of pallet and item, then the hashed arguments), and a value built
 * as the runtime's own type, SCALE-encoded, decodes back to plain values.
 */

const ALICE = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5';
const CODE_HASH = `0x${'c0de'.repeat(16)}` as const;

const apis = new Map<ShippedRuntime, ApiPromise>();
async function apiFor(runtime: ShippedRuntime): Promise<ApiPromise> {
  let api = apis.get(runtime);
  if (api === undefined) {
    api = await offlineApi(runtime);
    apis.set(runtime, api);
  }
  return api;
}
afterAll(async () => {
  await Promise.all([...apis.values()].map((api) => api.disconnect()));
});

/** The runtime's value bytes for this item, built from a JS value as its own type. */
function encoded(api: ApiPromise, item: StorageItem<readonly unknown[], unknown>, value: unknown): Uint8Array {
  const type = unwrapStorageType(api.registry, resolveEntry(api, item).creator.meta.type);
  return api.registry.createType(type, value).toU8a();
}

function prefix(pallet: string, item: string): Uint8Array {
  return u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128));
}
function twox64Concat(bytes: Uint8Array): Uint8Array {
  return u8aConcat(xxhashAsU8a(bytes, 64), bytes);
}
function blake2128Concat(bytes: Uint8Array): Uint8Array {
  return u8aConcat(blake2AsU8a(bytes, 128), bytes);
}
const u32 = (n: number) => bnToU8a(n, { bitLength: 32 });
const u16 = (n: number) => bnToU8a(n, { bitLength: 16 });

describe.each(['polkadot', 'kusama'] as const)('relay chain reads on %s', (runtime) => {
  it('reads who manages para 2000, its deposit and lock, and the next free para id', async () => {
    const api = await apiFor(runtime);
    expect(storageKey(api, registrarParas, 2000)).toBe(u8aToHex(u8aConcat(prefix('Registrar', 'Paras'), twox64Concat(u32(2000)))));
    const info = decodeRaw(api, registrarParas, encoded(api, registrarParas, { manager: ALICE, deposit: 1_234_567_890_123n, locked: true }));
    expect(info).toEqual({ manager: api.registry.createType('AccountId32', ALICE).toString(), depositPlanck: 1_234_567_890_123n, locked: true });
    const unlocked = decodeRaw(api, registrarParas, encoded(api, registrarParas, { manager: ALICE, deposit: 1n, locked: null }));
    expect(unlocked?.locked).toBeUndefined();
    expect(decodeRaw(api, registrarParas, null)).toBeUndefined();

    expect(storageKey(api, registrarNextFreeParaId)).toBe(u8aToHex(prefix('Registrar', 'NextFreeParaId')));
    expect(decodeRaw(api, registrarNextFreeParaId, encoded(api, registrarNextFreeParaId, 3456))).toBe(3456);
    expect(decodeRaw(api, registrarNextFreeParaId, null)).toBe(0);

    const deposits = readRegistrarDeposits(api);
    expect(deposits?.paraDepositPlanck).toBeGreaterThan(0n);
    expect(deposits?.dataDepositPerBytePlanck).toBeGreaterThan(0n);
  });

  it('reads a para lifecycle, head, code hash, scheduled upgrade and go-ahead signal', async () => {
    const api = await apiFor(runtime);
    expect(storageKey(api, parasLifecycle, 2000)).toBe(u8aToHex(u8aConcat(prefix('Paras', 'ParaLifecycles'), twox64Concat(u32(2000)))));
    expect(decodeRaw(api, parasLifecycle, encoded(api, parasLifecycle, 'Onboarding'))).toBe('Onboarding');
    expect(decodeRaw(api, parasLifecycle, encoded(api, parasLifecycle, 'Parachain'))).toBe('Parachain');

    expect(storageKey(api, parasHead, 2000)).toBe(u8aToHex(u8aConcat(prefix('Paras', 'Heads'), twox64Concat(u32(2000)))));
    expect(decodeRaw(api, parasHead, encoded(api, parasHead, '0x0102030405'))).toBe('0x0102030405');

    expect(storageKey(api, parasCurrentCodeHash, 2000)).toBe(u8aToHex(u8aConcat(prefix('Paras', 'CurrentCodeHash'), twox64Concat(u32(2000)))));
    expect(decodeRaw(api, parasCurrentCodeHash, encoded(api, parasCurrentCodeHash, CODE_HASH))).toBe(CODE_HASH);
    expect(decodeRaw(api, parasFutureCodeUpgrade, encoded(api, parasFutureCodeUpgrade, 24_681_357))).toBe(24_681_357);
    expect(decodeRaw(api, parasUpgradeGoAhead, encoded(api, parasUpgradeGoAhead, 'GoAhead'))).toBe('GoAhead');
  });

  it('reads the PVF pre-check vote for a code hash and the onboarding actions queued for a session', async () => {
    const api = await apiFor(runtime);
    expect(storageKey(api, parasPvfActiveVote, CODE_HASH)).toBe(
      u8aToHex(u8aConcat(prefix('Paras', 'PvfActiveVoteMap'), twox64Concat(api.registry.createType('H256', CODE_HASH).toU8a()))),
    );
    // 12 validators: 9 accepted (bits 0-7 and 9), one rejected (bit 11).
    const votesAccept = api.registry.createType('BitVec', new Uint8Array([12 << 2, 0b1111_1111, 0b0000_0010]));
    const votesReject = api.registry.createType('BitVec', new Uint8Array([12 << 2, 0, 0b0000_1000]));
    const vote = decodeRaw(api, parasPvfActiveVote, encoded(api, parasPvfActiveVote, { votesAccept, votesReject, age: 1, createdAt: 24_000_000, causes: [{ Onboarding: 2_000 }] }));
    expect(vote).toEqual({ votesAccept: 9, votesReject: 1, validatorCount: 12, ageSessions: 1, createdAtBlock: 24_000_000, causes: [{ kind: 'onboarding', paraId: 2_000 }] });

    expect(storageKey(api, parasActionsQueue, 12_345)).toBe(u8aToHex(u8aConcat(prefix('Paras', 'ActionsQueue'), twox64Concat(u32(12_345)))));
    expect(decodeRaw(api, parasActionsQueue, encoded(api, parasActionsQueue, [2000, 3344]))).toEqual([2000, 3344]);
    expect(decodeRaw(api, parasActionsQueue, null)).toEqual([]);
  });

  it('reads the relay limits and on-demand pricing from the active configuration', async () => {
    const api = await apiFor(runtime);
    expect(storageKey(api, relayConfiguration)).toBe(u8aToHex(prefix('Configuration', 'ActiveConfig')));
    const config = decodeRaw(
      api,
      relayConfiguration,
      encoded(api, relayConfiguration, {
        maxCodeSize: 3_145_728,
        maxHeadDataSize: 32_768,
        pvfVotingTtl: 2,
        schedulerParams: { onDemandBaseFee: 100_000_000n, onDemandFeeVariability: 30_000_000, onDemandTargetQueueUtilization: 250_000_000, onDemandQueueMaxSize: 500 },
      }),
    );
    expect(config).toEqual({
      maxCodeSize: 3_145_728,
      maxHeadDataSize: 32_768,
      pvfVotingTtlSessions: 2,
      onDemand: { baseFeePlanck: 100_000_000n, feeVariabilityPerbill: 30_000_000, targetQueueUtilizationPerbill: 250_000_000, queueMaxSize: 500 },
    });
  });

  it('reads the session index, the epoch start and the epoch length from BABE', async () => {
    const api = await apiFor(runtime);
    expect(storageKey(api, sessionCurrentIndex)).toBe(u8aToHex(prefix('Session', 'CurrentIndex')));
    expect(decodeRaw(api, sessionCurrentIndex, encoded(api, sessionCurrentIndex, 10_123))).toBe(10_123);
    expect(decodeRaw(api, babeEpochStart, encoded(api, babeEpochStart, [24_000_000, 24_002_400]))).toEqual({ previousStartBlock: 24_000_000, currentStartBlock: 24_002_400 });
    expect(readEpochTiming(api)).toEqual({ epochLengthBlocks: runtime === 'polkadot' ? 2400 : 600, expectedBlockTimeMs: 6000 });
  });

  it('reads leases, the running auction, its winning bids and a crowdloan fund', async () => {
    const api = await apiFor(runtime);
    expect(storageKey(api, slotsLeases, 2000)).toBe(u8aToHex(u8aConcat(prefix('Slots', 'Leases'), twox64Concat(u32(2000)))));
    const leases = decodeRaw(api, slotsLeases, encoded(api, slotsLeases, [null, [ALICE, 5_000_000_000_000n]]));
    expect(leases).toEqual([null, { account: api.registry.createType('AccountId32', ALICE).toString(), depositPlanck: 5_000_000_000_000n }]);
    const timing = readLeasePeriodTiming(api);
    expect(timing?.leasePeriodBlocks).toBe(runtime === 'polkadot' ? 1_209_600 : 604_800);
    if (timing === undefined) throw new Error('lease timing expected');
    expect(leasePeriodAt(timing.leaseOffsetBlocks + timing.leasePeriodBlocks * 3 + 5, timing)).toBe(3);

    expect(decodeRaw(api, auctionsInfo, encoded(api, auctionsInfo, [20, 1_234_567]))).toEqual({ firstLeasePeriod: 20, endingPeriodStartBlock: 1_234_567 });
    const ranges = Array.from({ length: 36 }, (_, i) => (i === 3 ? [ALICE, 2000, 9_000_000_000_000n] : null));
    const winning = decodeRaw(api, auctionsWinning, encoded(api, auctionsWinning, ranges));
    expect(winning).toHaveLength(36);
    expect(winning?.[3]).toEqual({ bidder: api.registry.createType('AccountId32', ALICE).toString(), paraId: 2000, amountPlanck: 9_000_000_000_000n });
    expect(winning?.[0]).toBeNull();

    const fund = decodeRaw(
      api,
      crowdloanFunds,
      encoded(api, crowdloanFunds, { depositor: ALICE, verifier: null, deposit: 5n, raised: 70n, end: 99, cap: 100n, lastContribution: 'Never', firstPeriod: 20, lastPeriod: 27, fundIndex: 4 }),
    );
    expect(fund).toEqual({
      depositor: api.registry.createType('AccountId32', ALICE).toString(),
      depositPlanck: 5n,
      raisedPlanck: 70n,
      capPlanck: 100n,
      endBlock: 99,
      firstPeriod: 20,
      lastPeriod: 27,
      fundIndex: 4,
    });
  });

  it('reads the on-demand traffic and queue size under whichever pallet name the runtime uses', async () => {
    const api = await apiFor(runtime);
    const item = onDemandQueueStateItem(api);
    if (item === undefined) throw new Error('on-demand queue expected');
    const pallet = runtime === 'polkadot' ? 'OnDemand' : 'OnDemandAssignmentProvider';
    expect(storageKey(api, item)).toBe(u8aToHex(prefix(pallet, 'QueueStatus')));
    const state = decodeRaw(api, item, encoded(api, item, { traffic: 2_500_000_000_000_000_000n, nextIndex: 10, smallestIndex: 4, freedIndices: [5] }));
    expect(state).toEqual({ trafficFixed: 2_500_000_000_000_000_000n, queueSize: 5 });
    expect(readTrafficDefault(api)).toBe(1_000_000_000_000_000_000n);
  });

  it('reads an account’s free, reserved and frozen balance', async () => {
    const api = await apiFor(runtime);
    expect(storageKey(api, systemAccount, ALICE)).toBe(
      u8aToHex(u8aConcat(prefix('System', 'Account'), blake2128Concat(api.registry.createType('AccountId32', ALICE).toU8a()))),
    );
    const balance = decodeRaw(api, systemAccount, encoded(api, systemAccount, { nonce: 7, data: { free: 10n ** 13n, reserved: 3n, frozen: 2n } }));
    expect(balance).toEqual({ freePlanck: 10n ** 13n, reservedPlanck: 3n, frozenPlanck: 2n, nonce: 7 });
  });
});

describe('relay configuration on an older runtime', () => {
  it('finds the on-demand parameters at the top level of the configuration (metadata v14, polkadot 1,002,005)', async () => {
    const api = await apiFor('polkadotV14');
    const config = decodeRaw(api, relayConfiguration, encoded(api, relayConfiguration, { maxCodeSize: 1, maxHeadDataSize: 2, onDemandBaseFee: 3n, onDemandQueueMaxSize: 4 }));
    expect(config).toMatchObject({ maxCodeSize: 1, maxHeadDataSize: 2, onDemand: { baseFeePlanck: 3n, queueMaxSize: 4 } });
  });
});

describe('crowdloan reclaim on Asset Hub', () => {
  it('keys a contribution by unlock block, para and account, and decodes its pot and amount', async () => {
    const api = await apiFor('assetHubPolkadot');
    const accountBytes = api.registry.createType('AccountId32', ALICE).toU8a();
    expect(storageKey(api, ahCrowdloanContribution, 24_000_000, 2004, ALICE)).toBe(
      u8aToHex(u8aConcat(prefix('AhOps', 'RcCrowdloanContribution'), twox64Concat(u32(24_000_000)), twox64Concat(u32(2004)), twox64Concat(accountBytes))),
    );
    expect(decodeRaw(api, ahCrowdloanContribution, encoded(api, ahCrowdloanContribution, [ALICE, 42n]))).toEqual({
      pot: api.registry.createType('AccountId32', ALICE).toString(),
      amountPlanck: 42n,
    });
  });
});

describe('bulk coretime reads (the real pallet_broker, Substrate node 268 metadata)', () => {
  it('reads the sale configuration, the current sale and the status', async () => {
    const api = await apiFor('substrate');
    expect(storageKey(api, brokerSaleInfo)).toBe(u8aToHex(prefix('Broker', 'SaleInfo')));
    const config = decodeRaw(
      api,
      brokerConfiguration,
      encoded(api, brokerConfiguration, { advanceNotice: 10, interludeLength: 50_400, leadinLength: 100_800, regionLength: 5040, idealBulkProportion: 1_000_000_000, limitCoresOffered: null, renewalBump: 30_000_000, contributionTimeout: 5040 }),
    );
    expect(config).toEqual({
      advanceNoticeBlocks: 10,
      interludeLengthBlocks: 50_400,
      leadinLengthBlocks: 100_800,
      regionLengthTimeslices: 5040,
      idealBulkProportionPerbill: 1_000_000_000,
      limitCoresOffered: undefined,
      renewalBumpPerbill: 30_000_000,
      contributionTimeoutTimeslices: 5040,
    });
    const sale = decodeRaw(
      api,
      brokerSaleInfo,
      encoded(api, brokerSaleInfo, { saleStart: 1000, leadinLength: 100_800, endPrice: 5_000_000_000n, regionBegin: 300_000, regionEnd: 305_040, idealCoresSold: 10, coresOffered: 20, firstCore: 50, selloutPrice: 7n, coresSold: 3 }),
    );
    expect(sale).toEqual({
      saleStartBlock: 1000,
      leadinLengthBlocks: 100_800,
      endPricePlanck: 5_000_000_000n,
      regionBeginTimeslice: 300_000,
      regionEndTimeslice: 305_040,
      idealCoresSold: 10,
      coresOffered: 20,
      firstCore: 50,
      selloutPricePlanck: 7n,
      coresSold: 3,
    });
    expect(decodeRaw(api, brokerStatus, encoded(api, brokerStatus, { coreCount: 62, privatePoolSize: 0, systemPoolSize: 80, lastCommittedTimeslice: 299_990, lastTimeslice: 300_001 }))).toEqual({
      coreCount: 62,
      privatePoolSize: 0,
      systemPoolSize: 80,
      lastCommittedTimeslice: 299_990,
      lastTimeslice: 300_001,
    });
  });

  it('keys a region by its begin, core and mask, and a potential renewal by core and timeslice', async () => {
    const api = await apiFor('substrate');
    const region = { begin: 300_000, core: 7, mask: '0xffffffffffffffffffff' as const };
    const regionBytes = u8aConcat(u32(300_000), u16(7), new Uint8Array(10).fill(0xff));
    expect(storageKey(api, brokerRegions, region)).toBe(u8aToHex(u8aConcat(prefix('Broker', 'Regions'), blake2128Concat(regionBytes))));
    expect(decodeRaw(api, brokerRegions, encoded(api, brokerRegions, { end: 305_040, owner: ALICE, paid: 123n }))).toEqual({
      endTimeslice: 305_040,
      owner: api.registry.createType('AccountId32', ALICE).toString(),
      paidPlanck: 123n,
    });

    // Listing regions (`readEntries`) hands back each key's region id: it reads back as the same plain key.
    const keyType = api.registry.createLookupType(resolveEntry(api, brokerRegions).creator.meta.type.asMap.key);
    expect(regionKeyOf(api.registry.createType(keyType, regionBytes))).toEqual(region);

    expect(storageKey(api, brokerPotentialRenewals, { core: 7, when: 305_040 })).toBe(
      u8aToHex(u8aConcat(prefix('Broker', 'PotentialRenewals'), twox64Concat(u8aConcat(u16(7), u32(305_040))))),
    );
    const renewal = decodeRaw(
      api,
      brokerPotentialRenewals,
      encoded(api, brokerPotentialRenewals, { price: 55_000_000_000n, completion: { Complete: [{ mask: region.mask, assignment: { Task: 2000 } }] } }),
    );
    expect(renewal).toEqual({ pricePlanck: 55_000_000_000n, completion: { kind: 'Complete', paraIds: [2000] } });
  });
});
