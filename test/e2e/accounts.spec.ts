import { startChopsticksNode, type ChopsticksNode } from '../fixtures/chopsticks-node';
import { expect, screenshotPath, test } from './headless-console';
import { createAccountThroughUi } from './wizard-steps';

const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const PASSPHRASE = 'correct horse battery staple';

let chain: ChopsticksNode;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  chain = await startChopsticksNode();
});
test.afterAll(async () => {
  await chain?.stop();
});

test('an operator creates a key, sees its balance on a real chain and sends a transfer into a block', async ({ page, consoleServer }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(consoleServer.url);

  // A local network: the real Rococo Asset Hub runtime under chopsticks.
  await page.getByRole('link', { name: 'Onboarding' }).click();
  await page.getByRole('button', { name: '+ A local network or private RPC' }).click();
  const form = page.getByRole('form', { name: 'Add a network' });
  await form.getByLabel('Name').fill('Local hub');
  await form.getByLabel('Short id').fill('local-hub');
  await form.getByLabel('RPC endpoint').fill(chain.wsUrl);
  await form.getByLabel('Token').fill('ROC');
  await form.getByRole('button', { name: 'Add the network' }).click();
  await expect(page.getByRole('radio', { name: /Local hub/ })).toBeChecked();

  await page.getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a passphrase for the key vault' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('accounts-1-first-passphrase') });
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type it again').fill('something else');
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The two passphrases differ' })).toBeVisible();
  await page.getByLabel('Type it again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the vault' }).click();

  await createAccountThroughUi(page, 'Parachain manager', { openButton: 'Create a new account', shot: 'accounts-2-words-shown-once' });
  const row = page.getByRole('row').filter({ hasText: 'Parachain manager' });
  await expect(row).toBeVisible();
  const address = await row.locator('.address').getAttribute('title');
  expect(address).toMatch(/^5/);

  // Test funds through chopsticks' dev storage, before the console reads the account.
  await chain.fund([{ address: address ?? '', freePlanck: 1_000_000_000_000_000n }]);
  await chain.newBlock();
  await page.getByRole('button', { name: 'Connect to Local hub' }).click();
  await expect(page.getByText('connected', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(row.getByText('1,000 ROC')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('accounts-3-list-with-balance') });

  // Bad input is explained before anything is signed.
  await row.getByRole('button', { name: 'Send from Parachain manager' }).click();
  await page.getByLabel('To').fill(BOB.slice(0, -2) + 'xx');
  await page.getByLabel('Amount (ROC)').fill('1.0000000000001');
  await expect(page.getByText('not a valid SS58 address')).toBeVisible();
  await expect(page.getByText('ROC has 12 decimals')).toBeVisible();
  await page.screenshot({ path: screenshotPath('accounts-4-send-bad-input') });
  await page.getByLabel('To').fill(BOB);
  await page.getByLabel('Amount (ROC)').fill('1.5');
  await page.getByRole('button', { name: 'Review' }).click();

  const review = page.getByRole('region', { name: 'Review the transaction' });
  await expect(review.getByText('balances.transferKeepAlive', { exact: false })).toBeVisible({ timeout: 60_000 });
  await expect(review.getByText('covers it')).toBeVisible();
  await page.screenshot({ path: screenshotPath('accounts-5-review-fee') });
  await review.getByRole('button', { name: 'Sign and submit' }).click();

  const progress = page.getByRole('region', { name: 'Transaction progress' });
  await expect(progress.locator('[data-phase="in-block"], [data-phase="finalized"]')).toBeVisible({ timeout: 90_000 });
  await expect(progress.locator('.tx-events')).toContainText('balances.Transfer');
  await page.screenshot({ path: screenshotPath('accounts-6-in-block') });

  // Export a backup: a polkadot-js JSON file downloads.
  await row.getByRole('button', { name: 'Export a backup of Parachain manager' }).click();
  // The backup holds the whole key: the vault asks for its own passphrase again.
  await page.getByLabel('Vault passphrase').fill(PASSPHRASE);
  await page.getByLabel('Password for the backup file').fill('short');
  await page.getByRole('button', { name: 'Download the backup' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('accounts-7-export-short-password') });
  await page.getByLabel('Password for the backup file').fill('a long backup password');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the backup' }).click();
  const backup = await download;
  expect(backup.suggestedFilename()).toMatch(/\.json$/);
  const backupPath = test.info().outputPath(backup.suggestedFilename());
  await backup.saveAs(backupPath);

  // Remove the key, then bring it back from the backup with its password.
  await row.getByRole('button', { name: 'Remove Parachain manager' }).click();
  await page.getByRole('button', { name: 'Remove the key' }).click();
  await expect(page.getByText('No account yet')).toBeVisible();
  await page.getByRole('button', { name: 'Import words, seed or backup' }).click();
  await page.getByText('JSON backup', { exact: true }).click();
  await page.getByLabel('Backup file').setInputFiles(backupPath);
  await page.getByLabel('Backup password').fill('not the password');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Import an account' }).getByRole('alert')).toBeVisible();
  await page.screenshot({ path: screenshotPath('accounts-9-import-wrong-password') });
  await page.getByLabel('Backup password').fill('a long backup password');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('row').filter({ hasText: address?.slice(0, 6) ?? '' })).toBeVisible();

  // Locked, the vault asks for its passphrase again and refuses a wrong one in plain words.
  await page.getByRole('button', { name: 'Lock the vault' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill('wrong passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('accounts-10-wrong-passphrase') });
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts in this console' })).toBeVisible();

  expect(errors).toEqual([]);
});
