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

export function buildBrokerRenew(ctx: CallContext, core: number): BuiltCall {
  assertCore(core);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.broker, 'renew'),
    'renew',
    [core],
    `Renew core ${core} for the next region period at its renewal price.`,
    ['Renewal is only possible during the interlude; missing it loses the core.'],
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

function regionArg(region: RegionId): { begin: number; core: number; mask: string } {
  return { begin: region.begin, core: region.core, mask: region.mask };
}

function assertRegion(region: RegionId): void {
  assertCore(region.core);
  if (!/^0x[0-9a-fA-F]{20}$/.test(region.mask)) {
    throw new ServiceError('invalid_input', 'A core mask is 10 bytes of hex.', `Use ${COMPLETE_CORE_MASK} for a whole core.`);
  }
}

function assertCore(core: number): void {
  if (!Number.isInteger(core) || core < 0 || core > 0xffff) throw new ServiceError('invalid_input', `${core} is not a core index.`);
}
