import { afterAll, describe, expect, it } from 'vitest';
import { FIXED_U128_ONE, U128_MAX, mulDivNearestPrefDown } from '../../../main/chain/calc/fixed-point';
import {
  byzantineThreshold,
  etaToSession,
  onboardingEta,
  pvfVerdict,
  queuedOnboardingSession,
  supermajorityThreshold,
} from '../../../main/chain/calc/onboarding-eta';
import { registerDeposit } from '../../../main/chain/calc/register-deposit';
import { renewalPriceCap, renewalPriceCapAfter } from '../../../main/chain/calc/renewal-price';
import { leadinFactor, renewalWindow, salePhase, salePrice, salePriceCurve, type SaleWindow } from '../../../main/chain/calc/sale-price';
import { costOfOrders, nextSpotTraffic, ordersWithinBudget, spotPrice, type SpotTrafficParameters } from '../../../main/chain/calc/spot-price';
import { regionSpan, timesliceAt, timesliceStartBlock, timeslicesToMs } from '../../../main/chain/calc/timeslice';
import { readRegistrarDeposits } from '../../../main/chain/storage/registrar';
import type { ApiPromise } from '@polkadot/api';
import { offlineApi } from './support/real-metadata';

const DOT = 10_000_000_000n;
const ONE = FIXED_U128_ONE;
const percent = (p: number) => p * 10_000_000;

describe('coretime sale price (pallet_broker CenterTargetPrice)', () => {
  it('has the lead-in factors the runtime tests assert: 100× at 0, 55× at ¼, 10× at ½, 5.5× at ¾, 1× at the end', () => {
    expect(leadinFactor(0n)).toBe(100_000_000_000n);
    expect(leadinFactor(250_000_000n)).toBe(55_000_000_000n);
    expect(leadinFactor(500_000_000n)).toBe(10_000_000_000n);
    expect(leadinFactor(750_000_000n)).toBe(5_500_000_000n);
    expect(leadinFactor(1_000_000_000n)).toBe(1_000_000_000n);
  });

  const sale: SaleWindow = {
    saleStartBlock: 1_000,
    leadinLengthBlocks: 100_800,
    endPricePlanck: 10n * DOT,
    regionBeginTimeslice: 2_000,
    coresOffered: 5,
    coresSold: 0,
  };

  it('prices a core at 1,000 DOT when a 10 DOT sale opens, 10 DOT from the end of the lead-in, to the planck in between', () => {
    expect(salePrice(sale, 1_000)).toBe(1_000n * DOT);
    expect(salePrice(sale, 1_000 + 25_200)).toBe(550n * DOT);
    expect(salePrice(sale, 1_000 + 50_400)).toBe(100n * DOT);
    expect(salePrice(sale, 1_000 + 100_800)).toBe(10n * DOT);
    expect(salePrice(sale, 160_000)).toBe(10n * DOT);
    // One block in: through = round(1e9 / 100,800) = 9,921 → factor 99.998214220 → ⌊factor × 10 DOT⌋.
    expect(salePrice(sale, 1_001)).toBe(9_999_821_422_000n);
    // Before the sale opens the runtime clamps to the start.
    expect(salePrice(sale, 0)).toBe(1_000n * DOT);
  });

  it('rounds "through" to nearest with an exact half going down, as FixedU64::from_rational does', () => {
    const long = { saleStartBlock: 0, leadinLengthBlocks: 2_000_000_000, endPricePlanck: 1_000_000_000n };
    expect(salePrice(long, 1)).toBe(100_000_000_000n); // 0.5e-9 → 0
    expect(salePrice(long, 3)).toBe(99_999_999_820n); // 1.5e-9 → 1e-9 → factor 100 − 180e-9
  });

  it('tells the phase: interlude, lead-in, fixed price, sold out, ended', () => {
    expect(salePhase(sale, 999)).toBe('interlude');
    expect(salePhase(sale, 1_000)).toBe('lead-in');
    expect(salePhase(sale, 101_799)).toBe('lead-in');
    expect(salePhase(sale, 101_800)).toBe('fixed-price');
    expect(salePhase({ ...sale, coresSold: 5 }, 50_000)).toBe('sold-out');
    expect(salePhase(sale, 2_000 * 80)).toBe('ended');
  });

  it('keeps a renewal possible after the interlude, while cores remain, until the broker closes the sale', () => {
    const clock = { advanceNoticeBlocks: 10 };
    expect(renewalWindow(sale, 400, clock)).toEqual({ kind: 'interlude', saleStartBlock: 1_000, closesBlock: 159_990 });
    expect(renewalWindow(sale, 1_000, clock)).toEqual({ kind: 'sale-open', coresLeft: 5, closesBlock: 159_990 });
    expect(renewalWindow({ ...sale, coresSold: 5 }, 1_000, clock)).toEqual({ kind: 'sold-out', closesBlock: 159_990 });
    expect(renewalWindow(sale, 159_990, clock)).toEqual({ kind: 'closed', closesBlock: 159_990 });
  });

  it('draws the curve over the whole sale: its corners at 100×, 10×, 1×, and never rising', () => {
    const curve = salePriceCurve(sale, 20);
    expect(curve[0]).toEqual({ block: 1_000, pricePlanck: 1_000n * DOT });
    expect(curve.at(-1)).toEqual({ block: 160_000, pricePlanck: 10n * DOT });
    expect(curve).toContainEqual({ block: 51_400, pricePlanck: 100n * DOT });
    expect(curve).toContainEqual({ block: 101_800, pricePlanck: 10n * DOT });
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]!.block).toBeGreaterThan(curve[i - 1]!.block);
      expect(curve[i]!.pricePlanck).toBeLessThanOrEqual(curve[i - 1]!.pricePlanck);
    }
  });
});

