import { ServiceError } from '../../errors/service-error';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { formatPlanck } from './amount-text';
import { assertParaId, assertPositivePlanck, built, resolveCall, type BuiltCall, type CallContext } from './built-call';

/** Bulk coretime on the Coretime chain's `broker` pallet. */

/** A region: which core, from which timeslice, and which parts of the core (an 80-bit mask, hex). */
export interface RegionId {
  readonly begin: number;
  readonly core: number;
  /** 10 bytes as hex; `COMPLETE_CORE_MASK` for a whole core. */
  readonly mask: `0x${string}`;
}

export const COMPLETE_CORE_MASK = '0xffffffffffffffffffff' as const;

export type Finality = 'Provisional' | 'Final';

export function buildBrokerPurchase(ctx: CallContext, priceLimitPlanck: bigint): BuiltCall {
  assertPositivePlanck(priceLimitPlanck, 'price limit');
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'purchase'),
    'purchase',
    [priceLimitPlanck],
    `Buy one core of bulk coretime in the current sale at the current price, but at most ${formatPlanck(priceLimitPlanck, ctx.token)}.`,
    ['You receive a region covering the next region period; assign it to your para to use it.'],
  );
}

/**
 * `broker.renew(core)` takes no price limit: `renewalPricePlanck` is the price
 * the chain holds for this renewal now (`potentialRenewals`), read by the
 * caller when it signs, and checked against the operator's cap there.
 */
export function buildBrokerRenew(ctx: CallContext, input: { readonly core: number; readonly renewalPricePlanck: bigint; readonly window: string }): BuiltCall {
  assertCore(input.core);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'renew'),
    'renew',
    [input.core],
    `Renew core ${input.core} for the next region at its renewal price, ${formatPlanck(input.renewalPricePlanck, ctx.token)}.`,
    [input.window],
  );
}

export function buildBrokerAssign(ctx: CallContext, input: { readonly region: RegionId; readonly paraId: number; readonly finality: Finality }): BuiltCall {
  assertRegion(input.region);
  assertParaId(input.paraId);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'assign'),
    'assign',
    [regionArg(input.region), input.paraId, input.finality],
    `Assign the region of core ${input.region.core} starting at timeslice ${input.region.begin} to para ${input.paraId} (${input.finality.toLowerCase()}).`,
    [
      input.finality === 'Final'
        ? 'Final: the assignment cannot be changed, and it keeps the right to renew this core.'
        : 'Provisional: you may reassign it later, but it does not earn the right to renew this core.',
    ],
  );
}

export function buildBrokerTransfer(ctx: CallContext, input: { readonly region: RegionId; readonly newOwner: string }): BuiltCall {
  assertRegion(input.region);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'transfer'),
    'transfer',
    [regionArg(input.region), input.newOwner],
    `Transfer the region of core ${input.region.core} starting at timeslice ${input.region.begin} to ${input.newOwner}.`,
  );
}

/** Splits a region in time at `pivotTimeslices` after its begin: two regions, the first ending where the second begins. */
export function buildBrokerPartition(ctx: CallContext, input: { readonly region: RegionId; readonly pivotTimeslices: number }): BuiltCall {
  assertRegion(input.region);
  if (!Number.isInteger(input.pivotTimeslices) || input.pivotTimeslices < 1) {
    throw new ServiceError('invalid_input', 'The split point is a whole number of timeslices after the region begins.', 'Give at least 1 and less than the region length.');
  }
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'partition'),
    'partition',
    [regionArg(input.region), input.pivotTimeslices],
    `Split the region of core ${input.region.core} starting at timeslice ${input.region.begin} at timeslice ${input.region.begin + input.pivotTimeslices}.`,
    ['Both parts stay yours. A split region no longer earns the right to renew the core (the broker forgets what it was paid).'],
  );
}

/** Splits a region by core parts: `pivotMask` becomes one region, the rest of the region's mask the other. */
export function buildBrokerInterlace(ctx: CallContext, input: { readonly region: RegionId; readonly pivotMask: `0x${string}` }): BuiltCall {
  assertRegion(input.region);
  assertMask(input.pivotMask);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'interlace'),
    'interlace',
    [regionArg(input.region), input.pivotMask],
    `Split the region of core ${input.region.core} starting at timeslice ${input.region.begin} into the core parts ${input.pivotMask} and the rest.`,
    ['Both parts stay yours, each a share of the same core for the same time.'],
  );
}

