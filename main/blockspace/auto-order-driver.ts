import type { TxIntent, TxRecord } from '../../shared/contract/chain';
import type { ChainService } from '../chain/chain-service';
import type { Collators } from '../collators/collators';
import type { HealthMonitor } from '../health/health-monitor';
import { readOnDemandQuote } from '../chain/read/on-demand-quote';
import type { Logger } from '../logging/logger';
import type { ParachainConfigSource } from '../settings/parachain-config';
import { AUTO_ORDER_KEY_PREFIX, dayOf, type OnDemandSpendingLedger } from './on-demand-spending';
import { AutoOrderer, type OrderQuote, type OrderSignals, type TickOutcome } from './order-policy';
import type { OrderRecorder } from './order-recorder';

/** Where the driver learns that the para's collators need a block: a block prepared, transactions waiting. */
export interface CollatorSignalsSource {
  /** The last block each collator prepared (null when unknown). */
  lastAuthored(profileId: string): number | null;
  /** Transactions waiting in each collator's pool (undefined when unknown). */
  readyTransactions(profileId: string): number | undefined;
}

export interface AutoOrderDriverDeps {
  /** The operator's para: its id, network, signer, collators and order policy. */
  parachain: ParachainConfigSource;
  chain: ChainService;
  collators: CollatorSignalsSource;
  ledger: OnDemandSpendingLedger;
  recorder: OrderRecorder;
  log: Logger;
  now?: () => number;
  /** How long to wait for an order to reach a block before giving up on it (its reservation stays until the chain tells). */
  settleTimeoutMs?: number;
}

/**
 * Runs the operator's auto-order policy on each new relay block: asks the
 * collators whether a block or transactions wait, prices the order as the
 * relay will charge it (next block's traffic and the transaction fee), and
 * places it with the wizard's console account. What each order took comes
 * from the chain's events into the persisted spending ledger, which the
 * daily budget reads. Off unless the operator enabled the policy and the
 * signer is a key held by the console.
 */
export class AutoOrderDriver {
  private readonly orderer: AutoOrderer;
  private readonly lastAuthored = new Map<string, number | null>();
  private stopHeads: (() => void) | undefined;
  private stopConnection: (() => void) | undefined;
  private lastOutcome: TickOutcome | undefined;

  constructor(private readonly deps: AutoOrderDriverDeps) {
    this.orderer = new AutoOrderer({
      policy: () => deps.parachain.get().orderPolicy,
      signals: () => Promise.resolve(this.signals()),
      quote: () => this.quote(),
      spentTodayPlanck: () => this.spentToday(),
      placeOrder: (decision) => this.placeOrder(decision),
    });
  }

  start(): void {
    // Follow relay heads whenever the relay is connected; a new connection means a new head subscription.
    this.stopConnection = this.deps.chain.onConnection((state) => {
      if (state.role !== 'relay') return;
      this.stopHeads?.();
      this.stopHeads = state.status === 'connected'
        ? this.deps.chain.watch({ kind: 'head', role: 'relay' }, () => void this.onRelayBlock())
        : undefined;
    });
  }

  stop(): void {
    this.stopConnection?.();
    this.stopHeads?.();
  }

  /** The last decision, for the log and tests. */
  lastDecision(): TickOutcome | undefined {
    return this.lastOutcome;
  }

  /** One evaluation now (each relay block calls this). */
  async onRelayBlock(): Promise<TickOutcome | undefined> {
    const para = this.deps.parachain.get();
    if (!para.orderPolicy?.enabled || para.paraId === undefined || para.signer?.kind !== 'vault' || para.networkId === undefined) return undefined;
    try {
      const outcome = await this.orderer.tick();
      this.lastOutcome = outcome;
      if (outcome.order && outcome.charged?.placed) {
        this.deps.log.info(`auto-order: ordered a block for para ${para.paraId}: ${outcome.charged.pricePlanck ?? 0n} planck and ${outcome.charged.feePlanck} in fees`);
      } else if (outcome.order && outcome.charged) {
        this.deps.log.warn(`auto-order: the relay refused the order for para ${para.paraId}; its fee (${outcome.charged.feePlanck} planck) was paid`);
      }
      return outcome;
    } catch (error) {
      this.deps.log.warn('auto-order: the order could not be placed', error);
      return undefined;
    }
  }

