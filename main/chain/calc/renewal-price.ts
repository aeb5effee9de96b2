import { maxBigint, perbillOf } from './fixed-point';

/**
 * The most a core's next renewal can cost. On renewal the broker stores the
 * next renewal price as the price just paid plus `renewalBump` of it
 * (`price + renewal_bump × price`, Perbill rounding to nearest); runtimes that
 * adopted RFC-17 also floor it at the current sale's end price.
 */
export function renewalPriceCap(
  lastPricePlanck: bigint,
  renewalBumpPerbill: number,
  options: { readonly endPriceFloorPlanck?: bigint } = {},
): bigint {
  const bumped = lastPricePlanck + perbillOf(BigInt(renewalBumpPerbill), lastPricePlanck);
  return options.endPriceFloorPlanck === undefined ? bumped : maxBigint(bumped, options.endPriceFloorPlanck);
}

/** The renewal price cap after `periods` consecutive renewals at the cap, for "what will this cost in a year". */
export function renewalPriceCapAfter(lastPricePlanck: bigint, renewalBumpPerbill: number, periods: number): bigint {
  let price = lastPricePlanck;
  for (let i = 0; i < periods; i++) price = renewalPriceCap(price, renewalBumpPerbill);
  return price;
}
