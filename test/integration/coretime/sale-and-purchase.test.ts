import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Codec } from '@polkadot/types-codec/types';
import { salePrice } from '../../../main/chain/calc/sale-price';
import { brokerSaleInfo, type BrokerSaleInfo } from '../../../main/chain/storage/broker';
import { readItem } from '../../../main/chain/storage/storage-item';
import { startCoretimeSales } from '../../fixtures/network-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';
import { coretimeRelayBlock, eventField, expectLanded, eventsOf, feePaid, freePlanck, setCoretimeRelayClock, startCoretimeConsole, type CoretimeConsole } from '../../fixtures/coretime-console';

const missing = realChainsMissing('paseo-coretime');

/** What the chain itself would charge for a core now: the `Purchased` price of a dry run (`DryRunApi`), which changes nothing. */
async function chainPurchasePrice(coretime: RealChain, buyer: string): Promise<bigint> {
  const dryRunCall = coretime.api.call['dryRunApi']?.['dryRunCall'];
  if (!dryRunCall) throw new Error('the Coretime runtime offers no DryRunApi');
  const call = coretime.tx('broker', 'purchase', 10n ** 18n).method;
  const params = (dryRunCall as unknown as { meta?: { params?: unknown[] } }).meta?.params?.length ?? 2;
  const args = params >= 3 ? [{ system: { Signed: buyer } }, call, 4] : [{ system: { Signed: buyer } }, call];
  const result = (await dryRunCall(...args)) as unknown as { isErr: boolean; asOk: { executionResult: { isErr: boolean; toString(): string }; emittedEvents: Array<{ section: string; method: string; data: Codec[] }> } };
  if (result.isErr || result.asOk.executionResult.isErr) throw new Error(`the dry run of a purchase failed: ${result.asOk.executionResult.toString()}`);
  const purchased = result.asOk.emittedEvents.find((event) => event.section === 'broker' && event.method === 'Purchased');
  if (!purchased) throw new Error('the dry run emitted no Purchased event');
  return BigInt(purchased.data[2]?.toString() ?? '');
}

