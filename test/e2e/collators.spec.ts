import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshotPath, startHeadlessConsole, test } from './headless-console';
import { addCollator, detail, openCollators, useCollatorWorkspace, workspace } from './collators-steps';
import { screenshotWhole } from './screenshot-whole';

// The real supervisor runs the fake collator CLI fixture (Substrate-style logs,
// RPC and Prometheus); only the restart backoff is shortened so a crash loop
// happens within the test.
test.use({ consoleDoubles: { fastRestarts: true } });
useCollatorWorkspace();

test('an operator adds a collator, starts it, watches its state and log, exports genesis, and stops it', async ({ page, consoleServer: headless }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));

  await openCollators(page, headless.url);
  await expect(page.getByText('No collator yet')).toBeVisible();
  await page.screenshot({ path: screenshotPath('collators-empty') });

  // A wrong binary is caught before saving, in plain words with what to do.
  await page.getByRole('button', { name: 'Add collator' }).first().click();
  const form = page.getByRole('form', { name: 'New collator' });
  await form.getByLabel('Binary path').fill(join(workspace.dir, 'no-such-node'));
  await form.getByRole('button', { name: 'Check binary' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await form.getByRole('button', { name: 'Add collator' }).click();
  await expect(form.getByText('Give the collator a name.')).toBeVisible();
  await screenshotWhole(page, 'collators-form-errors');

  // The right one shows its version and the genesis commands it knows.
  await form.getByLabel('Binary path').fill(workspace.fakeCollator);
  await form.getByRole('button', { name: 'Check binary' }).click();
  await expect(form.getByText('fake-collator 1.7.0-f4ce0c011')).toBeVisible();
  await expect(form.getByText(/export-genesis-head, export-genesis-wasm/)).toBeVisible();
  await form.getByLabel('Name', { exact: true }).fill('collator-1');
  await form.getByLabel('Chain spec file').fill(workspace.specPath);
  await form.getByLabel('Base path').fill(join(workspace.dir, 'base', 'collator-1'));
  await form.getByLabel('Relay chain name or spec').fill('rococo-local');
  await screenshotWhole(page, 'collators-form-filled');
  await form.getByRole('button', { name: 'Add collator' }).click();

  // Saved: the ports chosen for both halves are shown.
  const node = detail(page, 'collator-1');
  await expect(node).toBeVisible();
  await expect(node.getByText(/p2p \d+ · rpc \d+ · prometheus \d+/).first()).toBeVisible();
  await expect(node.getByText('Stopped', { exact: true })).toBeVisible();

  // Start: live state, block progress and the log.
  await node.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(node.getByText('Running', { exact: true })).toBeVisible();
  // Charts opened while the node was stopped learn that it runs: until their points come they say they are collecting them.
  await expect(page.getByText('Collecting points…').first()).toBeVisible();
  await expect(node.getByText(/best #\d+, finalized #\d+, \d+ peers/).first()).toBeVisible();
  const log = page.getByRole('log', { name: 'Log of collator-1: lines' });
  await expect(log.getByText(/Imported #\d+/).first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Collators' }).getByText(/#\d+ \/ #\d+/)).toBeVisible();
  await expect(node.getByText(/^\d+(\.\d)? (KiB|MiB)$/).first()).toBeVisible(); // memory sampled
  await expect(node.locator('.recharts-line').first()).toBeVisible({ timeout: 30_000 }); // two seconds of points
  await screenshotWhole(page, 'collators-running');

  // Filter by text and level.
  const viewer = page.getByRole('region', { name: 'Log of collator-1' });
  await viewer.getByPlaceholder('Filter lines…').fill('Idle');
  await expect(log.getByText(/Idle \(\d+ peers\)/).first()).toBeVisible();
  await expect(log.getByText(/Imported #/)).toHaveCount(0);
  await screenshotWhole(page, 'collators-log-filtered');
  await viewer.getByPlaceholder('Filter lines…').fill('');
  await viewer.getByRole('button', { name: 'Info' }).click();
  await expect(log.getByText(/Imported #/)).toHaveCount(0);
  await viewer.getByRole('button', { name: 'Info' }).click();

  // Scrolling up pauses follow mode; "Jump to latest" resumes it.
  await expect(log.getByText(/Imported #\d+/).first()).toBeVisible();
  await expect.poll(() => log.evaluate((el) => el.scrollHeight > el.clientHeight + 100), { timeout: 60_000 }).toBe(true);
  await log.hover();
  await page.mouse.wheel(0, -100_000); // the operator's own scrolling: a scroll the page makes by itself never pauses the list
  await expect(viewer.getByText('Paused')).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  await screenshotWhole(page, 'collators-log-paused');
  await viewer.getByRole('button', { name: 'Jump to latest' }).click();
  await expect(viewer.getByText('Following')).toBeVisible();

  // Genesis export: sizes and hashes.
  await node.getByLabel('Para id').fill('2000');
  await node.getByRole('button', { name: 'Export genesis' }).click();
  const artifacts = node.getByRole('status', { name: 'Genesis artifacts' });
  await expect(artifacts.getByText('Validation code')).toBeVisible();
  await expect(artifacts.getByText(/^0x[0-9a-f]{64}$/)).toHaveCount(3);
  await node.getByRole('heading', { name: 'Genesis artifacts' }).scrollIntoViewIfNeeded();
  await screenshotWhole(page, 'collators-genesis-exported');

  // Stop.
  await node.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(node.getByText('Stopped', { exact: true })).toBeVisible({ timeout: 60_000 });

  // Edit: a port another program holds is refused with its number and what to do; a free one is saved.
  const squatter = createServer();
  await new Promise<void>((done) => squatter.listen(0, '127.0.0.1', done));
  const takenPort = (squatter.address() as AddressInfo).port;
  try {
    await node.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit collator-1' });
    await edit.getByLabel("the parachain node's RPC port").fill(String(takenPort));
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByRole('alert').filter({ hasText: `Port ${takenPort} is already in use` })).toBeVisible();
    await screenshotWhole(page, 'collators-edit-port-taken');
  } finally {
    await new Promise((done) => squatter.close(done));
  }
  const freePort = await new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
  const edit = page.getByRole('form', { name: 'Edit collator-1' });
  await edit.getByLabel("the parachain node's RPC port").fill(String(freePort));
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(node.getByText(new RegExp(`rpc ${freePort} ·`))).toBeVisible();
  expect(errors).toEqual([]);
});

test('a collator that keeps crashing ends in a crash loop the operator sees, then is deleted', async ({ page, consoleServer: headless }) => {
  await openCollators(page, headless.url);
  await addCollator(page, 'flaky', '--fake-crash-after-ms 300');
  const node = detail(page, 'flaky');
  await node.getByRole('button', { name: 'Start', exact: true }).click();

  await expect(node.getByText('Crash loop', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('alert').filter({ hasText: /flaky/ }).first()).toBeVisible();
  await expect(node.getByText(/exited with code 1 \(crash\)/)).toBeVisible();
  await screenshotWhole(page, 'collators-crash-loop');

  await page.getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Current status' }).getByRole('row').filter({ hasText: 'flaky' }).getByText('CRIT')).toBeVisible();
  await screenshotWhole(page, 'alerts-crash-loop');

  await page.getByRole('link', { name: 'Collators' }).click();
  await page.getByRole('table', { name: 'Collators' }).getByRole('link', { name: 'flaky' }).click();
  await node.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete flaky?' });
  await expect(confirm).toBeVisible();
  await page.screenshot({ path: screenshotPath('collators-delete-confirm') });
  await confirm.getByRole('button', { name: 'Delete profile' }).click();
  await expect(page.getByText('No collator yet')).toBeVisible();
});

test('collators left running by a previous session are offered for adoption', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-orphans-'));
  const first = await startConsoleKeepingData(dataDir);
  const firstPage = await browser.newPage();
  await openCollators(firstPage, first.url);
  await addCollator(firstPage, 'survivor');
  await detail(firstPage, 'survivor').getByRole('button', { name: 'Start', exact: true }).click();
  await expect(detail(firstPage, 'survivor').getByText('Running', { exact: true })).toBeVisible();
  await firstPage.close();
  await first.stop();

  const second = await startHeadlessConsole(dataDir);
  try {
    const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1024, height: 700 } });
    const page = await context.newPage();
    await openCollators(page, second.url);
    const orphans = page.getByRole('region', { name: 'Collators left running' });
    await expect(orphans.getByText(/still running from a previous session/)).toBeVisible();
    await screenshotWhole(page, 'collators-orphans-dark-1024');
    const startupNotice = page.getByRole('alert').filter({ hasText: 'Collators left running' });
    await expect(startupNotice).toBeVisible();
    await orphans.getByRole('button', { name: 'Adopt it' }).click();
    await expect(orphans).toBeHidden();
    // Dealt with: the start-up notice about them goes too.
    await expect(startupNotice).toBeHidden();
    await page.getByRole('table', { name: 'Collators' }).getByRole('link', { name: 'survivor' }).click();
    const node = detail(page, 'survivor');
    await expect(node.getByText('Running (adopted)')).toBeVisible();
    await expect(page.getByRole('log', { name: 'Log of survivor: lines' }).getByText(/Imported #\d+/).first()).toBeVisible();
    await page.screenshot({ path: screenshotPath('collators-detail-dark-1024') });
    await screenshotWhole(page, 'collators-detail-dark-1024-full');
    await node.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(node.getByText('Stopped', { exact: true })).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Add collator' }).first().click();
    await expect(page.getByRole('form', { name: 'New collator' })).toBeVisible();
    await screenshotWhole(page, 'collators-form-dark-1024');
    await context.close();
  } finally {
    await second.stop();
  }
});

/**
 * A console over a data folder that outlives it: stopping it with SIGTERM is
 * an operator's Ctrl-C, which leaves the collators running for the next one.
 */
async function startConsoleKeepingData(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['out/main/server.js', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) resolveUrl(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the console exited with ${code}:\n${output}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
