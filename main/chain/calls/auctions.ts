import { ServiceError } from '../../errors/service-error';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { formatPlanck } from './amount-text';
import { assertParaId, assertPositivePlanck, built, resolveCall, type BuiltCall, type CallContext } from './built-call';

/** `auctions.bid`: call-filtered on the live relays, still run on local networks and older runtimes. */
export interface BidInput {
  readonly paraId: number;
  readonly auctionIndex: number;
  readonly firstSlot: number;
  readonly lastSlot: number;
  readonly amountPlanck: bigint;
}

export function buildAuctionBid(ctx: CallContext, input: BidInput): BuiltCall {
  assertParaId(input.paraId);
  assertPositivePlanck(input.amountPlanck, 'bid');
  if (input.lastSlot < input.firstSlot) {
    throw new ServiceError('invalid_input', 'The last lease period comes before the first.', 'Pick a range of lease periods, first to last.');
  }
  return built(
    resolveCall(ctx.api, PALLET_NAMES.auctions, 'bid'),
    'bid',
    [input.paraId, input.auctionIndex, input.firstSlot, input.lastSlot, input.amountPlanck],
    `Bid ${formatPlanck(input.amountPlanck, ctx.token)} in auction ${input.auctionIndex} for para ${input.paraId}, lease periods ${input.firstSlot} to ${input.lastSlot}.`,
    ['The bid is held from this account while it is winning and for the lease if it wins.'],
  );
}
