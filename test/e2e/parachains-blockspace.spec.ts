import { startCoretimeSales } from '../fixtures/network-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';
import { setCoretimeRelayClock } from '../fixtures/coretime-console';
import { expect, screenshotPath, startHeadlessConsole, test, type HeadlessConsole } from './headless-console';
import { screenshotWhole } from './screenshot-whole';
import { callApi } from './wizard-steps';

/**
 * The Parachains page shows a para's blockspace as the chains hold it: on the
 * real Paseo relay and its Coretime chain (spec 1009003, under chopsticks), a
 * region bought in the sale and assigned Final to para 2000 appears as planned
 * for it, with its right to renew at the price paid, and enableAutoRenew is
 * offered as call data for the para's governance, with the reason.
 */

const missing = realChainsMissing('paseo-relay', 'paseo-coretime');
const PARA = 2_000;

let relay: RealChain;
let coretime: RealChain;
let consoleServer: HeadlessConsole & { stop(): Promise<void> };

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1024, height: 700 } });

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await screenshotWhole(page, 'parachains-blockspace-failed-here');
});

test.describe('a para\'s blockspace on the Parachains page', () => {
  test.skip(missing !== undefined, missing);

  test.beforeAll(async () => {
    test.setTimeout(420_000);
    [relay, coretime] = await Promise.all([startRealChain('paseo-relay'), startRealChain('paseo-coretime')]);
    await setCoretimeRelayClock(coretime, 2_000);
    await startCoretimeSales(coretime, { endPricePlanck: 1_000_000_000_000n, extraCores: 2, interludeLength: 100, leadinLength: 400, regionLength: 10 });
    const sale = (await coretime.query('broker', 'saleInfo')).toJSON() as { saleStart: number; leadinLength: number; regionBegin: number };
    await setCoretimeRelayClock(coretime, sale.saleStart + sale.leadinLength);
    const bob = coretime.account('//Bob');
    const bought = await coretime.submit(coretime.tx('broker', 'purchase', 10n ** 16n), bob);
    const purchased = bought.events.find(({ event }) => event.section === 'broker' && event.method === 'Purchased');
    const region = purchased?.event.data[1]?.toJSON() as { begin: number; core: number; mask: string };
    await coretime.submit(coretime.tx('broker', 'assign', region, PARA, 'Final'), bob);
    consoleServer = await startHeadlessConsole();
  });

  test.afterAll(async () => {
    await consoleServer?.stop();
    await Promise.all([relay?.stop(), coretime?.stop()]);
  });

  test('shows the region planned for the para, its right to renew, and the auto-renewal call data', async ({ page }) => {
    test.setTimeout(300_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(consoleServer.url);
    await callApi(page, 'chain.addNetwork', {
      network: {
        id: 'paseo-local', name: 'Paseo local', testnet: true, token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0, relayBlockTimeMs: 6_000,
        chains: { relay: { name: 'Paseo local relay', rpcEndpoints: [relay.wsUrl] }, coretime: { name: 'Coretime', paraId: 1005, rpcEndpoints: [coretime.wsUrl] } },
      },
    });
    await callApi(page, 'onboarding.update', { patch: { networkId: 'paseo-local', watchedParaIds: [PARA] } });
    await callApi(page, 'chain.connect', { networkId: 'paseo-local' });
    await page.goto(`${consoleServer.origin}/#/parachains`);
    // The network and the followed para were set through the contract behind the page's back: load it afresh to read them.
    await page.reload();

    const card = page.getByRole('article', { name: `Para ${PARA}` });
    const blockspace = card.getByRole('region', { name: `Blockspace of para ${PARA}` });
    await expect(blockspace.getByText(/Core \d+ from timeslice 35/)).toBeVisible({ timeout: 120_000 });
    await expect(blockspace.getByText(/Core \d+ for the region from/)).toBeVisible();
    await expect(blockspace.getByText('500 PAS')).toBeVisible();
    await expect(blockspace.getByText('no auction running')).toBeVisible();
    await blockspace.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('parachains-blockspace'), fullPage: false });

    await blockspace.getByRole('button', { name: 'Auto-renewal call data' }).click();
    await expect(blockspace.getByText(/sovereign account/)).toBeVisible();
    await expect(blockspace.locator('.auto-renew-hex')).toContainText('0x');
    await blockspace.locator('.auto-renew').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('parachains-blockspace-auto-renew'), fullPage: false });
    expect(errors).toEqual([]);
  });
});
