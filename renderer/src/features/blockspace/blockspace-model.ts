import type { Capability, ReadValue } from '../../../../shared/contract/chain';
import type { CoretimeSaleView } from '../../../../shared/contract/onboarding';
import { formatAmount, parseAmount, type TokenFormat } from '../../format/amount';
import { formatBlockNumber, formatDuration } from '../../format/time';

/**
 * What the Blockspace step decides without drawing anything: which auction and
 * crowdloan calls the runtime offers (and why not), whether a bid, a crowdloan
 * or a contribution the operator typed is valid, which crowdloan actions fit the
 * fund's state, and where each coretime renewal right stands.
 */

/**
 * A bid or a crowdloan covers at most `auctions.leasePeriodsPerSlot`
 * consecutive lease periods; runtimes that run auctions publish it (8 on
 * every one so far). This is the figure only where the runtime's is not known yet.
 */
export const LEASE_PERIODS_PER_SLOT = 8;

export type AuctionView = NonNullable<Extract<ReadValue, { kind: 'auction' }>['current']>;
export type CrowdloanFund = NonNullable<Extract<ReadValue, { kind: 'crowdloan' }>['fund']>;
export type RenewalRight = Extract<ReadValue, { kind: 'coretimeHoldings' }>['renewals'][number];

// ---------------------------------------------------------------------------
// What the runtime offers

export interface CallOffer {
  offered: boolean;
  /** Plain words from capability detection when not offered. */
  reason?: string;
}

export interface AuctionOffers {
  bid: CallOffer;
  create: CallOffer;
  contribute: CallOffer;
  withdraw: CallOffer;
  refund: CallOffer;
  dissolve: CallOffer;
  /** The "Slot auction / crowdloan" path is offered when a bid or a new crowdloan is. */
  path: CallOffer;
}

/** Reads the relay's `auctions` and `crowdloan` rows of `chain.capabilities`; the reasons are the runtime's, never ours. */
export function auctionOffers(capabilities: readonly Capability[] | undefined): AuctionOffers {
  const auctions = capabilities?.find((row) => row.role === 'relay' && row.flow === 'auctions');
  const crowdloan = capabilities?.find((row) => row.role === 'relay' && row.flow === 'crowdloan');
  const bid = callOffer(auctions, 'bid', 'slot auctions');
  const create = callOffer(crowdloan, 'create', 'crowdloans');
  const contribute = callOffer(crowdloan, 'contribute', 'crowdloans');
  const offered = bid.offered || create.offered;
  const reasons = [...new Set([bid.reason, create.reason].filter((reason): reason is string => reason !== undefined))];
  return {
    bid,
    create,
    contribute,
    withdraw: callOffer(crowdloan, 'withdraw', 'crowdloans'),
    refund: callOffer(crowdloan, 'refund', 'crowdloans'),
    dissolve: callOffer(crowdloan, 'dissolve', 'crowdloans'),
    path: offered ? { offered: true } : { offered: false, reason: reasons.join(' ') || 'The relay chain’s runtime has not been read yet.' },
  };
}

function callOffer(row: Capability | undefined, call: string, what: string): CallOffer {
  if (!row) return { offered: false, reason: `The relay chain’s runtime has not said whether it runs ${what} yet.` };
  if (!row.available) return { offered: false, reason: row.reason ?? `This runtime does not run ${what}.` };
  const permission = row.calls?.[call];
  if (!permission || permission.state === 'absent') return { offered: false, reason: permission?.reason ?? `This runtime has no "${call}" call for ${what}.` };
  if (permission.state === 'filtered') return { offered: false, reason: permission.reason ?? `This network switches "${call}" off.` };
  return { offered: true };
}

// ---------------------------------------------------------------------------
// Typed input

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A whole, non-negative number the operator typed (a lease period, a block, an auction number). */
export function parseWhole(text: string, what: string): Checked<number> {
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  if (cleaned === '') return { ok: false, reason: `Enter the ${what}.` };
  if (!/^\d+$/.test(cleaned)) return { ok: false, reason: `The ${what} is a whole number: “${text.trim()}” is not.` };
  const value = Number(cleaned);
  if (!Number.isSafeInteger(value) || value > 4_294_967_295) return { ok: false, reason: `The ${what} is too large.` };
  return { ok: true, value };
}

function positiveAmount(text: string, token: TokenFormat, what: string): Checked<bigint> {
  const parsed = parseAmount(text, token);
  if (!parsed.ok) return { ok: false, reason: `${capitalised(what)}: ${parsed.reason}` };
  if (parsed.planck <= 0n) return { ok: false, reason: `The ${what} must be more than zero.` };
  return { ok: true, value: parsed.planck };
}

