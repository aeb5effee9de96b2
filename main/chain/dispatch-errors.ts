import type { DispatchError } from '@polkadot/types/interfaces';
import type { Registry } from '@polkadot/types/types';
import { stringCamelCase } from '@polkadot/util';

/**
 * Dispatch errors in plain words with what to do next. Module errors are
 * found by pallet and name from the runtime's metadata; an error the console
 * has no words for falls back to the runtime's own documentation of it.
 */
export interface DispatchErrorWords {
  /** Stable id: `pallet.Error` for module errors (`registrar.CodeTooLarge`), `token.FundsUnavailable`, `BadOrigin`… */
  readonly code: string;
  readonly title: string;
  readonly message: string;
  readonly hint?: string;
}

interface Words {
  readonly title: string;
  readonly message: string;
  readonly hint?: string;
}

/** Pallets renamed between runtimes share their words. */
const PALLET_ALIASES: Readonly<Record<string, string>> = {
  onDemandAssignmentProvider: 'onDemand',
};

const INSUFFICIENT: Words = {
  title: 'Not enough funds',
  message: 'The account does not have enough spendable balance for this, including the fee and any deposit.',
  hint: 'Add funds to the account. Reserved and frozen amounts cannot be spent.',
};

const MODULE_WORDS: Readonly<Record<string, Words>> = {
  'registrar.NotRegistered': { title: 'Para not registered', message: 'That para id is not registered on the relay chain.', hint: 'Check the para id, or register it first.' },
  'registrar.AlreadyRegistered': { title: 'Already registered', message: 'That para id is already registered.', hint: 'Nothing to redo: read the para’s state instead of registering again.' },
  'registrar.NotOwner': { title: 'Not the manager', message: 'This account does not manage that para id.', hint: 'Sign with the account that reserved the id (its manager).' },
  'registrar.CodeTooLarge': { title: 'Validation code too large', message: 'The validation code is larger than the relay chain’s maximum code size.', hint: 'Build the runtime compressed (release builds are) and export the code again.' },
  'registrar.HeadDataTooLarge': { title: 'Genesis head too large', message: 'The genesis head is larger than the relay chain’s maximum head size.', hint: 'Export the genesis head (not the chain spec or code) with your collator binary.' },
  'registrar.NotParachain': { title: 'Not a parachain', message: 'The para is not a parachain right now, so this cannot be done.', hint: 'Wait for the lifecycle change to finish, then try again.' },
  'registrar.NotParathread': { title: 'Not a parathread yet', message: 'The para is not a parathread right now (it may still be onboarding).', hint: 'Wait until onboarding finishes: the parachain page shows the ETA.' },
  'registrar.CannotDeregister': { title: 'Cannot deregister', message: 'The para cannot be deregistered in its current state.', hint: 'Only a parathread that is not locked can be deregistered.' },
  'registrar.CannotDowngrade': { title: 'Cannot downgrade', message: 'The para cannot be downgraded in its current state.' },
  'registrar.CannotUpgrade': { title: 'Cannot upgrade', message: 'The para cannot be upgraded in its current state.' },
  'registrar.ParaLocked': { title: 'Para locked', message: 'The para is locked: its manager account can no longer change it. The relay locks a para once it produces its first block.', hint: 'Make the change from the para itself (XCM from its sovereign origin) or through governance.' },
  'registrar.NotReserved': { title: 'Para id not reserved', message: 'This para id was not reserved by this account.', hint: 'Reserve a para id with this account first, then register with that id.' },
  'registrar.InvalidCode': { title: 'Invalid validation code', message: 'The relay chain refused the validation code.', hint: 'Export the genesis Wasm again from the same binary and chain spec as the genesis head.' },
  'registrar.EmptyCode': { title: 'Empty validation code', message: 'The validation code is empty.', hint: 'Export the genesis Wasm again with your collator binary.' },
  'registrar.CannotSwap': { title: 'Cannot swap', message: 'These paras cannot be swapped in their current state.' },
  'paras.CannotUpgradeCode': { title: 'Upgrade not allowed now', message: 'The para cannot take a code upgrade now: one is already pending or the cooldown has not passed.', hint: 'Wait for the pending upgrade to apply, then schedule the next one.' },
  'onDemand.QueueFull': { title: 'On-demand queue full', message: 'The on-demand order queue is full right now.', hint: 'Try again in a few blocks; the queue empties as orders are served.' },
  'onDemand.SpotPriceHigherThanMaxAmount': { title: 'Price above your cap', message: 'The on-demand spot price is above the maximum you set for this order.', hint: 'Raise the price cap, or wait: the price falls when the queue is below its target.' },
  'onDemand.InsufficientCredits': { title: 'Not enough credits', message: 'The account does not hold enough on-demand credits.', hint: 'Order with a balance payment instead (keep-alive or allow-death).' },
  'system.CallFiltered': { title: 'Switched off on this network', message: 'The runtime does not allow this call on this network (it is call-filtered).', hint: 'This flow is not available here: the capabilities page lists what this network offers.' },
  'balances.InsufficientBalance': INSUFFICIENT,
  'balances.LiquidityRestrictions': { title: 'Funds locked', message: 'Part of the balance is locked or reserved and cannot be spent.', hint: 'Check the account’s reserved and frozen amounts; unlock or add funds.' },
  'balances.ExistentialDeposit': { title: 'Below the existential deposit', message: 'The amount would leave an account below the existential deposit.', hint: 'Send at least the existential deposit, or keep that much in the account.' },
  'balances.Expendability': { title: 'Would remove the account', message: 'Paying this would take the account below its existential deposit and remove it.', hint: 'Keep a little more in the account, or use the allow-death variant if you mean to empty it.' },
  'auctions.AuctionInProgress': { title: 'Auction running', message: 'An auction is already in progress.' },
  'auctions.LeasePeriodInPast': { title: 'Lease period in the past', message: 'The first lease period of the bid has already started.', hint: 'Bid for lease periods that start in the future.' },
  'auctions.ParaNotRegistered': { title: 'Para not registered', message: 'Only a registered para can bid.', hint: 'Register the para first.' },
  'auctions.NotCurrentAuction': { title: 'Not the current auction', message: 'The bid names an auction that is not the one running.', hint: 'Refresh and bid in the current auction.' },
  'auctions.NotAuction': { title: 'No auction', message: 'No auction is running.' },
  'auctions.AuctionEnded': { title: 'Auction ended', message: 'The auction has ended.' },
  'auctions.AlreadyLeasedOut': { title: 'Already leased', message: 'The para already holds a lease for some of these periods.' },
  'crowdloan.CapExceeded': { title: 'Crowdloan full', message: 'This contribution would take the crowdloan above its cap.', hint: 'Contribute less.' },
  'crowdloan.ContributionPeriodOver': { title: 'Crowdloan closed', message: 'The crowdloan no longer takes contributions.' },
  'crowdloan.ContributionTooSmall': { title: 'Contribution too small', message: 'The contribution is below the minimum.', hint: 'Contribute at least the minimum contribution.' },
  'crowdloan.FundNotEnded': { title: 'Crowdloan not ended', message: 'The crowdloan has not ended yet, so contributions cannot be returned.', hint: 'Wait until it ends.' },
  'crowdloan.NoContributions': { title: 'Nothing to return', message: 'There are no contributions left to return.' },
  'crowdloan.NotReadyToDissolve': { title: 'Not ready to dissolve', message: 'The crowdloan still holds contributions or has not ended.', hint: 'Refund every contribution first, then dissolve.' },
  'crowdloan.BidOrLeaseActive': { title: 'Lease still active', message: 'The crowdloan’s funds are still bidding or backing a lease.', hint: 'Wait until the lease ends.' },
  'crowdloan.LeaseActive': { title: 'Lease still active', message: 'The para’s lease has not ended yet.', hint: 'Wait until the lease ends.' },
  'ahOps.NoCrowdloanContribution': { title: 'No contribution to withdraw', message: 'Asset Hub holds no crowdloan contribution for this account, para and unlock block.', hint: 'It may already have been withdrawn; check the account’s balance.' },
  'ahOps.NoLeaseReserve': { title: 'No lease deposit', message: 'Asset Hub holds no lease deposit for this account, para and unlock block.' },
  'ahOps.NoCrowdloanReserve': { title: 'No crowdloan deposit', message: 'Asset Hub holds no crowdloan deposit for this account, para and unlock block.' },
  'ahOps.NotYet': { title: 'Not unlocked yet', message: 'These funds unlock at a later relay block.', hint: 'Try again after the unlock block shown.' },
  'ahOps.ContributionsRemaining': { title: 'Contributions remain', message: 'The crowdloan deposit is returned only after every contribution has been withdrawn.', hint: 'Withdraw the remaining contributions first (anyone can).' },
  'ahOps.MigrationNotCompleted': { title: 'Migration not finished', message: 'Asset Hub has not finished taking over these balances from the relay chain.', hint: 'Try again once the migration is complete.' },
  'broker.Overpriced': { title: 'Price above your limit', message: 'The core costs more than the price limit you set.', hint: 'Raise the limit, or wait: the price falls during the lead-in.' },
  'broker.SoldOut': { title: 'Sold out', message: 'Every core offered in this sale has been sold.', hint: 'Wait for the next sale, or buy a region from another team.' },
  'broker.TooEarly': { title: 'Sale not started', message: 'The sale has not started yet.', hint: 'Wait for the sale to open (after the interlude).' },
  'broker.NoSales': { title: 'No sale running', message: 'There is no bulk coretime sale running.' },
  'broker.Unavailable': { title: 'Nothing offered', message: 'No cores are offered in this sale.' },
  'broker.WrongTime': { title: 'Wrong time', message: 'This can only be done at another point of the sale cycle.', hint: 'Purchases happen once the sale has opened; renewals from the interlude until the sale closes, while cores remain.' },
  'broker.NotAllowed': { title: 'No renewal right', message: 'This core cannot be renewed: there is no renewal right for it now.', hint: 'Only a core whose whole region was assigned Final (or renewed) can be renewed, in the sale of the region that follows it, until that sale closes.' },
  'broker.UnknownRenewal': { title: 'No renewal', message: 'There is no renewal for this core and period.', hint: 'Check the core index and that the region was assigned with Final finality.' },
  'broker.UnknownRegion': { title: 'Unknown region', message: 'That region does not exist (it may have been used, split or dropped).', hint: 'Refresh the account’s regions and try again.' },
  'broker.NotOwner': { title: 'Not your region', message: 'This account does not own that region.', hint: 'Sign with the region’s owner.' },
  'broker.AlreadyExpired': { title: 'Region expired', message: 'The region has already ended.' },
  'broker.Uninitialized': { title: 'Sales not started', message: 'The Coretime chain has not started selling coretime yet.' },
  'broker.NothingToDo': { title: 'Nothing to do', message: 'There was nothing to change.' },
  'broker.CreditPurchaseTooSmall': { title: 'Credit purchase too small', message: 'The credit purchase is below the minimum.' },
  'collatorSelection.AlreadyCandidate': { title: 'Already a candidate', message: 'This account is already a collator candidate.' },
  'collatorSelection.TooManyCandidates': { title: 'Candidate list full', message: 'The collator candidate list is full.', hint: 'Take a slot with a higher deposit, or wait for one to free.' },
  'collatorSelection.ValidatorNotRegistered': { title: 'Session keys missing', message: 'This account has no session keys on the parachain.', hint: 'Set the session keys generated on your collator first, then register as a candidate.' },
  'collatorSelection.NoAssociatedValidatorId': { title: 'Session keys missing', message: 'This account has no session keys on the parachain.', hint: 'Set the session keys generated on your collator first.' },
  'collatorSelection.InsufficientBond': { title: 'Bond too low', message: 'The account cannot hold the candidacy bond.', hint: 'Add funds to cover the candidacy bond.' },
  'collatorSelection.DepositTooLow': { title: 'Deposit too low', message: 'The deposit is below what the candidate list requires.' },
  'session.NoKeys': { title: 'No session keys', message: 'This account has no session keys set.' },
  'session.DuplicatedKey': { title: 'Key already used', message: 'One of these session keys is already used by another account.', hint: 'Rotate keys on the collator again and set the new ones.' },
  'session.InvalidProof': { title: 'Invalid ownership proof', message: 'The proof that this account owns the session keys is not valid.', hint: 'Generate the keys and the proof again on the collator.' },
  'session.NoAccount': { title: 'Account missing', message: 'The account does not exist on the parachain (it holds no balance).', hint: 'Fund the account on the parachain first.' },
};

