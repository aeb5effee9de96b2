import { startRemoteFixtureNode, type RemoteFixtureNode } from '../support/remote-fixture-node';
import { addCollator, detail, openCollators, useCollatorWorkspace } from './collators-steps';
import { expect, screenshotPath, test } from './headless-console';
import { screenshotWhole } from './screenshot-whole';

useCollatorWorkspace();

// Two fixture nodes started here, as systemd would start them: the console's supervisor never hears of them.
let steady: RemoteFixtureNode;
let doomed: RemoteFixtureNode;
test.beforeEach(async () => {
  steady = await startRemoteFixtureNode('remote-steady');
  doomed = await startRemoteFixtureNode('remote-doomed');
});
test.afterEach(async () => {
  await Promise.all([steady.kill(), doomed.kill()]);
});

test('an operator adds collators that run elsewhere, sees them in one fleet table, and is alerted when one stalls and one goes down', async ({ page, consoleServer: headless }) => {
  test.setTimeout(150_000);
  await openCollators(page, headless.url);
  await addCollator(page, 'local-1');

  await page.getByRole('button', { name: 'Add remote collator' }).click();
  const form = page.getByRole('form', { name: 'New remote collator' });
  await expect(form.getByText('ssh -N -L 9944:127.0.0.1:9944 user@host')).toBeVisible();
  // An address across the network: the console says so, with the tunnel to use instead.
  await form.getByLabel('RPC address').fill('ws://10.0.0.5:9944');
  await expect(form.getByRole('note', { name: 'Not a loopback address' })).toContainText('ssh -N -L 9944:127.0.0.1:9944 user@10.0.0.5');
  await form.screenshot({ path: screenshotPath('remote-collator-form-not-loopback') });
  // Bad input is refused in words and nothing typed is lost.
  await form.getByLabel('Name').fill('local-1');
  await form.getByLabel('RPC address').fill('ftp://10.0.0.5');
  await form.getByRole('button', { name: 'Add remote collator' }).click();
  await expect(form.getByText(/Must be a ws:\/\/, wss:\/\/, http:\/\/, https:\/\/ address/)).toBeVisible();
  await form.getByLabel('RPC address').fill(steady.rpcUrl);
  await form.getByRole('button', { name: 'Add remote collator' }).click();
  await expect(form.getByText('A collator is already named local-1.')).toBeVisible();
  await expect(form.getByLabel('RPC address')).toHaveValue(steady.rpcUrl);

  await form.getByLabel('Name').fill('remote-steady');
  await form.getByLabel('Prometheus address (optional)').fill(steady.metricsUrl);
  await form.getByRole('button', { name: 'Add remote collator' }).click();
  await expect(detail(page, 'remote-steady')).toBeVisible();

  await page.getByRole('button', { name: 'Add remote collator' }).click();
  await form.getByLabel('Name').fill('remote-doomed');
  await form.getByLabel('RPC address').fill(doomed.rpcUrl);
  await form.getByRole('button', { name: 'Add remote collator' }).click();
  await expect(detail(page, 'remote-doomed')).toBeVisible();

  // One table: the local node on this machine, the remote ones at their address, reached and advancing.
  const table = page.getByRole('table', { name: 'Collators' });
  const row = (name: string) => table.getByRole('row').filter({ hasText: name });
  await expect(row('local-1')).toContainText('this machine');
  for (const node of [steady, doomed]) {
    await expect(row(node.name)).toContainText(new URL(node.rpcUrl).host);
    await expect(row(node.name).getByText('Reachable')).toBeVisible({ timeout: 30_000 });
  }
  await expect(row('remote-steady')).toContainText('n/a');
  await expect(detail(page, 'remote-doomed').getByText(/Not available for a remote collator/)).toBeVisible();

  // A stall: the node still answers but makes no block.
  steady.stall();
  await expect(row('remote-steady').getByText(/has not imported a block for/)).toBeVisible({ timeout: 60_000 });
  // A crash: the node is gone, and the console says why it cannot reach it.
  await doomed.kill();
  await expect(row('remote-doomed').getByText('Unreachable')).toBeVisible({ timeout: 30_000 });
  await expect(row('remote-doomed').getByText(/connection refused by 127\.0\.0\.1/)).toBeVisible({ timeout: 30_000 });
  await screenshotWhole(page, 'remote-collators-fleet');

  // Its "Why not advancing?" looks it up as a remote collator (not as an unknown profile); added without a para id, and
  // with no parachain configured here, the diagnosis is refused naming that cause and what to do.
  await page.getByRole('table', { name: 'Collators' }).getByRole('link', { name: 'remote-steady', exact: true }).click();
  const panel = detail(page, 'remote-steady').getByRole('region', { name: 'Why not advancing?' });
  await panel.getByRole('button', { name: 'Check again' }).click();
  await expect(panel.getByRole('alert')).toContainText('Remote collator remote-steady has no para id, and the console has no parachain configured to take it from.', { timeout: 30_000 });
  await expect(panel.getByRole('alert')).toContainText('Remove it and add it again with its para id.');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: screenshotPath('diagnosis-remote-collator-no-para-id') });

  await page.getByRole('link', { name: 'Alerts' }).click();
  const history = page.getByRole('table', { name: 'Alert history' });
  await expect(history.getByRole('row').filter({ hasText: 'remote-steady' }).getByText('Best block not advancing').first()).toBeVisible();
  await expect(history.getByRole('row').filter({ hasText: 'remote-doomed' }).getByText('RPC unreachable').first()).toBeVisible();
});
