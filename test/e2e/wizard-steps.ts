import type { Page } from '@playwright/test';
import { expect, screenshotPath, startHeadlessConsole } from './headless-console';

/**
 * Steps several e2e stories take the same way through the real screens.
 * Kept in one place so a change of wording on a screen is one edit here.
 */

/** Creates a console account: the words are shown once, then the asked ones typed back. */
export async function createAccountThroughUi(page: Page, name: string, options: { openButton?: string; shot?: string } = {}): Promise<void> {
  await page.getByRole('button', { name: options.openButton ?? 'Create an account' }).click();
  await page.getByLabel('Account name').fill(name);
  await page.getByRole('button', { name: 'Create the account' }).click();
  const grid = page.getByRole('list', { name: 'Recovery words' });
  await expect(grid).toBeVisible();
  const words = await grid.locator('.mono').allTextContents();
  expect(words).toHaveLength(12);
  if (options.shot) await page.screenshot({ path: screenshotPath(options.shot) });
  await page.getByRole('button', { name: 'I wrote them down' }).click();
  const asked = page.getByRole('textbox', { name: /^Word \d+$/ });
  await expect(asked.first()).toBeVisible();
  for (const input of await asked.all()) {
    const label = await input.evaluate((element) => element.closest('label')?.querySelector('.field-label')?.textContent ?? '');
    await input.fill(words[Number(label.replace('Word ', '')) - 1] ?? '');
  }
  await page.getByRole('button', { name: 'Save the account' }).click();
}

/** Step a: a local network on the chopsticks node ("Local hub", ROC), then the vault's passphrase chosen. */
export async function addLocalHubAndVault(page: Page, wsUrl: string): Promise<void> {
  await page.getByRole('button', { name: '+ A local network or private RPC' }).click();
  const networkForm = page.getByRole('form', { name: 'Add a network' });
  await networkForm.getByLabel('Name').fill('Local hub');
  await networkForm.getByLabel('Short id').fill('local-hub');
  await networkForm.getByLabel('RPC endpoint').fill(wsUrl);
  await networkForm.getByLabel('Token').fill('ROC');
  await networkForm.getByRole('button', { name: 'Add the network' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByLabel('Type it again').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create the vault' }).click();
}

/** The headless console with the test-only switches (scripted relay and the like) set for it alone. */
export async function startConsoleWith(env: Record<string, string>, dataDir?: string): ReturnType<typeof startHeadlessConsole> {
  const previous = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await startHeadlessConsole(dataDir);
  } finally {
    process.env = previous;
  }
}
