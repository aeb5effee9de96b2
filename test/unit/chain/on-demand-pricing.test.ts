import { TypeRegistry } from '@polkadot/types';
import { describe, expect, it } from 'vitest';
import { costOfOrders, costOfOrdersNextBlock, nextSpotTraffic, queueAtNextBlock, spotPrice, type SpotTrafficParameters } from '../../../main/chain/calc/spot-price';
import { decodeQueueState } from '../../../main/chain/storage/on-demand';

const ONE = 10n ** 18n;
/** The tuning the real-relay test gives Paseo: 40 orders, 10 % target, 3 % variability. */
const params: SpotTrafficParameters = { queueCapacity: 40, targetQueueUtilizationPerbill: 100_000_000, feeVariabilityPerbill: 30_000_000, trafficDefaultFixed: ONE };
const BASE_FEE = 10_000_000n;

describe('the price of the next on-demand order, as the relay computes it at inclusion', () => {
  it('updates traffic at the next block’s start for the queue as it stands, then again in the order for the queue the scheduler left', () => {
    const state = { trafficFixed: 2n * ONE, queueSize: 12 };
    const afterBlockStart = nextSpotTraffic(state.trafficFixed, 12, params) ?? 0n;
    const inOrder = nextSpotTraffic(afterBlockStart, 10, params) ?? 0n;
    expect(queueAtNextBlock(state, 2, params)).toEqual({ trafficFixed: afterBlockStart, queueSize: 10 });
    expect(costOfOrdersNextBlock(state, 2, 1, BASE_FEE, params).pricesPlanck).toEqual([spotPrice(inOrder, BASE_FEE)]);
    // The stored traffic × base fee, and a single update (what a dry run on this block sees), both fall short under load.
    const stale = spotPrice(state.trafficFixed, BASE_FEE);
    const dryRunLike = costOfOrders(state, 1, BASE_FEE, params).pricesPlanck[0] ?? 0n;
    const atInclusion = costOfOrdersNextBlock(state, 2, 1, BASE_FEE, params).pricesPlanck[0] ?? 0n;
    expect(stale).toBeLessThan(dryRunLike);
    expect(dryRunLike).toBeLessThan(atInclusion);
  });

  it('stays at the floor price while the queue is below its target', () => {
    expect(costOfOrdersNextBlock({ trafficFixed: ONE, queueSize: 2 }, 1, 1, BASE_FEE, params).pricesPlanck).toEqual([BASE_FEE]);
  });
});

describe('the on-demand queue state, in both layouts the relay has used', () => {
  const registry = new TypeRegistry();
  registry.register({
    QueueStatusType: { traffic: 'u128', nextIndex: 'u32', smallestIndex: 'u32', freedIndices: 'Vec<u32>' },
    EnqueuedOrder: { paraId: 'u32', idx: 'u32' },
    OrderQueue: { queue: 'Vec<EnqueuedOrder>' },
    OrderStatus: { traffic: 'u128', queue: 'OrderQueue' },
  });

  it('counts the index span less the freed indices (queueStatus, Paseo 1009003)', () => {
    const value = registry.createType('QueueStatusType', { traffic: ONE, nextIndex: 21, smallestIndex: 3, freedIndices: [5, 7] });
    expect(decodeQueueState(value)).toEqual({ trafficFixed: ONE, queueSize: 16 });
  });

  it('counts across the u32 wrap of the indices', () => {
    const value = registry.createType('QueueStatusType', { traffic: ONE, nextIndex: 2, smallestIndex: 4_294_967_294, freedIndices: [] });
    expect(decodeQueueState(value).queueSize).toBe(4);
  });

  it('counts the orders themselves (orderStatus { traffic, queue: { queue } }, newer runtimes)', () => {
    const value = registry.createType('OrderStatus', { traffic: 3n * ONE, queue: { queue: [{ paraId: 2000, idx: 0 }, { paraId: 2001, idx: 1 }, { paraId: 2000, idx: 2 }] } });
    expect(decodeQueueState(value)).toEqual({ trafficFixed: 3n * ONE, queueSize: 3 });
  });
});
