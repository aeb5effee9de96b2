import type { Codec } from '@polkadot/types/types';
import type { RelayBlockEvents } from './inclusion-probe';

/** One on-demand order the relay chain accepted, as its event tells it. */
export interface OnDemandOrder {
  paraId: number;
  spotPricePlanck: bigint;
  /** The paying account (SS58 as the relay encodes it); runtimes before the field was added leave it out. */
  orderedBy: string | null;
}

/**
 * The pallet is `OnDemand` on Polkadot's runtime and `OnDemandAssignmentProvider`
 * on Kusama's (and older ones); polkadot-js names the section in camel case.
 */
const ON_DEMAND_SECTIONS = new Set(['onDemand', 'onDemandAssignmentProvider']);

/**
 * Every `OnDemandOrderPlaced { para_id, spot_price, ordered_by }` in one
 * relay block's events: what each parachain paid for blockspace in that block.
 */
export function onDemandOrdersIn(block: RelayBlockEvents): OnDemandOrder[] {
  const orders: OnDemandOrder[] = [];
  for (const { event } of block.events) {
    if (!ON_DEMAND_SECTIONS.has(event.section) || event.method !== 'OnDemandOrderPlaced') continue;
    const paraId = integerOf(event.data[0]);
    const spotPricePlanck = integerOf(event.data[1]);
    if (paraId === null || spotPricePlanck === null) continue;
    const orderedBy = event.data[2]?.toString() ?? null;
    orders.push({ paraId: Number(paraId), spotPricePlanck, orderedBy });
  }
  return orders;
}

/** Planck spent on orders for each parachain in one relay block. */
export function onDemandSpendingByPara(block: RelayBlockEvents): Map<number, bigint> {
  const spent = new Map<number, bigint>();
  for (const order of onDemandOrdersIn(block)) spent.set(order.paraId, (spent.get(order.paraId) ?? 0n) + order.spotPricePlanck);
  return spent;
}

/** A decoded `u32` or `u128` as a bigint, read from its decimal form so no width is lost. */
function integerOf(codec: Codec | undefined): bigint | null {
  const text = codec?.toString();
  return text !== undefined && /^\d+$/.test(text) ? BigInt(text) : null;
}
