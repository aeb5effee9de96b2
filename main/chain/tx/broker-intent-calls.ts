import type { TxIntent } from '../../../shared/contract/chain';
import { formatPlanck } from '../calls/amount-text';
import {
  buildBrokerClaimRevenue, buildBrokerDropRegion, buildBrokerInterlace, buildBrokerPartition, buildBrokerPool, buildBrokerPurchase,
  buildBrokerPurchaseCredit, buildBrokerRenew, type RegionId,
} from '../calls/broker';
import type { BuiltCall, CallContext } from '../calls/built-call';
import { renewalWindowWords } from '../calc/sale-price';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { purchasePriceNext, purchaseRefusal, readBrokerNow, renewalAtSigning } from '../read/broker-now';
import { constantBigint } from '../storage/storage-item';

type BrokerIntent = Extract<TxIntent, { kind: 'purchaseCoretime' | 'renewCoretime' | 'partitionRegion' | 'interlaceRegion' | 'poolRegion' | 'claimRevenue' | 'dropRegion' | 'purchaseCredit' }>;

/**
 * The broker intents whose call depends on what the chain holds now: the
 * pipeline builds a call at the estimate and again when it signs, so the
 * price read here and the refusals (above the cap, sold out, no right) are
 * those of the moment of signing.
 */
export async function buildBrokerIntentCall(ctx: CallContext, intent: BrokerIntent): Promise<BuiltCall> {
  switch (intent.kind) {
    case 'purchaseCoretime': {
      const limit = BigInt(intent.priceLimitPlanck);
      const now = await readBrokerNow(ctx.api);
      const refusal = purchaseRefusal(now, limit, ctx.token);
      if (refusal) throw refusal;
      const call = buildBrokerPurchase(ctx, limit);
      const price = purchasePriceNext(now) ?? limit;
      return {
        ...call,
        details: [
          `At relay block #${now.nextRelayBlock}, where the Coretime chain's next block builds, the sale price is ${formatPlanck(price, ctx.token)}: that is what the broker takes if the purchase lands there; later in the lead-in it takes less, never more than your limit.`,
          ...call.details,
        ],
      };
    }
    case 'renewCoretime': {
      const renewal = await renewalAtSigning(ctx.api, intent.core, {
        token: ctx.token,
        ...(intent.priceCapPlanck === undefined ? {} : { priceCapPlanck: BigInt(intent.priceCapPlanck) }),
      });
      return buildBrokerRenew(ctx, { core: intent.core, renewalPricePlanck: renewal.pricePlanck, window: renewalWindowWords(renewal.window) });
    }
    case 'partitionRegion':
      return buildBrokerPartition(ctx, { region: regionOf(intent.region), pivotTimeslices: intent.pivotTimeslices });
    case 'interlaceRegion':
      return buildBrokerInterlace(ctx, { region: regionOf(intent.region), pivotMask: intent.pivotMask as `0x${string}` });
    case 'poolRegion':
      return buildBrokerPool(ctx, { region: regionOf(intent.region), payee: intent.payee, finality: intent.finality });
    case 'claimRevenue':
      return buildBrokerClaimRevenue(ctx, { region: regionOf(intent.region), maxTimeslices: intent.maxTimeslices });
    case 'dropRegion':
      return buildBrokerDropRegion(ctx, regionOf(intent.region));
    case 'purchaseCredit':
      return buildBrokerPurchaseCredit(ctx, {
        amountPlanck: BigInt(intent.amountPlanck),
        beneficiary: intent.beneficiary,
        minimumPlanck: constantBigint(ctx.api, PALLET_NAMES.broker, 'minimumCreditPurchase'),
      });
  }
}

function regionOf(region: { begin: number; core: number; mask: string }): RegionId {
  return { begin: region.begin, core: region.core, mask: region.mask as `0x${string}` };
}
