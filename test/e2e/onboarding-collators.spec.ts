import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, encodeAddress } from '@polkadot/util-crypto';
import type { Locator, Page } from '@playwright/test';
import { startChopsticksNode, type ChopsticksNode } from '../fixtures/chopsticks-node';
import { addCollator, useCollatorWorkspace } from './collators-steps';
import { expect, screenshotPath, startHeadlessConsole, test, type HeadlessConsole } from './headless-console';
import { addLocalHubAndVault, createAccountThroughUi } from './wizard-steps';
import { screenshotWhole } from './screenshot-whole';

/**
 * Step e of the wizard with a signer per collator. The chain is real: the
 * Rococo Asset Hub runtime under chopsticks stands in for the parachain, so
 * balances, fees, signing and `session.setKeys` inclusion are the runtime's
 * own. The collators are the fake collator CLI under the real supervisor; it
 * runs no runtime, so it has no keystore and its RPC serves no chain: the
 * tests' entry gives it a keystore double (`support/keystore-double.ts`) and
 * points the parachain connection at the chopsticks chain. The relay steps
 * before this one are onboarding.spec's subject: the saved progress starts here.
 */

let chain: ChopsticksNode;
let consoleServer: HeadlessConsole & { stop(): Promise<void> };
useCollatorWorkspace();

test.use({ viewport: { width: 1024, height: 700 } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  chain = await startChopsticksNode();
  // Asset Hub's genesis wants no candidates (its invulnerables collate); this parachain takes up to four.
  await chain.rpc('dev_setStorage', [{ CollatorSelection: { DesiredCandidates: 4 } }]);
  await chain.newBlock();
  // An operator who got through the relay steps with an earlier console: its saved progress knows nothing of per-collator signers.
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-onboarding-collators-'));
  writeFileSync(join(dataDir, 'onboarding.json'), JSON.stringify({
    step: 'collators', completed: ['network', 'prepare', 'register', 'blockspace'], networkId: 'local-hub', rehearsal: false,
    collatorProfileIds: [], paraId: 4242, watchedParaIds: [], txIds: {}, updatedAt: Date.now(),
  }));
  consoleServer = await startHeadlessConsole(dataDir, { parachainWsUrl: chain.wsUrl, keystore: true });
});

test.afterAll(async () => {
  await api?.disconnect();
  await consoleServer?.stop();
  await chain?.stop();
});

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await page.screenshot({ path: screenshotPath('onboarding-collators-failed-here'), fullPage: true });
});

const aliceAddress = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
let api: ApiPromise | undefined;

async function chainApi(): Promise<ApiPromise> {
  api ??= await ApiPromise.create({ provider: new WsProvider(chain.wsUrl), noInitWarn: true });
  return api;
}

/**
 * Funds arriving the way they do on a live chain, with a transfer in a block:
 * chopsticks' dev_setStorage changes no watched storage, so a console already
 * watching the account would never see funds set that way.
 */
async function transferFromAlice(to: string, amountPlanck: bigint): Promise<void> {
  const chainApiNow = await chainApi();
  await cryptoWaitReady();
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const transfer = chainApiNow.tx.balances?.transferKeepAlive;
  if (!transfer) throw new Error('the runtime has no balances.transferKeepAlive');
  await new Promise<void>((resolve, reject) => {
    void transfer(to, amountPlanck).signAndSend(alice, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      else if (status.isInBlock) resolve();
    }).catch(reject);
  });
}

const charlieAddress = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

/**
 * A scripted browser extension (none can be installed in the test browser):
 * the page sees `window.injectedWeb3` with one account, as polkadot-js
 * extensions inject it, and each payload is signed in the test with the real
 * keyring against the chain's own registry, as the extension would.
 */
