import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderPolicy } from '../../../shared/contract/onboarding';
import { silentLogger } from '../../../main/logging/logger';
import { DAYS_KEPT, OnDemandSpendingLedger, RECENT_KEPT } from '../../../main/blockspace/on-demand-spending';
import { AutoOrderer, decideOrder } from '../../../main/blockspace/order-policy';

const DOT = 10_000_000_000n;
const FEE = 200_000_000n;
const policy: OrderPolicy = { enabled: true, trigger: 'either', maxPricePlanck: (2n * DOT).toString(), dailyBudgetPlanck: (5n * DOT).toString() };
const busy = { blockReady: true, transactionsWaiting: false };
const idle = { blockReady: false, transactionsWaiting: false };
const at = (pricePlanck: bigint, feePlanck = FEE) => ({ pricePlanck, feePlanck });

describe('the on-demand auto-order policy', () => {
  it('orders when a collator has a block ready, capped at the max price, holding cap and fee against the budget', () => {
    expect(decideOrder(policy, busy, at(DOT), 0n)).toEqual({ order: true, maxPlanck: 2n * DOT, reservePlanck: 2n * DOT + FEE + FEE / 100n });
  });

  it('lowers the cap so that even a price rise before inclusion keeps the day within its budget', () => {
    // 5 DOT budget, 3.5 spent: 1.5 left, less the fee and its 1 % headroom (the fee moves slightly with the queue).
    expect(decideOrder(policy, busy, at(DOT), 35n * DOT / 10n)).toEqual({ order: true, maxPlanck: 15n * DOT / 10n - FEE - FEE / 100n, reservePlanck: 15n * DOT / 10n });
  });

  it('waits while nothing needs including, or while the trigger chosen is not met', () => {
    expect(decideOrder(policy, idle, at(DOT), 0n)).toMatchObject({ order: false, reason: 'Nothing waits to be included.' });
    expect(decideOrder({ ...policy, trigger: 'transactions-waiting' }, busy, at(DOT), 0n)).toMatchObject({ order: false });
    expect(decideOrder({ ...policy, trigger: 'transactions-waiting' }, { blockReady: false, transactionsWaiting: true }, at(DOT), 0n)).toMatchObject({ order: true });
  });

  it('refuses a price above the max, and an order whose price and fee would pass the daily budget', () => {
    expect(decideOrder(policy, busy, at(3n * DOT), 0n)).toMatchObject({ order: false, reason: 'The spot price is above your max price.' });
    // 3 DOT spent: a 2 DOT order alone would fit (5), its fee makes it pass.
    expect(decideOrder(policy, busy, at(2n * DOT), 3n * DOT)).toMatchObject({ order: false, reason: 'Another order (price and fee) would pass today’s budget.' });
    expect(decideOrder(undefined, busy, at(DOT), 0n)).toMatchObject({ order: false, reason: 'Automatic ordering is off.' });
    expect(decideOrder({ ...policy, enabled: false }, busy, at(DOT), 0n)).toMatchObject({ order: false });
  });

  it('never orders twice at once while an order is on its way', async () => {
    let release: () => void = () => undefined;
    let placed = 0;
    const orderer = new AutoOrderer({
      policy: () => policy,
      signals: async () => busy,
      quote: async () => at(DOT),
      spentTodayPlanck: () => 0n,
      placeOrder: () => new Promise((resolve) => {
        placed += 1;
        release = () => resolve({ pricePlanck: DOT, feePlanck: FEE, placed: true });
      }),
    });
    const first = orderer.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await orderer.tick()).toMatchObject({ order: false, reason: 'An order is already on its way.' });
    release();
    await first;
    expect(placed).toBe(1);
  });

  it('does not even price an order while nothing waits', async () => {
    let quoted = 0;
    const orderer = new AutoOrderer({ policy: () => policy, signals: async () => idle, quote: async () => { quoted += 1; return at(DOT); }, spentTodayPlanck: () => 0n, placeOrder: async () => undefined });
    expect(await orderer.tick()).toMatchObject({ order: false });
    expect(quoted).toBe(0);
  });
});

describe('the on-demand spending ledger the budget reads', () => {
  let dir: string;
  let now: number;
  const open = () => new OnDemandSpendingLedger({ filePath: join(dir, 'on-demand-orders.json'), log: silentLogger, now: () => now });
  const charge = (ledger: OnDemandSpendingLedger, n: number, intentKey: string, price = DOT, fee = FEE) => ledger.record({
    txId: `tx-${n}`, intentKey, networkId: 'paseo', paraId: 2000, atMs: now, placed: true, pricePlanck: price, feePlanck: fee, blockNumber: 100 + n, paidWith: 'balance',
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'od-ledger-'));
    now = Date.parse('2026-11-22T08:00:00Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts what automatic orders were charged (price and fee), holds the most an order on its way may cost, and keeps it across a restart', () => {
    const ledger = open();
    ledger.reserve({ intentKey: 'auto-order:paseo:2000:1', networkId: 'paseo', paraId: 2000, reservedPlanck: 2n * DOT + FEE });
    expect(ledger.autoSpentOn('paseo', 2000)).toBe(2n * DOT + FEE);
    charge(ledger, 1, 'auto-order:paseo:2000:1');
    expect(ledger.autoSpentOn('paseo', 2000)).toBe(DOT + FEE);
    // A manual order is listed, not counted against the automatic budget.
    charge(ledger, 2, 'order:paseo:2000:2');
    ledger.reserve({ intentKey: 'auto-order:paseo:2000:3', networkId: 'paseo', paraId: 2000, reservedPlanck: 2n * DOT + FEE });

    const restarted = open();
    expect(restarted.autoSpentOn('paseo', 2000)).toBe(DOT + FEE + 2n * DOT + FEE);
    expect(restarted.summary('paseo', 2000)).toMatchObject({ inFlight: 1, days: [{ day: '2026-11-22', orders: 2, pricePlanck: (2n * DOT).toString(), feePlanck: (2n * FEE).toString() }] });
    expect(restarted.summary('paseo', 2000).recent.map((order) => order.by)).toEqual(['manual', 'auto']);
    // Counted once, whatever the number of statuses that report it.
    charge(restarted, 1, 'auto-order:paseo:2000:1');
    expect(restarted.summary('paseo', 2000).days[0]?.orders).toBe(2);
    now = Date.parse('2026-11-23T00:00:01Z');
    expect(restarted.autoSpentOn('paseo', 2000)).toBe(0n);
  });

  it('stays small: totals per day for a month and the last orders only', () => {
    const ledger = open();
    for (let n = 0; n < 120; n++) {
      now += 8 * 3_600_000;
      charge(ledger, n, `auto-order:paseo:2000:${n}`);
    }
    const summary = ledger.summary('paseo', 2000);
    expect(summary.days.length).toBeLessThanOrEqual(DAYS_KEPT);
    expect(summary.recent).toHaveLength(RECENT_KEPT);
    expect(readFileSync(join(dir, 'on-demand-orders.json'), 'utf8').length).toBeLessThan(30_000);
  });

  it('moves an unreadable file aside and says so, rather than forgetting the day’s spending', () => {
    writeFileSync(join(dir, 'on-demand-orders.json'), '{ half a file');
    const ledger = open();
    expect(ledger.unreadable).toMatchObject({ day: '2026-11-22' });
    expect(readFileSync(ledger.unreadable?.movedTo ?? '', 'utf8')).toBe('{ half a file');
  });
});
