import type { TxIntent, TxRecord } from '../../shared/contract/chain';
import type { ChainService } from '../chain/chain-service';
import { readOrderCharges } from '../chain/read/order-charges';
import type { Logger } from '../logging/logger';
import type { OnDemandSpendingLedger, OrderCharged, PlacedOrder } from './on-demand-spending';

type OrderIntent = Extract<TxIntent, { kind: 'placeOnDemandOrder' | 'placeOnDemandOrderWithCredits' }>;

/** Phases after which a transaction never reaches a block: an order there took nothing. */
const NEVER_INCLUDED: ReadonlySet<TxRecord['phase']> = new Set(['dropped', 'invalid', 'usurped', 'already-done']);

/**
 * Records what every on-demand order sent through the console cost (the
 * wizard's and the auto-order driver's alike): once its transaction is in a
 * block, the price and the fee are read from that block's events into the
 * spending ledger. An order that never reached a block gives its reservation
 * back.
 */
export class OrderRecorder {
  private readonly waiting = new Map<string, Array<(charged: PlacedOrder | undefined) => void>>();
  private readonly reading = new Set<string>();
  private stopStatus: (() => void) | undefined;

  constructor(private readonly deps: { chain: ChainService; ledger: OnDemandSpendingLedger; log: Logger }) {}

  start(): void {
    this.stopStatus = this.deps.chain.onTxStatus(undefined, (record) => void this.onStatus(record));
  }

  stop(): void {
    this.stopStatus?.();
  }

  /** Resolves once the order transaction's charges are recorded (undefined: it never reached a block). */
  charged(txId: string): Promise<PlacedOrder | undefined> {
    return new Promise((resolve) => {
      const list = this.waiting.get(txId) ?? [];
      list.push(resolve);
      this.waiting.set(txId, list);
      // It may have settled before anyone asked.
      try {
        void this.onStatus(this.deps.chain.pipeline.get(txId));
      } catch {
        this.settle(txId);
      }
    });
  }

  private async onStatus(record: TxRecord): Promise<void> {
    const intent = orderIntentOf(record.intent);
    if (!intent) return;
    if (record.blockHash !== undefined && record.hash !== undefined && (record.phase === 'in-block' || record.phase === 'finalized' || record.phase === 'failed')) {
      await this.recordCharges(record, intent, record.blockHash as `0x${string}`, record.hash);
      return;
    }
    if (NEVER_INCLUDED.has(record.phase) || (record.phase === 'failed' && record.blockHash === undefined)) {
      this.deps.ledger.release(record.intentKey);
      this.settle(record.txId);
    }
  }

  private async recordCharges(record: TxRecord, intent: OrderIntent, blockHash: `0x${string}`, hash: string): Promise<void> {
    if (this.deps.ledger.isRecorded(record.txId)) {
      this.settle(record.txId);
      return;
    }
    if (this.reading.has(record.txId)) return;
    this.reading.add(record.txId);
    try {
      const relay = await this.deps.chain.api('relay');
      const charges = await readOrderCharges(relay, blockHash, hash);
      if (!charges) return;
      const charged: OrderCharged = {
        txId: record.txId,
        intentKey: record.intentKey,
        networkId: record.networkId,
        paraId: intent.paraId,
        atMs: record.createdAt,
        placed: charges.placed,
        ...(charges.pricePlanck === undefined ? {} : { pricePlanck: charges.pricePlanck }),
        feePlanck: charges.feePlanck,
        blockNumber: charges.blockNumber,
        paidWith: intent.kind === 'placeOnDemandOrderWithCredits' ? 'credits' : 'balance',
      };
      this.deps.ledger.record(charged);
      this.settle(record.txId);
    } catch (error) {
      this.deps.log.warn(`auto-order: could not read what order ${record.txId} was charged`, error);
    } finally {
      this.reading.delete(record.txId);
    }
  }

  /** Answers whoever waits for this transaction with what the ledger holds for it. */
  private settle(txId: string): void {
    const list = this.waiting.get(txId);
    if (!list) return;
    this.waiting.delete(txId);
    const charged = this.deps.ledger.recorded(txId);
    for (const resolve of list) resolve(charged);
  }
}

function orderIntentOf(intent: TxIntent): OrderIntent | undefined {
  return intent.kind === 'placeOnDemandOrder' || intent.kind === 'placeOnDemandOrderWithCredits' ? intent : undefined;
}