const TOKEN_WORDS: Readonly<Record<string, Words>> = {
  FundsUnavailable: INSUFFICIENT,
  OnlyProvider: { title: 'Would remove the account', message: 'Paying this would remove the account, which other things still depend on.', hint: 'Keep more in the account.' },
  BelowMinimum: { title: 'Below the existential deposit', message: 'This would leave an account below the existential deposit.', hint: 'Send at least the existential deposit.' },
  CannotCreate: { title: 'Account cannot be created', message: 'The receiving account cannot be created.' },
  UnknownAsset: { title: 'Unknown asset', message: 'The asset does not exist.' },
  Frozen: { title: 'Funds frozen', message: 'The funds are frozen.', hint: 'Check the account’s freezes and locks.' },
  Unsupported: { title: 'Not supported', message: 'The token does not support this operation.' },
  CannotCreateHold: { title: 'Cannot hold funds', message: 'The account cannot hold more funds (too many holds or not enough balance).', hint: 'Add funds to the account.' },
  NotExpendable: { title: 'Would remove the account', message: 'Paying this would remove the account.', hint: 'Keep more in the account, or use the allow-death variant.' },
  Blocked: { title: 'Account blocked', message: 'The account is blocked from this operation.' },
};

const ARITHMETIC_WORDS: Words = { title: 'Amount out of range', message: 'An amount overflowed or underflowed in the runtime.', hint: 'Check the amounts; a value may be far larger or smaller than intended.' };

