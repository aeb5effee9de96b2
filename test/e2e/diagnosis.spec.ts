import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Codec } from '@polkadot/types-codec/types';
import { u8aToHex } from '@polkadot/util';
import { plainSpec } from '../fixtures/fake-collator/plain-spec';
import { parathreadOnAnOnDemandCore } from '../fixtures/on-demand-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';
import { addCollator, detail, openCollators, useCollatorWorkspace, workspace } from './collators-steps';
import { expect, screenshotPath, startHeadlessConsole, test, type HeadlessConsole } from './headless-console';
import { callApi } from './wizard-steps';

/**
 * "Why is my parachain not advancing?" (#17): the panel on a collator's page
 * and on a parachain's card names the cause read from the node and the
 * chains, and an alert raised for the stall carries the same cause.
 */

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });

test.describe('a collator whose relay node has no peers', () => {
  useCollatorWorkspace();

  test('the panel and the stall alert name the relay node with 0 peers, and the next step', async ({ page, consoleServer: headless }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await openCollators(page, headless.url);
    // The fixture collator exports the real polkadot_parachain_collation* families from its embedded relay node, with 0 peers there; it stops producing blocks after 4 s.
    await addCollator(page, 'lonely', '--fake-relay-metrics --fake-relay-peers 0 --fake-collations not-advertised --fake-stall-after-ms 4000');
    const collator = detail(page, 'lonely');
    await collator.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(collator.getByText('Running', { exact: true })).toBeVisible({ timeout: 60_000 });

    const panel = collator.getByRole('region', { name: 'Why not advancing?' });
    await panel.getByRole('button', { name: 'Check again' }).click();
    await expect(panel.getByRole('status')).toContainText('the relay node has 0 peers', { timeout: 30_000 });
    await expect(panel.getByRole('list', { name: 'Checks' }).getByRole('listitem')).not.toHaveCount(0);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('diagnosis-collator-no-peers') });

    // The stall raises best-stalled; its alert was read the same diagnosis.
    await page.getByRole('link', { name: 'Alerts' }).click();
    const history = page.getByRole('table', { name: 'Alert history' });
    const stalled = history.getByRole('row').filter({ hasText: 'lonely' }).filter({ hasText: 'Why:' }).first();
    await expect(stalled).toContainText('the relay node has 0 peers', { timeout: 90_000 });
    await expect(stalled).toContainText('Next:');
    await stalled.screenshot({ path: screenshotPath('diagnosis-alert-no-peers') });
    const alerts = (await callApi(page, 'health.alerts', { limit: 50, unacknowledgedOnly: false })) as Array<{ rule: string; subjectName: string; diagnosis?: { cause: string } }>;
    expect(alerts.find((alert) => alert.subjectName === 'lonely' && alert.rule === 'best-stalled')?.diagnosis?.cause).toBe('relay-node-no-peers');
    expect(errors).toEqual([]);
  });
});

const paseoMissing = realChainsMissing('paseo-relay');

test.describe('an idle on-demand para on the real Paseo relay', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(paseoMissing !== undefined, paseoMissing);

  let relay: RealChain;
  let paraId: number;
  let consoleServer: HeadlessConsole & { stop(): Promise<void> };

  test.beforeAll(async () => {
    test.setTimeout(420_000);
    relay = await startRealChain('paseo-relay');
    // A parathread on an on-demand core, and no order placed for it.
    paraId = await parathreadOnAnOnDemandCore(relay, relay.account('//Bob'));
    await relay.newBlocks({ count: 2 });
    consoleServer = await startHeadlessConsole();
  });

  test.afterAll(async () => {
    await consoleServer?.stop();
    await relay?.stop();
  });

  test('is told "no core", never a broken collator, on its card and in its alerts', async ({ page }) => {
    test.setTimeout(300_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(consoleServer.url);
    await callApi(page, 'chain.addNetwork', {
      network: {
        id: 'paseo-local', name: 'Paseo local', testnet: true, token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0, relayBlockTimeMs: 6_000,
        chains: { relay: { name: 'Paseo local relay', rpcEndpoints: [relay.wsUrl] } },
      },
    });
    await callApi(page, 'onboarding.update', { patch: { networkId: 'paseo-local', watchedParaIds: [paraId] } });
    await callApi(page, 'chain.connect', { networkId: 'paseo-local' });
    await page.goto(`${consoleServer.origin}/#/parachains`);
    await page.reload();

    const card = page.getByRole('article', { name: `Para ${paraId}` });
    await expect(card.getByText('Parathread')).toBeVisible({ timeout: 120_000 });
    const open = card.getByRole('button', { name: 'Why not advancing?' });
    if (await open.isVisible()) await open.click();
    const panel = card.getByRole('region', { name: 'Why not advancing?' });
    await expect(panel.getByRole('status')).toContainText(`No core assigned: para ${paraId} is on demand and no order is placed for it`, { timeout: 60_000 });
    await expect(panel.getByRole('status')).not.toContainText(/collator/i);
    await expect(panel.getByText('Order on demand for each block you need, or buy bulk coretime.')).toBeVisible();
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('diagnosis-para-no-core') });

    // Relay blocks go by with nothing included: the para is not paged as stalled, and whatever is said of it names no core.
    await relay.newBlocks({ count: 4 });
    const diagnosis = (await callApi(page, 'diagnosis.read', { subject: { kind: 'parachain', paraId } })) as { cause: string; verdict: string };
    expect(diagnosis).toMatchObject({ cause: 'on-demand-no-order', verdict: 'idle' });
    const alerts = (await callApi(page, 'health.alerts', { limit: 100, unacknowledgedOnly: false })) as Array<{ subject: { kind: string; paraId?: number }; to: string; diagnosis?: { verdict: string; words: string } }>;
    for (const alert of alerts.filter((candidate) => candidate.subject.kind === 'parachain' && candidate.subject.paraId === paraId && candidate.to !== 'ok')) {
      expect(alert.diagnosis?.verdict).toBe('idle');
      expect(alert.diagnosis?.words).toMatch(/^No core assigned/);
    }
    expect(errors).toEqual([]);
  });
});

