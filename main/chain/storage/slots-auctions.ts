import type { ApiPromise } from '@polkadot/api';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { bigintOf, itemsOf, numberOf, someOf } from './codec-values';
import { constantBigint, storageItem } from './storage-item';

/** One lease period held by a para: who put the deposit up and how much. */
export interface LeaseHolding {
  readonly account: string;
  readonly depositPlanck: bigint;
}

/** `slots.leases(id)`: from the current lease period on, one entry per period (null where the para holds none). */
export const slotsLeases = storageItem<[paraId: number], (LeaseHolding | null)[]>(PALLET_NAMES.slots, 'leases', (value) =>
  itemsOf(value).map((period) => {
    const held = someOf(period);
    if (held === undefined) return null;
    const [account, deposit] = itemsOf(held);
    if (account === undefined || deposit === undefined) throw new Error('a lease is (account, deposit)');
    return { account: account.toString(), depositPlanck: bigintOf(deposit) };
  }),
);

export interface LeasePeriodTiming {
  readonly leasePeriodBlocks: number;
  readonly leaseOffsetBlocks: number;
}

export function readLeasePeriodTiming(api: ApiPromise): LeasePeriodTiming | undefined {
  const period = constantBigint(api, PALLET_NAMES.slots, 'leasePeriod');
  const offset = constantBigint(api, PALLET_NAMES.slots, 'leaseOffset');
  if (period === undefined || offset === undefined) return undefined;
  return { leasePeriodBlocks: Number(period), leaseOffsetBlocks: Number(offset) };
}

/** The lease period a relay block falls in; undefined before the first period starts. */
export function leasePeriodAt(block: number, timing: LeasePeriodTiming): number | undefined {
  if (block < timing.leaseOffsetBlocks) return undefined;
  return Math.floor((block - timing.leaseOffsetBlocks) / timing.leasePeriodBlocks);
}

/** `auctions.auctionInfo`: the running auction's first lease period and the block its ending period starts. */
export interface AuctionInfo {
  readonly firstLeasePeriod: number;
  readonly endingPeriodStartBlock: number;
}

export const auctionsInfo = storageItem<[], AuctionInfo>(PALLET_NAMES.auctions, 'auctionInfo', (value) => {
  const [leasePeriod, ending] = itemsOf(value);
  if (leasePeriod === undefined || ending === undefined) throw new Error('auctionInfo is (lease period, ending block)');
  return { firstLeasePeriod: numberOf(leasePeriod), endingPeriodStartBlock: numberOf(ending) };
});

export const auctionsCounter = storageItem<[], number>(PALLET_NAMES.auctions, 'auctionCounter', numberOf);

export interface WinningBid {
  readonly bidder: string;
  readonly paraId: number;
  readonly amountPlanck: bigint;
}

/** `auctions.winning(sample)`: the winning bid for each slot range (null where nobody bid). */
export const auctionsWinning = storageItem<[sample: number], (WinningBid | null)[]>(PALLET_NAMES.auctions, 'winning', (value) =>
  itemsOf(value).map((range) => {
    const bid = someOf(range);
    if (bid === undefined) return null;
    const [bidder, paraId, amount] = itemsOf(bid);
    if (bidder === undefined || paraId === undefined || amount === undefined) throw new Error('a bid is (bidder, para, amount)');
    return { bidder: bidder.toString(), paraId: numberOf(paraId), amountPlanck: bigintOf(amount) };
  }),
);

/** `auctions.reservedAmounts((bidder, para))`: what the bidder's winning bids for the para hold reserved. */
export const auctionsReservedAmounts = storageItem<[bidderAndPara: [string, number]], bigint>(PALLET_NAMES.auctions, 'reservedAmounts', bigintOf);

/** The auction's shape as this runtime sets it: every figure from its constants, none assumed. */
export interface AuctionShape {
  readonly endingPeriodBlocks: number;
  readonly sampleLengthBlocks: number;
  /** `auctions.leasePeriodsPerSlot`: how many consecutive lease periods one auction sells. */
  readonly leasePeriodsPerSlot: number;
}

export function readAuctionShape(api: ApiPromise): AuctionShape | undefined {
  const endingPeriod = constantBigint(api, PALLET_NAMES.auctions, 'endingPeriod');
  const sampleLength = constantBigint(api, PALLET_NAMES.auctions, 'sampleLength');
  const periodsPerSlot = constantBigint(api, PALLET_NAMES.auctions, 'leasePeriodsPerSlot');
  if (endingPeriod === undefined || sampleLength === undefined || periodsPerSlot === undefined) return undefined;
  return { endingPeriodBlocks: Number(endingPeriod), sampleLengthBlocks: Number(sampleLength), leasePeriodsPerSlot: Number(periodsPerSlot) };
}

/** `slots::deposit_held`: the largest lease deposit `account` holds for the para across its lease periods. */
export function leaseDepositHeld(leases: readonly (LeaseHolding | null)[], isBidder: (account: string) => boolean): bigint {
  let held = 0n;
  for (const lease of leases) if (lease && isBidder(lease.account) && lease.depositPlanck > held) held = lease.depositPlanck;
  return held;
}
