import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startChopsticksNode, type ChopsticksNode } from '../fixtures/chopsticks-node';
import { expect, screenshotPath, test, type HeadlessConsole } from './headless-console';
import { addLocalHubAndVault, createAccountThroughUi, startConsoleWith } from './wizard-steps';

/**
 * The whole onboarding wizard, as an operator walks it. The generic parts are
 * real: the key vault, balances, fees, signing and inclusion run against the
 * Rococo Asset Hub runtime under chopsticks, and the collator is the fake
 * collator CLI under the real supervisor. No relay chain can run here, so the
 * relay's registrar, paras lifecycle, on-demand queue and coretime sale come
 * from the scripted relay (`PARACHAIN_CONSOLE_SCRIPTED_RELAY=1`), whose
 * transactions are sent to the real chain as remarks.
 */

const fakeCollator = resolve('test/fixtures/fake-collator/fake-collator.mjs');
let chain: ChopsticksNode;
let consoleServer: HeadlessConsole & { stop(): Promise<void> };
let workDir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  chain = await startChopsticksNode();
  workDir = mkdtempSync(join(tmpdir(), 'pc-e2e-onboarding-'));
  // A plain spec whose runtime code starts with the Wasm magic bytes, as a real runtime does.
  writeFileSync(join(workDir, 'spec.json'), JSON.stringify({
    name: 'Team Parachain', id: 'team_parachain', chainType: 'Local', relay_chain: 'rococo-local', para_id: 1000,
    genesis: { runtimeGenesis: { code: `0x0061736d01000000${'ab'.repeat(2048)}`, patch: { parachainInfo: { parachainId: 1000 } } } },
  }));
  consoleServer = await startConsoleWith({ PARACHAIN_CONSOLE_SCRIPTED_RELAY: '1', PARACHAIN_CONSOLE_SCRIPTED_PARACHAIN_WS: chain.wsUrl });
});

test.afterAll(async () => {
  await consoleServer?.stop();
  await chain?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function waitForSettled(page: Page): Promise<void> {
  const progress = page.getByRole('region', { name: 'Transaction progress' }).last();
  await expect(progress.locator('[data-phase="in-block"], [data-phase="finalized"], [data-phase="already-done"]')).toBeVisible({ timeout: 90_000 });
}

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await page.screenshot({ path: screenshotPath('onboarding-failed-here'), fullPage: true });
});