async function injectScriptedExtension(page: Page): Promise<void> {
  await page.exposeFunction('scriptedExtensionSign', async (payloadJson: string) => {
    const payload = JSON.parse(payloadJson) as { version: number; signedExtensions: string[] };
    const chainApiNow = await chainApi();
    await cryptoWaitReady();
    const charlie = new Keyring({ type: 'sr25519' }).addFromUri('//Charlie');
    chainApiNow.registry.setSignedExtensions(payload.signedExtensions);
    return chainApiNow.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(charlie).signature;
  });
  await page.addInitScript((address) => {
    const account = { address, name: 'Extension collator', type: 'sr25519' };
    const sign = (window as unknown as { scriptedExtensionSign: (json: string) => Promise<string> }).scriptedExtensionSign;
    (window as unknown as { injectedWeb3: unknown }).injectedWeb3 = {
      'scripted-extension': {
        version: '0.0.1',
        enable: async () => ({
          accounts: { get: async () => [account], subscribe: (callback: (accounts: unknown[]) => void) => { callback([account]); return () => undefined; } },
          signer: { signPayload: async (payload: unknown) => ({ id: 1, signature: await sign(JSON.stringify(payload)) }) },
        }),
      },
    };
  }, charlieAddress);
}

async function createAccount(page: Page, name: string): Promise<void> {
  await createAccountThroughUi(page, name);
  await expect(page.getByRole('radio', { name: new RegExp(name) })).toBeChecked();
}

/** The vault address behind an option of a collator's signer picker. */
async function pickSigner(setup: Locator, profileName: string, accountName: string): Promise<string> {
  const select = setup.getByLabel(`Account that signs for ${profileName}`);
  const value = await select.locator('option', { hasText: accountName }).getAttribute('value');
  expect(value).toMatch(/^vault:/);
  await select.selectOption(value ?? '');
  return (value ?? '').replace(/^vault:/, '');
}

async function keysShown(setup: Locator): Promise<string> {
  const table = setup.getByRole('table', { name: 'Session public keys' });
  await expect(table.getByRole('cell', { name: 'aura' })).toBeVisible();
  return (await table.locator('td.session-keys').textContent()) ?? '';
}

async function setKeysInBlock(page: Page, setup: Locator, screenshot: string): Promise<void> {
  const review = setup.getByRole('region', { name: 'Review the transaction' });
  await expect(review.getByText('session.setKeys')).toBeVisible({ timeout: 60_000 });
  await review.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath(screenshot), fullPage: true });
  await setup.getByRole('button', { name: 'Sign and set keys' }).click();
  await expect(setup.getByRole('region', { name: 'Transaction progress' }).locator('[data-phase="in-block"], [data-phase="finalized"]')).toBeVisible({ timeout: 90_000 });
}

