import type { Browser, Page } from '@playwright/test';
import { startChopsticksNode, type ChopsticksNode } from '../fixtures/chopsticks-node';
import { expect, screenshotPath, startHeadlessConsole, test, type HeadlessConsole } from './headless-console';
import { addLocalHubAndVault, createAccountThroughUi, startConsoleWith } from './wizard-steps';

/**
 * The Blockspace step's auction path and coretime renewal, as an operator
 * walks them. Balances, fees, signing and inclusion are real (the Rococo Asset
 * Hub runtime under chopsticks). No relay chain or Coretime chain can run
 * here, so auctions, crowdloans and renewal rights come from the scripted
 * relay (`PARACHAIN_CONSOLE_SCRIPTED_RELAY=1`): a relay that still runs slot
 * auctions, and para 4242 holding core 7 from the previous region
 * (`PARACHAIN_CONSOLE_SCRIPTED_HELD_CORES`). Its transactions reach the real
 * chain as remarks and take effect once in a block.
 *
 * Steps a–c are onboarding.spec's subject: here the wizard's progress is set
 * through the contract to para 4242, ready for step d.
 */

const PARA_ID = 4242;
let chain: ChopsticksNode;
let consoleServer: HeadlessConsole & { stop(): Promise<void> };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  chain = await startChopsticksNode();
  consoleServer = await startConsoleWith({ PARACHAIN_CONSOLE_SCRIPTED_RELAY: '1', PARACHAIN_CONSOLE_SCRIPTED_HELD_CORES: `${PARA_ID}:7` });
});

test.afterAll(async () => {
  await consoleServer?.stop();
  await chain?.stop();
});

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await page.screenshot({ path: screenshotPath('blockspace-failed-here'), fullPage: true });
});

