import type { Page } from '@playwright/test';
import type { HrmpPlan } from '../../shared/contract/hrmp';
import { paraSovereignAddress } from '../../main/hrmp/sovereign-account';
import { deliverUpwardMessages, onboardParas } from '../fixtures/hrmp-stand-ins';
import { passSessions } from '../fixtures/network-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';
import { expect, startHeadlessConsole, test, type HeadlessConsole } from './headless-console';
import { screenshotWhole } from './screenshot-whole';
import { addNetworkThroughUi, callApi, waitForSettled } from './wizard-steps';

/**
 * The Channels page on the real Paseo relay runtime (1009003, under
 * chopsticks), through the built console: para 2000 asks para 2001 for a
 * channel, 2001 accepts it, and the relay's next session opens it, each step
 * seen on the page as the relay's storage changes. Each message is the one
 * the console prepared, delivered to the relay as the para's upward message.
 */

const missing = realChainsMissing('paseo-relay', 'paseo-coretime');
const PARA = 2000;
const PARTNER = 2001;
/** The Paseo Coretime chain: a real parachain runtime with sudo (//Alice), standing in for an operator's parachain. */
const CORETIME_PARA = 1005;
const PAS = 10_000_000_000n;
const DEV_MNEMONIC = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

let relay: RealChain;
let coretime: RealChain;
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
    [relay, coretime] = await Promise.all([startRealChain('paseo-relay'), startRealChain('paseo-coretime')]);
    await onboardParas(relay, [PARA, PARTNER, CORETIME_PARA], { senderPlanck: 5n * PAS, recipientPlanck: 7n * PAS });
    for (const paraId of [PARA, PARTNER, CORETIME_PARA]) {
      await relay.submit(relay.tx('balances', 'transferKeepAlive', paraSovereignAddress(paraId, 0), 100n * PAS), relay.alice);
    }
    consoleServer = await startHeadlessConsole();
  });

  test.afterAll(async () => {
    await consoleServer?.stop();
    await Promise.all([relay?.stop(), coretime?.stop()]);
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
    // The relay keeps no date with a request (its age stays 0): the page dates it by the relay block the console saw take it.
    await expect(requests.getByText(/^Requested at relay block [\d,]+, in session \d+ \(this session\)\.$/)).toBeVisible();
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

  test('para 1005 requests a channel from the page, signed on the parachain by its sudo key through the review, and the relay takes it as the review said', async ({ page }) => {
    test.setTimeout(600_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(consoleServer.url);
    // The parachain's sudo key among the console's accounts, and the parachain's RPC connected beside the relay.
    await callApi(page, 'keys.unlock', { passphrase: 'correct horse battery staple' });
    await callApi(page, 'keys.importMnemonic', { name: 'Coretime sudo', mnemonic: DEV_MNEMONIC, derivationPath: '//Alice', keyType: 'sr25519' });
    await callApi(page, 'chain.connect', { networkId: 'paseo-local', roles: ['relay', 'parachain'], endpoints: { parachain: [coretime.wsUrl] } });
    // The page read the vault's accounts when it loaded: load it afresh to see the key imported behind its back.
    await page.reload();
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByLabel('Para id', { exact: true }).fill(String(CORETIME_PARA));
    await page.getByRole('button', { name: 'Show its channels' }).click();
    await expect(page.getByRole('heading', { name: 'Request a channel' })).toBeVisible({ timeout: 60_000 });

    await page.getByLabel('Recipient para id').fill(String(PARA));
    await page.getByLabel('Capacity').fill('8');
    await page.getByLabel('Message size').fill('1024');
    await page.getByRole('button', { name: 'Prepare request…' }).click();
    const review = page.getByLabel('Channel message review');
    await expect(review.getByText('it goes through')).toBeVisible({ timeout: 120_000 });
    // The call data stays, for a parachain whose governance sends it.
    await expect(review.getByRole('button', { name: 'Copy the call data' })).toHaveCount(2);
    await review.getByRole('button', { name: 'Review and sign on the parachain…' }).click();
    // The parachain's review: its fee and its own dry run, under the relay's costs for the same message.
    await expect(review.getByText(`Send para ${CORETIME_PARA}'s message to the relay: hrmp.hrmpInitOpenChannel(${PARA}, 8, 1024)`)).toBeVisible({ timeout: 120_000 });
    await expect(review.getByText('sudo.sudo(polkadotXcm.send)').first()).toBeVisible();
    const signButton = review.getByRole('button', { name: 'Sign and send to the relay' });
    await expect(signButton).toBeEnabled({ timeout: 120_000 });
    await signButton.scrollIntoViewIfNeeded();
    await shootBothThemes(page, 'channels-5-sign-on-parachain');
    const plan = (await callApi(page, 'hrmp.prepare', { paraId: CORETIME_PARA, action: { kind: 'requestChannel', recipient: PARA, maxCapacity: 8, maxMessageSize: 1_024 } })) as HrmpPlan;
    await signButton.click();
    await waitForSettled(review, 180_000);

    // What the parachain sent upward is the message the relay dry-ran; the relay receives it as para 1005's.
    const upward = await upwardMessagesOfLatestBlocks(coretime);
    // Once, byte for byte; pallet-xcm may send the relay a SubscribeVersion of its own beside it (its version discovery).
    expect(upward.filter((message) => message === plan.xcmHex)).toHaveLength(1);
    const sovereign = paraSovereignAddress(CORETIME_PARA, 0);
    const freeBefore = await relayFree(sovereign);
    await deliverUpwardMessages(relay, CORETIME_PARA, upward);
    expect(freeBefore - (await relayFree(sovereign))).toBe(BigInt(plan.dryRun.feePaidPlanck ?? 'x') + BigInt(plan.depositPlanck));
    const requests = page.locator('.card', { has: page.getByRole('heading', { name: 'Waiting requests' }) });
    await expect(requests.getByText(`To para ${PARA}`)).toBeVisible({ timeout: 60_000 });
    await expect(requests.getByText(/^Requested at relay block/)).toBeVisible();
    await requests.scrollIntoViewIfNeeded();
    await shootBothThemes(page, 'channels-6-requested-from-parachain');
    expect(errors).toEqual([]);
  });
});

async function relayFree(address: string): Promise<bigint> {
  return BigInt(((await relay.query('system', 'account', address)).toJSON() as { data: { free: number | string } }).data.free);
}

/** The upward messages of the newest parachain block that has any, among the last few (the send's block may not be the head). */
async function upwardMessagesOfLatestBlocks(chain: RealChain): Promise<`0x${string}`[]> {
  let hash = (await chain.api.rpc.chain.getHeader()).hash.toHex();
  for (let back = 0; back < 5; back += 1) {
    const atBlock = await chain.api.at(hash);
    const messages = ((await atBlock.query.parachainSystem?.upwardMessages?.())?.toJSON() ?? []) as `0x${string}`[];
    if (messages.length > 0) return messages;
    hash = (await chain.api.rpc.chain.getHeader(hash)).parentHash.toHex();
  }
  return [];
}
