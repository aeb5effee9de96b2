import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { addCollator, detail, openCollators, useCollatorWorkspace } from './collators-steps';
import { expect, screenshotPath, startHeadlessConsole, test, type HeadlessConsole } from './headless-console';

/**
 * The dashboard's counted charts: a collator's authored blocks per minute
 * (from its own log: the fake collator exports no authored counter), and for
 * its parachain the blocks included per Aura author and the on-demand
 * spending over time. No parachain block is included on a relay without a
 * real collator, so the relay side is the tests' relay-blocks feed
 * (`support/relay-blocks-feed.ts`, wired in by the tests' own entry), and
 * the week of spending before today is chart history left on disk by an
 * earlier run of the console.
 */
useCollatorWorkspace();
test.describe.configure({ mode: 'serial' });

const PARA_ID = 1000; // the fake collator's chain spec
const MINUTE_MS = 60_000;
const ORDER_PLANCK = 1_230_000_000; // 0.123 PAS a block

let headless: (HeadlessConsole & { stop(): Promise<void> }) | undefined;

test.beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-charts-'));
  writeWeekOfSpending(dataDir, Date.now());
  headless = await startHeadlessConsole(dataDir, { relayBlocks: true });
});

test.afterAll(async () => {
  await headless?.stop();
});

test('a running collator’s authored blocks, and its parachain’s inclusions per author and on-demand spending, light and dark at 1024×700', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const url = headless!.url;
  await page.setViewportSize({ width: 1024, height: 700 });
  await openCollators(page, url);
  await addCollator(page, 'alice', '--fake-block-ms 1000');
  const node = detail(page, 'alice');
  await node.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(node.getByText('Running', { exact: true })).toBeVisible();

  // The collator: blocks it prepared, counted per minute.
  const authored = page.getByRole('figure', { name: /^Authored blocks \/ min: [1-9]\d* in 1 h$/ });
  await expect(authored).toBeVisible({ timeout: 60_000 });
  await expect(authored.locator('.recharts-bar-rectangle').first()).toBeVisible();

  // Its parachain, from the relay side: who authored the included blocks, the silent third author named as such.
  const card = page.getByRole('article', { name: `Parachain ${PARA_ID}` });
  const authors = card.getByRole('region', { name: 'Blocks included per author' });
  const countOf = (author: string) => authors.getByRole('listitem').filter({ hasText: author }).locator('.author-bar-count');
  await expect(countOf('Author 0')).toHaveText(/^[1-9]\d*$/, { timeout: 60_000 });
  await expect(countOf('Author 1')).toHaveText(/^[1-9]\d*$/);
  await expect(countOf('Author 2')).toHaveText('none');

  // On-demand spending: the week on disk plus today's orders, in PAS, exact figures from bigint sums.
  const spending = card.getByRole('region', { name: 'On-demand spending' });
  const week = spending.locator('dt:text-is("This week") + dd');
  const today = spending.locator('dt:text-is("Today") + dd');
  await expect(week).toHaveText(/^[\d,]+(\.\d+)? PAS$/);
  await expect(today).toHaveText(/^[\d,]+(\.\d+)? PAS$/);
  expect(pasOf(await week.innerText())).toBeGreaterThan(pasOf(await today.innerText()));
  await expect(spending.getByRole('figure', { name: /^Spent per hour: / }).locator('.recharts-bar-rectangle').first()).toBeVisible();

  await shoot(page, card, 'dashboard-charts-1-parachain-24h-1024x700');
  await spending.getByText('7 days').click();
  await expect(spending.getByRole('figure', { name: /^Spent per day: / })).toBeVisible();
  await expect(spending.getByRole('figure', { name: /^Spent per day: / }).locator('.recharts-bar-rectangle')).toHaveCount(7);
  await shoot(page, card, 'dashboard-charts-2-parachain-7d-1024x700');
  await shoot(page, authored, 'dashboard-charts-3-collator-authored-1024x700');

  await darkScreens(browser, url);

  await node.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(node.getByText('Stopped', { exact: true })).toBeVisible({ timeout: 60_000 });
});

/** The same two views in the dark theme, in a second window on the same console. */
async function darkScreens(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1024, height: 700 } });
  try {
    const dark = await context.newPage();
    await openCollators(dark, url);
    await dark.getByRole('link', { name: 'alice' }).click();
    const card = dark.getByRole('article', { name: `Parachain ${PARA_ID}` });
    await expect(card.getByRole('region', { name: 'On-demand spending' }).locator('.recharts-bar-rectangle').first()).toBeVisible({ timeout: 30_000 });
    await shoot(dark, card, 'dashboard-charts-4-parachain-dark-1024x700');
    const authored = dark.getByRole('figure', { name: /^Authored blocks \/ min: / });
    await expect(authored.locator('.recharts-bar-rectangle').first()).toBeVisible({ timeout: 30_000 });
    await shoot(dark, authored, 'dashboard-charts-5-collator-authored-dark-1024x700');

    // The Parachains screen shows the same overview above the registration cards.
    await dark.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Parachains' }).click();
    const onParachains = dark.getByRole('article', { name: `Parachain ${PARA_ID}` });
    await expect(onParachains.getByRole('region', { name: 'Blocks included per author' })).toBeVisible();
    await shoot(dark, onParachains, 'dashboard-charts-6-parachains-screen-dark-1024x700');
  } finally {
    await context.close();
  }
}

/** The window as the operator sees it, scrolled to `target`. */
async function shoot(page: Page, target: ReturnType<Page['locator']>, name: string): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0); // no tooltip or hover band left over from a click
  await page.screenshot({ path: screenshotPath(name) });
}

function pasOf(text: string): number {
  return Number(text.replace(/[^\d.]/g, ''));
}

/**
 * Chart history as the console leaves it on disk (`health/series.jsonl`, one
 * line per series: the first minute, then steps in minutes, and the values):
 * an order every ten minutes for the week before now, busier on some days.
 */
function writeWeekOfSpending(dataDir: string, nowMs: number): void {
  const endMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS - 5 * MINUTE_MS;
  const startMs = endMs - 7 * 24 * 60 * MINUTE_MS;
  const steps: number[] = [];
  const values: number[] = [];
  for (let atMs = startMs, i = 0; atMs <= endMs; atMs += 10 * MINUTE_MS, i += 1) {
    steps.push(i === 0 ? atMs : 10);
    const day = Math.floor((atMs - startMs) / (24 * 60 * MINUTE_MS));
    values.push(i % 3 === 0 ? 0 : ORDER_PLANCK * (1 + (day % 3)));
  }
  mkdirSync(join(dataDir, 'health'), { recursive: true });
  writeFileSync(join(dataDir, 'health', 'series.jsonl'), `${JSON.stringify({ k: `parachain:${PARA_ID}:onDemandSpentPlanck`, c: [steps, values] })}\n`);
}
