import { ServiceError } from '../../errors/service-error';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { formatPlanck } from './amount-text';
import { assertParaId, assertPositivePlanck, built, resolveCall, type BuiltCall, type CallContext } from './built-call';

/** Crowdloan calls on the relay chain. On the live relays only withdraw, refund and dissolve remain allowed. */
export interface CreateCrowdloanInput {
  readonly paraId: number;
  readonly capPlanck: bigint;
  readonly firstPeriod: number;
  readonly lastPeriod: number;
  /** Relay block at which contributions close. */
  readonly endBlock: number;
}

/**
 * `crowdloan.create` applies the registrar's lock to the para (`registrar.paras(id).locked`
 * turns true), so the operator is told before signing what that takes away.
 */
export function crowdloanLockWords(paraId: number): string {
  return `Opening it locks para ${paraId} in the registrar: from then on the manager account can no longer deregister it, swap it, `
    + 'schedule a code upgrade or set its head; those need the para\'s own origin (from the parachain, over XCM) or governance, '
    + 'and the lock stays after the crowdloan is dissolved until one of them removes it.';
}

export function buildCrowdloanCreate(ctx: CallContext, input: CreateCrowdloanInput): BuiltCall {
  assertParaId(input.paraId);
  assertPositivePlanck(input.capPlanck, 'cap');
  if (input.lastPeriod < input.firstPeriod) {
    throw new ServiceError('invalid_input', 'The last lease period comes before the first.');
  }
  return built(
    resolveCall(ctx.api, PALLET_NAMES.crowdloan, 'create'),
    'create',
    // No verifier: contributions need no off-chain signature.
    [input.paraId, input.capPlanck, input.firstPeriod, input.lastPeriod, input.endBlock, null],
    `Open a crowdloan for para ${input.paraId} raising up to ${formatPlanck(input.capPlanck, ctx.token)} for lease periods ${input.firstPeriod} to ${input.lastPeriod}, closing at relay block ${input.endBlock}.`,
    [
      crowdloanLockWords(input.paraId),
      'The relay reserves its crowdloan deposit from this account until the crowdloan is dissolved.',
    ],
  );
}

export function buildCrowdloanContribute(ctx: CallContext, input: { readonly paraId: number; readonly amountPlanck: bigint }): BuiltCall {
  assertParaId(input.paraId);
  assertPositivePlanck(input.amountPlanck, 'contribution');
  return built(
    resolveCall(ctx.api, PALLET_NAMES.crowdloan, 'contribute'),
    'contribute',
    [input.paraId, input.amountPlanck, null],
    `Contribute ${formatPlanck(input.amountPlanck, ctx.token)} to the crowdloan of para ${input.paraId}.`,
  );
}

export function buildCrowdloanWithdraw(ctx: CallContext, input: { readonly contributor: string; readonly paraId: number }): BuiltCall {
  assertParaId(input.paraId);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.crowdloan, 'withdraw'),
    'withdraw',
    [input.contributor, input.paraId],
    `Return the contribution of ${input.contributor} from the ended crowdloan of para ${input.paraId}.`,
  );
}

export function buildCrowdloanRefund(ctx: CallContext, paraId: number): BuiltCall {
  assertParaId(paraId);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.crowdloan, 'refund'),
    'refund',
    [paraId],
    `Return contributions of the ended crowdloan of para ${paraId} to their contributors (as many as fit in one block).`,
  );
}

export function buildCrowdloanDissolve(ctx: CallContext, paraId: number): BuiltCall {
  assertParaId(paraId);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.crowdloan, 'dissolve'),
    'dissolve',
    [paraId],
    `Close the emptied crowdloan of para ${paraId} and release its deposit to the creator.`,
  );
}
