import type { TxRecord } from '../../shared/contract/chain';
import type { ChainService } from '../chain/chain-service';
import { spotPrice } from '../chain/calc/spot-price';
import { relayConfiguration } from '../chain/storage/configuration';
import { readItem } from '../chain/storage/storage-item';
import type { Collators } from '../collators/collators';
import type { HealthMonitor } from '../health/health-monitor';
import type { Logger } from '../logging/logger';
import type { OnboardingProgressStore } from './onboarding-progress';
import { AutoOrderer, type OrderSignals } from './order-policy';

const SETTLED: ReadonlySet<TxRecord['phase']> = new Set(['in-block', 'finalized', 'already-done', 'failed', 'dropped', 'invalid', 'usurped', 'timed-out', 'unknown']);

/**
 * Runs the operator's auto-order policy on each new relay block: asks the
 * collators whether a block or transactions wait, prices the order from the
 * relay, and places it with the wizard's console account. Off unless the
 * operator enabled the policy and the signer is a key held by the console.
 */
export class AutoOrderDriver {
  private readonly orderer: AutoOrderer;
  private lastAuthored = new Map<string, number | null>();
  private stopHeads: (() => void) | undefined;
  private stopConnection: (() => void) | undefined;

  constructor(private readonly deps: { onboarding: OnboardingProgressStore; chain: ChainService; collators: Collators; health: HealthMonitor; log: Logger }) {
    this.orderer = new AutoOrderer({
      policy: () => deps.onboarding.get().orderPolicy,
      signals: () => Promise.resolve(this.signals()),
      spotPricePlanck: () => this.spotPrice(),
      placeOrder: (maxPlanck) => this.placeOrder(maxPlanck),
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

  private async onRelayBlock(): Promise<void> {
    const progress = this.deps.onboarding.get();
    if (!progress.orderPolicy?.enabled || progress.paraId === undefined || progress.signer?.kind !== 'vault') return;
    try {
      const outcome = await this.orderer.tick();
      if (outcome.order) this.deps.log.info(`auto-order: ordered a block for para ${progress.paraId}`);
    } catch (error) {
      this.deps.log.warn('auto-order: the order could not be placed', error);
    }
  }

  /** A block is ready when a collator of the para prepared a new one since the last look; transactions wait when its pool has some. */
  private signals(): OrderSignals {
    const ids = this.deps.onboarding.get().collatorProfileIds;
    let blockReady = false;
    for (const id of ids) {
      const authored = this.safeState(id);
      if (authored !== null && authored !== this.lastAuthored.get(id)) blockReady = this.lastAuthored.has(id) || blockReady;
      this.lastAuthored.set(id, authored);
    }
    const transactionsWaiting = this.deps.health.status().collators.some((collator) => ids.includes(collator.id) && (collator.readyTransactions ?? 0) > 0);
    return { blockReady, transactionsWaiting };
  }

  private safeState(id: string): number | null {
    try {
      return this.deps.collators.supervisor.state(id).lastAuthored;
    } catch {
      return null;
    }
  }

  private async spotPrice(): Promise<bigint> {
    const [queue, relay] = await Promise.all([this.deps.chain.read({ kind: 'onDemandQueue' }), this.deps.chain.pool.api('relay')]);
    const config = await readItem(relay, relayConfiguration);
    if (queue.kind !== 'onDemandQueue' || !config?.onDemand) throw new Error('this relay offers no on-demand pricing');
    return spotPrice(BigInt(queue.trafficFixed), config.onDemand.baseFeePlanck);
  }

  private async placeOrder(maxPlanck: bigint): Promise<{ paidPlanck: bigint }> {
    const progress = this.deps.onboarding.get();
    if (progress.paraId === undefined || progress.signer?.kind !== 'vault') throw new Error('no para id or console account');
    const intentKey = `auto-order:${progress.networkId ?? ''}:${progress.paraId}:${Date.now()}`;
    const record = await this.deps.chain.submit({ kind: 'placeOnDemandOrder', paraId: progress.paraId, maxAmountPlanck: maxPlanck.toString(), keepAlive: true }, { kind: 'vault', address: progress.signer.address }, intentKey);
    this.deps.onboarding.update({ tx: { intentKey: `order:${progress.networkId ?? ''}:${progress.paraId}:${intentKey}`, txId: record.txId } });
    const settled = await new Promise<TxRecord>((resolve) => {
      const stop = this.deps.chain.onTxStatus(record.txId, (next) => {
        if (!SETTLED.has(next.phase)) return;
        queueMicrotask(stop);
        resolve(next);
      });
    });
    if (settled.phase !== 'in-block' && settled.phase !== 'finalized') throw new Error(settled.error?.message ?? `the order ended ${settled.phase}`);
    // The chain charges the spot price at inclusion, never above the cap: count the cap so the budget is never overrun.
    return { paidPlanck: maxPlanck };
  }
}