describe('renewal price bound', () => {
  it('rises by at most the renewal bump, Perbill rounding to nearest with ties down', () => {
    expect(renewalPriceCap(100n * DOT, percent(3))).toBe(103n * DOT);
    expect(renewalPriceCap(333n, percent(3))).toBe(343n); // 9.99 → 10
    expect(renewalPriceCap(50n, percent(1))).toBe(50n); // 0.5 → 0
    expect(renewalPriceCap(100n * DOT, percent(3), { endPriceFloorPlanck: 150n * DOT })).toBe(150n * DOT);
    expect(renewalPriceCapAfter(100n * DOT, percent(3), 2)).toBe(1_060_900_000_000n);
  });
});

describe('on-demand spot price (parachains on_demand)', () => {
  const params = (over: Partial<SpotTrafficParameters> = {}): SpotTrafficParameters => ({
    queueCapacity: 100,
    targetQueueUtilizationPerbill: percent(100),
    feeVariabilityPerbill: percent(100),
    trafficDefaultFixed: ONE,
    ...over,
  });

  it('halves traffic on an empty queue with full variability, down to 3.125 after five blocks (runtime tests)', () => {
    expect(nextSpotTraffic(100n * ONE, 0, params())).toBe(50n * ONE);
    let traffic = 100n * ONE;
    for (let i = 0; i < 5; i++) traffic = nextSpotTraffic(traffic, 0, params()) ?? traffic;
    expect(traffic).toBe(3_125_000_000_000_000_000n);
  });

  it('compounds to e after fifty blocks 2 points above target (runtime test sustained_target_increases_spot_traffic)', () => {
    let traffic = ONE;
    for (let i = 0; i < 50; i++) traffic = nextSpotTraffic(traffic, 12, params({ targetQueueUtilizationPerbill: percent(10) })) ?? traffic;
    expect(traffic).toBe(2_718_103_312_071_174_015n);
  });

  it('stays at the default exactly at or below target, saturates at the top, and refuses impossible queues', () => {
    expect(nextSpotTraffic(ONE, 100, params({ queueCapacity: 1000, targetQueueUtilizationPerbill: percent(10), feeVariabilityPerbill: percent(3) }))).toBe(ONE);
    expect(nextSpotTraffic(U128_MAX, 4_294_967_295, params({ queueCapacity: 4_294_967_295, targetQueueUtilizationPerbill: percent(1), feeVariabilityPerbill: percent(1) }))).toBe(U128_MAX);
    expect(nextSpotTraffic(ONE, 0, params({ queueCapacity: 0 }))).toBeUndefined();
    expect(nextSpotTraffic(ONE, 2, params({ queueCapacity: 1 }))).toBeUndefined();
  });

  it('prices an order at traffic × base fee', () => {
    expect(spotPrice(2_500_000_000_000_000_000n, 100_000_000n)).toBe(250_000_000n);
    expect(spotPrice(ONE + 1n, 999_999_999n)).toBe(999_999_999n);
  });

  it('adds up three orders in one block: the first at the base fee, the second dearer, the third refused as the queue is full', () => {
    // Capacity 4, target 50%, variability 100%, two orders already queued:
    // order 1 sees 2/4 = target → traffic 1; order 2 sees 3/4: diff ¼, (¼)²/2 = 1/32 → traffic 1.28125.
    const cost = costOfOrders({ trafficFixed: ONE, queueSize: 2 }, 3, 1_000_000n, params({ queueCapacity: 4, targetQueueUtilizationPerbill: percent(50) }));
    expect(cost.pricesPlanck).toEqual([1_000_000n, 1_281_250n]);
    expect(cost.totalPlanck).toBe(2_281_250n);
    expect(cost.placed).toBe(2);
  });

  it('lets an order policy stop at its price cap or its budget, whichever comes first', () => {
    const capacity4 = params({ queueCapacity: 4, targetQueueUtilizationPerbill: percent(50) });
    const state = { trafficFixed: ONE, queueSize: 2 };
    expect(ordersWithinBudget(state, { budgetPlanck: 10_000_000n, priceCapPlanck: 1_200_000n, maxOrders: 3 }, 1_000_000n, capacity4)).toMatchObject({ pricesPlanck: [1_000_000n], placed: 1 });
    expect(ordersWithinBudget(state, { budgetPlanck: 2_000_000n, priceCapPlanck: 5_000_000n, maxOrders: 3 }, 1_000_000n, capacity4)).toMatchObject({ totalPlanck: 1_000_000n, placed: 1, trafficFixed: ONE });
    expect(ordersWithinBudget(state, { budgetPlanck: 5_000_000n, priceCapPlanck: 5_000_000n, maxOrders: 3 }, 1_000_000n, capacity4)).toMatchObject({ totalPlanck: 2_281_250n, placed: 2 });
  });
});

