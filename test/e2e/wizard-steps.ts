import type { Locator, Page } from '@playwright/test';
import { expect, screenshotPath } from './headless-console';

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

/** A local network or private RPC through the network step's form (relay only); the step selects it. */
export async function addNetworkThroughUi(page: Page, network: { name: string; id: string; wsUrl: string; token: string }): Promise<void> {
  await page.getByRole('button', { name: '+ A local network or private RPC' }).click();
  const networkForm = page.getByRole('form', { name: 'Add a network' });
  await networkForm.getByLabel('Name').fill(network.name);
  await networkForm.getByLabel('Short id').fill(network.id);
  await networkForm.getByLabel('RPC endpoint').fill(network.wsUrl);
  await networkForm.getByLabel('Token').fill(network.token);
  await networkForm.getByRole('button', { name: 'Add the network' }).click();
}

/** Step a: a local network on the chopsticks node ("Local hub", ROC), then the vault's passphrase chosen. */
export async function addLocalHubAndVault(page: Page, wsUrl: string): Promise<void> {
  await addNetworkThroughUi(page, { name: 'Local hub', id: 'local-hub', wsUrl, token: 'ROC' });
  await createVault(page);
}

/** One contract call over the page's own authenticated socket, as the renderer makes it. */
export async function callApi(page: Page, name: string, input: unknown): Promise<unknown> {
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

/** The vault's passphrase chosen, where the network step asks for it. */
export async function createVault(page: Page): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByLabel('Type it again').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create the vault' }).click();
}

/**
 * What the review says the call will take from the account, to the planck: its
 * "Total needed" (the fee and everything else it takes), or, where it shows no
 * total, the network fee alone (it then shows nothing else being taken).
 */
export async function reviewShownPlanck(review: Locator, decimals: number): Promise<bigint> {
  // What leaves the account in the end: "Taken in all" where the chain gives back part of the fee it holds, else "Total needed".
  const kept = review.locator('dt', { hasText: 'Taken in all' });
  const total = (await kept.count()) > 0 ? kept : review.locator('dt', { hasText: 'Total needed' });
  const figure = (await total.count()) > 0
    ? total.locator('xpath=following-sibling::dd[1]').locator('strong')
    : review.locator('dt', { hasText: 'Network fee' }).locator('xpath=following-sibling::dd[1]').locator('.amount');
  const text = (await figure.getAttribute('title')) ?? (await figure.textContent()) ?? '';
  const match = /^([\d,]+)(?:\.(\d+))?/.exec(text);
  if (!match) throw new Error(`the review shows no amount to compare ("${text}")`);
  const fraction = (match[2] ?? '').padEnd(decimals, '0');
  return BigInt((match[1] ?? '0').replace(/,/g, '')) * 10n ** BigInt(decimals) + BigInt(fraction || '0');
}

/** Waits until the last transaction shown is in a block (or was already done). */
export async function waitForSettled(page: Page | Locator, timeoutMs = 90_000, call?: string): Promise<void> {
  // Named by its call where an earlier transaction's settled panel may still be on the page (a purchase, then its assignment).
  const panels = page.getByRole('region', { name: 'Transaction progress' });
  const progress = (call ? panels.filter({ hasText: call }) : panels).last();
  await expect(progress.locator('[data-phase="in-block"], [data-phase="finalized"], [data-phase="already-done"]')).toBeVisible({ timeout: timeoutMs });
}
