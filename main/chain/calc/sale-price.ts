import { FIXED_U64_ONE, mulDivDown, mulDivNearestPrefDown, saturatingSub } from './fixed-point';
import { TIMESLICE_PERIOD_BLOCKS, timesliceStartBlock } from './timeslice';

/**
 * The bulk coretime price during a sale, as the broker pallet computes it
 * (polkadot-sdk `pallet_broker`: `sale_price` with the `CenterTargetPrice`
 * lead-in factor):
 *
 *   through = min(now − saleStart, leadinLength) / leadinLength   (FixedU64, nearest)
 *   factor  = 100 − 180·through   for through ≤ ½
 *           =  19 −  18·through   otherwise
 *   price   = ⌊factor × endPrice⌋
 *
 * 100× the end price when the sale opens, 10× at mid lead-in, 1× from the end
 * of the lead-in until the sale ends (the next region begins).
 */
export interface SaleWindow {
  readonly saleStartBlock: number;
  readonly leadinLengthBlocks: number;
  readonly endPricePlanck: bigint;
  readonly regionBeginTimeslice: number;
  readonly coresOffered: number;
  readonly coresSold: number;
}

export type SalePhase = 'interlude' | 'lead-in' | 'fixed-price' | 'sold-out' | 'ended';

/** The lead-in factor as FixedU64 inner value (1,000,000,000 = 1×). */
export function leadinFactor(throughFixed: bigint): bigint {
  const half = FIXED_U64_ONE / 2n;
  // FixedU64 × integer is exact here: `through × 180` has no fractional loss at 9 decimals.
  return throughFixed <= half
    ? saturatingSub(100n * FIXED_U64_ONE, throughFixed * 180n)
    : saturatingSub(19n * FIXED_U64_ONE, throughFixed * 18n);
}

/** How far through the lead-in `nowBlock` is, as FixedU64 inner value. */
export function leadinThrough(sale: Pick<SaleWindow, 'saleStartBlock' | 'leadinLengthBlocks'>, nowBlock: number): bigint {
  if (sale.leadinLengthBlocks <= 0) return FIXED_U64_ONE;
  const elapsed = Math.min(Math.max(0, nowBlock - sale.saleStartBlock), sale.leadinLengthBlocks);
  return mulDivNearestPrefDown(FIXED_U64_ONE, BigInt(elapsed), BigInt(sale.leadinLengthBlocks));
}

export function salePrice(sale: Pick<SaleWindow, 'saleStartBlock' | 'leadinLengthBlocks' | 'endPricePlanck'>, nowBlock: number): bigint {
  return mulDivDown(leadinFactor(leadinThrough(sale, nowBlock)), sale.endPricePlanck, FIXED_U64_ONE);
}

/** The relay block at which the sale ends: when the region it sells begins. */
export function saleEndBlock(sale: Pick<SaleWindow, 'regionBeginTimeslice'>, timeslicePeriodBlocks: number = TIMESLICE_PERIOD_BLOCKS): number {
  return timesliceStartBlock(sale.regionBeginTimeslice, timeslicePeriodBlocks);
}

/**
 * Where the sale is at `nowBlock`. Before `saleStart` is the interlude, when
 * only renewals happen; a sale with every offered core sold is sold out.
 */
export function salePhase(sale: SaleWindow, nowBlock: number, timeslicePeriodBlocks: number = TIMESLICE_PERIOD_BLOCKS): SalePhase {
  if (nowBlock < sale.saleStartBlock) return 'interlude';
  if (nowBlock >= saleEndBlock(sale, timeslicePeriodBlocks)) return 'ended';
  if (sale.coresSold >= sale.coresOffered) return 'sold-out';
  if (nowBlock < sale.saleStartBlock + sale.leadinLengthBlocks) return 'lead-in';
  return 'fixed-price';
}

export interface PricePoint {
  readonly block: number;
  readonly pricePlanck: bigint;
}

/**
 * The price over the whole sale, for a chart: `samples` evenly spaced points
 * plus the corners of the curve (sale start, mid lead-in, end of lead-in,
 * sale end), in block order.
 */
