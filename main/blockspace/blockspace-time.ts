import { leasePeriodAt, type LeaseHolding, type LeasePeriodTiming } from '../chain/storage/slots-auctions';
import { timesliceStartBlock } from '../chain/calc/timeslice';

/**
 * Turning the chain's clocks (relay blocks, lease periods, broker timeslices)
 * into wall-clock times for the blockspace rules, from the current relay
 * block and the relay's expected block time.
 */
export interface RelayNow {
  readonly block: number;
  readonly atMs: number;
  readonly blockTimeMs: number;
}

/** When a relay block is (or was) reached. A past block gives a time in the past, so the rule sees "ended". */
export function relayBlockAtMs(block: number, now: RelayNow): number {
  return now.atMs + (block - now.block) * now.blockTimeMs;
}

export function timesliceAtMs(timeslice: number, timeslicePeriodBlocks: number, now: RelayNow): number {
  return relayBlockAtMs(timesliceStartBlock(timeslice, timeslicePeriodBlocks), now);
}

/**
 * The relay block at which the para's leases stop covering it: the end of the
 * run of held periods starting with the current one. `slots.leases` begins at
 * the current lease period; a gap means the para is without a slot from
 * there, so later periods after a gap do not push the end out. Undefined when
 * the para holds no lease for the current period.
 */
export function leaseRunEndBlock(leases: readonly (LeaseHolding | null)[], nowBlock: number, timing: LeasePeriodTiming): number | undefined {
  const currentPeriod = leasePeriodAt(nowBlock, timing);
  if (currentPeriod === undefined) return undefined;
  let held = 0;
  while (leases[held]) held += 1;
  if (held === 0) return undefined;
  return timing.leaseOffsetBlocks + (currentPeriod + held) * timing.leasePeriodBlocks;
}
