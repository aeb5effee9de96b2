import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshotPath, test } from './headless-console';
import { createAccountThroughUi } from './wizard-steps';

/**
 * The review before signing, on real relay runtimes: on Paseo 1009003 (its
 * runtime offers DryRunApi) it shows what the transfer moves, read from the
 * runtime's own dry run and said so; on Rococo 9430 (no DryRunApi, only
 * `system_dryRun` of signed bytes) it says the transaction is checked when
 * signed and that the amounts are the console's estimate.
 */

const PASSPHRASE = 'correct horse battery staple';

interface Network { name: string; id: string; symbol: string; decimals: number; ss58Prefix: number }

/** Adds the chain as a local network, creates the vault and an account, funds it with 100,000 tokens, and opens the review of a transfer of 12.5. */
async function openTransferReview(page: Page, chain: RealChain, network: Network): Promise<Locator> {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('link', { name: 'Onboarding' }).click();
  await page.getByRole('button', { name: '+ A local network or private RPC' }).click();
  const form = page.getByRole('form', { name: 'Add a network' });
  await form.getByLabel('Name').fill(network.name);
  await form.getByLabel('Short id').fill(network.id);
  await form.getByLabel('RPC endpoint').fill(chain.wsUrl);
  await form.getByLabel('Token').fill(network.symbol);
  await form.getByLabel('Decimals').fill(String(network.decimals));
  await form.getByLabel('SS58 prefix').fill(String(network.ss58Prefix));
  await form.getByRole('button', { name: 'Add the network' }).click();
  await expect(page.getByRole('radio', { name: new RegExp(network.name) })).toBeChecked();

  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type it again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await createAccountThroughUi(page, 'Operator', { openButton: 'Create a new account' });
  const row = page.getByRole('row').filter({ hasText: 'Operator' });
  await expect(row).toBeVisible();
  const address = (await row.locator('.address').getAttribute('title')) ?? '';
  await chain.setStorage({ System: { Account: [[[address], { providers: 1, data: { free: (100_000n * 10n ** BigInt(network.decimals)).toString() } }]] } });
  await chain.newBlocks();

  await page.getByRole('button', { name: `Connect to ${network.name}` }).click();
  await expect(row.getByText(`100,000 ${network.symbol}`)).toBeVisible({ timeout: 60_000 });
  await row.getByRole('button', { name: 'Send from Operator' }).click();
  await page.getByLabel('To', { exact: true }).fill(chain.alice.address);
  await page.getByLabel(`Amount (${network.symbol})`).fill('12.5');
  await page.getByRole('button', { name: 'Review' }).click();
  const review = page.getByRole('region', { name: 'Review the transaction' });
  // The estimate (fee, dry run, effects) or its error; a screenshot either way, so a failure shows what the operator saw.
  await expect(review.locator('.tx-dry-run, [role="alert"]').first()).toBeVisible({ timeout: 120_000 }).finally(() => page.screenshot({ path: screenshotPath(`tx-review-${network.id}-estimate`), fullPage: true }));
  return review;
}

test.describe('on the Paseo relay 1009003 (DryRunApi)', () => {
  const missing = realChainsMissing('paseo-relay');
  let chain: RealChain;
  test.beforeAll(async () => {
    test.skip(missing !== undefined, missing);
    test.setTimeout(240_000);
    chain = await startRealChain('paseo-relay');
    // At the genesis block the runtime records no events: one block first, as on any live chain.
    await chain.newBlocks();
  });
  test.afterAll(async () => {
    await chain?.stop();
  });

  test('the review of a transfer shows the amount sent from the runtime\'s dry run, beside the fee', async ({ page, consoleServer }) => {
    test.setTimeout(240_000);
    await page.goto(consoleServer.url);
    const review = await openTransferReview(page, chain, { name: 'Local Paseo', id: 'local-paseo', symbol: 'PAS', decimals: 10, ss58Prefix: 0 });
    const sent = review.locator('[data-effect="transferred"]');
    await expect(sent).toBeVisible({ timeout: 90_000 });
    await expect(sent).toHaveAttribute('data-source', 'dry-run');
    await expect(sent).toContainText('12.5 PAS');
    await expect(sent).toContainText("from the runtime's dry run");
    await expect(review.getByText('A dry run on the current chain state succeeded.')).toBeVisible();
    await expect(review.getByText('covers it')).toBeVisible();
    await page.screenshot({ path: screenshotPath('tx-review-1-effects-from-dry-run'), fullPage: true });
  });
});

test.describe('on Rococo 9430 (system_dryRun of signed bytes only)', () => {
  const missing = realChainsMissing('rococo-9430-relay');
  let chain: RealChain;
  test.beforeAll(async () => {
    test.skip(missing !== undefined, missing);
    test.setTimeout(240_000);
    chain = await startRealChain('rococo-9430-relay');
  });
  test.afterAll(async () => {
    await chain?.stop();
  });

  test('the review says the transfer is checked when signed and that the amount is the console\'s estimate', async ({ page, consoleServer }) => {
    test.setTimeout(240_000);
    await page.goto(consoleServer.url);
    const review = await openTransferReview(page, chain, { name: 'Local Rococo', id: 'local-rococo', symbol: 'ROC', decimals: 12, ss58Prefix: 42 });
    await expect(review.getByText('Network fee')).toBeVisible({ timeout: 120_000 });
    // The send form's own figure stands: no dry run here reports events, so it is labelled an estimate.
    await expect(review.getByText('Amount sent')).toBeVisible();
    await expect(review.getByText('estimate', { exact: true })).toBeVisible();
    await expect(review.getByText(/^Checked when signed/)).toBeVisible();
    await expect(review.getByText('offers no dry run')).toHaveCount(0);
    await page.screenshot({ path: screenshotPath('tx-review-2-checked-when-signed'), fullPage: true });
  });
});