test('an operator goes from nothing to a parachain with blockspace and a running collator', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(consoleServer.url);
  await page.screenshot({ path: screenshotPath('onboarding-0-start') });

  // a. Network and account.
  await addLocalHubAndVault(page, chain.wsUrl);
  await createAccountThroughUi(page, 'Parachain manager');
  await page.getByRole('radio', { name: /Parachain manager/ }).check();
  const summary = page.locator('.signer-summary');
  const address = await summary.locator('.address').getAttribute('title');
  await expect(summary.getByText('Connect to see the balance.')).toBeVisible();
  // Test funds through chopsticks' dev storage, before the console reads the account.
  await chain.fund([{ address: address ?? '', freePlanck: 10_000_000_000_000_000n }]);
  await chain.newBlock();
  await page.getByRole('button', { name: 'Connect to Local hub' }).click();
  await expect(page.getByText('connected', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(summary.getByText('10,000 ROC')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('onboarding-1-network-and-account') });
  await page.getByRole('button', { name: 'Continue to Prepare' }).click();

  // b. Prepare: a collator profile on the Collators page, then the genesis export.
  await expect(page.getByRole('heading', { name: 'Prepare', level: 2 })).toBeVisible();
  await page.screenshot({ path: screenshotPath('onboarding-2-prepare-no-profile') });
  await page.getByRole('link', { name: 'Add one on the Collators page' }).click();
  await page.getByRole('button', { name: 'Add collator' }).first().click();
  const form = page.getByRole('form', { name: 'New collator' });
  await form.getByLabel('Binary path').fill(fakeCollator);
  await form.getByRole('button', { name: 'Check binary' }).click();
  await expect(form.getByText('fake-collator 1.7.0-f4ce0c011')).toBeVisible();
  await form.getByLabel('Name', { exact: true }).fill('collator-1');
  await form.getByLabel('Chain spec file').fill(join(workDir, 'spec.json'));
  await form.getByLabel('Base path').fill(join(workDir, 'base', 'collator-1'));
  await form.getByLabel('Relay chain name or spec').fill('rococo-local');
  await form.getByRole('button', { name: 'Add collator' }).click();
  await expect(form).toBeHidden();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }).click();
  await expect(page.getByRole('heading', { name: 'Prepare', level: 2 })).toBeVisible(); // resumed where it stopped
  await page.getByRole('radio', { name: /collator-1/ }).click();
  await expect(page.getByRole('radio', { name: /collator-1/ })).toBeChecked();
  await expect(page.getByLabel('Para id')).toHaveAttribute('placeholder', '4242');
  await page.getByRole('button', { name: 'Export genesis' }).click();
  await expect(page.getByText('Wasm', { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('Deposits ahead')).toBeVisible();
  await expect(page.getByText(/code 300 KiB of at most 3\.0 MiB/)).toBeVisible();
  await page.screenshot({ path: screenshotPath('onboarding-3-prepare-exported') });
  await page.getByRole('button', { name: 'Continue to Register' }).click();

  // c. Register: reserve, register, follow onboarding to parathread.
  const review = page.getByRole('region', { name: 'Review the transaction' });
  await expect(review.getByText('registrar.reserve (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('Para deposit', { exact: true })).toBeVisible();
  await expect(review.getByText('Total needed')).toBeVisible();
  await page.screenshot({ path: screenshotPath('onboarding-4-register-reserve-review') });
  await review.getByRole('button', { name: 'Sign and reserve' }).click();
  // Once the reserve is in a block the chain shows the id held by this account, and the step moves on.
  await expect(page.getByRole('heading', { name: 'Register para 4242', exact: true })).toBeVisible({ timeout: 60_000 });

  // The renderer restarts mid-way (a reload): the wizard resumes from the main process at the same place.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Register para 4242', exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('registrar.register (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('Register deposit', { exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath('onboarding-5-register-review') });
  await review.getByRole('button', { name: 'Sign and register' }).click();
  await expect(page.getByRole('heading', { name: 'Para 4242: Onboarding' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('meter', { name: 'Accepting votes' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('onboarding-6-pvf-precheck') });
  await expect(page.getByText('accepted', { exact: true })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: screenshotPath('onboarding-6b-queued-for-parathread') });
  await expect(page.getByRole('heading', { name: 'Para 4242: Parathread' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue to Blockspace' }).click();

  // d. Blockspace: the sale with its price curve, then one on-demand block and an order policy.
  await page.locator('label.path-card', { hasText: 'Bulk coretime' }).click();
  await expect(page.getByRole('figure', { name: /Coretime price from/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('onboarding-7-blockspace-bulk') });
  await page.getByLabel('Core bought').fill('11');
  await page.getByRole('button', { name: 'Review the assignment' }).click();
  await expect(review.getByText('broker.assign (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await review.getByRole('button', { name: 'Sign and assign' }).click();
  await waitForSettled(page);
  await page.screenshot({ path: screenshotPath('onboarding-7b-blockspace-assigned'), fullPage: true });
  await page.locator('label.path-card', { hasText: 'On-demand' }).click();
  await page.getByLabel('Max price for one block (ROC)').fill('2');
  await page.getByRole('button', { name: 'Review the order' }).click();
  await expect(review.getByText('onDemand.placeOrderKeepAlive (scripted relay)')).toBeVisible({ timeout: 60_000 });
  await review.getByRole('button', { name: 'Sign and order' }).click();
  await waitForSettled(page);
  await page.getByLabel('Order a block by itself when a collator needs one').check();
  await page.getByLabel('Max price per block (ROC)').fill('2');
  await page.getByLabel('Daily budget (ROC)').fill('1');
  await expect(page.getByText('The daily budget must cover at least one order')).toBeVisible();
  await page.getByLabel('Daily budget (ROC)').fill('50');
  await page.getByRole('button', { name: 'Save the policy' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.screenshot({ path: screenshotPath('onboarding-8-blockspace-on-demand'), fullPage: true });
  await page.getByRole('button', { name: 'Continue to Collators' }).click();

  // e. Collators: start, keys, connect, session.setKeys on the (real) chain standing in for the parachain.
  const setup = page.getByRole('region', { name: 'Set up collator-1' });
  await setup.getByRole('button', { name: 'Start' }).click();
  await expect(setup.getByText('running', { exact: true })).toBeVisible({ timeout: 60_000 });
  await setup.getByRole('button', { name: 'Generate' }).click();
  await expect(setup.locator('.session-keys')).toBeVisible();
  await setup.getByRole('button', { name: 'Connect' }).click();
  await expect(setup.getByRole('region', { name: 'Review the transaction' }).getByText('session.setKeys')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('onboarding-9-collators-set-keys') });
  await setup.getByRole('button', { name: 'Sign and set keys' }).click();
  const keysProgress = setup.getByRole('region', { name: 'Transaction progress' });
  await expect(keysProgress.locator('[data-phase="in-block"], [data-phase="finalized"], [data-phase="failed"]')).toBeVisible({ timeout: 90_000 });
  await page.screenshot({ path: screenshotPath('onboarding-10-collators-keys-sent'), fullPage: true });
  await page.getByRole('button', { name: 'Finish' }).click();

  // f. Done, and the Parachains screen.
  await expect(page.getByRole('heading', { name: /Para 4242 is set up on Local hub/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('onboarding-11-done') });
  await page.getByRole('link', { name: 'Open Parachains' }).click();
  const card = page.getByRole('article', { name: 'Para 4242' });
  await expect(card.getByText('Parathread')).toBeVisible();
  await expect(card.getByText(/in #\d+/)).toBeVisible();
  // The overview above the cards (the collator's own chain spec names para 1000) reads its lifecycle from the relay's live read model.
  await expect(page.getByRole('article', { name: 'Parachain 1000' }).getByText('Not reserved', { exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath('parachains-1-after-onboarding') });

  // The same screens at 1024×700 in dark mode.
  const dark = await page.context().browser()?.newContext({ colorScheme: 'dark', viewport: { width: 1024, height: 700 } });
  if (dark) {
    const darkPage = await dark.newPage();
    await darkPage.goto(consoleServer.url);
    await darkPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Parachains' }).click();
    await expect(darkPage.getByRole('article', { name: 'Para 4242' })).toBeVisible();
    await darkPage.screenshot({ path: screenshotPath('parachains-2-dark-1024x700') });
    await darkPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }).click();
    await darkPage.getByRole('button', { name: /Blockspace/ }).click();
    await darkPage.locator('label.path-card', { hasText: 'Bulk coretime' }).click();
    await darkPage.screenshot({ path: screenshotPath('onboarding-12-blockspace-dark-1024x700') });
    await darkPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
    await darkPage.screenshot({ path: screenshotPath('accounts-8-dark-1024x700') });
    await dark.close();
  }
  expect(errors).toEqual([]);
});
