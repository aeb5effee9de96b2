import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { openOnDemandCore, passSessions, startCoretimeSales, trustValidationCode } from '../fixtures/network-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';
import { coretimeRelayBlock, freePlanckOf, passToNextSale, saleWindow, sendFromAlice, setCoretimeRelayClock } from '../fixtures/wizard-stand-ins';
import { expect, screenshotPath, startHeadlessConsole, test, type HeadlessConsole } from './headless-console';
import { screenshotWhole } from './screenshot-whole';
import { createAccountThroughUi, createVault, reviewShownPlanck, waitForSettled } from './wizard-steps';

/**
 * The onboarding wizard's modern path, as an operator walks it, on the real
 * Paseo relay and its Coretime chain (spec 1009003, from ../shared/chains,
 * under chopsticks): reserve and register a para, follow it through the PVF
 * pre-check to parathread, order an on-demand block, then buy a core in the
 * bulk sale, assign it to the para and renew it in the next sale's interlude.
 * The console is the built product (`out/main/server.js`), with no double.
 *
 * What no one does on a local chain is done by the test, as the network
 * would: the validators' pre-check votes (`trustValidationCode`), sessions
 * passing, governance opening an on-demand core and starting the coretime
 * sales, the relay clock the Coretime chain builds on moving on, and a
 * faucet's transfers. After each signature, what the chain took is compared
 * to the planck with what the review showed (its "Total needed").
 */

const missing = realChainsMissing('paseo-relay', 'paseo-coretime');
const fakeCollator = resolve('test/fixtures/fake-collator/fake-collator.mjs');
const PAS = 10_000_000_000n;
const DECIMALS = 10;
const SALE_END_PRICE_PLANCK = 5n * PAS;

let relay: RealChain;
let coretime: RealChain;
let consoleServer: HeadlessConsole & { stop(): Promise<void> };
let workDir: string;

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1024, height: 700 } });
test.skip(missing !== undefined, missing);

test.beforeAll(async () => {
  test.setTimeout(420_000);
  [relay, coretime] = await Promise.all([startRealChain('paseo-relay'), startRealChain('paseo-coretime')]);
  // Governance has put a core in the on-demand pool, and the Coretime chain's sales are running (their interlude first).
  await Promise.all([
    openOnDemandCore(relay),
    (async () => {
      await setCoretimeRelayClock(coretime, 2_000);
      await startCoretimeSales(coretime, { endPricePlanck: SALE_END_PRICE_PLANCK, extraCores: 4, interludeLength: 100, leadinLength: 400, regionLength: 10 });
    })(),
  ]);
  workDir = mkdtempSync(join(tmpdir(), 'pc-e2e-onboarding-'));
  // A plain spec whose runtime code starts with the Wasm magic bytes, as a real runtime does.
  writeFileSync(join(workDir, 'spec.json'), JSON.stringify({
    name: 'Team Parachain', id: 'team_parachain', chainType: 'Local', relay_chain: 'paseo-local', para_id: 1000,
    genesis: { runtimeGenesis: { code: `0x0061736d01000000${'ab'.repeat(2048)}`, patch: { parachainInfo: { parachainId: 1000 } } } },
  }));
  consoleServer = await startHeadlessConsole();
});

test.afterAll(async () => {
  await consoleServer?.stop();
  await Promise.all([relay?.stop(), coretime?.stop()]);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await screenshotWhole(page, 'onboarding-failed-here');
  // What the console said (a refusal's cause, a crash's stack) is kept with a failed story.
  if (testInfo.status !== testInfo.expectedStatus && consoleServer) await testInfo.attach('console-output', { body: consoleServer.output(), contentType: 'text/plain' });
});

/**
 * Signs what the review shows, waits for inclusion (or for what the step shows
 * once it is in, `done`), and checks that the account paid exactly the review's total.
 */
async function signAndCompare(page: Page, chain: RealChain, address: string, review: Locator, confirm: string, done?: Locator | string): Promise<bigint> {
  const shownPlanck = await reviewShownPlanck(review, DECIMALS);
  const before = await freePlanckOf(chain, address);
  await review.getByRole('button', { name: confirm }).click();
  // `done` is what shows once the chain has it: an element, or the call whose progress panel settles.
  if (done === undefined || typeof done === 'string') await waitForSettled(page, 90_000, done);
  else await expect(done).toBeVisible({ timeout: 90_000 });
  const paidPlanck = before - (await freePlanckOf(chain, address));
  // Soft: a mismatch is reported with the figures, and the rest of the story still runs.
  expect.soft(paidPlanck, `${confirm}: what the chain took, against what the review showed`).toBe(shownPlanck);
  return paidPlanck;
}

