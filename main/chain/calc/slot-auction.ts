/**
 * The auctions pallet's own arithmetic, for telling the operator before
 * signing what a bid will do: which of the auction's slot ranges it competes
 * for, which sample of the candle it lands in, whether it beats the bid
 * winning that range, and how much more the chain reserves for it.
 *
 * Mirrors `handle_bid` and `auction_status` of polkadot's
 * `runtime/common/src/auctions.rs` (and `SlotRange::new_bounded`); the
 * integration test holds it to the chain's own `auctions.Reserved` events on
 * the real Rococo 9430 runtime.
 */

/** Where the running auction stands at a relay block (the block the transaction executes in). */
export type AuctionStatus =
  | { readonly kind: 'not-started' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'ending'; readonly sample: number }
  | { readonly kind: 'vrf-delay' };

export interface AuctionClock {
  /** `auctions.auctionInfo`: the block the ending period starts; undefined when no auction runs. */
  readonly endingPeriodStartBlock: number | undefined;
  /** `auctions.endingPeriod` and `auctions.sampleLength` constants, in relay blocks. */
  readonly endingPeriodBlocks: number;
  readonly sampleLengthBlocks: number;
}

export function auctionStatusAt(block: number, clock: AuctionClock): AuctionStatus {
  if (clock.endingPeriodStartBlock === undefined) return { kind: 'not-started' };
  if (block < clock.endingPeriodStartBlock) return { kind: 'starting' };
  const afterEarlyEnd = block - clock.endingPeriodStartBlock;
  if (afterEarlyEnd < clock.endingPeriodBlocks) return { kind: 'ending', sample: Math.floor(afterEarlyEnd / Math.max(1, clock.sampleLengthBlocks)) };
  return { kind: 'vrf-delay' };
}

/**
 * The index of a bid's range among the auction's `SlotRange`s: ranges are
 * numbered by their first period (offset from the auction's first lease
 * period), then their last, so with 8 periods per slot `0–0` is 0, `0–7` is 7
 * and `1–1` is 8. A string says why the range cannot be bid on.
 */
export function slotRangeIndex(auctionFirstPeriod: number, first: number, last: number, periodsPerSlot: number): number | string {
  if (last < first) return `the last lease period (${last}) comes before the first (${first})`;
  if (first < auctionFirstPeriod) return `this auction sells lease periods from ${auctionFirstPeriod} on; ${first} is before them`;
  const lastOffered = auctionFirstPeriod + periodsPerSlot - 1;
  if (last > lastOffered) return `this auction sells lease periods ${auctionFirstPeriod} to ${lastOffered}; ${last} is after them`;
  const start = first - auctionFirstPeriod;
  const end = last - auctionFirstPeriod;
  let index = 0;
  for (let earlier = 0; earlier < start; earlier++) index += periodsPerSlot - earlier;
  return index + (end - start);
}

export interface BidStanding {
  /** The bid winning the same range in the sample the bid lands in, if any. */
  readonly winning?: { readonly bidder: string; readonly paraId: number; readonly amountPlanck: bigint };
  /** `slots::deposit_held(para, bidder)`: the largest lease deposit the bidder already holds for the para. */
  readonly leaseDepositHeldPlanck: bigint;
  /** `auctions.reservedAmounts(bidder, para)`: what the bidder's winning bids for the para already reserve. */
  readonly alreadyReservedPlanck: bigint;
}

export type BidOutcome =
  /** The bid becomes the range's winner; `extraReservedPlanck` more is reserved (it may be 0 when earlier bids cover it). */
  | { readonly kind: 'winning'; readonly extraReservedPlanck: bigint; readonly totalReservedPlanck: bigint }
  /** The chain includes the transaction but keeps the current winner: nothing is reserved, the fee is paid. */
  | { readonly kind: 'outbid'; readonly winningPlanck: bigint };

export function bidOutcome(amountPlanck: bigint, standing: BidStanding): BidOutcome {
  if (standing.winning !== undefined && amountPlanck <= standing.winning.amountPlanck) return { kind: 'outbid', winningPlanck: standing.winning.amountPlanck };
  const required = amountPlanck > standing.leaseDepositHeldPlanck ? amountPlanck - standing.leaseDepositHeldPlanck : 0n;
  if (required < standing.alreadyReservedPlanck) {
    // Earlier bids already reserve more than this one needs: the chain reserves nothing and keeps its record.
    return { kind: 'winning', extraReservedPlanck: 0n, totalReservedPlanck: standing.alreadyReservedPlanck };
  }
  return { kind: 'winning', extraReservedPlanck: required - standing.alreadyReservedPlanck, totalReservedPlanck: required };
}