describe('register deposit', () => {
  let polkadot: ApiPromise;
  let kusama: ApiPromise;
  afterAll(async () => {
    await polkadot?.disconnect();
    await kusama?.disconnect();
  });

  it('holds paraDeposit + dataDepositPerByte × (head + maxCodeSize), with the real Polkadot and Kusama constants', async () => {
    polkadot = await offlineApi('polkadot');
    kusama = await offlineApi('kusama');
    const dot = readRegistrarDeposits(polkadot);
    expect(dot).toEqual({ paraDepositPlanck: 100n * DOT, dataDepositPerBytePlanck: 10_000_000n });
    if (dot === undefined) throw new Error('deposits expected');
    // 300-byte head, 3 MiB limit: 100 DOT + 0.001 DOT × 3,146,028 bytes = 3,246.028 DOT.
    expect(registerDeposit({ ...dot, genesisHeadBytes: 300, maxCodeSize: 3_145_728 })).toEqual({
      totalPlanck: 32_460_280_000_000n,
      dataPlanck: 31_460_280_000_000n,
      additionalPlanck: 31_460_280_000_000n,
    });
    const ksm = readRegistrarDeposits(kusama);
    if (ksm === undefined) throw new Error('deposits expected');
    expect(registerDeposit({ ...ksm, genesisHeadBytes: 300, maxCodeSize: 3_145_728 }).totalPlanck).toBe(108_867_598_951_324n);
  });

  it('holds nothing more when the reservation already holds as much', () => {
    expect(registerDeposit({ paraDepositPlanck: 10n, dataDepositPerBytePlanck: 1n, genesisHeadBytes: 1, maxCodeSize: 1 }, 100n).additionalPlanck).toBe(0n);
  });
});

