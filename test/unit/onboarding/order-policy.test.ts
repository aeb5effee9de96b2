import { describe, expect, it } from 'vitest';
import type { OrderPolicy } from '../../../shared/contract/onboarding';
import { AutoOrderer, decideOrder } from '../../../main/onboarding/order-policy';

const DOT = 10_000_000_000n;
const policy: OrderPolicy = { enabled: true, trigger: 'either', maxPricePlanck: (2n * DOT).toString(), dailyBudgetPlanck: (5n * DOT).toString() };
const busy = { blockReady: true, transactionsWaiting: false };
const idle = { blockReady: false, transactionsWaiting: false };

describe('the on-demand auto-order policy', () => {
  it('orders when a collator has a block ready, capped at the max price', () => {
    expect(decideOrder(policy, busy, DOT, 0n)).toEqual({ order: true, maxPlanck: 2n * DOT });
  });

  it('waits while nothing needs including, or while the trigger chosen is not met', () => {
    expect(decideOrder(policy, idle, DOT, 0n)).toMatchObject({ order: false, reason: 'Nothing waits to be included.' });
    expect(decideOrder({ ...policy, trigger: 'transactions-waiting' }, busy, DOT, 0n)).toMatchObject({ order: false });
    expect(decideOrder({ ...policy, trigger: 'transactions-waiting' }, { blockReady: false, transactionsWaiting: true }, DOT, 0n)).toMatchObject({ order: true });
  });

  it('refuses a spot price above the max and an order past the daily budget', () => {
    expect(decideOrder(policy, busy, 3n * DOT, 0n)).toMatchObject({ order: false, reason: 'The spot price is above your max price.' });
    expect(decideOrder(policy, busy, 2n * DOT, 4n * DOT)).toMatchObject({ order: false, reason: 'Another order would pass today’s budget.' });
    expect(decideOrder(undefined, busy, DOT, 0n)).toMatchObject({ order: false, reason: 'Automatic ordering is off.' });
    expect(decideOrder({ ...policy, enabled: false }, busy, DOT, 0n)).toMatchObject({ order: false });
  });

  it('spends at most the daily budget over a day of blocks, then starts again the next UTC day', async () => {
    let now = Date.parse('2026-11-22T08:00:00Z');
    const orders: bigint[] = [];
    const orderer = new AutoOrderer({
      policy: () => policy,
      signals: async () => busy,
      spotPricePlanck: async () => 2n * DOT,
      // A scripted order placement: pays the spot price.
      placeOrder: async (maxPlanck) => {
        orders.push(maxPlanck);
        return { paidPlanck: 2n * DOT };
      },
      now: () => now,
    });
    for (let block = 0; block < 10; block++) await orderer.tick();
    expect(orders).toHaveLength(2); // 2 + 2 = 4 DOT; a third would make 6 > 5
    expect(orderer.spentTodayPlanck()).toBe(4n * DOT);
    now = Date.parse('2026-11-23T00:00:01Z');
    expect((await orderer.tick()).order).toBe(true);
    expect(orderer.spentTodayPlanck()).toBe(2n * DOT);
  });

  it('never orders twice at once while an order is on its way', async () => {
    let release: () => void = () => undefined;
    let placed = 0;
    const orderer = new AutoOrderer({
      policy: () => policy,
      signals: async () => busy,
      spotPricePlanck: async () => DOT,
      placeOrder: () => new Promise((resolve) => {
        placed += 1;
        release = () => resolve({ paidPlanck: DOT });
      }),
    });
    const first = orderer.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await orderer.tick()).toMatchObject({ order: false, reason: 'An order is already on its way.' });
    release();
    await first;
    expect(placed).toBe(1);
  });
});
