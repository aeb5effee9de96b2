import type { OrderPolicy } from '../../shared/contract/onboarding';

/**
 * The on-demand auto-order policy: order one block when a collator has a
 * block ready or transactions waiting, never above the operator's max price
 * and never past the day's budget. Pure, so every case is tested by value.
 */

export interface OrderSignals {
  /** A collator logged a prepared block it could not get included. */
  blockReady: boolean;
  /** Transactions wait in a collator's pool. */
  transactionsWaiting: boolean;
}

export type OrderDecision = { order: true; maxPlanck: bigint } | { order: false; reason: string };

export function decideOrder(policy: OrderPolicy | undefined, signals: OrderSignals, spotPricePlanck: bigint, spentTodayPlanck: bigint): OrderDecision {
  if (!policy?.enabled) return { order: false, reason: 'Automatic ordering is off.' };
  const wanted = policy.trigger === 'block-ready' ? signals.blockReady
    : policy.trigger === 'transactions-waiting' ? signals.transactionsWaiting
    : signals.blockReady || signals.transactionsWaiting;
  if (!wanted) return { order: false, reason: 'Nothing waits to be included.' };
  const maxPlanck = BigInt(policy.maxPricePlanck);
  if (spotPricePlanck > maxPlanck) return { order: false, reason: 'The spot price is above your max price.' };
  if (spentTodayPlanck + spotPricePlanck > BigInt(policy.dailyBudgetPlanck)) return { order: false, reason: 'Another order would pass today’s budget.' };
  // The order is capped at the max price, so a price rise between now and inclusion cannot cost more than the operator allowed.
  return { order: true, maxPlanck };
}

/** Spending per UTC day, so the budget resets at midnight UTC whatever the machine's time zone. */
export class DailySpend {
  private day = '';
  private spentPlanck = 0n;

  spentOn(atMs: number): bigint {
    return this.dayOf(atMs) === this.day ? this.spentPlanck : 0n;
  }

  record(atMs: number, paidPlanck: bigint): void {
    const day = this.dayOf(atMs);
    if (day !== this.day) {
      this.day = day;
      this.spentPlanck = 0n;
    }
    this.spentPlanck += paidPlanck;
  }

  private dayOf(atMs: number): string {
    return new Date(atMs).toISOString().slice(0, 10);
  }
}

export interface AutoOrdererDeps {
  policy: () => OrderPolicy | undefined;
  signals: () => Promise<OrderSignals>;
  spotPricePlanck: () => Promise<bigint>;
  /** Places one order capped at `maxPlanck`; resolves with what was paid once it is in a block. */
  placeOrder: (maxPlanck: bigint) => Promise<{ paidPlanck: bigint }>;
  now?: () => number;
}

/** One evaluation of the policy per call; the caller decides how often (each new relay block). */
export class AutoOrderer {
  private readonly spend = new DailySpend();
  private busy = false;

  constructor(private readonly deps: AutoOrdererDeps) {}

  async tick(): Promise<OrderDecision & { paidPlanck?: bigint }> {
    // One order at a time: a second tick while one is in flight must not order again.
    if (this.busy) return { order: false, reason: 'An order is already on its way.' };
    this.busy = true;
    try {
      const now = (this.deps.now ?? Date.now)();
      const [signals, spot] = await Promise.all([this.deps.signals(), this.deps.spotPricePlanck()]);
      const decision = decideOrder(this.deps.policy(), signals, spot, this.spend.spentOn(now));
      if (!decision.order) return decision;
      const { paidPlanck } = await this.deps.placeOrder(decision.maxPlanck);
      this.spend.record(now, paidPlanck);
      return { ...decision, paidPlanck };
    } finally {
      this.busy = false;
    }
  }

  spentTodayPlanck(): bigint {
    return this.spend.spentOn((this.deps.now ?? Date.now)());
  }
}
