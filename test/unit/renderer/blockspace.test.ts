import { describe, expect, it } from 'vitest';
import type { Capability } from '../../../shared/contract/chain';
import type { CoretimeSaleView } from '../../../shared/contract/onboarding';
import {
  auctionOffers, blocksCountdown, checkBid, checkContribution, checkCrowdloan, crowdloanActions, endingPhase, renewalState, renewedCores,
  type CrowdloanFund,
} from '../../../renderer/src/features/blockspace/blockspace-model';

const ROC = { symbol: 'ROC', decimals: 12 };
const auction = { firstLeasePeriod: 12, endingPeriodStartBlock: 600 };
const filtered = 'This network switches this call off (it is call-filtered in the runtime).';

function relayRows(auctions: Capability, crowdloan: Capability): Capability[] {
  return [{ role: 'relay', flow: 'registrar', available: true }, auctions, crowdloan];
}

describe('the auction path is offered only where the runtime runs auctions or crowdloans, with its own reason when not', () => {
  it('on a live relay (Polkadot, Kusama, Paseo) bids and new crowdloans are filtered: not offered, and the runtime’s words say why', () => {
    const offers = auctionOffers(relayRows(
      { role: 'relay', flow: 'auctions', available: true, pallet: 'auctions', calls: { bid: { state: 'filtered', reason: filtered } } },
      {
        role: 'relay', flow: 'crowdloan', available: true, pallet: 'crowdloan',
        calls: { create: { state: 'filtered', reason: filtered }, contribute: { state: 'filtered', reason: filtered }, withdraw: { state: 'allowed' }, refund: { state: 'allowed' }, dissolve: { state: 'allowed' } },
      },
    ));
    expect(offers.path).toEqual({ offered: false, reason: filtered });
    expect(offers.withdraw.offered).toBe(true);
  });

  it('a runtime without the pallets says so in the words capability detection gave', () => {
    const offers = auctionOffers(relayRows(
      { role: 'relay', flow: 'auctions', available: false, reason: 'This runtime has no auctions pallet, so slot auctions are not offered here.' },
      { role: 'relay', flow: 'crowdloan', available: false, reason: 'This runtime has no crowdloan pallet, so crowdloans are not offered here.' },
    ));
    expect(offers.path.offered).toBe(false);
    expect(offers.path.reason).toBe('This runtime has no auctions pallet, so slot auctions are not offered here. This runtime has no crowdloan pallet, so crowdloans are not offered here.');
  });

  it('a local network that still runs them offers the path, unchecked calls included (the dry-run decides before signing)', () => {
    const offers = auctionOffers(relayRows(
      { role: 'relay', flow: 'auctions', available: true, pallet: 'auctions', calls: { bid: { state: 'unchecked' } } },
      { role: 'relay', flow: 'crowdloan', available: true, pallet: 'crowdloan', calls: { create: { state: 'allowed' }, contribute: { state: 'allowed' } } },
    ));
    expect(offers.path).toEqual({ offered: true });
    expect(offers.bid.offered).toBe(true);
    expect(offers.dissolve).toEqual({ offered: false, reason: 'This runtime has no "dissolve" call for crowdloans.' });
  });

  it('before the runtime has been read nothing is offered, and it says it is still reading', () => {
    expect(auctionOffers(undefined).path.reason).toMatch(/not said whether it runs slot auctions yet/);
  });
});

