import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addCollator, detail, openCollators, useCollatorWorkspace } from './collators-steps';
import { expect, screenshotPath, test } from './headless-console';
import { screenshotWhole } from './screenshot-whole';

// A crash-looping fake collator gives the history real alerts; the restart backoff is shortened for the test.
test.use({ consoleDoubles: { fastRestarts: true } });
useCollatorWorkspace();

/** The team's chat endpoint: a real HTTP server on 127.0.0.1 that records each POST and answers with the status we choose. */
async function startReceiver(status: number): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
  const bodies: unknown[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(JSON.parse(body || 'null'));
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, bodies, close: () => new Promise((done) => server.close(() => done())) };
}

test('an operator reads the alerts of a crash-looping collator and acknowledges them', async ({ page, consoleServer: headless }) => {
  await openCollators(page, headless.url);
  await addCollator(page, 'flaky', '--fake-crash-after-ms 300');
  await detail(page, 'flaky').getByRole('button', { name: 'Start', exact: true }).click();
  await expect(detail(page, 'flaky').getByText('Crash loop', { exact: true })).toBeVisible({ timeout: 60_000 });

  await page.getByRole('link', { name: 'Alerts' }).click();
  const history = page.getByRole('table', { name: 'Alert history' });
  await expect(history.getByText(/Crash loop/).first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Current status' }).getByRole('row').filter({ hasText: 'flaky' }).getByText('CRIT')).toBeVisible();
  await screenshotWhole(page, 'alerts-history');

  const rows = history.getByRole('row');
  const before = await history.getByRole('button', { name: 'Acknowledge' }).count();
  expect(before).toBeGreaterThan(0);
  await rows.nth(1).getByRole('button', { name: 'Acknowledge' }).click();
  await expect(rows.nth(1).getByText('Seen')).toBeVisible();

  await page.getByRole('button', { name: /Acknowledge all/ }).click();
  await expect(history.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
  await page.getByLabel('Only not yet acknowledged').check();
  await expect(page.getByText('No alert waiting for acknowledgement.')).toBeVisible();

  // Thresholds: a per-collator override, kept across a reload, then dropped again.
  const rules = page.getByRole('form', { name: 'Rule thresholds' });
  await page.getByLabel('Thresholds for').selectOption({ label: 'Collator flaky' });
  await rules.getByLabel('Peers: warn below').fill('4');
  await rules.getByLabel('Crash loop: within').fill('5');
  await rules.getByLabel('Syncing too long').uncheck();
  await rules.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(rules.getByText('Saved.')).toBeVisible();
  await page.reload();
  await page.getByLabel('Thresholds for').selectOption({ label: 'Collator flaky' });
  await expect(rules.getByLabel('Peers: warn below')).toHaveValue('4');
  await expect(rules.getByLabel('Crash loop: within')).toHaveValue('5');
  await expect(rules.getByLabel('Syncing too long')).not.toBeChecked();
  await expect(rules.getByText('changed here')).toHaveCount(2);
  await rules.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('alerts-rules-override') });
  await rules.getByRole('button', { name: 'Use the defaults again' }).click();
  await expect(rules.getByLabel('Peers: warn below')).toHaveValue('2');
  await expect(rules.getByText('changed here')).toHaveCount(0);

  // A value that is not a number is refused in words.
  await rules.getByLabel('Finality lag: warn at').fill('ten');
  await rules.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(rules.getByText('A whole number, 0 or more.')).toBeVisible();
});

test('an operator connects the team webhook and sends a test alert, and sees a failing one explained', async ({ browser, consoleServer: headless }) => {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1024, height: 700 } });
  const page = await context.newPage();
  const good = await startReceiver(200);
  const broken = await startReceiver(500);
  try {
    await page.goto(headless.url);
    await page.getByRole('link', { name: 'Alerts' }).click();
    // The address is a secret: the first time, the operator chooses the passphrase that encrypts it.
    const vault = page.getByRole('form', { name: 'Choose the vault passphrase' });
    await expect(vault.getByText('A webhook address often carries the team\'s token')).toBeVisible();
    await vault.screenshot({ path: screenshotPath('alerts-webhook-vault-dark-1024') });
    await vault.getByLabel('Passphrase').fill('correct horse battery');
    await vault.getByLabel('Type it again').fill('correct horse battery');
    await vault.getByRole('button', { name: 'Create the vault' }).click();
    const webhook = page.getByRole('form', { name: 'Webhook' });
    await expect(webhook.getByRole('button', { name: 'Send a test alert' })).toBeDisabled();

    await webhook.getByLabel('Address').fill('ftp://nope');
    await webhook.getByRole('button', { name: 'Save webhook' }).click();
    await expect(webhook.getByText('The address starts with http:// or https://.')).toBeVisible();

    await webhook.getByLabel('Send alerts to a webhook').check();
    await webhook.getByLabel('Address').fill(good.url);
    await webhook.getByLabel('Attempts').fill('1');
    await webhook.getByRole('button', { name: 'Save webhook' }).click();
    await expect(webhook.getByText('Saved.')).toBeVisible();
    await webhook.getByRole('button', { name: 'Send a test alert' }).click();
    await expect(webhook.getByText('Test alert delivered (HTTP 200, 1 attempt).')).toBeVisible();
    expect(good.bodies).toHaveLength(1);
    expect(JSON.stringify(good.bodies[0])).toContain('test alert');
    await webhook.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('alerts-webhook-delivered-dark-1024') });

    await webhook.getByLabel('Address').fill(broken.url);
    await webhook.getByRole('button', { name: 'Save webhook' }).click();
    await webhook.getByRole('button', { name: 'Send a test alert' }).click();
    await expect(webhook.getByText(/was not delivered after 1 attempt/)).toBeVisible();
    expect(broken.bodies).toHaveLength(1);
    await page.screenshot({ path: screenshotPath('alerts-webhook-failed-dark-1024') });
    await screenshotWhole(page, 'alerts-dark-1024');
  } finally {
    await good.close();
    await broken.close();
    await context.close();
  }
});