/** First and last lease period of a bid or a crowdloan: in order, and no more than eight of them. */
function periodRange(firstText: string, lastText: string, periodsPerSlot = LEASE_PERIODS_PER_SLOT): Checked<{ first: number; last: number }> {
  const first = parseWhole(firstText, 'first lease period');
  if (!first.ok) return first;
  const last = parseWhole(lastText, 'last lease period');
  if (!last.ok) return last;
  if (last.value < first.value) return { ok: false, reason: `The last lease period (${last.value}) comes before the first (${first.value}).` };
  if (last.value - first.value + 1 > periodsPerSlot) {
    return { ok: false, reason: `A lease covers at most ${periodsPerSlot} consecutive periods; ${first.value} to ${last.value} is ${last.value - first.value + 1}.` };
  }
  return { ok: true, value: { first: first.value, last: last.value } };
}

// ---------------------------------------------------------------------------
// Auction bid

export interface BidForm {
  auctionIndexText: string;
  firstText: string;
  lastText: string;
  amountText: string;
}

export interface Bid {
  auctionIndex: number;
  firstSlot: number;
  lastSlot: number;
  amountPlanck: bigint;
}

/** The periods the running auction sells: its first lease period and the seven after it. */
export function auctionPeriods(auction: AuctionView): { first: number; last: number } {
  return { first: auction.firstLeasePeriod, last: auction.firstLeasePeriod + (auction.leasePeriodsPerSlot ?? LEASE_PERIODS_PER_SLOT) - 1 };
}

export function checkBid(form: BidForm, auction: AuctionView, token: TokenFormat): Checked<Bid> {
  const index = parseWhole(form.auctionIndexText, 'auction number');
  if (!index.ok) return index;
  const range = periodRange(form.firstText, form.lastText, auction.leasePeriodsPerSlot);
  if (!range.ok) return range;
  const sold = auctionPeriods(auction);
  if (range.value.first < sold.first || range.value.last > sold.last) {
    return { ok: false, reason: `This auction sells lease periods ${sold.first} to ${sold.last}; ${range.value.first} to ${range.value.last} falls outside them.` };
  }
  const amount = positiveAmount(form.amountText, token, 'bid');
  if (!amount.ok) return amount;
  return { ok: true, value: { auctionIndex: index.value, firstSlot: range.value.first, lastSlot: range.value.last, amountPlanck: amount.value } };
}

/** Where the candle auction stands: before its ending period the best bid simply leads; during it, any block may turn out to be the one that counts. */
export function endingPhase(auction: AuctionView, nowBlock: number): { phase: 'opening' | 'ending'; blocksToEnding: number } {
  const blocksToEnding = auction.endingPeriodStartBlock - nowBlock;
  return { phase: blocksToEnding > 0 ? 'opening' : 'ending', blocksToEnding };
}

// ---------------------------------------------------------------------------
// Crowdloan

export interface CrowdloanForm {
  capText: string;
  firstText: string;
  lastText: string;
  endText: string;
}

export interface NewCrowdloan {
  capPlanck: bigint;
  firstPeriod: number;
  lastPeriod: number;
  endBlock: number;
}

export function checkCrowdloan(form: CrowdloanForm, nowBlock: number | undefined, token: TokenFormat): Checked<NewCrowdloan> {
  const cap = positiveAmount(form.capText, token, 'cap');
  if (!cap.ok) return cap;
  const range = periodRange(form.firstText, form.lastText);
  if (!range.ok) return range;
  const end = parseWhole(form.endText, 'end block');
  if (!end.ok) return end;
  if (nowBlock !== undefined && end.value <= nowBlock) {
    return { ok: false, reason: `The end block must be after the current relay block ${formatBlockNumber(nowBlock)}.` };
  }
  return { ok: true, value: { capPlanck: cap.value, firstPeriod: range.value.first, lastPeriod: range.value.last, endBlock: end.value } };
}

export function checkContribution(amountText: string, fund: CrowdloanFund, nowBlock: number | undefined, token: TokenFormat): Checked<bigint> {
  if (nowBlock !== undefined && nowBlock >= fund.endBlock) return { ok: false, reason: `The crowdloan closed at ${formatBlockNumber(fund.endBlock)}: it takes no more contributions.` };
  const amount = positiveAmount(amountText, token, 'contribution');
  if (!amount.ok) return amount;
  const room = BigInt(fund.capPlanck) - BigInt(fund.raisedPlanck);
  if (amount.value > room) {
    return { ok: false, reason: room > 0n ? `The cap leaves room for ${formatAmount(room, token, { maxFractionDigits: Infinity })} more.` : 'The crowdloan has reached its cap.' };
  }
  return { ok: true, value: amount.value };
}

