import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Locator, Page } from '@playwright/test';
import type { TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types-codec/types';
import { u8aToHex } from '@polkadot/util';
import { candidateEventsAtHead } from '../fixtures/candidate-events';
import { plainSpec } from '../fixtures/fake-collator/plain-spec';
import { jumpRelayTo, passSessions, startCoretimeSales, trustValidationCode } from '../fixtures/network-stand-ins';
import { TINY_VALIDATION_CODE } from '../fixtures/on-demand-stand-ins';
import { paraHead } from '../fixtures/para-head';
import { realChainsMissing, startRealChain, type RealChain } from '../fixtures/real-chains';
import { setCoretimeRelayClock } from '../fixtures/wizard-stand-ins';
import { addCollator, detail, openCollators, useCollatorWorkspace, workspace } from './collators-steps';
import { expect, screenshotPath, startHeadlessConsole, test, type HeadlessConsole } from './headless-console';
import { callApi } from './wizard-steps';

/**
 * "Why is my parachain not advancing?" (#17): the panel on a collator's page
 * and on a parachain's card names the cause read from the node and the
 * chains, and an alert raised for the stall carries the same cause.
 *
 * Every cause the engine names has its case here. 'region-ended' runs beside
 * the relay's causes: the real Paseo Coretime chain starts with the relay
 * (the two start at once, a few seconds), a region is bought in a real sale
 * and assigned Final to a para that holds no core on the relay, then the
 * relay and the Coretime chain's view of it both move past the region's end.
 * Two chopsticks chains share no clock and pass no messages, so the relay
 * never received the region's assignment; past the region's end it would
 * hold none for the para anyway.
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

/**
 * What only a node binary shows: the fixture collator's flags make its two
 * Prometheus exporters say what a real polkadot-parachain node says in each
 * case (the relay half's sync figures and `polkadot_parachain_collation*`
 * families, the parachain half's major sync). No chain is connected here, so
 * the relay's side and the keys are not read (each says why) and the cause
 * comes from the node alone. One console, all collators at once.
 */
const nodeCauses: Array<{ name: string; args: string; cause: string; words: string }> = [
  { name: 'relay-behind', args: '--fake-relay-metrics --fake-relay-syncing', cause: 'relay-node-syncing', words: "The collator's relay node is syncing" },
  { name: 'para-catching-up', args: '--fake-relay-metrics --fake-para-syncing', cause: 'para-node-syncing', words: "The collator's parachain node is syncing" },
  { name: 'no-collations', args: '--fake-relay-metrics --fake-collations none', cause: 'collations-not-generated', words: 'The collator generated no collation' },
  { name: 'unadvertised', args: '--fake-relay-metrics --fake-collations not-advertised', cause: 'collations-not-advertised', words: 'but never advertised (the relay node has 8 peers)' },
  { name: 'unfetched', args: '--fake-relay-metrics --fake-collations not-fetched', cause: 'collations-not-fetched', words: 'but none fetched by a validator' },
];

test.describe("the collator's own node: sync and collations", () => {
  useCollatorWorkspace();

  test('each collator\'s panel and stall alert name its cause', async ({ page, consoleServer: headless }) => {
    test.setTimeout(240_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await openCollators(page, headless.url);
    for (const row of nodeCauses) {
      // Each stops producing blocks after 4 s, so its stall alert is diagnosed.
      await addCollator(page, row.name, `${row.args} --fake-stall-after-ms 4000`);
      const collator = detail(page, row.name);
      await collator.getByRole('button', { name: 'Start', exact: true }).click();
      await expect(collator.getByText('Running', { exact: true })).toBeVisible({ timeout: 60_000 });
    }

    for (const row of nodeCauses) {
      await test.step(row.cause, async () => {
        await page.getByRole('table', { name: 'Collators' }).getByRole('link', { name: row.name, exact: true }).click();
        const panel = detail(page, row.name).getByRole('region', { name: 'Why not advancing?' });
        await panel.getByRole('button', { name: 'Check again' }).click();
        await expect(panel.getByRole('status')).toContainText(row.words, { timeout: 30_000 });
        await panel.scrollIntoViewIfNeeded();
        await panel.screenshot({ path: screenshotPath(`diagnosis-collator-${row.cause}`) });
      });
    }

    await page.getByRole('link', { name: 'Alerts' }).click();
    const history = page.getByRole('table', { name: 'Alert history' });
    for (const row of nodeCauses) {
      await test.step(`alert: ${row.cause}`, async () => {
        const stalled = history.getByRole('row').filter({ hasText: row.name }).filter({ hasText: 'Why:' }).first();
        await expect(stalled).toContainText(row.words, { timeout: 90_000 });
        await expect(stalled).toContainText('Next:');
      });
    }
    const alerts = (await callApi(page, 'health.alerts', { limit: 100, unacknowledgedOnly: false })) as Array<{ rule: string; subjectName: string; diagnosis?: { cause: string } }>;
    for (const row of nodeCauses) expect(alerts.find((alert) => alert.subjectName === row.name && alert.rule === 'best-stalled')?.diagnosis?.cause, row.name).toBe(row.cause);
    expect(errors).toEqual([]);
  });
});

type ParaAlert = { subject: { kind: string; paraId?: number; id?: string }; subjectName: string; rule: string; from: string; to: string; diagnosis?: { cause: string; verdict: string; words: string } };

/** Reserves and registers a para with the tiny trusted code, as `manager`; returns its id. */
async function registerPara(relay: RealChain, manager: KeyringPair, headHex: string = '0x00'): Promise<number> {
  const paraId = Number((await relay.query('registrar', 'nextFreeParaId')).toString());
  await relay.submit(relay.tx('registrar', 'reserve'), manager);
  await relay.submit(relay.tx('registrar', 'register', paraId, headHex, TINY_VALIDATION_CODE), manager);
  return paraId;
}

/** A chain spec naming `paraId`, for a fixture collator of that para. */
function specFor(paraId: number): string {
  const path = join(workspace.dir, `spec-${paraId}.json`);
  writeFileSync(path, JSON.stringify({ ...plainSpec, para_id: paraId }));
  return path;
}

/**
 * The operator's collator of a para (a fixture collator). Health watches the
 * parachain of every collator it has seen run, so a para with coretime whose
 * candidates stop being included raises `not-included`; a collator kept
 * running and stalled raises `best-stalled`, which is the only alert a para
 * without a core gets (its parachain rule expects nothing of it). One run
 * and stopped is not expected to author, and raises nothing of its own.
 */
async function profileOf(page: Page, relayUrl: string, paraId: number, options: { name?: string; keepRunning?: boolean } = {}): Promise<void> {
  const name = options.name ?? `para-${paraId}`;
  const profile = (await callApi(page, 'collators.create', {
    profile: {
      name, binaryPath: workspace.fakeCollator, chainSpecPath: specFor(paraId), basePath: join(workspace.dir, 'base', name),
      // It follows the relay over RPC (--relay-chain-rpc-urls): no embedded relay node, whose exporter the fixture would not serve here.
      relay: { mode: 'rpc', rpcUrls: [relayUrl] },
      // A collator kept running stops making blocks after 4 s: its stall alert is diagnosed.
      extraArgs: options.keepRunning ? ['--fake-stall-after-ms', '4000'] : [],
    },
  })) as { id: string };
  await callApi(page, 'collators.start', { id: profile.id });
  if (!options.keepRunning) await callApi(page, 'collators.stop', { id: profile.id });
}

/** Connects the console to the relay (and, when given, its Coretime chain) and follows `watchedParaIds`. */
async function connectToRelay(page: Page, consoleServer: HeadlessConsole, relay: RealChain, watchedParaIds: number[], coretime?: RealChain): Promise<void> {
  await page.goto(consoleServer.url);
  await callApi(page, 'chain.addNetwork', {
    network: {
      id: 'paseo-local', name: 'Paseo local', testnet: true, token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0, relayBlockTimeMs: 6_000,
      chains: {
        relay: { name: 'Paseo local relay', rpcEndpoints: [relay.wsUrl] },
        ...(coretime ? { coretime: { name: 'Paseo local Coretime', paraId: 1005, rpcEndpoints: [coretime.wsUrl] } } : {}),
      },
    },
  });
  await callApi(page, 'onboarding.update', { patch: { networkId: 'paseo-local', watchedParaIds } });
  await callApi(page, 'chain.connect', { networkId: 'paseo-local' });
}

/** The "Why not advancing?" panel on a para's card on the Parachains page, opened. */
async function paraPanel(page: Page, paraId: number): Promise<Locator> {
  const card = page.getByRole('article', { name: `Para ${paraId}` });
  await expect(card).toBeVisible({ timeout: 60_000 });
  const open = card.getByRole('button', { name: 'Why not advancing?' });
  if (await open.isVisible()) await open.click();
  return card.getByRole('region', { name: 'Why not advancing?' });
}

/** Waits for the alert the console raised for a subject's stall, once its diagnosis was read. */
async function diagnosedAlert(page: Page, matches: (alert: ParaAlert) => boolean): Promise<ParaAlert> {
  let found: ParaAlert | undefined;
  let seen: ParaAlert[] = [];
  try {
    await expect.poll(async () => {
      seen = (await callApi(page, 'health.alerts', { limit: 200, unacknowledgedOnly: false })) as ParaAlert[];
      found = seen.find((alert) => alert.to !== 'ok' && alert.diagnosis !== undefined && matches(alert));
      return found !== undefined;
    }, { timeout: 90_000 }).toBe(true);
  } catch (error) {
    // Say what the console did raise, and what health watches, instead of only "false".
    const status = await callApi(page, 'health.status', {});
    throw new Error(`no diagnosed alert found. Alerts: ${JSON.stringify(seen)}. Status: ${JSON.stringify(status)}`, { cause: error });
  }
  return found!;
}

const paseoMissing = realChainsMissing('paseo-relay');
const coretimeMissing = realChainsMissing('paseo-coretime');

/**
 * One real Paseo relay under chopsticks, with paras put in each state the way
 * the relay, governance and the validators would: registration, leases,
 * session changes, a pool core, a deregistration, a scheduled upgrade, and a
 * backed candidate as the real `paraInclusion` event encoded with this
 * runtime's metadata. Paras with a lease hold a core, so their stall raises
 * the parachain's `not-included`; a para without a core raises nothing of its
 * own, and is seen through the stall of its collator, whose diagnosis weighs
 * the relay's side first. The real Paseo Coretime chain runs beside it for a
 * region that ended.
 */
test.describe('paras in every state on the real Paseo relay', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(paseoMissing !== undefined, paseoMissing);
  useCollatorWorkspace();

  let relay: RealChain;
  let coretime: RealChain | undefined;
  let consoleServer: HeadlessConsole & { stop(): Promise<void> };
  const para = { noCore: 0, order: 0, funds: 0, notBacked: 0, backed: 0, upgrade: 0, head: 0, offboard: 0, lease: 0, onboard: 0, notRegistered: 0, regionEnded: 0 };

  test.beforeAll(async () => {
    test.setTimeout(420_000);
    [relay, coretime] = await Promise.all([startRealChain('paseo-relay'), coretimeMissing === undefined ? startRealChain('paseo-coretime') : undefined]);
    await trustValidationCode(relay, TINY_VALIDATION_CODE);
    const bob = relay.account('//Bob');
    for (const name of ['noCore', 'order', 'funds', 'notBacked', 'backed', 'upgrade', 'offboard', 'lease', 'regionEnded'] as const) para[name] = await registerPara(relay, bob);
    // Registered with a real Cumulus header (#1): the collator of this para has another block at #1.
    para.head = await registerPara(relay, bob, u8aToHex(paraHead(relay.api.registry as TypeRegistry, 1, 1n)));
    para.notRegistered = para.head + 100;
    // Cores for coretime, applied at a session boundary; the sessions also make every para above a Parathread. No core is in the on-demand pool yet.
    await relay.sudo(relay.tx('configuration', 'setCoretimeCores', 2));
    await passSessions(relay, 2);
    // Root leases the current lease period and the next to some (slots.forceLease): they hold a core, and the registrar
    // upgrades each Parathread to a Parachain, which the next two sessions apply.
    const leasePeriod = Number(relay.constant('slots', 'leasePeriod').toString());
    const leaseOffset = Number(relay.constant('slots', 'leaseOffset').toString());
    const currentPeriod = Math.floor(Math.max(0, (await relay.head()) + 1 - leaseOffset) / leasePeriod);
    for (const id of [para.lease, para.notBacked, para.backed, para.upgrade, para.head]) await relay.sudo(relay.tx('slots', 'forceLease', id, relay.alice.address, 10n ** 12n, currentPeriod, 2));
    await passSessions(relay, 2);
    expect((await relay.query('paras', 'paraLifecycles', para.lease)).toString()).toBe('Parachain');
    consoleServer = await startHeadlessConsole();
  });

  test.afterAll(async () => {
    await consoleServer?.stop();
    await Promise.all([relay?.stop(), coretime?.stop()]);
  });

  test('a para without any core is told "no core": information on its card, in its collator\'s alert and in the status, never CRIT', async ({ page }) => {
    test.setTimeout(240_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await connectToRelay(page, consoleServer, relay, [para.noCore]);
    await profileOf(page, relay.wsUrl, para.noCore, { name: 'no-core-collator', keepRunning: true });
    await page.goto(`${consoleServer.origin}/#/parachains`);
    await page.reload();
    const panel = await paraPanel(page, para.noCore);
    const words = `No core assigned: para ${para.noCore} holds no lease, no bulk region and no on-demand order`;
    await expect(panel.getByRole('status')).toContainText(words, { timeout: 60_000 });
    await expect(panel.getByRole('status')).not.toContainText(/collator/i);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('diagnosis-para-no-core') });

    const alert = await diagnosedAlert(page, (candidate) => candidate.subjectName === 'no-core-collator' && candidate.rule === 'best-stalled');
    expect(alert.diagnosis).toMatchObject({ cause: 'no-core', verdict: 'idle' });
    // Until the stall is past the CRIT threshold (5 block times), as its finding says: the rule's latch is at CRIT underneath.
    type Status = { level: string; summary: string; collators: Array<{ name: string; level: string; findings: Array<{ rule: string; level: string; message: string }> }> };
    const stallOf = (status: Status) => status.collators.find((collator) => collator.name === 'no-core-collator')?.findings.find((finding) => finding.rule === 'best-stalled');
    await expect.poll(async () => Number(/\(([\d.]+) block times/.exec(stallOf((await callApi(page, 'health.status', {})) as Status)?.message ?? '')?.[1] ?? 0), { timeout: 90_000 }).toBeGreaterThan(5);
    const status = (await callApi(page, 'health.status', {})) as Status;
    expect(stallOf(status)?.level).toBe('ok');
    expect(status.collators.find((collator) => collator.name === 'no-core-collator')?.level).toBe('ok');
    expect(status.summary).toContain(words);
    expect(status.summary).not.toMatch(/CRIT|WARN/);
    const alerts = (await callApi(page, 'health.alerts', { limit: 200, unacknowledgedOnly: false })) as ParaAlert[];
    expect(alerts.filter((candidate) => candidate.subjectName === 'no-core-collator').every((candidate) => candidate.to !== 'crit' && candidate.from !== 'crit')).toBe(true);

    await page.getByRole('link', { name: 'Alerts' }).click();
    const row = page.getByRole('table', { name: 'Alert history' }).getByRole('row').filter({ hasText: words }).first();
    await expect(row).toContainText('Information');
    await expect(row).toContainText('nothing broken: information only');
    await expect(row).not.toContainText('CRIT');
    await row.screenshot({ path: screenshotPath('diagnosis-alert-no-core') });
    const current = page.getByRole('table', { name: 'Current status' }).getByRole('row').filter({ hasText: 'no-core-collator' });
    await expect(current).toContainText('OK');
    await expect(current).toContainText(words);
    await current.screenshot({ path: screenshotPath('diagnosis-status-no-core') });
    expect(errors).toEqual([]);
  });

  test("each para's panel and alert name the relay's reason", async ({ page }) => {
    test.setTimeout(360_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // Governance puts core 0 in the on-demand pool, as the Coretime chain's assignCore would.
    await relay.sudo(relay.tx('coretime', 'assignCore', 0, (await relay.head()) + 1, [[{ Pool: null }, 57_600]], null));
    // One lease ends: root clears it (slots.clearAllLeases), and the downgrade the slots pallet schedules when a lease
    // period ends without a lease is scheduled by root now (paraSudoWrapper), rather than waiting out a lease period.
    await relay.sudo(relay.tx('slots', 'clearAllLeases', para.lease));
    await relay.sudo(relay.tx('paraSudoWrapper', 'sudoScheduleParachainDowngrade', para.lease));
    // Root deregisters a parathread: it offboards at the next session.
    await relay.sudo(relay.tx('registrar', 'deregister', para.offboard));
    // Registered after the sessions passed: still onboarding.
    para.onboard = await registerPara(relay, relay.account('//Dave'));
    const empty = relay.account('//DiagnosisEmpty').address;

    type Row = { id: number; cause: string; words: string; panel: 'card' | 'collator'; alert: 'parachain' | 'collator' };
    const rows: Row[] = [
      { id: para.notRegistered, cause: 'not-registered', words: `The relay has no para ${para.notRegistered}: it is not registered`, panel: 'card', alert: 'collator' },
      { id: para.onboard, cause: 'onboarding', words: `Para ${para.onboard} is still onboarding`, panel: 'card', alert: 'collator' },
      { id: para.offboard, cause: 'offboarding', words: `Para ${para.offboard} is offboarding (OffboardingParathread)`, panel: 'card', alert: 'collator' },
      { id: para.lease, cause: 'lease-ended', words: `No core assigned: para ${para.lease}'s lease ended and the relay is making it an on-demand para`, panel: 'card', alert: 'collator' },
      { id: para.order, cause: 'on-demand-no-order', words: `No core assigned: para ${para.order} is on demand and no order is placed for it`, panel: 'card', alert: 'collator' },
      // The console is this para's operator: it knows the ordering account, which holds nothing.
      { id: para.funds, cause: 'on-demand-no-funds', words: `the ordering account ${empty} can spend 0 planck, less than one order`, panel: 'card', alert: 'collator' },
      // What only a collator shows: its own chain against the relay's head.
      { id: para.head, cause: 'head-mismatch', words: "is not the collator's block at that number", panel: 'collator', alert: 'collator' },
      { id: para.notBacked, cause: 'not-backed', words: `No candidate of para ${para.notBacked} was backed in relay blocks`, panel: 'card', alert: 'parachain' },
      { id: para.backed, cause: 'backed-not-included', words: 'Backed but not included for', panel: 'card', alert: 'parachain' },
      { id: para.upgrade, cause: 'code-upgrade-pending', words: 'while a code upgrade is under way', panel: 'card', alert: 'parachain' },
    ];
    const collatorName = (row: Row) => `${row.cause}-collator`;
    await connectToRelay(page, consoleServer, relay, [para.noCore, ...rows.map((row) => row.id)]);
    await callApi(page, 'onboarding.update', { patch: { paraId: para.funds, signer: { kind: 'watch', address: empty }, blockspace: 'on-demand' } });
    for (const row of rows) await profileOf(page, relay.wsUrl, row.id, row.alert === 'collator' ? { name: collatorName(row), keepRunning: true } : {});

    // A code upgrade scheduled by root for a para with a core; it applies after the relay's upgrade delay, so it is scheduled last.
    const newCode = `${TINY_VALIDATION_CODE}01` as const;
    await trustValidationCode(relay, newCode);
    await relay.sudo(relay.tx('paras', 'forceScheduleCodeUpgrade', para.upgrade, newCode, await relay.head()));
    // A validator group backs a candidate of one para; it never becomes available. Then relay blocks go by with nothing included.
    await relay.newBlocks({ count: 1 });
    await candidateEventsAtHead(relay, [{ kind: 'CandidateBacked', paraId: para.backed }]);
    await relay.newBlocks({ count: 3 });

    for (const row of rows) {
      await test.step(`panel: ${row.cause}`, async () => {
        let panel: Locator;
        if (row.panel === 'card') {
          await page.goto(`${consoleServer.origin}/#/parachains`);
          panel = await paraPanel(page, row.id);
        } else {
          await openCollators(page, consoleServer.url);
          await page.getByRole('table', { name: 'Collators' }).getByRole('link', { name: collatorName(row), exact: true }).click();
          panel = detail(page, collatorName(row)).getByRole('region', { name: 'Why not advancing?' });
        }
        await panel.getByRole('button', { name: 'Check again' }).click();
        await expect(panel.getByRole('status')).toContainText(row.words, { timeout: 60_000 });
        // The fresh read, not the one shown while checking again.
        await expect(panel.getByRole('button', { name: 'Check again' })).toBeVisible({ timeout: 30_000 });
        await expect(panel.getByRole('status')).toContainText(row.words);
        await panel.scrollIntoViewIfNeeded();
        await panel.screenshot({ path: screenshotPath(`diagnosis-${row.panel === 'card' ? 'para' : 'collator'}-${row.cause}`) });
      });
    }
    for (const row of rows) {
      await test.step(`alert: ${row.cause}`, async () => {
        const alert = await diagnosedAlert(page, (candidate) =>
          row.alert === 'parachain' ? candidate.subject.kind === 'parachain' && candidate.subject.paraId === row.id : candidate.subjectName === collatorName(row) && candidate.rule === 'best-stalled');
        expect(alert.diagnosis?.cause, row.cause).toBe(row.cause);
        expect(alert.diagnosis?.words).toContain(row.words);
      });
    }

    // The history page says each cause in its words.
    await page.getByRole('link', { name: 'Alerts' }).click();
    const history = page.getByRole('table', { name: 'Alert history' });
    for (const row of rows) await expect(history.getByRole('row').filter({ hasText: 'Why:' }).filter({ hasText: row.words }).first(), row.cause).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('a para whose bulk region ended unrenewed: its card and its collator\'s alert name the relay block the region ended at, as information', async ({ page }) => {
    test.skip(coretimeMissing !== undefined, coretimeMissing);
    test.setTimeout(240_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const chain = coretime!;
    // Governance starts the Coretime chain's sales; Bob buys a whole core's region once the lead-in is over and assigns it
    // to the para for good (Final), which earns the para the right to renew it at the region's end.
    await startCoretimeSales(chain, { endPricePlanck: 10n ** 12n, extraCores: 2, interludeLength: 100, leadinLength: 400, regionLength: 10 });
    const sale = (await chain.query('broker', 'saleInfo')).toJSON() as { saleStart: number; leadinLength: number; regionEnd: number };
    await setCoretimeRelayClock(chain, sale.saleStart + sale.leadinLength);
    const buyer = chain.account('//Bob');
    const bought = await chain.submit(chain.tx('broker', 'purchase', 10n ** 15n), buyer);
    const region = bought.events.find(({ event }) => event.section === 'broker' && event.method === 'Purchased')?.event.data[1]?.toJSON() as { begin: number; core: number; mask: string };
    await chain.submit(chain.tx('broker', 'assign', region, para.regionEnded, 'Final'), buyer);
    const right = (await chain.query('broker', 'potentialRenewals', { core: region.core, when: sale.regionEnd })).toJSON() as { completion?: { complete?: unknown } } | null;
    expect(right?.completion?.complete, 'a Final assignment of a whole core earns its right to renew').toBeDefined();

    // Nobody renews, and time passes the region's end: the relay moves past it, and the Coretime chain builds on that relay block.
    // (Last in this describe: the relay's clock jumps on.)
    const endedAt = sale.regionEnd * Number(chain.constant('broker', 'timeslicePeriod').toString());
    await jumpRelayTo(relay, endedAt + 1);
    await setCoretimeRelayClock(chain, endedAt + 1);

    await connectToRelay(page, consoleServer, relay, [para.regionEnded], chain);
    await profileOf(page, relay.wsUrl, para.regionEnded, { name: 'region-ended-collator', keepRunning: true });
    await page.goto(`${consoleServer.origin}/#/parachains`);
    await page.reload();
    const panel = await paraPanel(page, para.regionEnded);
    await panel.getByRole('button', { name: 'Check again' }).click();
    const words = `No core assigned: the region ended at relay block ${endedAt.toLocaleString('en-US')}.`;
    await expect(panel.getByRole('status')).toContainText(words, { timeout: 60_000 });
    await expect(panel.getByRole('button', { name: 'Check again' })).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByRole('status')).toContainText(words);
    await expect(panel.getByRole('status')).not.toContainText(/collator/i);
    await expect(panel.getByRole('list', { name: 'Checks' })).toContainText(`a region ended at relay block ${endedAt.toLocaleString('en-US')}`);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('diagnosis-para-region-ended') });

    // Its collator's stall is the alert a para without a core gets: information, never CRIT.
    const alert = await diagnosedAlert(page, (candidate) => candidate.subjectName === 'region-ended-collator' && candidate.rule === 'best-stalled');
    expect(alert.diagnosis).toMatchObject({ cause: 'region-ended', verdict: 'idle' });
    expect(alert.diagnosis?.words).toContain(words);
    expect(alert.to).not.toBe('crit');
    await page.getByRole('link', { name: 'Alerts' }).click();
    const row = page.getByRole('table', { name: 'Alert history' }).getByRole('row').filter({ hasText: 'Why:' }).filter({ hasText: words }).first();
    await expect(row).toContainText('Information');
    await expect(row).not.toContainText('CRIT');
    await row.screenshot({ path: screenshotPath('diagnosis-alert-region-ended') });
    const current = page.getByRole('table', { name: 'Current status' }).getByRole('row').filter({ hasText: 'region-ended-collator' });
    await expect(current).toContainText('OK');
    await expect(current).toContainText(words);
    expect(errors).toEqual([]);
  });
});

test.describe("a collator's keys, on the real Paseo Coretime chain", () => {
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

  test('the panel and the stall alert say what is wrong with its keys: not in the authority set, not in the keystore, not set', async ({ page, consoleServer: headless }) => {
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

    // A collator whose keystore holds none of the session keys set on chain (the genesis collators' keys and Dave's).
    await openCollators(page, headless.url);
    await keysCase(page, 'blank', '', "session key sets on the parachain is in this collator's keystore", 'keys-not-in-keystore');

    // Every account with session keys purges them (session.purgeKeys, each signed by its own account): a chain where nobody has set keys.
    const withKeys = await coretime.api.query['session']!['nextKeys']!.keys();
    const devAccounts = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((uri) => coretime.account(uri));
    for (const key of withKeys) {
      const account = coretime.api.createType('AccountId32', key.args[0]).toString();
      const signer = devAccounts.find((candidate) => coretime.api.createType('AccountId32', candidate.address).toString() === account);
      if (!signer) throw new Error(`session keys of ${account}, not a dev account, cannot be purged here`);
      await coretime.submit(coretime.tx('session', 'purgeKeys'), signer);
    }
    expect(await coretime.api.query['session']!['nextKeys']!.keys()).toHaveLength(0);
    await openCollators(page, headless.url);
    await keysCase(page, 'fresh', '', 'no session keys are set on the parachain', 'keys-not-set');
    expect(errors).toEqual([]);
  });
});

/** Adds and starts a collator of the Coretime chain (it stops making blocks after 4 s); its panel and its stall alert name `cause`. */
async function keysCase(page: Page, name: string, args: string, words: string, cause: string): Promise<void> {
  await addCollator(page, name, `${args} --fake-stall-after-ms 4000`.trim());
  const collator = detail(page, name);
  await collator.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(collator.getByText('Running', { exact: true })).toBeVisible({ timeout: 60_000 });
  const panel = collator.getByRole('region', { name: 'Why not advancing?' });
  await panel.getByRole('button', { name: 'Check again' }).click();
  await expect(panel.getByRole('status')).toContainText(words, { timeout: 60_000 });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: screenshotPath(`diagnosis-collator-${cause}`) });
  const alert = await diagnosedAlert(page, (candidate) => candidate.subjectName === name && candidate.rule === 'best-stalled');
  expect(alert.diagnosis?.cause, name).toBe(cause);
  await page.getByRole('link', { name: 'Alerts' }).click();
  const row = page.getByRole('table', { name: 'Alert history' }).getByRole('row').filter({ hasText: name }).filter({ hasText: 'Why:' }).first();
  await expect(row).toContainText(words);
}
