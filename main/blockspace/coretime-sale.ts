import type { CoretimeSaleView } from '../../shared/contract/onboarding';
import { saleCloseBlock, saleEndBlock, salePhase, salePrice, salePriceCurve, type SaleWindow } from '../chain/calc/sale-price';
import { TIMESLICE_PERIOD_BLOCKS, timesliceStartBlock } from '../chain/calc/timeslice';

/** `broker.saleInfo` as the read model hands it over (planck as decimal strings). */
export interface SaleInfoRead {
  saleStartBlock: number;
  leadinLengthBlocks: number;
  endPricePlanck: string;
  regionBeginTimeslice: number;
  regionEndTimeslice: number;
  coresOffered: number;
  coresSold: number;
  advanceNoticeBlocks?: number;
  timeslicePeriodBlocks?: number;
}

/**
 * The bulk coretime sale as the wizard shows it: phase, price now and the
 * price curve over the sale, from the read model's sale and the current relay
 * block. The maths is the chain layer's; this only lays it out.
 */
export function describeSale(info: SaleInfoRead, nowRelayBlock: number, samples = 48): CoretimeSaleView {
  const sale: SaleWindow = { ...info, endPricePlanck: BigInt(info.endPricePlanck) };
  const period = info.timeslicePeriodBlocks ?? TIMESLICE_PERIOD_BLOCKS;
  return {
    phase: salePhase(sale, nowRelayBlock, period),
    nowBlock: nowRelayBlock,
    priceNowPlanck: salePrice(sale, nowRelayBlock).toString(),
    endPricePlanck: info.endPricePlanck,
    saleStartBlock: sale.saleStartBlock,
    leadinEndBlock: sale.saleStartBlock + sale.leadinLengthBlocks,
    saleEndBlock: saleEndBlock(sale, period),
    regionBeginBlock: timesliceStartBlock(info.regionBeginTimeslice, period),
    regionEndBlock: timesliceStartBlock(info.regionEndTimeslice, period),
    // The chain's own period, so the renderer counts regions and renewal rights as the broker does.
    timeslicePeriodBlocks: period,
    coresOffered: sale.coresOffered,
    coresSold: sale.coresSold,
    ...(info.advanceNoticeBlocks === undefined ? {} : { renewalsCloseBlock: saleCloseBlock(sale, info.advanceNoticeBlocks, period) }),
    curve: salePriceCurve(sale, samples, period).map((point) => ({ block: point.block, pricePlanck: point.pricePlanck.toString() })),
  };
}
