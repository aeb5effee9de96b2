import { FIXED_U128_ONE, PERBILL_ONE, maxBigint, mulDivDown, mulDivNearestPrefDown, saturateU128, saturatingSub } from './fixed-point';

/**
 * On-demand coretime pricing, as the relay's on-demand pallet computes it
 * (polkadot-sdk `parachains::on_demand`): spot price = traffic × base fee,
 * with traffic (FixedU128) updated before every order and every block from
 * how full the queue is against its target utilisation.
 */
export interface SpotTrafficParameters {
  /** `onDemandQueueMaxSize`. */
  readonly queueCapacity: number;
  /** Perbill parts. */
  readonly targetQueueUtilizationPerbill: number;
  /** Perbill parts. */
  readonly feeVariabilityPerbill: number;
  /** `trafficDefaultValue`, FixedU128 inner value: traffic never goes below it. */
  readonly trafficDefaultFixed: bigint;
}

/**
 * The next traffic (FixedU128 inner value) for a queue of `queueSize` orders.
 * Above target: traffic × (1 + diff + (v·diff)²/2); below: traffic × (diff − (v·diff)²/2);
 * never below the default. Undefined where the runtime refuses to compute
 * (no capacity, or more orders than capacity) and keeps the old traffic.
 */
export function nextSpotTraffic(trafficFixed: bigint, queueSize: number, params: SpotTrafficParameters): bigint | undefined {
  if (params.queueCapacity === 0 || queueSize > params.queueCapacity) return undefined;
  const ratio = mulDivNearestPrefDown(FIXED_U128_ONE, BigInt(queueSize), BigInt(params.queueCapacity));
  const target = perbillToFixedU128(params.targetQueueUtilizationPerbill);
  const variability = perbillToFixedU128(params.feeVariabilityPerbill);
  const aboveTarget = ratio >= target;
  const diff = aboveTarget ? ratio - target : target - ratio;
  const varTimesDiff = mulDivDown(diff, variability, FIXED_U128_ONE);
  const squared = mulDivDown(varTimesDiff, varTimesDiff, FIXED_U128_ONE);
  const halfSquared = mulDivNearestPrefDown(squared, FIXED_U128_ONE, 2n * FIXED_U128_ONE);
  const factor = aboveTarget ? saturateU128(diff + halfSquared + FIXED_U128_ONE) : saturatingSub(diff, halfSquared);
  return maxBigint(saturateU128(mulDivDown(factor, trafficFixed, FIXED_U128_ONE)), params.trafficDefaultFixed);
}

/** Spot price in planck: ⌊traffic × base fee⌋. */
export function spotPrice(trafficFixed: bigint, baseFeePlanck: bigint): bigint {
  return saturateU128(mulDivDown(trafficFixed, baseFeePlanck, FIXED_U128_ONE));
}

export interface OrdersCost {
  /** The price of each order placed, in order. */
  readonly pricesPlanck: bigint[];
  readonly totalPlanck: bigint;
  /** The traffic after the last order. */
  readonly trafficFixed: bigint;
  /** How many of the requested orders fit before the queue was full. */
  readonly placed: number;
}

/**
 * What `count` orders placed one after another in the same block cost: each
 * order first updates traffic for the queue as it stands (including the
 * orders before it), then pays the new spot price.
 */
export function costOfOrders(
  state: { readonly trafficFixed: bigint; readonly queueSize: number },
  count: number,
  baseFeePlanck: bigint,
  params: SpotTrafficParameters,
): OrdersCost {
  let traffic = state.trafficFixed;
  const pricesPlanck: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const queueSize = state.queueSize + i;
    traffic = nextSpotTraffic(traffic, queueSize, params) ?? traffic;
    if (queueSize >= params.queueCapacity) break;
    pricesPlanck.push(spotPrice(traffic, baseFeePlanck));
  }
  return { pricesPlanck, totalPlanck: pricesPlanck.reduce((sum, price) => sum + price, 0n), trafficFixed: traffic, placed: pricesPlanck.length };
}

/**
 * The queue as the first order of the next block finds it. The pallet
 * updates traffic in `on_initialize` for the queue as it stood at the end of
 * this block; then the scheduler, in the block's inherent, serves
 * `servedAtBlockStart` orders into the cores' claim queues; an order's own
 * update (`do_place_order`) then sees the shorter queue. Pricing an order
 * from the stored traffic misses the first update: under load that is the
 * whole rise of one block.
 */
export function queueAtNextBlock(
  state: { readonly trafficFixed: bigint; readonly queueSize: number },
  servedAtBlockStart: number,
  params: SpotTrafficParameters,
): { trafficFixed: bigint; queueSize: number } {
  const trafficFixed = nextSpotTraffic(state.trafficFixed, state.queueSize, params) ?? state.trafficFixed;
  return { trafficFixed, queueSize: Math.max(0, state.queueSize - servedAtBlockStart) };
}

/**
 * What `count` orders cost when they are the first orders of the next block:
 * the block-start update, the scheduler's service, then each order's own update.
 */
export function costOfOrdersNextBlock(
  state: { readonly trafficFixed: bigint; readonly queueSize: number },
  servedAtBlockStart: number,
  count: number,
  baseFeePlanck: bigint,
  params: SpotTrafficParameters,
): OrdersCost {
  return costOfOrders(queueAtNextBlock(state, servedAtBlockStart, params), count, baseFeePlanck, params);
}

function perbillToFixedU128(parts: number): bigint {
  return BigInt(parts) * (FIXED_U128_ONE / PERBILL_ONE);
}

/**
 * An order policy's question: how many orders can be placed now without any
 * paying more than `priceCapPlanck` or all together more than `budgetPlanck`.
 */
export function ordersWithinBudget(
  state: { readonly trafficFixed: bigint; readonly queueSize: number },
  limits: { readonly budgetPlanck: bigint; readonly priceCapPlanck: bigint; readonly maxOrders: number },
  baseFeePlanck: bigint,
  params: SpotTrafficParameters,
): OrdersCost {
  const all = costOfOrders(state, limits.maxOrders, baseFeePlanck, params);
  const pricesPlanck: bigint[] = [];
  let totalPlanck = 0n;
  for (const price of all.pricesPlanck) {
    if (price > limits.priceCapPlanck || totalPlanck + price > limits.budgetPlanck) break;
    pricesPlanck.push(price);
    totalPlanck += price;
  }
  const placedState = costOfOrders(state, pricesPlanck.length, baseFeePlanck, params);
  return { pricesPlanck, totalPlanck, trafficFixed: placedState.trafficFixed, placed: pricesPlanck.length };
}