/** Puts a region into the instantaneous (on-demand) pool; its share of the pool's revenue is claimable for `payee`. */
export function buildBrokerPool(ctx: CallContext, input: { readonly region: RegionId; readonly payee: string; readonly finality: Finality }): BuiltCall {
  assertRegion(input.region);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'pool'),
    'pool',
    [regionArg(input.region), input.payee, input.finality],
    `Put the region of core ${input.region.core} starting at timeslice ${input.region.begin} into the on-demand pool, its revenue to ${input.payee}.`,
    [
      'The region runs on-demand orders instead of your para; revenue is collected with "Claim revenue" once the relay reports it.',
      input.finality === 'Final' ? 'Final: the region cannot be taken back out of the pool.' : 'Provisional: you may still assign the region elsewhere.',
    ],
  );
}

export function buildBrokerClaimRevenue(ctx: CallContext, input: { readonly region: RegionId; readonly maxTimeslices: number }): BuiltCall {
  assertRegion(input.region);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'claimRevenue'),
    'claimRevenue',
    [regionArg(input.region), input.maxTimeslices],
    `Collect the on-demand pool revenue of the region of core ${input.region.core} starting at timeslice ${input.region.begin}, over at most ${input.maxTimeslices} timeslices.`,
    ['Paid to the payee named when the region was pooled.'],
  );
}

export function buildBrokerDropRegion(ctx: CallContext, region: RegionId): BuiltCall {
  assertRegion(region);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'dropRegion'),
    'dropRegion',
    [regionArg(region)],
    `Remove the ended region of core ${region.core} starting at timeslice ${region.begin} from the Coretime chain's storage.`,
    ['Only a region that has ended can be dropped; nothing is refunded.'],
  );
}

/**
 * Buys on-demand credits with the Coretime chain's tokens for `beneficiary`
 * on the relay, where `onDemand.placeOrderWithCredits` spends them. The
 * amount is what the chain takes.
 */
export function buildBrokerPurchaseCredit(ctx: CallContext, input: { readonly amountPlanck: bigint; readonly beneficiary: string; readonly minimumPlanck: bigint | undefined }): BuiltCall {
  assertPositivePlanck(input.amountPlanck, 'credit amount');
  if (input.minimumPlanck !== undefined && input.amountPlanck < input.minimumPlanck) {
    throw new ServiceError('invalid_input', `This chain sells credits from ${formatPlanck(input.minimumPlanck, ctx.token)} up (broker.minimumCreditPurchase).`, 'Buy at least that much.');
  }
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'purchaseCredit'),
    'purchaseCredit',
    [input.amountPlanck, input.beneficiary],
    `Buy ${formatPlanck(input.amountPlanck, ctx.token)} of on-demand credits for ${input.beneficiary} on the relay chain.`,
    ['The amount leaves this account on the Coretime chain; the relay credits the beneficiary when the Coretime chain\'s message arrives, to spend with on-demand orders paid by credits.'],
  );
}

/**
 * `broker.enableAutoRenew(core, task, workloadEndHint)` as call data for the
 * para's governance: the broker accepts it only from the para's sovereign
 * account (a signed origin whose account is the para's), which on a real
 * network means an XCM `Transact` sent by the para itself. Nothing here is signed.
 */
export function encodeEnableAutoRenew(api: CallContext['api'], input: { readonly core: number; readonly paraId: number; readonly workloadEndHint?: number }): `0x${string}` {
  assertCore(input.core);
  assertParaId(input.paraId);
  const create = resolveCall(api, PALLET_NAMES.broker, 'enableAutoRenew').create;
  return create(input.core, input.paraId, input.workloadEndHint ?? null).method.toHex();
}

function regionArg(region: RegionId): { begin: number; core: number; mask: string } {
  return { begin: region.begin, core: region.core, mask: region.mask };
}

function assertRegion(region: RegionId): void {
  assertCore(region.core);
  assertMask(region.mask);
}

function assertMask(mask: string): void {
  if (!/^0x[0-9a-fA-F]{20}$/.test(mask)) {
    throw new ServiceError('invalid_input', 'A core mask is 10 bytes of hex.', `Use ${COMPLETE_CORE_MASK} for a whole core.`);
  }
}

function assertCore(core: number): void {
  if (!Number.isInteger(core) || core < 0 || core > 0xffff) throw new ServiceError('invalid_input', `${core} is not a core index.`);
}
