import { PALLET_NAMES } from '../capabilities/pallet-names';
import { formatPlanck } from './amount-text';
import { assertParaId, assertPositivePlanck, built, resolveCall, type BuiltCall, type CallContext } from './built-call';

/** One on-demand order buys one block for the para at the spot price, never above `maxAmountPlanck`. */
export interface PlaceOrderInput {
  readonly paraId: number;
  readonly maxAmountPlanck: bigint;
  /** Keep-alive refuses an order that would take the account below the existential deposit. */
  readonly keepAlive: boolean;
}

export function buildPlaceOrder(ctx: CallContext, input: PlaceOrderInput): BuiltCall {
  assertParaId(input.paraId);
  assertPositivePlanck(input.maxAmountPlanck, 'price cap');
  const method = input.keepAlive ? 'placeOrderKeepAlive' : 'placeOrderAllowDeath';
  return built(
    resolveCall(ctx.api, PALLET_NAMES.onDemand, method),
    method,
    [input.maxAmountPlanck, input.paraId],
    `Order one block of on-demand coretime for para ${input.paraId}, paying the spot price but at most ${formatPlanck(input.maxAmountPlanck, ctx.token)}.`,
    [
      input.keepAlive
        ? 'The order is refused if paying it would leave this account below the existential deposit.'
        : 'The order may empty this account completely (allow death).',
    ],
  );
}

/**
 * One block paid from the account's on-demand credits, where the runtime
 * offers `placeOrderWithCredits`. Credits are bought on the Coretime chain
 * (`broker.purchaseCredit`) and land on the relay by XCM; the fee is still
 * paid from the balance.
 */
export function buildPlaceOrderWithCredits(ctx: CallContext, input: { readonly paraId: number; readonly maxAmountPlanck: bigint }): BuiltCall {
  assertParaId(input.paraId);
  assertPositivePlanck(input.maxAmountPlanck, 'price cap');
  const method = 'placeOrderWithCredits';
  return built(
    resolveCall(ctx.api, PALLET_NAMES.onDemand, method),
    method,
    [input.maxAmountPlanck, input.paraId],
    `Order one block of on-demand coretime for para ${input.paraId} with on-demand credits, paying the spot price but at most ${formatPlanck(input.maxAmountPlanck, ctx.token)} of credits.`,
    ['The price comes out of this account’s on-demand credits; the transaction fee out of its balance.'],
  );
}