describe.skipIf(missing)('bulk coretime sale on the real Paseo Coretime runtime (1009003), through the console', () => {
  let coretime: RealChain;
  let ui: CoretimeConsole;
  let sale: BrokerSaleInfo;

  beforeAll(async () => {
    coretime = await startRealChain('paseo-coretime');
    try {
      await setCoretimeRelayClock(coretime, 2_000);
      await startCoretimeSales(coretime, { endPricePlanck: 1_000_000_000_000n, extraCores: 4, interludeLength: 100, leadinLength: 400, regionLength: 10 });
      const read = await readItem(coretime.api, brokerSaleInfo);
      if (!read) throw new Error('no sale after startSales');
      sale = read;
      ui = await startCoretimeConsole(coretime, ['//Bob', '//Charlie']);
    } catch (error) {
      await coretime.stop();
      throw error;
    }
  }, 300_000);

  afterAll(async () => {
    await ui?.dispose();
    await coretime?.stop();
  });

  it('refuses to buy during the interlude, saying when the sale opens, and signs nothing', async () => {
    expect(await coretimeRelayBlock(coretime)).toBeLessThan(sale.saleStartBlock);
    await expect(ui.estimate({ kind: 'purchaseCoretime', priceLimitPlanck: (sale.endPricePlanck * 100n).toString() }, '//Bob'))
      .rejects.toThrow(`The sale opens at relay block #${sale.saleStartBlock}`);
  });

  it('buys a core in the lead-in at the price shown before signing, to the planck', async () => {
    // The next Coretime block builds on relay block saleStart + 50 (the chain moves two relay blocks per block here).
    await setCoretimeRelayClock(coretime, sale.saleStartBlock + 48);
    const limit = sale.endPricePlanck * 100n;
    const intent = { kind: 'purchaseCoretime', priceLimitPlanck: limit.toString() } as const;
    const estimate = await ui.estimate(intent, '//Bob');
    const shown = salePrice(sale, sale.saleStartBlock + 50);
    expect(estimate.description).toContain(`At relay block #${sale.saleStartBlock + 50}`);
    expect(estimate.description).toContain(`the sale price is ${formatPas(shown)}`);
    // The review's effect is the price at inclusion, not the dry run's (priced at the current block, higher in the lead-in).
    expect(estimate.effects).toEqual([expect.objectContaining({ kind: 'paid', amountPlanck: shown.toString(), source: 'estimate' })]);

    const before = await freePlanck(coretime, ui.address('//Bob'));
    const record = await ui.submit(intent, '//Bob', 'buy-in-lead-in');
    expectLanded(record);
    const events = await eventsOf(coretime, record.blockHash as string, record.hash as string);
    const charged = BigInt(String(eventField(events, 'broker', 'Purchased', 'price')));
    expect(charged).toBe(shown);
    expect(before - (await freePlanck(coretime, ui.address('//Bob')))).toBe(shown + feePaid(events));
    expect(eventField(events, 'broker', 'Purchased', 'regionId')).toMatchObject({ begin: sale.regionBeginTimeslice, mask: '0xffffffffffffffffffff' });
  }, 240_000);

  it('shows the para\'s bulk coretime as the broker holds it: the region planned for it, its right to renew, the owner\'s regions', async () => {
    const held = await ui.chain.read({ kind: 'paraCoretime', paraId: 2000, holder: ui.address('//Bob') });
    if (held.kind !== 'paraCoretime') throw new Error('wrong read');
    const [region] = held.held;
    if (!region) throw new Error('Bob holds no region after his purchase');
    expect(region).toMatchObject({ begin: sale.regionBeginTimeslice, endTimeslice: sale.regionEndTimeslice, mask: '0xffffffffffffffffffff' });
    const assigned = await ui.submit({ kind: 'assignRegion', region: { begin: region.begin, core: region.core, mask: region.mask }, paraId: 2000, finality: 'Final' }, '//Bob', 'assign-2000');
    expectLanded(assigned);
    const after = await ui.chain.read({ kind: 'paraCoretime', paraId: 2000, holder: ui.address('//Bob') });
    if (after.kind !== 'paraCoretime') throw new Error('wrong read');
    expect(after.planned).toEqual([{ timeslice: sale.regionBeginTimeslice, core: region.core, mask: '0xffffffffffffffffffff' }]);
    expect(after.renewals).toEqual([expect.objectContaining({ core: region.core, when: sale.regionEndTimeslice, renewableNow: false })]);
    expect(after.held).toEqual([]);
    const call = await ui.chain.read({ kind: 'autoRenewCall', core: region.core, paraId: 2000 });
    if (call.kind !== 'autoRenewCall') throw new Error('wrong read');
    const decoded = coretime.api.createType('Call', call.callHex);
    expect(`${decoded.section}.${decoded.method}`).toBe('broker.enableAutoRenew');
    expect(call.why).toContain('sovereign account');
  }, 240_000);

  it('refuses a purchase whose price is above the limit, naming the price at the block it would land in', async () => {
    const next = (await coretimeRelayBlock(coretime)) + 2;
    const price = salePrice(sale, next);
    await expect(ui.estimate({ kind: 'purchaseCoretime', priceLimitPlanck: (price - 1n).toString() }, '//Bob'))
      .rejects.toThrow(`A core costs ${formatPas(price)} at relay block #${next}`);
  });

  it('prices every point of the lead-in and the fixed price after it exactly as the broker does', async () => {
    const offsets = [60, 120, 199, 200, 201, 260, 333, 399, 400, 450];
    const compared: Array<{ relayBlock: number; console: bigint; chain: bigint }> = [];
    for (const offset of offsets) {
      await setCoretimeRelayClock(coretime, sale.saleStartBlock + offset);
      const relayBlock = await coretimeRelayBlock(coretime);
      compared.push({ relayBlock, console: salePrice(sale, relayBlock), chain: await chainPurchasePrice(coretime, ui.address('//Charlie')) });
    }
    for (const point of compared) expect(point.console, `relay block ${point.relayBlock}`).toBe(point.chain);
    // 10× the end price at mid lead-in, 1× from its end on.
    expect(compared.find((point) => point.relayBlock === sale.saleStartBlock + 200)?.chain).toBe(sale.endPricePlanck * 10n);
    expect(compared.at(-1)?.chain).toBe(sale.endPricePlanck);
  }, 240_000);

  it('offers on-demand credits, and where the runtime filters purchaseCredit (Paseo 1009003) says so before signing and sends nothing', async () => {
    const amount = 2n * BigInt(coretime.constant('broker', 'minimumCreditPurchase').toString());
    const intent = { kind: 'purchaseCredit', amountPlanck: amount.toString(), beneficiary: ui.address('//Charlie') } as const;
    const estimate = await ui.estimate(intent, '//Bob');
    expect(estimate.description).toContain(`Buy ${formatPas(amount)} of on-demand credits`);
    const before = await freePlanck(coretime, ui.address('//Bob'));
    if (estimate.dryRun.outcome === 'would-fail') {
      // This runtime switches the call off: the dry run says so, and the pipeline signs but never sends.
      expect(estimate.dryRun.error?.code).toBe('system.CallFiltered');
      const record = await ui.submit(intent, '//Bob', 'buy-credits');
      expect(record.phase).toBe('failed');
      expect(record.note).toContain('nothing was sent');
      expect(await freePlanck(coretime, ui.address('//Bob'))).toBe(before);
      return;
    }
    const record = await ui.submit(intent, '//Bob', 'buy-credits');
    expectLanded(record);
    const events = await eventsOf(coretime, record.blockHash as string, record.hash as string);
    expect(BigInt(String(eventField(events, 'broker', 'CreditPurchased', 'amount')))).toBe(amount);
    expect(before - (await freePlanck(coretime, ui.address('//Bob')))).toBe(amount + feePaid(events));
  }, 240_000);

  it('refuses credits below the chain\'s minimum before signing', async () => {
    const minimum = BigInt(coretime.constant('broker', 'minimumCreditPurchase').toString());
    await expect(ui.estimate({ kind: 'purchaseCredit', amountPlanck: (minimum - 1n).toString(), beneficiary: ui.address('//Charlie') }, '//Bob'))
      .rejects.toThrow('broker.minimumCreditPurchase');
  });
});
if (missing) it.skip(missing, () => undefined);

/** The console's own words for an amount of the local Paseo token (10 decimals). */
function formatPas(planck: bigint): string {
  const unit = 10n ** 10n;
  const whole = (planck / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (planck % unit).toString().padStart(10, '0').replace(/0+$/, '');
  return `${whole}${fraction === '' ? '' : `.${fraction}`} PAS`;
}
