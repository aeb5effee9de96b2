import type { OrderPolicy } from '../../shared/contract/onboarding';

/**
 * The on-demand auto-order policy: order one block when a collator has a
 * block ready or transactions waiting, never above the operator's max price
 * and never past the day's budget, counting what orders really cost: the
 * price the chain charges and the transaction fee. Pure, so every case is
 * tested by value.
 */

export interface OrderSignals {
  /** A collator logged a prepared block it could not get included. */
  blockReady: boolean;
  /** Transactions wait in a collator's pool. */
  transactionsWaiting: boolean;
}

/** What the next order will cost, as the chain will charge it. */
export interface OrderQuote {
  /** The price the relay charges the next order at inclusion (traffic updated as the chain will). */
  pricePlanck: bigint;
  /** The transaction fee the relay takes for it, paid even when the order is refused. */
  feePlanck: bigint;
}

export type OrderDecision =
  | {
      order: true;
      /** The order's price cap: the operator's max price, lowered so that even at the cap the day's budget holds. */
      maxPlanck: bigint;
      /** The most this order can take (cap + fee): held against the budget until the chain says what it took. */
      reservePlanck: bigint;
    }
  | { order: false; reason: string };

/** Whether the policy's trigger is met; the reason when not. */
export function orderWanted(policy: OrderPolicy | undefined, signals: OrderSignals): { order: false; reason: string } | undefined {
  if (!policy?.enabled) return { order: false, reason: 'Automatic ordering is off.' };
  const wanted = policy.trigger === 'block-ready' ? signals.blockReady
    : policy.trigger === 'transactions-waiting' ? signals.transactionsWaiting
    : signals.blockReady || signals.transactionsWaiting;
  return wanted ? undefined : { order: false, reason: 'Nothing waits to be included.' };
}

export function decideOrder(policy: OrderPolicy | undefined, signals: OrderSignals, quote: OrderQuote, spentTodayPlanck: bigint): OrderDecision {
  const unwanted = orderWanted(policy, signals);
  if (unwanted || !policy) return unwanted ?? { order: false, reason: 'Automatic ordering is off.' };
  const maxPricePlanck = BigInt(policy.maxPricePlanck);
  if (quote.pricePlanck > maxPricePlanck) return { order: false, reason: 'The spot price is above your max price.' };
  const leftPlanck = BigInt(policy.dailyBudgetPlanck) - spentTodayPlanck;
  if (quote.pricePlanck + quote.feePlanck > leftPlanck) return { order: false, reason: 'Another order (price and fee) would pass today’s budget.' };
  // The chain charges its price at inclusion, never above the cap: a cap within what is left keeps the budget whatever happens before then.
  // The fee moves a little with the queue the order finds (its weight grows with it, about 2,000 planck an order on Paseo): 1 % of headroom.
  const feeBoundPlanck = quote.feePlanck + quote.feePlanck / 100n;
  const budgetCapPlanck = leftPlanck - feeBoundPlanck;
  const maxPlanck = maxPricePlanck < budgetCapPlanck ? maxPricePlanck : budgetCapPlanck;
  if (maxPlanck < quote.pricePlanck) return { order: false, reason: 'Another order (price and fee) would pass today’s budget.' };
  return { order: true, maxPlanck, reservePlanck: maxPlanck + feeBoundPlanck };
}

export interface AutoOrdererDeps {
  policy: () => OrderPolicy | undefined;
  signals: () => Promise<OrderSignals>;
  quote: () => Promise<OrderQuote>;
  /** What automatic orders took today (price and fee), and hold while on their way: persisted, so a restart continues the day. */
  spentTodayPlanck: () => bigint;
  /** Places one order capped at `maxPlanck`, holding `reservePlanck` until it is in a block; resolves with what the chain took. */
  placeOrder: (decision: { maxPlanck: bigint; reservePlanck: bigint }) => Promise<{ pricePlanck?: bigint; feePlanck: bigint; placed: boolean } | undefined>;
}

export type TickOutcome = OrderDecision & { charged?: { pricePlanck?: bigint; feePlanck: bigint; placed: boolean } };

/** One evaluation of the policy per call; the caller decides how often (each new relay block). */
export class AutoOrderer {
  private busy = false;

  constructor(private readonly deps: AutoOrdererDeps) {}

  async tick(): Promise<TickOutcome> {
    // One order at a time: a second tick while one is in flight must not order again.
    if (this.busy) return { order: false, reason: 'An order is already on its way.' };
    this.busy = true;
    try {
      const policy = this.deps.policy();
      const signals = await this.deps.signals();
      // Pricing reads the chain and estimates a fee: only when an order is wanted at all.
      const unwanted = orderWanted(policy, signals);
      if (unwanted) return unwanted;
      const quote = await this.deps.quote();
      const decision = decideOrder(policy, signals, quote, this.deps.spentTodayPlanck());
      if (!decision.order) return decision;
      const charged = await this.deps.placeOrder(decision);
      return { ...decision, ...(charged ? { charged } : {}) };
    } finally {
      this.busy = false;
    }
  }
}