async function darkShot(browser: Browser | null, name: string, open: (page: Page) => Promise<void>): Promise<void> {
  const dark = await browser?.newContext({ colorScheme: 'dark', viewport: { width: 1024, height: 700 } });
  if (!dark) return;
  const page = await dark.newPage();
  await page.goto(consoleServer.url);
  await open(page);
  await page.screenshot({ path: screenshotPath(name) });
  await dark.close();
}

let address = '';
let paraId = 0;

test('an operator reserves and registers a para on the Paseo relay, and follows it to parathread', async ({ page, browser }) => {
  test.setTimeout(420_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(consoleServer.url);
  await page.screenshot({ path: screenshotPath('onboarding-0-start') });

  // a. The operator's local Paseo network through the network form: the relay and its Coretime chain.
  await page.getByRole('button', { name: '+ A local network or private RPC' }).click();
  const networkForm = page.getByRole('form', { name: 'Add a network' });
  await networkForm.getByLabel('Name').fill('Paseo local');
  await networkForm.getByLabel('Short id').fill('paseo-local');
  await networkForm.getByLabel('RPC endpoint', { exact: true }).fill(relay.wsUrl);
  await networkForm.getByLabel('Coretime chain endpoint (optional)').fill(coretime.wsUrl);
  await networkForm.getByLabel('Token').fill('PAS');
  await networkForm.getByLabel('Decimals').fill(String(DECIMALS));
  await networkForm.getByLabel('SS58 prefix').fill('0');
  await networkForm.getByRole('button', { name: 'Add the network' }).click();
  await expect(page.getByRole('button', { name: 'Connect to Paseo local' })).toBeVisible();
  await createVault(page);
  await createAccountThroughUi(page, 'Parachain manager');
  await page.getByRole('radio', { name: /Parachain manager/ }).check();
  const summary = page.locator('.signer-summary');
  address = (await summary.locator('.address').getAttribute('title')) ?? '';
  expect(address).not.toBe('');
  await page.getByRole('button', { name: 'Connect to Paseo local' }).click();
  await expect(page.getByText('connected', { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  // A faucet sends the operator funds on both chains; the console sees them arrive.
  await sendFromAlice(relay, address, 20_000n * PAS);
  await sendFromAlice(coretime, address, 5_000n * PAS);
  await expect(summary.getByText('20,000 PAS')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('onboarding-1-network-and-account') });
  await page.getByRole('button', { name: 'Continue to Prepare' }).click();

  // b. Prepare: a collator profile on the Collators page, then the genesis export, checked against the relay's limits.
  await expect(page.getByRole('heading', { name: 'Prepare', level: 2 })).toBeVisible();
  await page.getByRole('link', { name: 'Add one on the Collators page' }).click();
  await page.getByRole('button', { name: 'Add collator' }).first().click();
  const form = page.getByRole('form', { name: 'New collator' });
  await form.getByLabel('Binary path').fill(fakeCollator);
  await form.getByRole('button', { name: 'Check binary' }).click();
  await expect(form.getByText('fake-collator 1.7.0-f4ce0c011')).toBeVisible();
  await form.getByLabel('Name', { exact: true }).fill('collator-1');
  await form.getByLabel('Chain spec file').fill(join(workDir, 'spec.json'));
  await form.getByLabel('Base path').fill(join(workDir, 'base', 'collator-1'));
  await form.getByLabel('Relay chain name or spec').fill('paseo-local');
  await form.getByRole('button', { name: 'Add collator' }).click();
  await expect(form).toBeHidden();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }).click();
  await expect(page.getByRole('heading', { name: 'Prepare', level: 2 })).toBeVisible();
  await page.getByRole('radio', { name: /collator-1/ }).click();
  const nextFree = Number((await relay.query('registrar', 'nextFreeParaId')).toString());
  await page.getByRole('button', { name: 'Export genesis' }).click();
  await expect(page.getByText('Wasm', { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('Deposits ahead')).toBeVisible();
  await expect(page.getByText(/code 300 KiB of at most [\d.]+ MiB/)).toBeVisible();
  await screenshotWhole(page, 'onboarding-2-prepare-exported');
  await page.getByRole('button', { name: 'Continue to Register' }).click();

  // c. Register: reserve (the deposit and fee the chain takes are the review's), register, then the pre-check.
  const review = page.getByRole('region', { name: 'Review the transaction' });
  await expect(review.getByText('registrar.reserve')).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('Total needed')).toBeVisible({ timeout: 60_000 });
  await screenshotWhole(page, 'onboarding-3-register-reserve-review');
  // Once the reserve is in a block the chain shows the id held by this account, and the step moves on.
  await signAndCompare(page, relay, address, review, 'Sign and reserve', page.getByRole('heading', { name: `Register para ${nextFree}`, exact: true }));
  paraId = nextFree;

  // The renderer restarts mid-way (a reload): the wizard resumes from the main process at the same place.
  await page.reload();
  await expect(page.getByRole('heading', { name: `Register para ${paraId}`, exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('registrar.register')).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('Total needed')).toBeVisible({ timeout: 60_000 });
  await screenshotWhole(page, 'onboarding-4-register-review');
  await signAndCompare(page, relay, address, review, 'Sign and register', page.getByRole('heading', { name: `Para ${paraId}: Onboarding` }));
  await screenshotWhole(page, 'onboarding-5-pvf-precheck');

  // The validators accept the code (governance trusts it here), and two sessions pass.
  const code = await registeredCode(relay, paraId);
  expect(code).toMatch(/^0x0061736d/);
  await trustValidationCode(relay, code);
  await passSessions(relay, 2);
  await expect(page.getByRole('heading', { name: `Para ${paraId}: Parathread` })).toBeVisible({ timeout: 90_000 });
  await screenshotWhole(page, 'onboarding-6-parathread');
  await darkShot(browser, 'onboarding-6b-parathread-dark-1024x700', async (dark) => {
    await expect(dark.getByRole('heading', { name: `Para ${paraId}: Parathread` })).toBeVisible({ timeout: 60_000 });
  });
  await page.getByRole('button', { name: 'Continue to Blockspace' }).click();
  expect(errors).toEqual([]);
});

test('the operator orders one on-demand block at the spot price the review showed', async ({ page }) => {
  test.setTimeout(240_000);
  test.skip(paraId === 0, 'the para was not registered');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(consoleServer.url);
  await expect(page.getByRole('heading', { name: 'Blockspace', level: 2 })).toBeVisible({ timeout: 60_000 });
  await page.locator('label.path-card', { hasText: 'On-demand' }).click();
  await expect(page.getByRole('heading', { name: 'On-demand blocks' })).toBeVisible({ timeout: 60_000 });
  await screenshotWhole(page, 'onboarding-7-blockspace-on-demand');
  await page.getByLabel('Max price for one block (PAS)').fill('2');
  await page.getByRole('button', { name: 'Review the order' }).click();
  const review = page.getByRole('region', { name: 'Review the transaction' });
  await expect(review.getByText(/onDemand\.placeOrder/)).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('Total needed')).toBeVisible({ timeout: 60_000 });
  await screenshotWhole(page, 'onboarding-7b-on-demand-review');
  const headBefore = await relay.head();
  await signAndCompare(page, relay, address, review, 'Sign and order');
  // The relay took the order for this para.
  const placed = await eventsSince(relay, headBefore, 'onDemand', 'OnDemandOrderPlaced');
  expect(placed.map((data) => Number(data[0]))).toContain(paraId);
  await screenshotWhole(page, 'onboarding-7c-on-demand-ordered');
  expect(errors).toEqual([]);
});

test('the operator buys a core in the bulk sale, assigns it to the para for good, and renews it in the next interlude', async ({ page, browser }) => {
  test.setTimeout(360_000);
  test.skip(paraId === 0, 'the para was not registered');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // The sale's lead-in has passed: the price is the sale's end price until it ends.
  const sale = await saleWindow(coretime);
  await setCoretimeRelayClock(coretime, Math.max(await coretimeRelayBlock(coretime), sale.saleStartBlock + sale.leadinLengthBlocks + 10));
  // One ordinary block on top, so the head the console signs against is one chopsticks' own builder goes on from.
  await coretime.newBlocks();
  await page.goto(consoleServer.url);
  await expect(page.getByRole('heading', { name: 'Blockspace', level: 2 })).toBeVisible({ timeout: 60_000 });
  // The network has a Coretime chain, so the bulk path is offered.
  const bulkCard = page.locator('label.path-card', { hasText: 'Bulk coretime' });
  await expect(bulkCard.getByRole('radio')).toBeEnabled({ timeout: 60_000 });
  await bulkCard.click();
  await expect(page.getByRole('figure', { name: /Coretime price from/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Fixed price until the sale ends')).toBeVisible({ timeout: 60_000 });
  await screenshotWhole(page, 'onboarding-8-blockspace-bulk');

  // Buy: the price paid is the review's.
  await page.getByRole('button', { name: 'Review the purchase' }).click();
  const review = page.getByRole('region', { name: 'Review the transaction' });
  await expect(review.getByText('broker.purchase')).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('Total needed')).toBeVisible({ timeout: 60_000 });
  await screenshotWhole(page, 'onboarding-8b-bulk-purchase-review');
  const headBefore = await coretime.head();
  await signAndCompare(page, coretime, address, review, 'Sign and buy', 'broker.purchase');
  const purchased = await eventsSince(coretime, headBefore, 'broker', 'Purchased');
  expect(purchased).toHaveLength(1);
  const region = (purchased[0]?.[1] as { toJSON(): { begin: number; core: number } }).toJSON();

  // Assign it to the para, final: the console fills in the core from the region the account now owns, the purchase event's.
  await expect(page.getByLabel('Core bought')).toHaveValue(String(region.core), { timeout: 60_000 });
  await page.getByRole('radio', { name: 'Final' }).check();
  await page.getByRole('button', { name: 'Review the assignment' }).click();
  await expect(review.getByText('broker.assign')).toBeVisible({ timeout: 60_000 });
  await screenshotWhole(page, 'onboarding-8c-bulk-assign-review');
  await review.getByRole('button', { name: 'Sign and assign' }).click();
  await waitForSettled(page, 90_000, 'broker.assign');
  const renewal = (await coretime.query('broker', 'potentialRenewals', { core: region.core, when: sale.regionEndTimeslice })).toJSON();
  expect(renewal, 'a final assignment of a whole core earns its renewal').not.toBeNull();
  await screenshotWhole(page, 'onboarding-8d-bulk-assigned');

  // The region begins and the next sale opens with its interlude: the core is due for renewal, at the price the review shows.
  await passToNextSale(coretime);
  await page.reload();
  await page.locator('label.path-card', { hasText: 'Bulk coretime' }).click();
  const renewals = page.getByRole('region', { name: 'Your cores to renew' });
  await expect(renewals.getByText(`Core ${region.core}`, { exact: true })).toBeVisible({ timeout: 90_000 });
  await renewals.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('onboarding-9-renewal-open') });
  await renewals.getByRole('button', { name: `Renew core ${region.core}` }).click();
  const renewReview = renewals.getByRole('region', { name: 'Review the transaction' });
  await expect(renewReview.getByText('broker.renew')).toBeVisible({ timeout: 60_000 });
  await expect(renewReview.getByText('Total needed')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('onboarding-9b-renewal-review') });
  await signAndCompare(page, coretime, address, renewReview, 'Sign and renew', 'broker.renew');
  await expect(renewals.getByText('Renewed', { exact: true })).toBeVisible({ timeout: 90_000 });
  await renewals.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('onboarding-9c-renewed') });
  await darkShot(browser, 'onboarding-9d-bulk-dark-1024x700', async (dark) => {
    await dark.locator('label.path-card', { hasText: 'Bulk coretime' }).click();
    await expect(dark.getByRole('region', { name: 'Your cores to renew' })).toBeVisible({ timeout: 60_000 });
  });
  await page.getByRole('button', { name: 'Continue to Collators' }).click();
  await screenshotWhole(page, 'onboarding-10-collators');
  expect(errors).toEqual([]);
});

