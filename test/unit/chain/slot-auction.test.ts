import { describe, expect, it } from 'vitest';
import { auctionStatusAt, bidOutcome, slotRangeIndex } from '../../../main/chain/calc/slot-auction';

const ROC = 10n ** 12n;

describe('the auctions pallet arithmetic behind a bid review', () => {
  it('numbers slot ranges by first then last period, as the pallet does', () => {
    expect(slotRangeIndex(10, 10, 10, 8)).toBe(0);
    expect(slotRangeIndex(10, 10, 13, 8)).toBe(3);
    expect(slotRangeIndex(10, 10, 17, 8)).toBe(7);
    expect(slotRangeIndex(10, 11, 11, 8)).toBe(8);
    expect(slotRangeIndex(10, 17, 17, 8)).toBe(35);
  });

  it('says why a range cannot be bid on', () => {
    expect(slotRangeIndex(10, 9, 12, 8)).toMatch(/from 10 on; 9 is before them/);
    expect(slotRangeIndex(10, 12, 18, 8)).toMatch(/10 to 17; 18 is after them/);
    expect(slotRangeIndex(10, 13, 12, 8)).toMatch(/comes before the first/);
  });

  it('places the next block in the opening period, a candle sample, or the delay after the candle', () => {
    const clock = { endingPeriodStartBlock: 100, endingPeriodBlocks: 50, sampleLengthBlocks: 20 };
    expect(auctionStatusAt(99, clock)).toEqual({ kind: 'starting' });
    expect(auctionStatusAt(100, clock)).toEqual({ kind: 'ending', sample: 0 });
    expect(auctionStatusAt(141, clock)).toEqual({ kind: 'ending', sample: 2 });
    expect(auctionStatusAt(150, clock)).toEqual({ kind: 'vrf-delay' });
    expect(auctionStatusAt(1, { ...clock, endingPeriodStartBlock: undefined })).toEqual({ kind: 'not-started' });
  });

  it('reserves only what earlier bids and lease deposits do not already hold, and nothing for a bid that does not beat the winner', () => {
    const none = { leaseDepositHeldPlanck: 0n, alreadyReservedPlanck: 0n };
    expect(bidOutcome(100n * ROC, none)).toEqual({ kind: 'winning', extraReservedPlanck: 100n * ROC, totalReservedPlanck: 100n * ROC });
    expect(bidOutcome(150n * ROC, { ...none, alreadyReservedPlanck: 100n * ROC })).toEqual({ kind: 'winning', extraReservedPlanck: 50n * ROC, totalReservedPlanck: 150n * ROC });
    expect(bidOutcome(150n * ROC, { ...none, leaseDepositHeldPlanck: 120n * ROC })).toEqual({ kind: 'winning', extraReservedPlanck: 30n * ROC, totalReservedPlanck: 30n * ROC });
    expect(bidOutcome(80n * ROC, { ...none, alreadyReservedPlanck: 100n * ROC })).toEqual({ kind: 'winning', extraReservedPlanck: 0n, totalReservedPlanck: 100n * ROC });
    const winning = { bidder: 'someone', paraId: 2000, amountPlanck: 150n * ROC };
    expect(bidOutcome(150n * ROC, { ...none, winning })).toEqual({ kind: 'outbid', winningPlanck: 150n * ROC });
    expect(bidOutcome(151n * ROC, { ...none, winning }).kind).toBe('winning');
  });
});