const OTHER_WORDS: Readonly<Record<string, Words>> = {
  BadOrigin: { title: 'Not allowed', message: 'This account may not make this call; it needs another origin (governance, root, or the para itself).' },
  CannotLookup: { title: 'Unknown account', message: 'An account in this call could not be found.' },
  ConsumerRemaining: { title: 'Account still in use', message: 'The account still has things depending on it, so it cannot be removed.', hint: 'Keep more in the account.' },
  NoProviders: { title: 'Account missing', message: 'The account does not exist (it holds no balance).', hint: 'Fund the account first.' },
  TooManyConsumers: { title: 'Account busy', message: 'Too many things depend on this account.' },
  Exhausted: { title: 'Block full', message: 'The block had no room for this call.', hint: 'Try again in a few blocks.' },
  Corruption: { title: 'Chain state error', message: 'The runtime found inconsistent state. This is a chain problem, not yours.', hint: 'Report it to the network’s maintainers.' },
  Unavailable: { title: 'Temporarily unavailable', message: 'A resource the call needs is unavailable right now.', hint: 'Try again later.' },
  RootNotAllowed: { title: 'Not allowed from root', message: 'This call cannot be made by root.' },
  Transactional: { title: 'Too deeply nested', message: 'The call nested too many transactional layers.' },
};

