import type { TxIntent } from '../../../shared/contract/chain';
import type { EffectEstimateContext, EstimatedEffect } from '../tx/expected-effects';
import { purchasePriceNext, readBrokerNow, renewalAtSigning } from './broker-now';

/**
 * What bulk coretime intents take from the signer, as the broker will
 * charge it: a purchase pays the sale price at the relay block the Coretime
 * chain's next block builds on (lower than the dry run's, which prices at the
 * current block, while the lead-in falls); a renewal pays the price its right
 * holds; credits cost the amount bought.
 */
export async function estimatePurchaseEffects(ctx: EffectEstimateContext, intent: Extract<TxIntent, { kind: 'purchaseCoretime' }>): Promise<EstimatedEffect[]> {
  const now = await readBrokerNow(ctx.api);
  const price = purchasePriceNext(now);
  if (price === undefined) return [];
  const limit = BigInt(intent.priceLimitPlanck);
  const paid = price < limit ? price : limit;
  return [{ kind: 'paid', amountPlanck: paid.toString(), label: `Core price at relay block #${now.nextRelayBlock} (never above your limit)` }];
}

export async function estimateRenewEffects(ctx: EffectEstimateContext, intent: Extract<TxIntent, { kind: 'renewCoretime' }>): Promise<EstimatedEffect[]> {
  const token = { symbol: ctx.api.registry.chainTokens[0] ?? 'UNIT', decimals: ctx.api.registry.chainDecimals[0] ?? 12 };
  const renewal = await renewalAtSigning(ctx.api, intent.core, { token });
  return [{ kind: 'paid', amountPlanck: renewal.pricePlanck.toString(), label: `Renewal of core ${intent.core}` }];
}

export async function estimateCreditEffects(_ctx: EffectEstimateContext, intent: Extract<TxIntent, { kind: 'purchaseCredit' }>): Promise<EstimatedEffect[]> {
  return [{ kind: 'paid', amountPlanck: intent.amountPlanck, label: `On-demand credits for ${intent.beneficiary}` }];
}