/** The data of every `section.method` event in the blocks after `fromHead`. */
async function eventsSince(chain: RealChain, fromHead: number, section: string, method: string): Promise<Array<Array<{ toString(): string }>>> {
  const found: Array<Array<{ toString(): string }>> = [];
  const head = await chain.head();
  for (let number = fromHead + 1; number <= head; number++) {
    const hash = await chain.api.rpc.chain.getBlockHash(number);
    const events = (await (await chain.api.at(hash)).query['system']?.['events']?.()) as unknown as Array<{ event: { section: string; method: string; data: Array<{ toString(): string }> } }> | undefined;
    for (const { event } of events ?? []) if (event.section === section && event.method === method) found.push(event.data);
  }
  return found;
}

/** The validation code the console registered for `paraId`, read from its `registrar.register` extrinsic in the chain's recent blocks. */
async function registeredCode(chain: RealChain, para: number): Promise<`0x${string}`> {
  const head = await chain.head();
  for (let number = head; number > Math.max(0, head - 20); number--) {
    const block = await chain.api.rpc.chain.getBlock(await chain.api.rpc.chain.getBlockHash(number));
    for (const extrinsic of block.block.extrinsics) {
      const { section, method, args } = extrinsic.method;
      if (section === 'registrar' && method === 'register' && Number(args[0]?.toString()) === para) return args[2]?.toHex() ?? '0x';
    }
  }
  throw new Error(`no registrar.register of para ${para} in the last 20 blocks`);
}
