import type { CoretimeSaleView } from '../../shared/contract/onboarding';
import { saleEndBlock, salePhase, salePrice, salePriceCurve, type SaleWindow } from '../chain/calc/sale-price';
import { timesliceStartBlock } from '../chain/calc/timeslice';

/** `broker.saleInfo` as the read model hands it over (planck as decimal strings). */
export interface SaleInfoRead {
  saleStartBlock: number;
  leadinLengthBlocks: number;
  endPricePlanck: string;
  regionBeginTimeslice: number;
  regionEndTimeslice: number;
  coresOffered: number;
  coresSold: number;
}

/**
 * The bulk coretime sale as the wizard shows it: phase, price now and the
 * price curve over the sale, from the read model's sale and the current relay
 * block. The maths is the chain layer's; this only lays it out.
 */
export function describeSale(info: SaleInfoRead, nowRelayBlock: number, samples = 48): CoretimeSaleView {
  const sale: SaleWindow = { ...info, endPricePlanck: BigInt(info.endPricePlanck) };
  return {
    phase: salePhase(sale, nowRelayBlock),
    nowBlock: nowRelayBlock,
    priceNowPlanck: salePrice(sale, nowRelayBlock).toString(),
    endPricePlanck: info.endPricePlanck,
    saleStartBlock: sale.saleStartBlock,
    leadinEndBlock: sale.saleStartBlock + sale.leadinLengthBlocks,
    saleEndBlock: saleEndBlock(sale),
    regionBeginBlock: timesliceStartBlock(info.regionBeginTimeslice),
    regionEndBlock: timesliceStartBlock(info.regionEndTimeslice),
    coresOffered: sale.coresOffered,
    coresSold: sale.coresSold,
    curve: salePriceCurve(sale, samples).map((point) => ({ block: point.block, pricePlanck: point.pricePlanck.toString() })),
  };
}