export function salePriceCurve(sale: SaleWindow, samples = 48, timeslicePeriodBlocks: number = TIMESLICE_PERIOD_BLOCKS): PricePoint[] {
  const start = sale.saleStartBlock;
  const end = Math.max(start, saleEndBlock(sale, timeslicePeriodBlocks));
  const blocks = new Set<number>([start, start + Math.floor(sale.leadinLengthBlocks / 2), start + sale.leadinLengthBlocks, end]);
  const steps = Math.max(1, samples);
  for (let i = 0; i <= steps; i++) blocks.add(start + Math.round(((end - start) * i) / steps));
  return [...blocks]
    .filter((block) => block >= start && block <= end)
    .sort((a, b) => a - b)
    .map((block) => ({ block, pricePlanck: salePrice(sale, block) }));
}

/**
 * The relay block from which the broker closes this sale: it rotates to the
 * next sale in the first Coretime block whose relay block, plus the advance
 * notice it gives the relay, reaches the first timeslice of the region on sale
 * (`pallet_broker` `do_tick`: the next timeslice to commit reaches
 * `sale.region_begin`). From then on neither a purchase nor a renewal for
 * this region is possible.
 */
export function saleCloseBlock(
  sale: Pick<SaleWindow, 'regionBeginTimeslice'>,
  advanceNoticeBlocks: number,
  timeslicePeriodBlocks: number = TIMESLICE_PERIOD_BLOCKS,
): number {
  return Math.max(0, timesliceStartBlock(sale.regionBeginTimeslice, timeslicePeriodBlocks) - advanceNoticeBlocks);
}

/**
 * When a core can be renewed for the region on sale, as the broker decides it
 * (`pallet_broker` `do_renew`): a renewal needs the sale to be the one selling
 * the region the right names, and a core left unsold; it does not look at the
 * sale's start. So:
 * - `interlude` (before `saleStart`): only renewals take cores, so a renewal is
 *   sure of one;
 * - `sale-open`: the sale runs and a renewal still works, at the same price,
 *   as long as cores remain unsold and the sale has not closed;
 * - `sold-out`: every offered core is sold: the broker refuses the renewal
 *   (`SoldOut`);
 * - `closed`: the broker has moved on to the next sale; this right is gone.
 * `relayBlock` is the relay block the renewal's Coretime block will build on.
 */
export type RenewalWindow =
  | { readonly kind: 'interlude'; readonly saleStartBlock: number; readonly closesBlock: number }
  | { readonly kind: 'sale-open'; readonly coresLeft: number; readonly closesBlock: number }
  | { readonly kind: 'sold-out'; readonly closesBlock: number }
  | { readonly kind: 'closed'; readonly closesBlock: number };

export function renewalWindow(
  sale: Pick<SaleWindow, 'saleStartBlock' | 'regionBeginTimeslice' | 'coresOffered' | 'coresSold'>,
  relayBlock: number,
  clock: { readonly advanceNoticeBlocks: number; readonly timeslicePeriodBlocks?: number },
): RenewalWindow {
  const closesBlock = saleCloseBlock(sale, clock.advanceNoticeBlocks, clock.timeslicePeriodBlocks);
  if (relayBlock >= closesBlock) return { kind: 'closed', closesBlock };
  if (sale.coresSold >= sale.coresOffered) return { kind: 'sold-out', closesBlock };
  if (relayBlock < sale.saleStartBlock) return { kind: 'interlude', saleStartBlock: sale.saleStartBlock, closesBlock };
  return { kind: 'sale-open', coresLeft: sale.coresOffered - sale.coresSold, closesBlock };
}

/** The window in one sentence for the operator, with relay block numbers (never a countdown that goes stale). */
export function renewalWindowWords(window: RenewalWindow): string {
  switch (window.kind) {
    case 'interlude':
      return `The interlude runs until relay block #${window.saleStartBlock}: until then only renewals take cores, so this renewal is sure of one. After it the sale opens; renewing still works until relay block #${window.closesBlock} while cores remain unsold.`;
    case 'sale-open':
      return `The sale is open: renewing still works, at this price, while cores remain unsold (${window.coresLeft} left now) and until relay block #${window.closesBlock}, when the broker moves to the next sale.`;
    case 'sold-out':
      return `Every core of this sale is sold: the broker refuses renewals until the sale closes at relay block #${window.closesBlock}.`;
    case 'closed':
      return `This sale closed at relay block #${window.closesBlock}: the right to renew for its region is gone.`;
  }
}
