import { PALLET_NAMES } from '../capabilities/pallet-names';
import { assertParaId, built, resolveCall, type BuiltCall, type CallContext } from './built-call';

/**
 * After the Asset Hub migration, crowdloan contributions, lease deposits and
 * crowdloan reserves are returned on Asset Hub through `ahOps`. Each entry is
 * keyed by the relay block after which it unlocks (`block`), the para, and the
 * account; anyone may call these, so `depositor` names whose funds to release
 * (none: the caller's own).
 */
export interface ReclaimInput {
  /** The unlock block from the `ahOps` storage key (storage/crowdloan-reclaim.ts). */
  readonly unlockBlock: number;
  readonly paraId: number;
  readonly depositor?: string;
}

export function buildWithdrawCrowdloanContribution(ctx: CallContext, input: ReclaimInput): BuiltCall {
  return reclaim(ctx, 'withdrawCrowdloanContribution', input, 'Withdraw the crowdloan contribution');
}

export function buildUnreserveLeaseDeposit(ctx: CallContext, input: ReclaimInput): BuiltCall {
  return reclaim(ctx, 'unreserveLeaseDeposit', input, 'Release the lease deposit');
}

export function buildUnreserveCrowdloanReserve(ctx: CallContext, input: ReclaimInput): BuiltCall {
  return reclaim(ctx, 'unreserveCrowdloanReserve', input, 'Release the crowdloan creation deposit');
}

function reclaim(ctx: CallContext, method: string, input: ReclaimInput, what: string): BuiltCall {
  assertParaId(input.paraId);
  const whose = input.depositor === undefined ? 'of this account' : `of ${input.depositor}`;
  return built(
    resolveCall(ctx.api, PALLET_NAMES.ahOps, method),
    method,
    [input.unlockBlock, input.depositor ?? null, input.paraId],
    `${what} ${whose} for para ${input.paraId} on Asset Hub (unlocks after relay block ${input.unlockBlock}).`,
  );
}