  /** A block is ready when a collator of the para prepared a new one since the last look; transactions wait when its pool has some. */
  private signals(): OrderSignals {
    const ids = this.deps.parachain.get().collatorProfileIds;
    let blockReady = false;
    for (const id of ids) {
      const authored = this.deps.collators.lastAuthored(id);
      if (authored !== null && authored !== this.lastAuthored.get(id)) blockReady = this.lastAuthored.has(id) || blockReady;
      this.lastAuthored.set(id, authored);
    }
    const transactionsWaiting = ids.some((id) => (this.deps.collators.readyTransactions(id) ?? 0) > 0);
    return { blockReady, transactionsWaiting };
  }

  private spentToday(): bigint {
    const para = this.deps.parachain.get();
    const now = this.now();
    const unreadable = this.deps.ledger.unreadable;
    if (unreadable && unreadable.day === dayOf(now)) {
      // Today's spending is unknown: the whole budget counts as spent until midnight UTC.
      throw new Error(`the spending file could not be read and was moved to ${unreadable.movedTo}; automatic orders resume tomorrow (UTC)`);
    }
    if (para.networkId === undefined || para.paraId === undefined) return 0n;
    return this.deps.ledger.autoSpentOn(para.networkId, para.paraId, now);
  }

  /** The next order's price at inclusion and its fee, from the relay now. */
  private async quote(): Promise<OrderQuote> {
    const para = this.deps.parachain.get();
    if (para.paraId === undefined || para.signer === undefined) throw new Error('no para id or signer');
    const relay = await this.deps.chain.api('relay');
    const quote = await readOnDemandQuote(relay);
    if (!quote) throw new Error('this relay offers no on-demand pricing');
    // The fee does not depend on the cap's value (a fixed-width u128): estimate it for a cap at the price.
    const cap = quote.nextOrderPricePlanck > 0n ? quote.nextOrderPricePlanck : 1n;
    const estimate = await this.deps.chain.estimate(this.orderIntent(para.paraId, cap), { kind: 'vault', address: para.signer.address });
    return { pricePlanck: quote.nextOrderPricePlanck, feePlanck: BigInt(estimate.feePlanck) };
  }

  private async placeOrder(decision: { maxPlanck: bigint; reservePlanck: bigint }): Promise<{ pricePlanck?: bigint; feePlanck: bigint; placed: boolean } | undefined> {
    const para = this.deps.parachain.get();
    if (para.paraId === undefined || para.signer?.kind !== 'vault' || para.networkId === undefined) throw new Error('no para id or console account');
    const intentKey = `${AUTO_ORDER_KEY_PREFIX}${para.networkId}:${para.paraId}:${this.now()}`;
    // On disk before anything is signed: a crash from here on still counts this order against the day.
    this.deps.ledger.reserve({ intentKey, networkId: para.networkId, paraId: para.paraId, reservedPlanck: decision.reservePlanck, atMs: this.now() });
    let record: TxRecord;
    try {
      record = await this.deps.chain.submit(this.orderIntent(para.paraId, decision.maxPlanck), { kind: 'vault', address: para.signer.address }, intentKey);
    } catch (error) {
      this.deps.ledger.release(intentKey);
      throw error;
    }
    const charged = await withTimeout(this.deps.recorder.charged(record.txId), this.deps.settleTimeoutMs ?? 15 * 60_000);
    if (charged === undefined) {
      const now = this.deps.chain.pipeline.get(record.txId);
      if (now.error) throw new Error(`the order ended ${now.phase}: ${now.error.message}`);
      return undefined;
    }
    return { ...(charged.pricePlanck === undefined ? {} : { pricePlanck: BigInt(charged.pricePlanck) }), feePlanck: BigInt(charged.feePlanck), placed: charged.placed };
  }

  private orderIntent(paraId: number, maxAmountPlanck: bigint): TxIntent {
    return { kind: 'placeOnDemandOrder', paraId, maxAmountPlanck: maxAmountPlanck.toString(), keepAlive: true };
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    timer.unref?.();
    promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    }, (error: unknown) => {
      clearTimeout(timer);
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

/** The collators' side of the signals, from the supervisor (blocks prepared) and health (transaction pools). */
export function collatorSignalsFrom(collators: Pick<Collators, 'supervisor'>, health: Pick<HealthMonitor, 'status'>): CollatorSignalsSource {
  return {
    lastAuthored: (profileId) => {
      try {
        return collators.supervisor.state(profileId).lastAuthored;
      } catch {
        // A profile deleted since: it signals nothing.
        return null;
      }
    },
    readyTransactions: (profileId) => health.status().collators.find((collator) => collator.id === profileId)?.readyTransactions ?? undefined,
  };
}