const coretimeMissing = realChainsMissing('paseo-coretime');

test.describe('a collator whose keys are not in the authority set, on the real Paseo Coretime chain', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(coretimeMissing !== undefined, coretimeMissing);
  useCollatorWorkspace();

  let coretime: RealChain;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    coretime = await startRealChain('paseo-coretime');
  });

  test.afterAll(async () => {
    await coretime?.stop();
  });

  test('the panel and the stall alert say its Aura key is not in the authority set', async ({ page, consoleServer: headless }) => {
    test.setTimeout(240_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // Dave sets session keys on the Coretime chain (a parachain with Aura, session and collator selection) but is neither an invulnerable nor a candidate.
    const dave = coretime.account('//Dave');
    await coretime.submit(coretime.tx('session', 'setKeys', u8aToHex(coretime.account('//DiagnosisAura').publicKey), '0x'), dave);
    const keysHex = ((await coretime.query('session', 'nextKeys', dave.address)) as unknown as { unwrap(): Codec }).unwrap().toHex();
    const paraId = Number((await coretime.query('parachainInfo', 'parachainId')).toString());

    await page.goto(headless.url);
    await callApi(page, 'chain.addNetwork', {
      network: {
        id: 'paseo-coretime-local', name: 'Paseo local', testnet: true, token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0, relayBlockTimeMs: 6_000,
        // No relay runs here: its side of the diagnosis is not read, and says so.
        chains: { relay: { name: 'Paseo local relay', rpcEndpoints: ['ws://127.0.0.1:9'] } },
      },
    });
    await callApi(page, 'chain.connect', { networkId: 'paseo-coretime-local', endpoints: { parachain: [coretime.wsUrl] } });

    // The collator's chain spec names the Coretime chain's para id; its keystore holds Dave's session keys.
    workspace.specPath = join(workspace.dir, 'coretime-spec.json');
    writeFileSync(workspace.specPath, JSON.stringify({ ...plainSpec, para_id: paraId }));
    await openCollators(page, headless.url);
    await addCollator(page, 'dave', `--fake-session-keys ${keysHex} --fake-stall-after-ms 4000`);
    const collator = detail(page, 'dave');
    await collator.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(collator.getByText('Running', { exact: true })).toBeVisible({ timeout: 60_000 });

    const panel = collator.getByRole('region', { name: 'Why not advancing?' });
    await panel.getByRole('button', { name: 'Check again' }).click();
    await expect(panel.getByRole('status')).toContainText('Aura key is not in the authority set', { timeout: 60_000 });
    await expect(panel.getByRole('status')).toContainText('neither an invulnerable nor a candidate');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('diagnosis-collator-keys') });

    await page.getByRole('link', { name: 'Alerts' }).click();
    const stalled = page.getByRole('table', { name: 'Alert history' }).getByRole('row').filter({ hasText: 'dave' }).filter({ hasText: 'Why:' }).first();
    await expect(stalled).toContainText('Aura key is not in the authority set', { timeout: 90_000 });
    await expect(stalled).toContainText('Next:');
    expect(errors).toEqual([]);
  });
});
