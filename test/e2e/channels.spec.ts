import type { Page } from '@playwright/test';
import type { HrmpPlan } from '../../shared/contract/hrmp';
import { paraSovereignAddress } from '../../main/hrmp/sovereign-account';
import { deliverUpwardMessages, onboardParas } from '../fixtures/hrmp-stand-ins';
import { passSessions } from '../fixtures/network-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';
import { expect, startHeadlessConsole, test, type HeadlessConsole } from './headless-console';
import { screenshotWhole } from './screenshot-whole';
import { addNetworkThroughUi, callApi } from './wizard-steps';

/**
 * The Channels page on the real Paseo relay runtime (1009003, under
 * chopsticks), through the built console: para 2000 asks para 2001 for a
 * channel, 2001 accepts it, and the relay's next session opens it, each step
 * seen on the page as the relay's storage changes. Each message is the one
 * the console prepared, delivered to the relay as the para's upward message.
 */

const missing = realChainsMissing('paseo-relay');
const PARA = 2000;
const PARTNER = 2001;
const PAS = 10_000_000_000n;

let relay: RealChain;
let consoleServer: HeadlessConsole & { stop(): Promise<void> };

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1024, height: 700 } });

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await screenshotWhole(page, 'channels-failed-here');
});

/** Light, then dark (the system theme followed), of the page as it is now. */
async function shootBothThemes(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshotWhole(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshotWhole(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** What the para's governance or sudo key would send: the message the console prepared, delivered as the para's upward message. */
async function sendPrepared(page: Page, paraId: number, action: unknown): Promise<HrmpPlan> {
  const plan = (await callApi(page, 'hrmp.prepare', { paraId, action })) as HrmpPlan;
  await deliverUpwardMessages(relay, paraId, [plan.xcmHex as `0x${string}`]);
  return plan;
}

test.describe('on the Paseo relay', () => {
  test.skip(missing !== undefined, missing);

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    relay = await startRealChain('paseo-relay');
    await onboardParas(relay, [PARA, PARTNER], { senderPlanck: 5n * PAS, recipientPlanck: 7n * PAS });
    for (const paraId of [PARA, PARTNER]) {
      await relay.submit(relay.tx('balances', 'transferKeepAlive', paraSovereignAddress(paraId, 0), 100n * PAS), relay.alice);
    }
    consoleServer = await startHeadlessConsole();
  });

  test.afterAll(async () => {
    await consoleServer?.stop();
    await relay?.stop();
  });

  test('a channel requested by one para and accepted by the other, seen on the Channels page until it opens', async ({ page }) => {
    test.setTimeout(600_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(consoleServer.url);
    await addNetworkThroughUi(page, { name: 'Paseo local', id: 'paseo-local', wsUrl: relay.wsUrl, token: 'PAS' });
    // The Paseo relay's own token has 10 decimals (the form's default is 12): replace the network with them.
    await callApi(page, 'chain.addNetwork', { network: { id: 'paseo-local', name: 'Paseo local', testnet: true, token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0, relayBlockTimeMs: 6_000, chains: { relay: { name: 'Paseo local', rpcEndpoints: [relay.wsUrl] } } } });
    await page.reload();
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('button', { name: /Connect/ }).first().click();
    await page.getByLabel('Para id', { exact: true }).fill(String(PARA));
    await page.getByRole('button', { name: 'Show its channels' }).click();
    await expect(page.getByRole('heading', { name: 'Request a channel' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('No open channel yet')).toBeVisible();

    // Para 2000 asks for a channel to 2001: the review shows the deposit and the relay's dry run before anything is sent.
    await page.getByLabel('Recipient para id').fill(String(PARTNER));
    await page.getByLabel('Capacity').fill('8');
    await page.getByLabel('Message size').fill('1024');
    await page.getByRole('button', { name: 'Prepare request…' }).click();
    const review = page.getByLabel('Channel message review');
    await expect(review.getByText('it goes through')).toBeVisible({ timeout: 120_000 });
    await expect(review.getByText('hrmp.hrmpInitOpenChannel(2001, 8, 1024)')).toBeVisible();
    await review.scrollIntoViewIfNeeded();
    await shootBothThemes(page, 'channels-1-request-review');

    await sendPrepared(page, PARA, { kind: 'requestChannel', recipient: PARTNER, maxCapacity: 8, maxMessageSize: 1_024 });
    const requests = page.locator('.card', { has: page.getByRole('heading', { name: 'Waiting requests' }) });
    await expect(requests.getByText(`To para ${PARTNER}`)).toBeVisible({ timeout: 60_000 });
    await expect(requests.getByText(`Waiting for para ${PARTNER} to accept`)).toBeVisible();
    await requests.scrollIntoViewIfNeeded();
    await shootBothThemes(page, 'channels-2-requested');

    // Para 2001's view: the request from 2000, accepted.
    await page.getByLabel('Para id', { exact: true }).fill(String(PARTNER));
    await page.getByRole('button', { name: 'Show its channels' }).click();
    await expect(requests.getByText(`From para ${PARA}`)).toBeVisible({ timeout: 60_000 });
    await requests.getByRole('button', { name: 'Accept…' }).click();
    await expect(review.getByText('it goes through')).toBeVisible({ timeout: 120_000 });
    await expect(review.getByText(`hrmp.hrmpAcceptOpenChannel(${PARA})`)).toBeVisible();
    await sendPrepared(page, PARTNER, { kind: 'acceptChannel', sender: PARA });
    await expect(requests.getByText('Accepted', { exact: true })).toBeVisible({ timeout: 60_000 });
    await shootBothThemes(page, 'channels-3-accepted');

    // The relay's next session opens it.
    await passSessions(relay, 1);
    const open = page.locator('.card', { has: page.getByRole('heading', { name: 'Open channels' }) });
    await expect(open.getByText(`from para ${PARA}`)).toBeVisible({ timeout: 60_000 });
    await expect(open.getByText('0 of 8')).toBeVisible();
    await page.getByRole('heading', { name: 'Channels', level: 1 }).scrollIntoViewIfNeeded();
    await shootBothThemes(page, 'channels-4-open');
    expect(errors).toEqual([]);
  });
});
