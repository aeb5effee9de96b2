import type { ApiPromise } from '@polkadot/api';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { resolveCall } from '../calls/built-call';
import { costOfOrdersNextBlock, spotPrice, type SpotTrafficParameters } from '../calc/spot-price';
import { relayConfiguration } from '../storage/configuration';
import { coretimeCoreServesPool, onDemandQueueStateItem, readTrafficDefault, schedulerClaimQueue, type OnDemandQueueState } from '../storage/on-demand';
import { hasItem, readItem } from '../storage/storage-item';

/** What the next on-demand order costs, as the relay will compute it when it is included in the next block. */
export interface OnDemandQuote {
  readonly trafficFixed: bigint;
  readonly queueSize?: number;
  readonly baseFeePlanck: bigint;
  /** Stored traffic × base fee: the price of the last update, not what the next order pays. */
  readonly storedSpotPricePlanck: bigint;
  /** What the next order pays if it is the first order in the next block. */
  readonly nextOrderPricePlanck: bigint;
  /** Orders the scheduler takes from the queue at the start of the next block. */
  readonly servedNextBlock: number;
}

/** Undefined on a relay without on-demand coretime or its pricing parameters. */
export async function readOnDemandQuote(relay: ApiPromise, state?: OnDemandQueueState): Promise<OnDemandQuote | undefined> {
  const item = onDemandQueueStateItem(relay);
  if (!item || !hasItem(relay, relayConfiguration)) return undefined;
  const [queue, config] = await Promise.all([state ?? readItem(relay, item), readItem(relay, relayConfiguration)]);
  if (!queue || !config?.onDemand) return undefined;
  const params = spotTrafficParameters(relay, config.onDemand);
  const baseFeePlanck = config.onDemand.baseFeePlanck;
  const storedSpotPricePlanck = spotPrice(queue.trafficFixed, baseFeePlanck);
  if (queue.queueSize === undefined) {
    // A layout that hides the queue: only the stored price can be told.
    return { trafficFixed: queue.trafficFixed, baseFeePlanck, storedSpotPricePlanck, nextOrderPricePlanck: storedSpotPricePlanck, servedNextBlock: 0 };
  }
  const servedNextBlock = await ordersServedAtNextBlock(relay, queue.queueSize);
  const next = costOfOrdersNextBlock({ trafficFixed: queue.trafficFixed, queueSize: queue.queueSize }, servedNextBlock, 1, baseFeePlanck, params);
  return {
    trafficFixed: queue.trafficFixed,
    queueSize: queue.queueSize,
    baseFeePlanck,
    storedSpotPricePlanck,
    // A full queue takes no order: its price is what the refusal would name.
    nextOrderPricePlanck: next.pricesPlanck[0] ?? spotPrice(next.trafficFixed, baseFeePlanck),
    servedNextBlock,
  };
}

export function spotTrafficParameters(relay: ApiPromise, onDemand: { queueMaxSize: number; targetQueueUtilizationPerbill: number; feeVariabilityPerbill: number }): SpotTrafficParameters {
  return {
    queueCapacity: onDemand.queueMaxSize,
    targetQueueUtilizationPerbill: onDemand.targetQueueUtilizationPerbill,
    feeVariabilityPerbill: onDemand.feeVariabilityPerbill,
    trafficDefaultFixed: readTrafficDefault(relay) ?? 10n ** 18n,
  };
}

/**
 * How many orders the scheduler moves from the on-demand queue into the claim
 * queues at the start of the next block (polkadot-sdk `scheduler`,
 * `advance_claim_queue` then `fill_claim_queue`): each core whose work is the
 * pool drops the front of its claim queue and refills it to `lookahead`, an
 * empty claim queue taking its first order twice. Exact for whole pool cores
 * and a single para's affinity; cores still busy with a candidate awaiting
 * availability are skipped by the chain, which this cannot see, so on a live
 * relay it is an upper bound.
 */
async function ordersServedAtNextBlock(relay: ApiPromise, queueSize: number): Promise<number> {
  if (queueSize === 0 || !hasItem(relay, schedulerClaimQueue) || !hasItem(relay, coretimeCoreServesPool)) return 0;
  const activeConfig = (await relay.query['configuration']?.['activeConfig']?.())?.toJSON() as { schedulerParams?: { lookahead?: number; numCores?: number } } | undefined;
  const lookahead = Math.max(1, activeConfig?.schedulerParams?.lookahead ?? 1);
  const numCores = activeConfig?.schedulerParams?.numCores ?? 0;
  const claimQueue = (await readItem(relay, schedulerClaimQueue)) ?? new Map<number, number>();
  const cores = Array.from({ length: numCores }, (_, core) => core);
  const poolCores = (await Promise.all(cores.map(async (core) => ((await readItem(relay, coretimeCoreServesPool, core)) ? core : undefined))))
    .filter((core): core is number => core !== undefined);
  let left = queueSize;
  for (const core of poolCores) {
    const afterFront = Math.max(0, (claimQueue.get(core) ?? 0) - 1);
    let slots = lookahead - afterFront;
    if (afterFront === 0 && lookahead > 1 && left > 0) {
      // The first order fills two slots.
      left -= 1;
      slots -= 2;
    }
    const taken = Math.min(left, Math.max(0, slots));
    left -= taken;
  }
  return queueSize - left;
}

/**
 * The transaction fee of one keep-alive order for the para from the account,
 * as the relay's fee calculation gives it on the current state (the order's
 * weight grows slightly with the queue). The cap's value does not change it:
 * it is a fixed-width u128.
 */
export async function estimateOrderFeePlanck(relay: ApiPromise, order: { paraId: number; address: string; maxAmountPlanck: bigint }): Promise<bigint> {
  const { create } = resolveCall(relay, PALLET_NAMES.onDemand, 'placeOrderKeepAlive');
  const info = await create(order.maxAmountPlanck, order.paraId).paymentInfo(order.address);
  return info.partialFee.toBigInt();
}

/**
 * What an order takes from the signer's balance besides the fee: the price the
 * relay will charge in its next block. A dry run cannot tell it: it runs on
 * this block's state, without the next block's traffic update and the
 * scheduler's service, so under load it names a lower price than the chain
 * then takes. Paid from credits, the balance pays only the fee.
 */
export async function estimateOrderEffects(
  ctx: { api: ApiPromise },
  intent: { kind: 'placeOnDemandOrder' | 'placeOnDemandOrderWithCredits'; maxAmountPlanck: string },
): Promise<{ kind: 'paid'; amountPlanck: string; label: string }[]> {
  if (intent.kind === 'placeOnDemandOrderWithCredits') return [];
  const quote = await readOnDemandQuote(ctx.api);
  if (!quote) return [];
  const cap = BigInt(intent.maxAmountPlanck);
  return [{
    kind: 'paid',
    amountPlanck: quote.nextOrderPricePlanck.toString(),
    label: quote.nextOrderPricePlanck <= cap
      ? 'Price of one block, as the relay charges it in its next block'
      : 'Price of the next block, above your cap: the relay would refuse the order and keep only the fee',
  }];
}
