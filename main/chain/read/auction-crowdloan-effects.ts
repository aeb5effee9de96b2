import type { ApiPromise } from '@polkadot/api';
import { u8aEq, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import type { TxIntent } from '../../../shared/contract/chain';
import { auctionStatusAt, bidOutcome, slotRangeIndex } from '../calc/slot-auction';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { systemNumber } from '../storage/block-number';
import { crowdloanFunds, crowdloanFundAccount, readContribution, readContributions, type CrowdloanFund } from '../storage/crowdloan';
import { auctionsCounter, auctionsInfo, auctionsReservedAmounts, auctionsWinning, leaseDepositHeld, readAuctionShape, slotsLeases } from '../storage/slots-auctions';
import { constantBigint, readEntries, readItem } from '../storage/storage-item';
import type { EffectEstimateContext, EstimatedEffect } from '../tx/expected-effects';

/**
 * What a bid or a crowdloan call does to the signer's balance, read from the
 * relay's state the way its pallets decide it, for runtimes whose dry run
 * reports no events (Rococo 9430 and other runtimes that still run auctions).
 * The integration test compares each figure with the chain's own events and
 * balances after the call.
 */

type Intent<K extends TxIntent['kind']> = Extract<TxIntent, { kind: K }>;

/** `auctions.bid`: what more is reserved if the bid becomes the winner of its range, or why nothing is. */
export async function estimateBidEffects({ api, signer }: EffectEstimateContext, intent: Intent<'auctionBid'>): Promise<EstimatedEffect[]> {
  const shape = readAuctionShape(api);
  const [info, counter, head] = await Promise.all([readItem(api, auctionsInfo), readItem(api, auctionsCounter), readItem(api, systemNumber)]);
  if (shape === undefined || head === undefined) return [];
  const amountPlanck = BigInt(intent.amountPlanck);
  // The call runs in the next block, not at the head.
  const status = auctionStatusAt(head + 1, { endingPeriodStartBlock: info?.endingPeriodStartBlock, ...shape });
  if (info === undefined || status.kind === 'not-started' || status.kind === 'vrf-delay' || counter !== intent.auctionIndex) return [];
  const range = slotRangeIndex(info.firstLeasePeriod, intent.firstSlot, intent.lastSlot, shape.leasePeriodsPerSlot);
  if (typeof range === 'string') return [];
  const sample = status.kind === 'ending' ? status.sample : 0;
  const winningNow = (await readItem(api, auctionsWinning, sample)) ?? (sample > 0 ? await readItem(api, auctionsWinning, sample - 1) : undefined);
  const winning = winningNow?.[range] ?? undefined;
  const me = decodeAddress(signer);
  const isMe = (account: string): boolean => u8aEq(decodeAddress(account), me);
  const [leases, alreadyReserved] = await Promise.all([
    readItem(api, slotsLeases, intent.paraId),
    readItem(api, auctionsReservedAmounts, [signer, intent.paraId]),
  ]);
  const outcome = bidOutcome(amountPlanck, {
    ...(winning ? { winning } : {}),
    leaseDepositHeldPlanck: leaseDepositHeld(leases ?? [], isMe),
    alreadyReservedPlanck: alreadyReserved ?? 0n,
  });
  if (outcome.kind === 'outbid') {
    return [{ kind: 'held', amountPlanck: '0', label: `Nothing: the bid winning periods ${intent.firstSlot} to ${intent.lastSlot} is as high or higher, so the chain takes the transaction (and its fee) but keeps that bid` }];
  }
  const covered = outcome.totalReservedPlanck > outcome.extraReservedPlanck;
  return [{
    kind: 'held',
    amountPlanck: outcome.extraReservedPlanck.toString(),
    label: covered
      ? `Bid reserve for para ${intent.paraId}: only what your earlier bids for it do not already hold`
      : `Bid reserve for para ${intent.paraId}`,
  }];
}

/**
 * `crowdloan.create`: the crowdloan deposit. Runtimes do not publish it as a
 * constant (Rococo 9430 has none), so it is read from the chain where it can
 * be: a `submissionDeposit` constant, else the deposit the newest open fund
 * holds (each fund holds the runtime's deposit of its creation). With neither,
 * nothing is claimed: the review says the amount is not known before signing.
 */
export async function estimateCrowdloanCreateEffects({ api }: EffectEstimateContext, intent: Intent<'createCrowdloan'>): Promise<EstimatedEffect[]> {
  const deposit = await readCrowdloanDeposit(api);
  if (deposit === undefined) return [];
  return [{ kind: 'held', amountPlanck: deposit.planck.toString(), label: `Crowdloan deposit for para ${intent.paraId} (${deposit.source}), back when the crowdloan is dissolved` }];
}

export async function readCrowdloanDeposit(api: ApiPromise): Promise<{ planck: bigint; source: string } | undefined> {
  const constant = constantBigint(api, PALLET_NAMES.crowdloan, 'submissionDeposit');
  if (constant !== undefined) return { planck: constant, source: 'the runtime\'s submission deposit' };
  const funds = await readEntries(api, crowdloanFunds);
  const newest = funds.reduce<CrowdloanFund | undefined>((best, { value }) => (best === undefined || value.fundIndex > best.fundIndex ? value : best), undefined);
  return newest === undefined ? undefined : { planck: newest.depositPlanck, source: 'what the newest crowdloan on this chain holds' };
}

/** `crowdloan.contribute`: the amount moves from the signer to the fund's own account. */
export async function estimateContributeEffects({ api }: EffectEstimateContext, intent: Intent<'contributeCrowdloan'>): Promise<EstimatedEffect[]> {
  const fund = await readItem(api, crowdloanFunds, intent.paraId);
  const fundAccount = fund === undefined ? undefined : fundAccountOf(api, fund.fundIndex);
  return [{
    kind: 'transferred',
    amountPlanck: intent.amountPlanck,
    label: `Into the crowdloan of para ${intent.paraId}${fundAccount ? ` (its account ${fundAccount})` : ''}; back with a withdraw or refund if it does not win`,
  }];
}

/** `crowdloan.withdraw`: the contributor's whole contribution comes back to them (to the signer only when they are the contributor). */
export async function estimateWithdrawEffects({ api, signer }: EffectEstimateContext, intent: Intent<'withdrawCrowdloan'>): Promise<EstimatedEffect[]> {
  const fund = await readItem(api, crowdloanFunds, intent.paraId);
  if (fund === undefined || !u8aEq(decodeAddress(intent.contributor), decodeAddress(signer))) return [];
  const amount = await readContribution(api, fund.fundIndex, intent.contributor);
  return amount === 0n ? [] : [{ kind: 'released', amountPlanck: amount.toString(), label: `Your contribution back from the crowdloan of para ${intent.paraId}` }];
}

/** `crowdloan.refund`: contributions go back to their contributors, `removeKeysLimit` at a time; the signer sees only their own. */
export async function estimateRefundEffects({ api, signer }: EffectEstimateContext, intent: Intent<'refundCrowdloan'>): Promise<EstimatedEffect[]> {
  const fund = await readItem(api, crowdloanFunds, intent.paraId);
  if (fund === undefined) return [];
  const limit = Number(constantBigint(api, PALLET_NAMES.crowdloan, 'removeKeysLimit') ?? 0n);
  const contributions = await readContributions(api, fund.fundIndex);
  const batch = limit > 0 ? contributions.slice(0, limit) : contributions;
  const mine = batch.find((entry) => entry.account === u8aToHex(decodeAddress(signer)));
  return mine ? [{ kind: 'released', amountPlanck: mine.amountPlanck.toString(), label: `Your contribution back from the crowdloan of para ${intent.paraId}` }] : [];
}

/** `crowdloan.dissolve`: the deposit goes back to the depositor (the signer's balance sees it when they are the depositor). */
export async function estimateDissolveEffects({ api, signer }: EffectEstimateContext, intent: Intent<'dissolveCrowdloan'>): Promise<EstimatedEffect[]> {
  const fund = await readItem(api, crowdloanFunds, intent.paraId);
  if (fund === undefined || !u8aEq(decodeAddress(fund.depositor), decodeAddress(signer))) return [];
  return [{ kind: 'released', amountPlanck: fund.depositPlanck.toString(), label: `The crowdloan deposit of para ${intent.paraId} back` }];
}

function fundAccountOf(api: ApiPromise, fundIndex: number): string | undefined {
  const palletId = api.consts['crowdloan']?.['palletId'];
  if (palletId === undefined) return undefined;
  return api.createType('AccountId', crowdloanFundAccount(palletId.toU8a(true), fundIndex)).toString();
}