/** Words for a module error by pallet (as in `api.tx`) and error name, falling back to the runtime's docs. */
export function describeModuleError(pallet: string, name: string, docs: readonly string[] = []): DispatchErrorWords {
  const section = stringCamelCase(pallet);
  const canonical = PALLET_ALIASES[section] ?? section;
  const code = `${section}.${name}`;
  const words = MODULE_WORDS[`${canonical}.${name}`];
  if (words !== undefined) return withCode(code, words);
  const documented = docs.join(' ').replace(/\s+/g, ' ').trim();
  return {
    code,
    title: `${humanise(name)} (${section})`,
    message: documented === '' ? `The ${section} pallet refused the call: ${name}.` : documented,
  };
}

/** Words for any dispatch error, decoded against the registry of the chain that produced it. */
export function describeDispatchError(registry: Registry, error: DispatchError): DispatchErrorWords {
  if (error.isModule) {
    try {
      const meta = registry.findMetaError(error.asModule);
      return describeModuleError(meta.section, meta.name, meta.docs);
    } catch {
      return { code: 'Module', title: 'Refused by the runtime', message: 'The runtime refused the call with an error this console cannot decode.', hint: 'Check the transaction in a block explorer.' };
    }
  }
  if (error.isToken) return describeTokenError(error.asToken.type);
  if (error.isArithmetic) return withCode(`arithmetic.${error.asArithmetic.type}`, ARITHMETIC_WORDS);
  if (error.isTransactional) return withCode(`transactional.${error.asTransactional.type}`, OTHER_WORDS['Transactional'] ?? ARITHMETIC_WORDS);
  return describeOtherError(error.type);
}

export function describeTokenError(kind: string): DispatchErrorWords {
  return withCode(`token.${kind}`, TOKEN_WORDS[kind] ?? { title: 'Token error', message: `The token rules refused this (${kind}).` });
}

export function describeOtherError(kind: string): DispatchErrorWords {
  return withCode(kind, OTHER_WORDS[kind] ?? { title: 'Refused by the runtime', message: `The runtime refused the call (${kind}).` });
}

/** The errors the console has its own words for, as `pallet.Error` (for tests and the capabilities page). */
export function knownModuleErrors(): string[] {
  return Object.keys(MODULE_WORDS);
}

function withCode(code: string, words: Words): DispatchErrorWords {
  return words.hint === undefined ? { code, title: words.title, message: words.message } : { code, ...words };
}

function humanise(name: string): string {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