describe('a bid is checked before it is reviewed: whole lease periods inside the auction, an amount in the token', () => {
  const form = { auctionIndexText: '3', firstText: '12', lastText: '15', amountText: '1,000.5' };

  it('turns what the operator typed into planck without floating point', () => {
    expect(checkBid(form, auction, ROC)).toEqual({ ok: true, value: { auctionIndex: 3, firstSlot: 12, lastSlot: 15, amountPlanck: 1_000_500_000_000_000n } });
    expect(checkBid({ ...form, amountText: '0.000000000001' }, auction, ROC)).toMatchObject({ ok: true, value: { amountPlanck: 1n } });
  });

  it('refuses periods out of order, outside the auction or longer than eight', () => {
    expect(checkBid({ ...form, firstText: '15', lastText: '13' }, auction, ROC)).toEqual({ ok: false, reason: 'The last lease period (13) comes before the first (15).' });
    expect(checkBid({ ...form, firstText: '10', lastText: '13' }, auction, ROC)).toEqual({ ok: false, reason: 'This auction sells lease periods 12 to 19; 10 to 13 falls outside them.' });
    expect(checkBid({ ...form, firstText: '12', lastText: '20' }, auction, ROC)).toEqual({ ok: false, reason: 'A lease covers at most 8 consecutive periods; 12 to 20 is 9.' });
    expect(checkBid({ ...form, firstText: '12.5' }, auction, ROC)).toEqual({ ok: false, reason: 'The first lease period is a whole number: “12.5” is not.' });
  });

  it('refuses an empty, zero or over-precise amount, and a missing auction number', () => {
    expect(checkBid({ ...form, amountText: '' }, auction, ROC)).toEqual({ ok: false, reason: 'Bid: Enter an amount.' });
    expect(checkBid({ ...form, amountText: '0' }, auction, ROC)).toEqual({ ok: false, reason: 'The bid must be more than zero.' });
    expect(checkBid({ ...form, amountText: '1.0000000000001' }, auction, ROC)).toEqual({ ok: false, reason: 'Bid: ROC has 12 decimals; “1.0000000000001” has 13.' });
    expect(checkBid({ ...form, auctionIndexText: ' ' }, auction, ROC)).toEqual({ ok: false, reason: 'Enter the auction number.' });
  });

  it('tells the opening of the auction from its candle ending, in blocks and time', () => {
    expect(endingPhase(auction, 40)).toEqual({ phase: 'opening', blocksToEnding: 560 });
    expect(endingPhase(auction, 600).phase).toBe('ending');
    expect(blocksCountdown(600, 40, 6_000)).toBe('in 560 blocks (about 56 min)');
    expect(blocksCountdown(600, 640, 6_000)).toBe('40 blocks ago (about 4 min)');
    expect(blocksCountdown(601, 600, 6_000)).toBe('in 1 block (about 6 s)');
  });
});

