import { describe, expect, it } from 'vitest';
import { describeSale } from '../../../main/blockspace/coretime-sale';

// broker.saleInfo as the read model hands it over.
const saleInfo = {
  saleStartBlock: 1_000,
  leadinLengthBlocks: 1_000,
  endPricePlanck: '10000000000', // 1 DOT
  regionBeginTimeslice: 100, // timeslice 100 = relay block 8,000
  regionEndTimeslice: 5_140,
  coresOffered: 5,
  coresSold: 1,
};

describe('the bulk coretime sale the wizard shows', () => {
  it('prices the sale at 100× when it opens, 10× at mid lead-in and 1× after it', () => {
    expect(describeSale(saleInfo, 1_000).priceNowPlanck).toBe('1000000000000');
    expect(describeSale(saleInfo, 1_500).priceNowPlanck).toBe('100000000000');
    expect(describeSale(saleInfo, 3_000).priceNowPlanck).toBe('10000000000');
  });

  it('names the phase from the relay block', () => {
    expect(describeSale(saleInfo, 500).phase).toBe('interlude');
    expect(describeSale(saleInfo, 1_500).phase).toBe('lead-in');
    expect(describeSale(saleInfo, 3_000).phase).toBe('fixed-price');
    expect(describeSale({ ...saleInfo, coresSold: 5 }, 3_000).phase).toBe('sold-out');
    expect(describeSale(saleInfo, 8_000).phase).toBe('ended');
  });

  it('lays out the price curve over the whole sale for the chart, in block order', () => {
    const view = describeSale(saleInfo, 1_500, 8);
    expect(view.saleEndBlock).toBe(8_000);
    expect(view.regionEndBlock).toBe(411_200);
    const blocks = view.curve.map((point) => point.block);
    expect(blocks[0]).toBe(1_000);
    expect(blocks.at(-1)).toBe(8_000);
    expect([...blocks].sort((a, b) => a - b)).toEqual(blocks);
    expect(view.curve.find((point) => point.block === 1_500)?.pricePlanck).toBe('100000000000');
  });

  it('carries the timeslice period the chain read, so the wizard counts renewal rights in the runtime\'s own timeslices', () => {
    expect(describeSale(saleInfo, 1_500).timeslicePeriodBlocks).toBe(80);
    const shortSlices = describeSale({ ...saleInfo, timeslicePeriodBlocks: 40 }, 1_500);
    expect(shortSlices.timeslicePeriodBlocks).toBe(40);
    expect(shortSlices.regionBeginBlock).toBe(4_000);
  });
});
