import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';
import { expect, screenshotPath, test } from './headless-console';
import { createAccountThroughUi } from './wizard-steps';

/**
 * The review before signing, on the real Paseo relay 1009003 (its runtime
 * offers DryRunApi): besides the fee it shows what the transfer moves, read
 * from the runtime's own dry run and said so.
 */

const PASSPHRASE = 'correct horse battery staple';
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
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(consoleServer.url);

  await page.getByRole('link', { name: 'Onboarding' }).click();
  await page.getByRole('button', { name: '+ A local network or private RPC' }).click();
  const form = page.getByRole('form', { name: 'Add a network' });
  await form.getByLabel('Name').fill('Local Paseo');
  await form.getByLabel('Short id').fill('local-paseo');
  await form.getByLabel('RPC endpoint').fill(chain.wsUrl);
  await form.getByLabel('Token').fill('PAS');
  await form.getByLabel('Decimals').fill('10');
  await form.getByLabel('SS58 prefix').fill('0');
  await form.getByRole('button', { name: 'Add the network' }).click();
  await expect(page.getByRole('radio', { name: /Local Paseo/ })).toBeChecked();

  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type it again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await createAccountThroughUi(page, 'Operator', { openButton: 'Create a new account' });
  const row = page.getByRole('row').filter({ hasText: 'Operator' });
  await expect(row).toBeVisible();
  const address = (await row.locator('.address').getAttribute('title')) ?? '';
  await chain.setStorage({ System: { Account: [[[address], { providers: 1, data: { free: '1000000000000000' } }]] } });
  await chain.newBlocks();

  await page.getByRole('button', { name: 'Connect to Local Paseo' }).click();
  await expect(row.getByText('100,000 PAS')).toBeVisible({ timeout: 60_000 });
  await row.getByRole('button', { name: 'Send from Operator' }).click();
  await page.getByLabel('To', { exact: true }).fill(chain.alice.address);
  await page.getByLabel('Amount (PAS)').fill('12.5');
  await page.getByRole('button', { name: 'Review' }).click();

  const review = page.getByRole('region', { name: 'Review the transaction' });
  const sent = review.locator('[data-effect="transferred"]');
  await expect(sent).toBeVisible({ timeout: 90_000 });
  await expect(sent).toHaveAttribute('data-source', 'dry-run');
  await expect(sent).toContainText('12.5 PAS');
  await expect(sent).toContainText("from the runtime's dry run");
  await expect(review.getByText('A dry run on the current chain state succeeded.')).toBeVisible();
  await expect(review.getByText('covers it')).toBeVisible();
  await page.screenshot({ path: screenshotPath('tx-review-1-effects-from-dry-run'), fullPage: true });
});