test('three collators set session keys from three different accounts (two console keys, one extension account), each made for its own signer and checked on the node; one becomes a candidate', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await injectScriptedExtension(page);
  await page.goto(consoleServer.url);

  // The saved progress resumes at Collators; the network and accounts come first, from step a.
  await expect(page.getByRole('heading', { name: 'Collators', level: 2 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Onboarding steps' }).getByRole('button', { name: /Network and account/ }).click();
  await addLocalHubAndVault(page, chain.wsUrl);
  await createAccount(page, 'Collator two');
  await createAccount(page, 'Parachain manager');
  const manager = (await page.locator('.signer-summary .address').getAttribute('title')) ?? '';
  await chain.fund([{ address: manager, freePlanck: 10_000_000_000_000_000n }, { address: aliceAddress, freePlanck: 10_000_000_000_000_000n }, { address: charlieAddress, freePlanck: 1_000_000_000_000_000n }]);
  await chain.newBlock();
  await page.getByRole('button', { name: 'Connect to Local hub' }).click();
  await expect(page.locator('.signer-summary').getByText('10,000 ROC')).toBeVisible({ timeout: 60_000 });

  // Two collator profiles, then back to step e.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collators' }).click();
  await addCollator(page, 'collator-1');
  await addCollator(page, 'collator-2');
  await addCollator(page, 'collator-3');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }).click();
  await page.getByRole('navigation', { name: 'Onboarding steps' }).getByRole('button', { name: /Collators/ }).click();
  const profiles = page.getByRole('group', { name: 'Collator profiles' });
  // The boxes follow the progress the main process keeps, so each click is answered, not instant.
  for (const name of [/collator-1/, /collator-2/, /collator-3/]) {
    await profiles.getByRole('checkbox', { name }).click();
    await expect(profiles.getByRole('checkbox', { name })).toBeChecked();
  }
  const first = page.getByRole('region', { name: 'Set up collator-1' });
  const second = page.getByRole('region', { name: 'Set up collator-2' });

  // collator-1 keeps the onboarding account: keys made for it, on the node, set on chain, checked again.
  await expect(first.getByLabel('Account that signs for collator-1')).toHaveValue('onboarding');
  await first.getByRole('button', { name: 'Start' }).click();
  await expect(first.getByText('running', { exact: true })).toBeVisible({ timeout: 60_000 });
  await first.getByRole('button', { name: 'Generate' }).click();
  const firstKeys = await keysShown(first);
  await expect(first.getByText('With an ownership proof for Parachain manager.')).toBeVisible();
  await expect(first.locator('[data-keys-on-node]')).toHaveText('yes');
  await first.getByRole('button', { name: 'Connect' }).click();
  await expect(first.getByText('On the parachain:')).toBeVisible({ timeout: 60_000 });
  await setKeysInBlock(page, first, 'onboarding-collators-1-set-keys-review');
  await expect(first.getByText('checked again after the keys were set on chain')).toBeVisible({ timeout: 30_000 });
  await expect(first.locator('[data-keys-on-node]')).toHaveText('yes');

  // collator-2: keys first made for the onboarding account, then its own account takes over.
  await second.getByRole('button', { name: 'Start' }).click();
  await expect(second.getByText('running', { exact: true })).toBeVisible({ timeout: 60_000 });
  await second.getByRole('button', { name: 'Generate' }).click();
  const staleKeys = await keysShown(second);
  const collatorTwo = await pickSigner(second, 'collator-2', 'Collator two');
  await expect(second.getByRole('alert').filter({ hasText: 'These keys were generated for Parachain manager; this collator now signs with Collator two.' })).toBeVisible();
  await expect(second.getByText('Blocked: these keys were made for another account.')).toBeVisible();
  await expect(second.getByRole('button', { name: 'Sign and set keys' })).toHaveCount(0);
  // Its own account has nothing on the parachain yet: the step says it cannot pay.
  await expect(second.getByRole('alert').filter({ hasText: 'Collator two has nothing on the parachain, so it cannot pay.' })).toBeVisible({ timeout: 60_000 });
  await second.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('onboarding-collators-2-stale-keys-and-empty-signer'), fullPage: true });

  // Someone sends it 500 ROC on the parachain: a real transfer, and the balance follows live.
  await transferFromAlice(collatorTwo, 500_000_000_000_000n);
  await expect(second.getByText('500 ROC')).toBeVisible({ timeout: 60_000 });
  await expect(second.getByText('has nothing on the parachain')).toHaveCount(0);
  await second.getByRole('button', { name: 'Generate again' }).click();
  await expect(second.getByText('With an ownership proof for Collator two.')).toBeVisible();
  const secondKeys = await keysShown(second);
  expect(secondKeys).not.toBe(staleKeys);
  await expect(second.getByRole('alert').filter({ hasText: 'These keys were generated for' })).toHaveCount(0);
  await expect(second.locator('[data-keys-on-node]')).toHaveText('yes');
  await setKeysInBlock(page, second, 'onboarding-collators-3-own-signer-review');
  await expect(second.getByText('checked again after the keys were set on chain')).toBeVisible({ timeout: 30_000 });
  await screenshotWhole(page, 'onboarding-collators-4-both-set-whole');

  // The parachain selects collators by candidacy: Collator two registers, holding the bond from its own funds.
  await second.getByLabel('The parachain selects collators by candidacy (collatorSelection)').check();
  const candidacy = second.getByRole('region', { name: 'Review the transaction' });
  await expect(candidacy.getByText('collatorSelection.registerAsCandidate')).toBeVisible({ timeout: 60_000 });
  await expect(candidacy.getByText(/Collator two/).first()).toBeVisible();
  // The bond comes from the parachain's own storage, shown before signing.
  await expect(candidacy.getByText('Candidacy bond (held)')).toBeVisible();
  await candidacy.screenshot({ path: screenshotPath('onboarding-collators-candidacy-review') });
  await second.getByRole('button', { name: 'Sign and register' }).click();
  await expect(second.getByRole('region', { name: 'Transaction progress' }).last().locator('[data-phase="in-block"], [data-phase="finalized"]')).toBeVisible({ timeout: 90_000 });

  // collator-3 is signed for by an account in the browser extension.
  const third = page.getByRole('region', { name: 'Set up collator-3' });
  await third.getByRole('button', { name: 'Start' }).click();
  await expect(third.getByText('running', { exact: true })).toBeVisible({ timeout: 60_000 });
  await third.getByLabel('Account that signs for collator-3').selectOption('extension');
  await third.getByRole('button', { name: 'Look for extension accounts' }).click();
  await third.getByRole('button', { name: 'Use this account' }).click();
  await expect(third.getByText('browser extension', { exact: true })).toBeVisible();
  await expect(third.getByText('1,000 ROC')).toBeVisible({ timeout: 60_000 });
  await third.getByRole('button', { name: 'Generate' }).click();
  await expect(third.getByText('With an ownership proof for Extension collator.')).toBeVisible();
  const thirdKeys = await keysShown(third);
  await expect(third.locator('[data-keys-on-node]')).toHaveText('yes');
  await setKeysInBlock(page, third, 'onboarding-collators-4b-extension-signer-review');

  // The chain agrees: each account's next session keys are the ones its collator made for it.
  const api = await chainApi();
  {
    const nextKeys = async (address: string): Promise<string> => {
      const query = api.query.session?.nextKeys;
      if (!query) throw new Error('the runtime has no session pallet');
      const keys = await query(address);
      return JSON.stringify(keys.toJSON());
    };
    expect(await nextKeys(manager)).toContain(firstKeys.trim());
    expect(await nextKeys(collatorTwo)).toContain(secondKeys.trim());
    expect(await nextKeys(charlieAddress)).toContain(thirdKeys.trim());
    const candidates = (await api.query.collatorSelection?.candidates?.())?.toJSON() as Array<{ who: string }> | undefined;
    expect(candidates?.map((candidate) => encodeAddress(candidate.who, 42))).toContain(encodeAddress(collatorTwo, 42));
  }

  // After a restart of the renderer the choices and keys come back from the main process.
  await page.reload();
  await expect(second.getByLabel('Account that signs for collator-2')).toHaveValue(`vault:${collatorTwo}`);
  expect(await keysShown(second)).toBe(secondKeys);
  await expect(second.locator('[data-keys-on-node]')).toHaveText('yes', { timeout: 30_000 });

  // The same step in dark mode.
  const dark = await page.context().browser()?.newContext({ colorScheme: 'dark', viewport: { width: 1024, height: 700 } });
  if (dark) {
    const darkPage = await dark.newPage();
    await darkPage.goto(consoleServer.url);
    const darkSecond = darkPage.getByRole('region', { name: 'Set up collator-2' });
    await expect(darkSecond.locator('[data-keys-on-node]')).toHaveText('yes', { timeout: 30_000 });
    await darkSecond.scrollIntoViewIfNeeded();
    await darkPage.screenshot({ path: screenshotPath('onboarding-collators-5-dark-1024x700') });
    await screenshotWhole(darkPage, 'onboarding-collators-6-dark-1024-whole');
    await dark.close();
  }
  expect(errors).toEqual([]);
});