describe('onboarding ETA', () => {
  const clock = { currentSession: 100, currentBlock: 24_001_000, sessionLengthBlocks: 2_400, blockTimeMs: 6_000 };

  it('counts the rest of this session plus whole sessions until the queued one: 6 h 20 min on Polkadot', () => {
    expect(etaToSession(102, { ...clock, currentSessionStartBlock: 24_000_000 })).toEqual({ targetSession: 102, sessionsToGo: 2, minMs: 22_800_000, maxMs: 22_800_000 });
    expect(etaToSession(102, clock)).toEqual({ targetSession: 102, sessionsToGo: 2, minMs: 14_400_000, maxMs: 28_800_000 });
    expect(etaToSession(100, clock).minMs).toBe(0);
  });

  it('needs a two-thirds supermajority of validators to accept the code', () => {
    expect(supermajorityThreshold(10)).toBe(7);
    expect(byzantineThreshold(10)).toBe(3);
    expect(supermajorityThreshold(300)).toBe(201);
    expect(supermajorityThreshold(1)).toBe(1);
    expect(pvfVerdict({ votesAccept: 7, votesReject: 0, validatorCount: 10 })).toBe('accepting');
    expect(pvfVerdict({ votesAccept: 5, votesReject: 4, validatorCount: 10 })).toBe('rejecting');
    expect(pvfVerdict({ votesAccept: 5, votesReject: 3, validatorCount: 10 })).toBe('pending');
  });

  it('while the vote runs, says how many votes are missing and the earliest the para can onboard', () => {
    const eta = onboardingEta({ clock: { ...clock, currentSessionStartBlock: 24_000_000 }, pvfVote: { votesAccept: 5, votesReject: 0, validatorCount: 10 } });
    expect(eta).toMatchObject({ stage: 'pvf-check', votesNeeded: 2, verdict: 'pending', earliest: { targetSession: 102, minMs: 22_800_000 } });
  });

  it('once queued, finds the session in the actions queue and gives the exact time', () => {
    const queued = queuedOnboardingSession(2000, new Map([[101, [3000]], [102, [2000, 2001]]]));
    expect(queued).toBe(102);
    expect(onboardingEta({ clock: { ...clock, currentSessionStartBlock: 24_000_000 }, ...(queued === undefined ? {} : { queuedSession: queued }) })).toEqual({
      stage: 'queued',
      eta: { targetSession: 102, sessionsToGo: 2, minMs: 22_800_000, maxMs: 22_800_000 },
    });
    expect(onboardingEta({ clock })).toEqual({ stage: 'unknown' });
  });
});

describe('timeslices and regions', () => {
  it('converts 80-block timeslices and a 5,040-timeslice region (28 days at 6 s)', () => {
    expect(timesliceStartBlock(2_000)).toBe(160_000);
    expect(timesliceAt(160_079)).toBe(2_000);
    expect(timesliceAt(160_080)).toBe(2_001);
    expect(timeslicesToMs(5_040, 6_000)).toBe(28 * 24 * 3_600 * 1_000);
    expect(regionSpan({ beginTimeslice: 2_000, endTimeslice: 7_040 }, 6_000)).toEqual({ beginBlock: 160_000, endBlock: 563_200, durationMs: 2_419_200_000 });
  });

  it('rounds like the runtime: nearest, exact halves down', () => {
    expect(mulDivNearestPrefDown(1n, 1n, 2n)).toBe(0n);
    expect(mulDivNearestPrefDown(3n, 1n, 2n)).toBe(1n);
    expect(mulDivNearestPrefDown(5n, 1n, 3n)).toBe(2n);
  });
});