export type CrowdloanAction = 'contribute' | 'withdraw' | 'refund' | 'dissolve';

/**
 * Which crowdloan calls fit the fund now. Contributions close at the end block;
 * after it each contributor withdraws (or anyone refunds them all), and once
 * nothing is left raised the depositor dissolves the fund to get the deposit back.
 */
export function crowdloanActions(fund: CrowdloanFund, nowBlock: number | undefined, signerIsDepositor: boolean): Record<CrowdloanAction, CallOffer> {
  const ended = nowBlock !== undefined && nowBlock >= fund.endBlock;
  const raised = BigInt(fund.raisedPlanck);
  const notEnded: CallOffer = { offered: false, reason: `Opens when the crowdloan ends at ${formatBlockNumber(fund.endBlock)}.` };
  return {
    contribute: ended ? { offered: false, reason: `Contributions closed at ${formatBlockNumber(fund.endBlock)}.` } : raised >= BigInt(fund.capPlanck) ? { offered: false, reason: 'The cap is reached: no more contributions.' } : { offered: true },
    withdraw: ended ? { offered: true } : notEnded,
    refund: !ended ? notEnded : raised === 0n ? { offered: false, reason: 'Every contribution is already back.' } : { offered: true },
    dissolve: raised > 0n
      ? { offered: false, reason: 'Every contribution must be returned first (withdraw or refund).' }
      : ended || signerIsDepositor ? { offered: true } : { offered: false, reason: 'Only the depositor may dissolve before the end.' },
  };
}

// ---------------------------------------------------------------------------
// Coretime renewal

export type RenewalState =
  /** Renewable in the sale running now: `deadlineBlock` is where the region begins, `closesBlock` where the broker stops taking the renewal (its advance notice before). */
  | { kind: 'open'; deadlineBlock: number; closesBlock: number; inInterlude: boolean }
  /** For a later region: opens when the next sale starts. */
  | { kind: 'later'; opensAtBlock: number; deadlineBlock: number }
  | { kind: 'lapsed'; deadlineBlock: number };

/**
 * A renewal right `{ core, when }` renews the core for the region starting at
 * timeslice `when`; the broker accepts it only in the sale for that region, so
 * the region's first block is the deadline. The interlude before the sale is
 * when renewals are sure of a core.
 */
export function renewalState(right: RenewalRight, sale: CoretimeSaleView): RenewalState {
  // The sale view counts in relay blocks; the right, in timeslices of the runtime's own length.
  const deadlineBlock = right.when * sale.timeslicePeriodBlocks;
  const closesBlock = sale.renewalsCloseBlock ?? sale.regionBeginBlock;
  if (deadlineBlock === sale.regionBeginBlock && sale.nowBlock < closesBlock) return { kind: 'open', deadlineBlock, closesBlock, inInterlude: sale.phase === 'interlude' };
  if (deadlineBlock > sale.regionBeginBlock) return { kind: 'later', opensAtBlock: sale.saleEndBlock, deadlineBlock };
  return { kind: 'lapsed', deadlineBlock };
}

/** The intent key of renewing `core` for the region starting at `when`: one renewal per core and region, whatever happens to the page. */
export function renewalIntentKey(networkId: string, core: number, when: number): string {
  return `renew:${networkId}:${core}:${when}`;
}

/**
 * Cores renewed from this console for the sale running now: the renewal was
 * submitted for the current region and the chain no longer lists that right
 * (the broker consumed it and listed the right for the region after).
 */
export function renewedCores(rights: readonly RenewalRight[], sale: CoretimeSaleView, txIds: Readonly<Record<string, string>>, networkId: string): number[] {
  const when = sale.regionBeginBlock / sale.timeslicePeriodBlocks;
  const cores = new Set<number>();
  for (const key of Object.keys(txIds)) {
    const match = /^renew:(.+):(\d+):(\d+)$/.exec(key);
    if (!match || match[1] !== networkId || Number(match[3]) !== when) continue;
    const core = Number(match[2]);
    if (!rights.some((right) => right.core === core && right.when === when)) cores.add(core);
  }
  return [...cores].sort((a, b) => a - b);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `in 560 blocks (about 56 min)` or `40 blocks ago (about 4 min)`: relay blocks first, time as the estimate it is. */
export function blocksCountdown(targetBlock: number, nowBlock: number, blockTimeMs: number): string {
  const blocks = targetBlock - nowBlock;
  if (blocks === 0) return 'now';
  const count = Math.abs(blocks);
  const words = `${count.toLocaleString('en')} block${count === 1 ? '' : 's'}`;
  const about = `about ${formatDuration(count * blockTimeMs)}`;
  return blocks > 0 ? `in ${words} (${about})` : `${words} ago (${about})`;
}
