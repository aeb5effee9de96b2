import type { ApiPromise } from '@polkadot/api';
import type { DispatchError } from '@polkadot/types/interfaces';
import type { DispatchErrorData } from '../../../shared/contract/chain';

/**
 * Plain words for the dispatch errors operators actually meet. Anything else
 * falls back to the runtime's own doc comment for the error, from metadata.
 */
const WORDS: Record<string, { message: string; hint?: string }> = {
  'Balances.InsufficientBalance': { message: 'The account does not have enough free balance for this.', hint: 'Add funds to the account or lower the amount.' },
  'Balances.ExistentialDeposit': { message: 'The amount is below the existential deposit, so the receiving account would not exist.', hint: 'Send at least the existential deposit.' },
  'Balances.KeepAlive': { message: 'This would take the account below its existential deposit and remove it.', hint: 'Send less, or use a transfer that allows the account to be reaped.' },
  'Balances.LiquidityRestrictions': { message: 'Part of the balance is locked or reserved and cannot be spent.', hint: 'Check the account\'s frozen and reserved amounts.' },
  'Token.FundsUnavailable': { message: 'The account does not have enough spendable funds for this.', hint: 'Add funds to the account; reserved and frozen amounts cannot be spent.' },
  'Token.BelowMinimum': { message: 'The result would leave an account below the minimum balance.', hint: 'Send at least the existential deposit.' },
  'Registrar.NotRegistered': { message: 'That para id is not registered.', hint: 'Register it first, or check the id.' },
  'Registrar.AlreadyRegistered': { message: 'That para id is already registered.', hint: 'Nothing to do, or pick another id.' },
  'Registrar.NotOwner': { message: 'This account does not manage that para id.', hint: 'Sign with the manager account of the para.' },
  'Registrar.CodeTooLarge': { message: 'The validation code is larger than the relay chain allows.', hint: 'Build a smaller (compressed) runtime: the limit is the relay\'s max code size.' },
  'Registrar.HeadDataTooLarge': { message: 'The genesis head is larger than the relay chain allows.', hint: 'Export the genesis head again from the right chain spec.' },
  'Registrar.NotParathread': { message: 'The para is not a parathread, so this cannot be done now.', hint: 'Wait until it is a parathread (after onboarding or a downgrade).' },
  'Registrar.CannotDeregister': { message: 'The para cannot be deregistered in its current state.', hint: 'It must be a parathread and not locked.' },
  'Registrar.ParaLocked': { message: 'The para is locked: its manager can no longer change it.', hint: 'Changes now need the para\'s own origin (XCM) or governance.' },
  'Registrar.NotReserved': { message: 'That para id was not reserved by this account.', hint: 'Reserve a para id first, then register with it.' },
  'Registrar.EmptyCode': { message: 'The validation code is empty.', hint: 'Export the genesis Wasm again.' },
  'OnDemand.QueueFull': { message: 'The on-demand queue is full right now.', hint: 'Try again in a few blocks.' },
  'OnDemand.SpotPriceHigherThanMaxAmount': { message: 'The spot price is above the maximum you allowed.', hint: 'Raise the maximum price or wait for the price to fall.' },
  'OnDemandAssignmentProvider.QueueFull': { message: 'The on-demand queue is full right now.', hint: 'Try again in a few blocks.' },
  'OnDemandAssignmentProvider.SpotPriceHigherThanMaxAmount': { message: 'The spot price is above the maximum you allowed.', hint: 'Raise the maximum price or wait for the price to fall.' },
  'Broker.Overpriced': { message: 'The sale price is above your price limit.', hint: 'Raise the limit or wait: the price falls during the lead-in.' },
  'Broker.SoldOut': { message: 'Every core of this sale is sold.', hint: 'Wait for the next sale, or buy a region from another team.' },
  'Broker.TooEarly': { message: 'The sale has not started yet.', hint: 'Wait for the sale to begin.' },
  'Broker.NotAllowed': { message: 'This core cannot be renewed by this account now.', hint: 'Renewals are only possible during the interlude, for cores with a renewal right.' },
  CallFiltered: { message: 'The runtime does not allow this call on this network (it is filtered).', hint: 'This flow is not available here; the capabilities page says which ones are.' },
  BadOrigin: { message: 'This account is not allowed to make this call.', hint: 'Some calls need governance or the para\'s own origin.' },
};

/** Decodes a dispatch error against the runtime's metadata into words the operator can act on. */
export function describeDispatchError(api: ApiPromise, error: DispatchError): DispatchErrorData {
  if (error.isModule) {
    try {
      const meta = api.registry.findMetaError(error.asModule);
      const code = `${capitalise(meta.section)}.${meta.name}`;
      return withWords(code, meta.docs.join(' ').trim() || `The ${meta.section} pallet refused the call (${meta.name}).`);
    } catch {
      return { code: 'Module', message: 'The runtime refused the call with an error this console cannot decode.', hint: 'Check the transaction in a block explorer.' };
    }
  }
  if (error.isToken) return withWords(`Token.${error.asToken.type}`, `The token rules refused the transfer (${error.asToken.type}).`);
  if (error.isArithmetic) return withWords(`Arithmetic.${error.asArithmetic.type}`, `An amount overflowed or underflowed (${error.asArithmetic.type}).`);
  if (error.isBadOrigin) return withWords('BadOrigin', 'This account may not make this call.');
  return withWords(error.type, `The runtime refused the call (${error.type}).`);
}

/** The same words for an error seen by name (a dry-run result, a capability check). */
export function describeErrorCode(code: string, fallback: string): DispatchErrorData {
  return withWords(code, fallback);
}

function withWords(code: string, fallback: string): DispatchErrorData {
  const words = WORDS[code] ?? WORDS[code.split('.').pop() ?? ''];
  if (!words) return { code, message: fallback };
  return words.hint === undefined ? { code, message: words.message } : { code, message: words.message, hint: words.hint };
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
