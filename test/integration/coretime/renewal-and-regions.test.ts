import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renewalWindow } from '../../../main/chain/calc/sale-price';
import { brokerPotentialRenewals, brokerRegions, brokerSaleInfo, type BrokerSaleInfo } from '../../../main/chain/storage/broker';
import { readItem } from '../../../main/chain/storage/storage-item';
import { readBlockspaceRound, readParaBlockspace } from '../../../main/blockspace/read-blockspace';
import { startCoretimeSales } from '../../fixtures/network-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';
import { coretimeRelayBlock, eventField, expectLanded, eventsOf, feePaid, freePlanck, setCoretimeRelayClock, startCoretimeConsole, type CoretimeConsole } from '../../fixtures/coretime-console';

const missing = realChainsMissing('paseo-coretime');

const FULL = '0xffffffffffffffffffff' as const;
const ADVANCE_NOTICE = 10;
const SALE_SETUP = { endPricePlanck: 1_000_000_000_000n, extraCores: 5, advanceNotice: ADVANCE_NOTICE, interludeLength: 100, leadinLength: 400, regionLength: 10 };

describe.skipIf(missing)('renewing cores and working regions on the real Paseo Coretime runtime (1009003), through the console', () => {
  let coretime: RealChain;
  let ui: CoretimeConsole;
  let first: BrokerSaleInfo;
  /** Cores of the first sale's regions, each assigned Final to its para: three to renew, one to split. */
  const cores: Record<'a' | 'b' | 'c' | 'split', number> = { a: -1, b: -1, c: -1, split: -1 };

  const sale = async (): Promise<BrokerSaleInfo> => {
    const read = await readItem(coretime.api, brokerSaleInfo);
    if (!read) throw new Error('no sale');
    return read;
  };
  /** Builds Coretime blocks until the broker has rotated to the sale of the region starting at `regionBegin`. */
  const untilSaleOf = async (regionBegin: number): Promise<BrokerSaleInfo> => {
    for (let tries = 0; tries < 30; tries++) {
      const now = await sale();
      if (now.regionBeginTimeslice >= regionBegin) return now;
      await coretime.newBlocks({ count: 2 });
    }
    throw new Error(`the broker did not rotate to the sale of region ${regionBegin}`);
  };
  const buy = async (key: string): Promise<number> => {
    const record = await ui.submit({ kind: 'purchaseCoretime', priceLimitPlanck: (first.endPricePlanck * 100n).toString() }, '//Bob', key);
    expectLanded(record);
    const events = await eventsOf(coretime, record.blockHash as string, record.hash as string);
    return (eventField(events, 'broker', 'Purchased', 'regionId') as { core: number }).core;
  };

  beforeAll(async () => {
    coretime = await startRealChain('paseo-coretime');
    try {
      await setCoretimeRelayClock(coretime, 2_000);
      await startCoretimeSales(coretime, SALE_SETUP);
      first = await sale();
      ui = await startCoretimeConsole(coretime, ['//Bob', '//Charlie']);
      // Buy four regions at the fixed price after the lead-in.
      await setCoretimeRelayClock(coretime, first.saleStartBlock + first.leadinLengthBlocks);
      cores.a = await buy('buy-a');
      cores.b = await buy('buy-b');
      cores.c = await buy('buy-c');
      cores.split = await buy('buy-split');
    } catch (error) {
      await ui?.dispose();
      await coretime.stop();
      throw error;
    }
  }, 600_000);

  afterAll(async () => {
    await ui?.dispose();
    await coretime?.stop();
  });

  it('assigns whole regions Final to paras, which writes each core\'s right to renew at the price paid', async () => {
    for (const [core, paraId] of [[cores.a, 2000], [cores.b, 2001], [cores.c, 2002]] as const) {
      const region = { begin: first.regionBeginTimeslice, core, mask: FULL };
      const record = await ui.submit({ kind: 'assignRegion', region, paraId, finality: 'Final' }, '//Bob', `assign-${core}`);
      expectLanded(record);
      const right = await readItem(coretime.api, brokerPotentialRenewals, { core, when: first.regionEndTimeslice });
      expect(right).toEqual({ pricePlanck: first.endPricePlanck, completion: { kind: 'Complete', paraIds: [paraId] } });
    }
  }, 300_000);

  it('refuses a renewal before its sale, naming the missing right, as the chain does (NotAllowed)', async () => {
    await expect(ui.estimate({ kind: 'renewCoretime', core: cores.a }, '//Bob')).rejects.toThrow(`no right to renew core ${cores.a} for the region starting at timeslice ${first.regionBeginTimeslice}`);
    await expect(coretime.submit(coretime.tx('broker', 'renew', cores.a), coretime.account('//Bob'))).rejects.toThrow('broker.NotAllowed');
  }, 120_000);

  it('splits, interlaces, transfers and pools a region as the runtime allows, each part where the chain then shows it', async () => {
    const whole = { begin: first.regionBeginTimeslice, core: cores.split, mask: FULL };
    const partitioned = await ui.submit({ kind: 'partitionRegion', region: whole, pivotTimeslices: 4 }, '//Bob', 'partition');
    expectLanded(partitioned);
    const early = { ...whole };
    const late = { ...whole, begin: whole.begin + 4 };
    expect((await readItem(coretime.api, brokerRegions, early))?.endTimeslice).toBe(whole.begin + 4);
    expect((await readItem(coretime.api, brokerRegions, late))?.endTimeslice).toBe(first.regionEndTimeslice);

    // Interlace: the dry run tells whether this runtime lets it through (the Polkadot and Paseo Coretime runtimes filter it).
    const interlace = { kind: 'interlaceRegion', region: late, pivotMask: '0xffffffffff0000000000' } as const;
    const interlaceEstimate = await ui.estimate(interlace, '//Bob');
    if (interlaceEstimate.dryRun.outcome === 'would-fail') {
      expect(interlaceEstimate.dryRun.error?.code).toBe('system.CallFiltered');
    } else {
      const interlaced = await ui.submit(interlace, '//Bob', 'interlace');
      expectLanded(interlaced);
      expect(await readItem(coretime.api, brokerRegions, { ...late, mask: '0xffffffffff0000000000' })).toBeDefined();
    }

    const transferred = await ui.submit({ kind: 'transferRegion', region: early, dest: ui.address('//Charlie') }, '//Bob', 'transfer');
    expectLanded(transferred);
    expect((await readItem(coretime.api, brokerRegions, early))?.owner).toBe(coretime.api.createType('AccountId32', ui.address('//Charlie')).toString());

    const pooled = await ui.submit({ kind: 'poolRegion', region: late, payee: ui.address('//Bob'), finality: 'Provisional' }, '//Bob', 'pool');
    expectLanded(pooled);
    const workplan = (await coretime.query('broker', 'workplan', [late.begin, late.core])).toJSON();
    expect(JSON.stringify(workplan)).toContain('"pool"');
  }, 300_000);

  it('renews in the interlude at the price shown before signing, and refuses above the operator\'s cap', async () => {
    // Governance offers only two cores in the next sale, so it can sell out.
    await coretime.sudo(coretime.tx('broker', 'configure', {
      advanceNotice: ADVANCE_NOTICE, interludeLength: 100, leadinLength: 400, regionLength: 10, idealBulkProportion: 0,
      limitCoresOffered: 2, renewalBump: 30_000_000, contributionTimeout: 5,
    }));
    // The broker rotates the sale when the relay block plus its advance notice reaches the region's first timeslice.
    await setCoretimeRelayClock(coretime, first.regionBeginTimeslice * 80 - ADVANCE_NOTICE - 2);
    const second = await untilSaleOf(first.regionEndTimeslice);
    expect(second.coresOffered).toBe(2);
    expect(await coretimeRelayBlock(coretime)).toBeLessThan(second.saleStartBlock);

    const right = await readItem(coretime.api, brokerPotentialRenewals, { core: cores.a, when: second.regionBeginTimeslice });
    if (!right) throw new Error('no right to renew');
    await expect(ui.estimate({ kind: 'renewCoretime', core: cores.a, priceCapPlanck: (right.pricePlanck - 1n).toString() }, '//Bob'))
      .rejects.toThrow('above your cap');

    const intent = { kind: 'renewCoretime', core: cores.a, priceCapPlanck: right.pricePlanck.toString() } as const;
    const estimate = await ui.estimate(intent, '//Bob');
    expect(estimate.description).toContain('The interlude runs until relay block');
    const before = await freePlanck(coretime, ui.address('//Bob'));
    const record = await ui.submit(intent, '//Bob', 'renew-a');
    expectLanded(record);
    const events = await eventsOf(coretime, record.blockHash as string, record.hash as string);
    expect(BigInt(String(eventField(events, 'broker', 'Renewed', 'price')))).toBe(right.pricePlanck);
    expect(before - (await freePlanck(coretime, ui.address('//Bob')))).toBe(right.pricePlanck + feePaid(events));
  }, 300_000);

  it('renews after the interlude, while cores remain; once the sale is sold out the console refuses, as the chain does (SoldOut)', async () => {
    const second = await sale();
    await setCoretimeRelayClock(coretime, second.saleStartBlock + 50);
    expect(renewalWindow(second, await coretimeRelayBlock(coretime), { advanceNoticeBlocks: ADVANCE_NOTICE }).kind).toBe('sale-open');

    const right = await readItem(coretime.api, brokerPotentialRenewals, { core: cores.b, when: second.regionBeginTimeslice });
    if (!right) throw new Error('no right to renew');
    const estimate = await ui.estimate({ kind: 'renewCoretime', core: cores.b, priceCapPlanck: right.pricePlanck.toString() }, '//Bob');
    expect(estimate.description).toContain('The sale is open: renewing still works, at this price, while cores remain unsold (1 left now)');
    const record = await ui.submit({ kind: 'renewCoretime', core: cores.b, priceCapPlanck: right.pricePlanck.toString() }, '//Bob', 'renew-b');
    expectLanded(record);
    const events = await eventsOf(coretime, record.blockHash as string, record.hash as string);
    expect(BigInt(String(eventField(events, 'broker', 'Renewed', 'price')))).toBe(right.pricePlanck);

    await expect(ui.estimate({ kind: 'renewCoretime', core: cores.c }, '//Bob')).rejects.toThrow('Every core of this sale is sold');
    await expect(coretime.submit(coretime.tx('broker', 'renew', cores.c), coretime.account('//Bob'))).rejects.toThrow('broker.SoldOut');
  }, 300_000);

  it('feeds health the renewal window as the chain holds it: renewed, and not renewed with the sale sold out', async () => {
    const round = await readBlockspaceRound({ coretime: coretime.api }, { nowMs: 1_000_000, relayBlockTimeMs: 6_000 });
    if (!round) throw new Error('no round');
    const second = await sale();
    expect(round.now.block).toBe(await coretimeRelayBlock(coretime));
    const renewed = await readParaBlockspace(2001, { coretime: coretime.api }, round, undefined);
    expect(renewed).toMatchObject({ kind: 'bulk', interlude: { renewed: true } });
    const stranded = await readParaBlockspace(2002, { coretime: coretime.api }, round, undefined);
    expect(stranded).toMatchObject({
      kind: 'bulk',
      interlude: { open: false, renewed: false, soldOut: true, endsAtBlock: second.saleStartBlock, renewalClosesAtBlock: second.regionBeginTimeslice * 80 - ADVANCE_NOTICE },
    });
  }, 120_000);

  it('after the sale closes the right is gone: the console refuses, as the chain does (NotAllowed), and an ended region can be dropped', async () => {
    const second = await sale();
    await setCoretimeRelayClock(coretime, second.regionBeginTimeslice * 80 - ADVANCE_NOTICE - 2);
    const third = await untilSaleOf(second.regionEndTimeslice);
    await expect(ui.estimate({ kind: 'renewCoretime', core: cores.c }, '//Bob')).rejects.toThrow(`no right to renew core ${cores.c} for the region starting at timeslice ${third.regionBeginTimeslice}`);
    await expect(coretime.submit(coretime.tx('broker', 'renew', cores.c), coretime.account('//Bob'))).rejects.toThrow('broker.NotAllowed');

    // Charlie's early part of the split region ended long ago: anyone may drop it.
    const early = { begin: first.regionBeginTimeslice, core: cores.split, mask: FULL };
    const dropped = await ui.submit({ kind: 'dropRegion', region: early }, '//Bob', 'drop');
    expectLanded(dropped);
    expect(await readItem(coretime.api, brokerRegions, early)).toBeUndefined();
  }, 300_000);
});
if (missing) it.skip(missing, () => undefined);