/** One contract call over the page's own authenticated socket, as the renderer makes it. */
async function callApi(page: Page, name: string, input: unknown): Promise<unknown> {
  return page.evaluate(async ({ name: callName, input: callInput }) => new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${location.host}/api`);
    socket.onopen = () => socket.send(JSON.stringify({ kind: 'call', id: 1, name: callName, input: callInput }));
    socket.onerror = () => reject(new Error('the API socket failed'));
    socket.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as { kind: string; id: number; result?: { ok: boolean; data?: unknown; error?: { message: string } } };
      if (frame.kind !== 'result' || frame.id !== 1) return;
      socket.close();
      if (frame.result?.ok) resolve(frame.result.data);
      else reject(new Error(frame.result?.error?.message ?? 'the call failed'));
    };
  }), { name, input });
}

/** Step a through the screens: a local network on the chopsticks node, a vault account, funded and connected. */
async function networkAndAccount(page: Page): Promise<void> {
  await addLocalHubAndVault(page, chain.wsUrl);
  await createAccountThroughUi(page, 'Crowdloan manager');
  await page.getByRole('radio', { name: /Crowdloan manager/ }).check();
  const address = await page.locator('.signer-summary .address').getAttribute('title');
  await chain.fund([{ address: address ?? '', freePlanck: 10_000_000_000_000_000n }]);
  await chain.newBlock();
  await page.getByRole('button', { name: 'Connect to Local hub' }).click();
  await expect(page.locator('.signer-summary').getByText('10,000 ROC')).toBeVisible({ timeout: 60_000 });
}

async function waitForSettled(page: Page): Promise<void> {
  const progress = page.getByRole('region', { name: 'Transaction progress' }).last();
  await expect(progress.locator('[data-phase="in-block"], [data-phase="finalized"]')).toBeVisible({ timeout: 90_000 });
}

async function darkShot(browser: Browser | null, name: string, path: string): Promise<void> {
  const dark = await browser?.newContext({ colorScheme: 'dark', viewport: { width: 1024, height: 700 } });
  if (!dark) return;
  const page = await dark.newPage();
  await page.goto(consoleServer.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }).click();
  await page.locator('label.path-card', { hasText: path }).click();
  await expect(page.getByRole('heading', { name: path === 'Bulk coretime' ? 'Your cores to renew' : 'Crowdloan for para 4242' })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: screenshotPath(`${name}-top`) });
  await page.getByRole('heading', { name: path === 'Bulk coretime' ? 'Your cores to renew' : 'Crowdloan for para 4242' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: screenshotPath(name) });
  await dark.close();
}

test('an operator bids in the slot auction, opens a crowdloan and contributes to it', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(consoleServer.url);
  await networkAndAccount(page);
  for (const step of ['network', 'prepare', 'register'] as const) await callApi(page, 'onboarding.update', { patch: { complete: step } });
  await callApi(page, 'onboarding.update', { patch: { paraId: PARA_ID, step: 'blockspace' } });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Blockspace', level: 2 })).toBeVisible();

  // The relay still runs auctions (its capabilities say so), so the path is open; the running auction and its candle ending.
  const auctionCard = page.locator('label.path-card', { hasText: 'Slot auction / crowdloan' });
  await expect(auctionCard.getByRole('radio')).toBeEnabled({ timeout: 60_000 });
  await auctionCard.click();
  await expect(page.getByText('12 to 19')).toBeVisible();
  await expect(page.getByText(/Starts at #600, in [\d,]+ blocks \(about/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('None held from the current lease period on.')).toBeVisible();
  await page.screenshot({ path: screenshotPath('blockspace-auction-1-view') });

  // A bid: nine periods are refused in words; four are reviewed with the amount reserved, signed and included.
  // The auction's number comes from the chain: the operator never types it.
  await expect(page.getByLabel('Auction number')).toHaveCount(0);
  await page.getByLabel('Last lease period').first().fill('20');
  await page.getByLabel('Bid (ROC)').fill('100');
  await expect(page.getByText('A lease covers at most 8 consecutive periods; 12 to 20 is 9.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Review the bid' })).toBeDisabled();
  await page.screenshot({ path: screenshotPath('blockspace-auction-2-bid-refused') });
  await page.getByLabel('Last lease period').first().fill('15');
  await page.getByRole('button', { name: 'Review the bid' }).click();
  const review = page.getByRole('region', { name: 'Review the transaction' });
  await expect(review.getByText('auctions.bid (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('Bid (reserved)')).toBeVisible();
  await page.screenshot({ path: screenshotPath('blockspace-auction-3-bid-review') });
  await review.getByRole('button', { name: 'Sign and bid' }).click();
  await waitForSettled(page);
  await page.getByRole('button', { name: 'Place another bid' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('blockspace-auction-4-bid-included') });
  await page.getByRole('button', { name: 'Place another bid' }).click();

  // A crowdloan for the same periods, then a contribution that shows in the fund.
  const crowdloan = page.getByRole('region', { name: 'Crowdloan for para 4242' });
  await crowdloan.getByLabel('Cap (ROC)').fill('1000');
  await crowdloan.getByLabel('First lease period').fill('12');
  await crowdloan.getByLabel('Last lease period').fill('15');
  await crowdloan.getByLabel('Ends at relay block').fill('2000');
  await crowdloan.getByRole('button', { name: 'Review the crowdloan' }).click();
  await expect(crowdloan.getByText('crowdloan.create (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await crowdloan.getByRole('button', { name: 'Sign and open the crowdloan' }).click();
  await waitForSettled(page);
  await expect(crowdloan.getByText('of 1,000 ROC')).toBeVisible({ timeout: 30_000 });
  await crowdloan.getByRole('button', { name: 'Done' }).click();
  await crowdloan.getByLabel('Contribute (ROC)').fill('250');
  await crowdloan.getByRole('button', { name: 'Review the contribution' }).click();
  await expect(crowdloan.getByText('crowdloan.contribute (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await expect(crowdloan.getByText('Contribution (locked in the fund)')).toBeVisible();
  await page.screenshot({ path: screenshotPath('blockspace-auction-5-contribute-review') });
  await crowdloan.getByRole('button', { name: 'Sign and contribute' }).click();
  await waitForSettled(page);
  await crowdloan.getByRole('button', { name: 'Done' }).click();
  await expect(crowdloan.getByRole('meter', { name: 'Raised of the cap' })).toHaveAttribute('aria-valuenow', '25');
  await expect(crowdloan.getByText('250 ROC')).toBeVisible();
  // Withdraw, refund and dissolve wait for the end, and say so.
  await expect(crowdloan.getByRole('button', { name: 'Withdraw my contribution' })).toBeDisabled();
  await expect(crowdloan.getByText('Opens when the crowdloan ends at #2,000.').first()).toBeVisible();
  await crowdloan.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('blockspace-auction-6-crowdloan-funded') });

  await darkShot(browser, 'blockspace-auction-7-dark-1024x700', 'Slot auction / crowdloan');
  expect(errors).toEqual([]);
});

test('after a crowdloan ends, the contributor withdraws and the depositor dissolves it', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(consoleServer.url);
  await callApi(page, 'onboarding.update', { patch: { paraId: PARA_ID + 1 } });
  await page.reload();
  const crowdloan = page.getByRole('region', { name: `Crowdloan for para ${PARA_ID + 1}` });
  await expect(crowdloan.getByRole('group', { name: 'Open a crowdloan' })).toBeVisible({ timeout: 60_000 });

  // A short crowdloan: it closes four blocks from now on the real chain.
  const header = await chain.rpc('chain_getHeader') as { number: string };
  const endBlock = Number(header.number) + 4;
  await crowdloan.getByLabel('Cap (ROC)').fill('500');
  await crowdloan.getByLabel('First lease period').fill('12');
  await crowdloan.getByLabel('Last lease period').fill('13');
  await crowdloan.getByLabel('Ends at relay block').fill(String(endBlock));
  await crowdloan.getByRole('button', { name: 'Review the crowdloan' }).click();
  await crowdloan.getByRole('button', { name: 'Sign and open the crowdloan' }).click();
  await waitForSettled(page);
  await crowdloan.getByRole('button', { name: 'Done' }).click();
  await crowdloan.getByLabel('Contribute (ROC)').fill('40');
  await crowdloan.getByRole('button', { name: 'Review the contribution' }).click();
  await crowdloan.getByRole('button', { name: 'Sign and contribute' }).click();
  await waitForSettled(page);
  await crowdloan.getByRole('button', { name: 'Done' }).click();
  await expect(crowdloan.getByText('40 ROC', { exact: true })).toBeVisible();

  // The chain moves past the end: contributions close, withdraw and refund open, dissolve waits for the money to go back.
  while (Number((await chain.rpc('chain_getHeader') as { number: string }).number) < endBlock) await chain.newBlock();
  await expect(crowdloan.getByText('Closed', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(crowdloan.getByText(/^Contributions closed at #[\d,]+\.$/)).toBeVisible();
  await expect(crowdloan.getByRole('button', { name: 'Refund contributors' })).toBeEnabled();
  await expect(crowdloan.getByRole('button', { name: 'Dissolve the fund' })).toBeDisabled();
  await crowdloan.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('blockspace-auction-8-crowdloan-ended') });
  await crowdloan.getByRole('button', { name: 'Withdraw my contribution' }).click();
  await expect(crowdloan.getByText('crowdloan.withdraw (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await crowdloan.getByRole('button', { name: 'Sign and withdraw' }).click();
  await waitForSettled(page);
  await crowdloan.getByRole('button', { name: 'Done' }).click();
  await expect(crowdloan.getByText('Every contribution is already back.')).toBeVisible();
  await crowdloan.getByRole('button', { name: 'Dissolve the fund' }).click();
  await expect(crowdloan.getByText('crowdloan.dissolve (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await crowdloan.getByRole('button', { name: 'Sign and dissolve' }).click();
  await waitForSettled(page);
  await crowdloan.getByRole('button', { name: 'Done' }).click();
  // Dissolved: the para can open a new crowdloan.
  await expect(crowdloan.getByRole('group', { name: 'Open a crowdloan' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('blockspace-auction-9-crowdloan-dissolved') });
  await callApi(page, 'onboarding.update', { patch: { paraId: PARA_ID } });
  expect(errors).toEqual([]);
});

test('an operator renews the core the para holds before its deadline, and sees it renewed', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(consoleServer.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }).click();
  await page.locator('label.path-card', { hasText: 'Bulk coretime' }).click();

  const renewals = page.getByRole('region', { name: 'Your cores to renew' });
  await expect(renewals.getByText('Core 7', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(renewals.getByText('Renew now')).toBeVisible();
  await expect(renewals.getByText('6 ROC')).toBeVisible();
  await expect(renewals.getByText(/Before #4,800, in [\d,]+ blocks/)).toBeVisible();
  await renewals.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('blockspace-renewal-1-open') });

  await renewals.getByRole('button', { name: 'Renew core 7' }).click();
  const review = renewals.getByRole('region', { name: 'Review the transaction' });
  await expect(review.getByText('broker.renew (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('Renewal price')).toBeVisible();
  await page.screenshot({ path: screenshotPath('blockspace-renewal-2-review') });
  await review.getByRole('button', { name: 'Sign and renew' }).click();

  await expect(renewals.getByText('Renewed', { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(renewals.getByText('Renewed for the region starting at #4,800.')).toBeVisible();
  await expect(renewals.getByText(/Next renewal: 6\.18 ROC, before #408,000/)).toBeVisible();
  await waitForSettled(page);
  await renewals.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('blockspace-renewal-3-renewed') });

  await darkShot(browser, 'blockspace-renewal-4-dark-1024x700', 'Bulk coretime');
  expect(errors).toEqual([]);
});

test('on a runtime without auctions the path stays closed, with the runtime’s own reason', async ({ page }) => {
  test.setTimeout(180_000);
  // The same real chain without the scripted relay: its metadata has neither an auctions nor a crowdloan pallet.
  const plainConsole = await startHeadlessConsole();
  try {
    await page.goto(plainConsole.url);
    await networkAndAccount(page);
    await callApi(page, 'onboarding.update', { patch: { complete: 'network' } });
    await callApi(page, 'onboarding.update', { patch: { complete: 'prepare' } });
    await callApi(page, 'onboarding.update', { patch: { complete: 'register', step: 'blockspace' } });
    await page.reload();
    const auctionCard = page.locator('label.path-card', { hasText: 'Slot auction / crowdloan' });
    await expect(auctionCard.getByText('Not available: This runtime has no auctions pallet, so slot auctions are not offered here. This runtime has no crowdloan pallet, so crowdloans are not offered here.')).toBeVisible({ timeout: 60_000 });
    await expect(auctionCard.getByRole('radio')).toBeDisabled();
    await page.screenshot({ path: screenshotPath('blockspace-auction-0-not-offered') });
  } finally {
    await plainConsole.stop();
  }
});
