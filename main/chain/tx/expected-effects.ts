import type { ApiPromise } from '@polkadot/api';
import { hexToU8a } from '@polkadot/util';
import type { BalanceEffect, TxIntent } from '../../../shared/contract/chain';
import {
  estimateBidEffects, estimateContributeEffects, estimateCrowdloanCreateEffects, estimateDissolveEffects, estimateRefundEffects, estimateWithdrawEffects,
} from '../read/auction-crowdloan-effects';
import { estimateOrderEffects } from '../read/on-demand-quote';
import { estimateCreditEffects, estimatePurchaseEffects, estimateRenewEffects } from '../read/broker-effects';
import { quoteRegisterDeposit } from '../read/register-deposit-quote';
import { readRegistrarDeposits } from '../storage/registrar';

/** What a flow's own calculation says an intent holds, pays or moves (the pipeline marks it `estimate`). */
export type EstimatedEffect = Omit<BalanceEffect, 'source'>;

export interface EffectEstimateContext {
  readonly api: ApiPromise;
  /** The signer's address. */
  readonly signer: string;
}

type EstimatorFor<K extends TxIntent['kind']> = (ctx: EffectEstimateContext, intent: Extract<TxIntent, { kind: K }>) => Promise<EstimatedEffect[]>;
export type ExpectedEffectEstimators = { [K in TxIntent['kind']]?: EstimatorFor<K> };

/**
 * The console's own figure of what each intent does to the signer's balance,
 * for runtimes whose dry run reports no events (no `DryRunApi`: Rococo 9430 and
 * other older runtimes). Where the runtime's dry run reports events, the
 * pipeline shows those instead and never these.
 *
 * One entry per intent kind; a flow adds its own here, computed from the
 * runtime it is connected to (constants, storage, the flow's calculator in
 * `chain/calc`). A kind without an entry shows no effects, labelled `none`,
 * rather than a guess.
 */
export const expectedEffectEstimators: ExpectedEffectEstimators = {
  transfer: async (_ctx, intent) => [{ kind: 'transferred', amountPlanck: intent.amountPlanck, label: `To ${intent.dest}` }],
  reserveParaId: async ({ api }) => {
    const deposits = readRegistrarDeposits(api);
    return deposits ? [{ kind: 'held', amountPlanck: deposits.paraDepositPlanck.toString(), label: 'Deposit for the para id' }] : [];
  },
  // The registrar's own calculator: the formula of this runtime's generation (code size before polkadot-sdk #3020, max code size after).
  registerPara: async ({ api }, intent) => {
    const quote = await quoteRegisterDeposit(api, { paraId: intent.paraId, genesisHead: hexToU8a(intent.genesisHeadHex), validationCode: hexToU8a(intent.validationCodeHex) });
    return quote !== undefined && quote.additionalPlanck > 0n ? [{ kind: 'held', amountPlanck: quote.additionalPlanck.toString(), label: `Deposit for para ${intent.paraId}` }] : [];
  },
  // Slot auctions and crowdloans: the auctions and crowdloan pallets' own rules, read from the relay (read/auction-crowdloan-effects.ts).
  auctionBid: estimateBidEffects,
  createCrowdloan: estimateCrowdloanCreateEffects,
  contributeCrowdloan: estimateContributeEffects,
  withdrawCrowdloan: estimateWithdrawEffects,
  refundCrowdloan: estimateRefundEffects,
  dissolveCrowdloan: estimateDissolveEffects,
  // Bulk coretime: the broker's price at the block the purchase lands in, the renewal right's price, the credits bought (read/broker-effects.ts).
  purchaseCoretime: estimatePurchaseEffects,
  renewCoretime: estimateRenewEffects,
  purchaseCredit: estimateCreditEffects,
  // On-demand orders: the price the relay charges at inclusion (read/on-demand-quote.ts).
  placeOnDemandOrder: estimateOrderEffects,
  placeOnDemandOrderWithCredits: estimateOrderEffects,
};

/**
 * Intents whose amount the chain sets when the transaction is included, from
 * the next block's state: an on-demand order pays the spot price after the
 * block's own traffic update and the scheduler's service. The dry run runs on
 * this block's state and names a lower price under load, so for these the
 * flow's estimate replaces the dry run's figure (its verdict still stands).
 */
export const PRICED_AT_INCLUSION: ReadonlySet<TxIntent['kind']> = new Set(['placeOnDemandOrder', 'placeOnDemandOrderWithCredits', 'purchaseCoretime']);

/** The flow's estimate of an intent's effects, or undefined when its flow has none. */
export async function estimatedEffects(ctx: EffectEstimateContext, intent: TxIntent): Promise<BalanceEffect[] | undefined> {
  const estimator = expectedEffectEstimators[intent.kind] as EstimatorFor<TxIntent['kind']> | undefined;
  if (!estimator) return undefined;
  const effects = await estimator(ctx, intent as never);
  return effects.map((effect) => ({ ...effect, source: 'estimate' }));
}