describe('a crowdloan is opened, contributed to and wound up only when the fund allows it', () => {
  const fund: CrowdloanFund = { depositor: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', depositPlanck: '5000000000000', raisedPlanck: '250000000000000', capPlanck: '1000000000000000', endBlock: 2_000, firstPeriod: 12, lastPeriod: 15 };

  it('opening needs a cap, at most eight periods in order and an end after the current block', () => {
    const form = { capText: '1000', firstText: '12', lastText: '15', endText: '2000' };
    expect(checkCrowdloan(form, 40, ROC)).toEqual({ ok: true, value: { capPlanck: 1_000_000_000_000_000n, firstPeriod: 12, lastPeriod: 15, endBlock: 2_000 } });
    expect(checkCrowdloan({ ...form, capText: '0' }, 40, ROC)).toEqual({ ok: false, reason: 'The cap must be more than zero.' });
    expect(checkCrowdloan({ ...form, lastText: '11' }, 40, ROC)).toEqual({ ok: false, reason: 'The last lease period (11) comes before the first (12).' });
    expect(checkCrowdloan({ ...form, endText: '40' }, 40, ROC)).toEqual({ ok: false, reason: 'The end block must be after the current relay block #40.' });
  });

  it('a contribution fits under the cap and before the end', () => {
    expect(checkContribution('750', fund, 100, ROC)).toEqual({ ok: true, value: 750_000_000_000_000n });
    expect(checkContribution('750.000000000001', fund, 100, ROC)).toEqual({ ok: false, reason: 'The cap leaves room for 750 ROC more.' });
    expect(checkContribution('1', fund, 2_000, ROC)).toEqual({ ok: false, reason: 'The crowdloan closed at #2,000: it takes no more contributions.' });
    expect(checkContribution('1', { ...fund, raisedPlanck: fund.capPlanck }, 100, ROC)).toEqual({ ok: false, reason: 'The crowdloan has reached its cap.' });
  });

  it('before the end only contributions; after it withdraw and refund; dissolve once nothing is raised', () => {
    const running = crowdloanActions(fund, 100, true);
    expect(running.contribute.offered).toBe(true);
    expect(running.withdraw).toEqual({ offered: false, reason: 'Opens when the crowdloan ends at #2,000.' });
    expect(running.dissolve).toEqual({ offered: false, reason: 'Every contribution must be returned first (withdraw or refund).' });
    const ended = crowdloanActions(fund, 2_000, false);
    expect(ended.contribute).toEqual({ offered: false, reason: 'Contributions closed at #2,000.' });
    expect(crowdloanActions({ ...fund, raisedPlanck: fund.capPlanck }, 100, true).contribute).toEqual({ offered: false, reason: 'The cap is reached: no more contributions.' });
    expect([ended.withdraw.offered, ended.refund.offered, ended.dissolve.offered]).toEqual([true, true, false]);
    const emptied = crowdloanActions({ ...fund, raisedPlanck: '0' }, 2_000, false);
    expect(emptied.refund).toEqual({ offered: false, reason: 'Every contribution is already back.' });
    expect(emptied.dissolve.offered).toBe(true);
    expect(crowdloanActions({ ...fund, raisedPlanck: '0' }, 100, false).dissolve).toEqual({ offered: false, reason: 'Only the depositor may dissolve before the end.' });
  });
});

describe('a renewal right is open in the sale for its region, and shows renewed once the broker took it', () => {
  const sale: CoretimeSaleView = {
    phase: 'lead-in', nowBlock: 1_500, priceNowPlanck: '1', endPricePlanck: '1', saleStartBlock: 1_000, leadinEndBlock: 2_200, saleEndBlock: 4_800,
    regionBeginBlock: 4_800, regionEndBlock: 408_000, timeslicePeriodBlocks: 80, coresOffered: 5, coresSold: 1, curve: [],
  };

  it('open until the region begins, later for the region after, lapsed before', () => {
    expect(renewalState({ core: 7, when: 60, pricePlanck: '6', paraIds: [4242] }, sale)).toEqual({ kind: 'open', deadlineBlock: 4_800, closesBlock: 4_800, inInterlude: false });
    // The broker stops taking renewals its advance notice before the region begins.
    expect(renewalState({ core: 7, when: 60, pricePlanck: '6', paraIds: [4242] }, { ...sale, renewalsCloseBlock: 4_790 })).toMatchObject({ kind: 'open', closesBlock: 4_790 });
    expect(renewalState({ core: 7, when: 60, pricePlanck: '6', paraIds: [4242] }, { ...sale, nowBlock: 4_795, renewalsCloseBlock: 4_790 }).kind).toBe('lapsed');
    expect(renewalState({ core: 7, when: 60, pricePlanck: '6', paraIds: [4242] }, { ...sale, phase: 'interlude' })).toMatchObject({ kind: 'open', inInterlude: true });
    expect(renewalState({ core: 7, when: 5_100, pricePlanck: '6', paraIds: [4242] }, sale)).toEqual({ kind: 'later', opensAtBlock: 4_800, deadlineBlock: 408_000 });
    expect(renewalState({ core: 7, when: 30, pricePlanck: '6', paraIds: [4242] }, sale)).toEqual({ kind: 'lapsed', deadlineBlock: 2_400 });
  });

  it('a core counts as renewed when this console sent the renewal and the chain no longer lists that right', () => {
    const txIds = { 'renew:local-hub:7:60': 'tx-1', 'renew:other:8:60': 'tx-2' };
    expect(renewedCores([{ core: 7, when: 60, pricePlanck: '6', paraIds: [4242] }], sale, txIds, 'local-hub')).toEqual([]);
    expect(renewedCores([{ core: 7, when: 5_100, pricePlanck: '6', paraIds: [4242] }], sale, txIds, 'local-hub')).toEqual([7]);
  });
});
